import { useId } from 'react';
import { ITEM_STATES } from '../../../shared/orders';
import type { HistoryFilter } from '../../../shared/history';
import type { HistoryView } from '../../../shared/views';
import { STATE_LABELS } from '../../format';

/** A local calendar day as the ISO instant it starts at; `next` gives the following day (exclusive end). */
function dayToIso(day: string, next = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

/** The cache's filter for a saved view (the view keeps the days as typed, so they show again as typed). */
export function filterOf(view: HistoryView): HistoryFilter {
  return {
    search: view.search.trim() || undefined,
    supplier: view.supplier || undefined,
    state: view.state || undefined,
    from: dayToIso(view.from),
    to: dayToIso(view.to, true),
    hasErrors: view.errors === '' ? undefined : view.errors === 'yes',
  };
}

/** Search (prefix match on every word) and filters; every control labelled, their values the saved view's. */
export function HistoryFilters({ view, onChange }: { view: HistoryView; onChange(view: HistoryView): void }) {
  const id = useId();
  const set = (next: Partial<HistoryView>) => onChange({ ...view, ...next });
  return (
    <div className="history-filters" role="search" aria-label="Filter cached orders">
      <div className="field field-search">
        <label htmlFor={`${id}-search`}>Search orders</label>
        <input
          id={`${id}-search`}
          type="search"
          data-search
          placeholder="Reference, order id, email, name or product"
          value={view.search}
          onChange={(e) => set({ search: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-supplier`}>Supplier</label>
        <select
          id={`${id}-supplier`}
          value={view.supplier}
          onChange={(e) => set({ supplier: e.target.value as HistoryView['supplier'] })}
        >
          <option value="">Both</option>
          <option value="ascenda">Ascenda</option>
          <option value="gcp">GiftCard Partners</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>Status</label>
        <select
          id={`${id}-state`}
          value={view.state}
          onChange={(e) => set({ state: e.target.value as HistoryView['state'] })}
        >
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
        <input
          id={`${id}-from`}
          type="date"
          value={view.from}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={view.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-errors`}>Errors</label>
        <select
          id={`${id}-errors`}
          value={view.errors}
          onChange={(e) => set({ errors: e.target.value as HistoryView['errors'] })}
        >
          <option value="">Any</option>
          <option value="yes">With errors</option>
          <option value="no">Without errors</option>
        </select>
      </div>
    </div>
  );
}
