import { useEffect, useState } from 'react';
import { SUPPLIER_NAMES, SUPPLIERS, type Supplier } from '../../../shared/domain';
import type { DeskError } from '../../../shared/errors';
import { desk } from '../../desk';
import { formatMoney } from '../../format';
import type { CatalogueItem } from './order-form';
import { TextField } from '../../components/Field';

const SEARCH_DELAY_MS = 250;

interface CataloguePickerProps {
  selected: CatalogueItem | null;
  onSelect(item: CatalogueItem | null): void;
}

const denominationsOf = (item: CatalogueItem) =>
  item.supplier === 'gcp' && item.denominationType === 'Variable' && item.denominations.length > 1
    ? `${formatMoney(Math.min(...item.denominations), item.currency)} to ${formatMoney(Math.max(...item.denominations), item.currency)}`
    : item.denominations.map((d) => formatMoney(d, item.currency)).join(', ');

/** Supplier, then a search over its catalogue; the matches are a radio group, so arrow keys move through them. */
export function CataloguePicker({ selected, onSelect }: CataloguePickerProps) {
  const [supplier, setSupplier] = useState<Supplier>(selected?.supplier ?? 'ascenda');
  const [text, setText] = useState('');
  const [items, setItems] = useState<CatalogueItem[] | null>(null);
  const [error, setError] = useState<DeskError | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void desk()
        .catalogue.search({ supplier, text })
        .then((reply) => {
          if (!live) return;
          setItems(reply.ok ? reply.value : []);
          setError(reply.ok ? null : reply.error);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [supplier, text]);

  const pickSupplier = (next: Supplier) => {
    setSupplier(next);
    setItems(null);
    onSelect(null);
  };

  return (
    <section className="catalogue-picker" aria-labelledby="picker-heading">
      <h2 id="picker-heading">1. What to order</h2>
      <fieldset className="radio-row">
        <legend>Supplier</legend>
        {SUPPLIERS.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="supplier"
              value={s}
              checked={supplier === s}
              onChange={() => pickSupplier(s)}
            />
            {SUPPLIER_NAMES[s]}
          </label>
        ))}
      </fieldset>
      <TextField
        className="field-search"
        label={`Search the ${SUPPLIER_NAMES[supplier]} catalogue`}
        type="search"
        data-search
        value={text}
        placeholder="Brand, card name or id"
        onChange={setText}
      />
      {error && (
        <p className="form-error" role="alert">
          Could not search the catalogue: {error.message}
        </p>
      )}
      <fieldset className="picker-results">
        <legend>
          {items === null
            ? 'Searching…'
            : items.length === 0
              ? 'No matching items'
              : `${items.length} matching ${items.length === 1 ? 'item' : 'items'}`}
        </legend>
        {items?.map((item) => (
          <label key={item.id} className="picker-item">
            <input
              type="radio"
              name="catalogue-item"
              value={item.id}
              checked={selected?.id === item.id && selected.supplier === item.supplier}
              onChange={() => onSelect(item)}
            />
            <span className="picker-name">{item.name}</span>
            <span className="hint">
              {item.id} · {denominationsOf(item)}
              {item.supplier === 'gcp' ? ` · ${item.deliveryTypes.join(', ')}` : ''}
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
