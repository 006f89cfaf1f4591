import { useEffect, useId, useState } from 'react';
import { ITEM_STATES } from '../../../shared/orders';
import type { HistoryFilter } from '../../../shared/history';
import { STATE_LABELS } from '../../format';

/** A local calendar day as the ISO instant it starts at; `next` gives the following day (exclusive end). */
function dayToIso(day: string, next = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

/** Search (debounced, prefix match on every word) and filters; every control labelled. */
export function HistoryFilters({ onChange }: { onChange(filter: HistoryFilter): void }) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [supplier, setSupplier] = useState('');
  const [state, setState] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      onChange({
        search: search.trim() || undefined,
        supplier: (supplier || undefined) as HistoryFilter['supplier'],
        state: (state || undefined) as HistoryFilter['state'],
        from: dayToIso(from),
        to: dayToIso(to, true),
        hasErrors: errors === '' ? undefined : errors === 'yes',
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [search, supplier, state, from, to, errors, onChange]);

  return (
    <div className="history-filters" role="search" aria-label="Filter cached orders">
      <div className="field field-search">
        <label htmlFor={`${id}-search`}>Search orders</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="Reference, order id, email, name or product"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-supplier`}>Supplier</label>
        <select id={`${id}-supplier`} value={supplier} onChange={(e) => setSupplier(e.target.value)}>
          <option value="">Both</option>
          <option value="ascenda">Ascenda</option>
          <option value="gcp">GiftCard Partners</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>Status</label>
        <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">Any</option>
          {ITEM_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-errors`}>Errors</label>
        <select id={`${id}-errors`} value={errors} onChange={(e) => setErrors(e.target.value)}>
          <option value="">Any</option>
          <option value="yes">With errors</option>
          <option value="no">Without errors</option>
        </select>
      </div>
    </div>
  );
}
