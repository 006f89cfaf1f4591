import { ITEM_STATES } from '../../../shared/orders';
import type { HistoryFilter } from '../../../shared/history';
import type { HistoryView } from '../../../shared/views';
import { DayFilter, FilterBar, InputFilter, SelectFilter, SupplierFilter } from '../../components/FilterBar';
import { localDayStart } from '../../days';
import { STATE_LABELS } from '../../format';

/** The cache's filter for a saved view (the view keeps the days as typed, so they show again as typed). */
export function filterOf(view: HistoryView): HistoryFilter {
  return {
    search: view.search.trim() || undefined,
    supplier: view.supplier || undefined,
    state: view.state || undefined,
    from: localDayStart(view.from),
    to: localDayStart(view.to, true),
    hasErrors: view.errors === '' ? undefined : view.errors === 'yes',
  };
}

/** Search (prefix match on every word) and filters; every control labelled, their values the saved view's. */
export function HistoryFilters({ view, onChange }: { view: HistoryView; onChange(view: HistoryView): void }) {
  const set = (next: Partial<HistoryView>) => onChange({ ...view, ...next });
  return (
    <FilterBar label="Filter cached orders" search>
      <InputFilter
        label="Search orders"
        search
        placeholder="Reference, order id, email, name or product"
        value={view.search}
        onChange={(search) => set({ search })}
      />
      <SupplierFilter
        value={view.supplier}
        any="Both"
        onChange={(supplier) => set({ supplier: supplier ?? '' })}
      />
      <SelectFilter
        label="Status"
        value={view.state}
        options={ITEM_STATES.map((s) => [s, STATE_LABELS[s]] as const)}
        any="Any"
        onChange={(state) => set({ state: state ?? '' })}
      />
      <DayFilter label="From" value={view.from} onChange={(from) => set({ from })} />
      <DayFilter label="To" value={view.to} onChange={(to) => set({ to })} />
      <SelectFilter
        label="Errors"
        value={view.errors}
        options={[
          ['yes', 'With errors'],
          ['no', 'Without errors'],
        ]}
        any="Any"
        onChange={(errors) => set({ errors: errors ?? '' })}
      />
    </FilterBar>
  );
}
