import { useEffect } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import type { FailureFilter } from '../../../shared/failures';
import { FAILURE_COLUMNS, FAILURE_COLUMN_LABELS } from '../../../shared/views';
import { ColumnChooser } from '../../components/ColumnChooser';
import {
  DayFilter,
  FilterBar,
  InputFilter,
  ListToolbar,
  SelectFilter,
  SupplierFilter,
  useStoredFilter,
} from '../../components/FilterBar';
import { utcDayOf, utcDayStart } from '../../days';
import { formatWhen } from '../../format';
import { useFailuresStore } from '../../state/failures';
import { useHistoryStore } from '../../state/history';
import { FailureGroupView } from './FailureGroupView';
import { Checkbox } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/**
 * What a person must settle, grouped by reason, most urgent first (Needs Ops, then orders not provably ours,
 * then refunds, then unknown statuses). Filters, order and columns are the profile's saved view.
 */
export function FailuresScreen() {
  const { filter, columns, reply, codes, exported, error, open, load, setColumns, exportCsv } =
    useFailuresStore();
  const sync = useHistoryStore((s) => s.sync);
  const startSync = useHistoryStore((s) => s.startSync);
  const { change, text, setText } = useStoredFilter<FailureFilter>(filter, load, 'text');
  const syncing = Object.values(sync).some((p) => p?.state === 'running');
  const finished = Object.values(sync)
    .map((p) => p?.lastSyncedAt)
    .join();
  useEffect(() => {
    void useHistoryStore.getState().loadStatus();
  }, []);
  useEffect(() => {
    void open();
    // Reload when a sync finishes: the counts follow the cache.
  }, [open, finished]);

  return (
    <Screen name="failures" title="Failures">
      <p className="hint">
        From the cached order history and the desk’s journal:{' '}
        {SUPPLIERS.map(
          (s) => `${SUPPLIER_NAMES[s]} synced ${reply?.asOf[s] ? formatWhen(reply.asOf[s]!) : 'never'}`,
        ).join(' · ')}
        .{' '}
        <button type="button" className="button" disabled={syncing} onClick={() => void startSync()}>
          {syncing ? 'Syncing…' : 'Sync history now'}
        </button>
      </p>
      <ErrorBanner error={error} />
      <FilterBar label="Filters" search>
        <InputFilter
          label="Reference, order id or member id"
          search
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={setText}
        />
        <SupplierFilter
          value={filter.supplier}
          any="Both suppliers"
          onChange={(supplier) => change({ supplier })}
        />
        <SelectFilter
          label="Code"
          value={filter.code}
          options={[...new Set([...codes, ...(filter.code ? [filter.code] : [])])]}
          any="All codes"
          onChange={(code) => change({ code })}
        />
        <DayFilter
          label="Created from (UTC)"
          value={utcDayOf(filter.from)}
          onChange={(day) => change({ from: utcDayStart(day) })}
        />
        <DayFilter
          label="Created to (UTC)"
          value={utcDayOf(filter.to, 1)}
          onChange={(day) => change({ to: utcDayStart(day, 1) })}
        />
        <SelectFilter
          label="Order"
          value={filter.order ?? 'newest'}
          options={[
            ['newest', 'Newest first'],
            ['oldest', 'Oldest first'],
          ]}
          onChange={(order) => change({ order: order === 'oldest' ? 'oldest' : undefined })}
        />
        <Checkbox
          label="Show recorded refunds"
          checked={filter.includeRecorded ?? false}
          onChange={(checked) => change({ includeRecorded: checked || undefined })}
        />
        <ColumnChooser
          all={FAILURE_COLUMNS}
          labels={FAILURE_COLUMN_LABELS}
          visible={columns}
          onChange={setColumns}
        />
      </FilterBar>
      <ListToolbar
        countLabel="Failure count"
        count={
          reply
            ? `${reply.total.toLocaleString()} ${reply.total === 1 ? 'failure' : 'failures'} in ${reply.groups.length} ${reply.groups.length === 1 ? 'group' : 'groups'}`
            : 'Loading…'
        }
        canExport={Boolean(reply?.total)}
        onExport={() => void exportCsv()}
        exported={exported}
      />
      {reply?.groups.map((group) => (
        <FailureGroupView key={`${group.supplier}:${group.code}`} group={group} columns={columns} />
      ))}
      {reply && reply.total === 0 && (
        <p className="hint">No failures match. Sync the history to bring in the suppliers’ latest orders.</p>
      )}
    </Screen>
  );
}
