import { formatMoney } from '../../../../shared/format';
import { isVariable, valueRange, type CatalogueItem } from '../order-form';
import type { PlacementForm } from '../use-placement-form';

/** The card's value: typed within the card's range, or one of its denominations. */
export function ValueField({ item, form }: { item: CatalogueItem; form: PlacementForm }) {
  const range = valueRange(item);
  return isVariable(item) && range
    ? form.text(
        'value',
        `Card value (${item.currency ?? 'no currency'})`,
        { inputMode: 'decimal' },
        `Any value from ${range.min} to ${range.max}.`,
      )
    : form.field('value', 'Denomination', (props) => (
        <select {...props}>
          {item.denominations.map((d) => (
            <option key={d} value={String(d)}>
              {formatMoney(d, item.currency)}
            </option>
          ))}
        </select>
      ));
}
