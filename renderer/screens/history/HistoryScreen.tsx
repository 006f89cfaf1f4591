import { useCallback, useEffect, useState } from 'react';
import type { HistoryFilter, HistoryQuery, HistoryRow } from '../../../shared/history';
import { useHistoryStore } from '../../store/history-store';
import { formatWhen, supplierName } from '../../format';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { OrderDetail } from './OrderDetail';
import { QuarantinePanel } from './QuarantinePanel';
import { SyncPanel } from './SyncPanel';

/** Cached order history: sync, search and filter offline, open an order, export what is shown. */
export function HistoryScreen() {
  const history = useHistoryStore();
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [sort, setSort] = useState<HistoryQuery['sort']>({ column: 'createdAt', direction: 'desc' });
  const [open, setOpen] = useState<HistoryRow | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const { loadStatus } = history;
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  const onFilter = useCallback((next: HistoryFilter) => setFilter(next), []);

  const offline = Object.values(history.sync).filter((p) => p?.offline);
  const exporting = history.exporting;

  return (
    <section className="screen history" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        History
      </h1>
      {offline.map((p) => (
        <p key={p!.supplier} className="banner banner-warning" role="alert">
          Offline — {supplierName(p!.supplier)} could not be reached. Showing orders cached as of{' '}
          {p!.lastSyncedAt ? formatWhen(p!.lastSyncedAt) : 'never'}.
        </p>
      ))}
      {history.error && (
        <p className="banner banner-error" role="alert">
          {history.error.message}
        </p>
      )}
      <SyncPanel />
      <QuarantinePanel />
      <HistoryFilters onChange={onFilter} />
      <div className="history-toolbar">
        <span role="status" className="history-count">
          {total === null ? 'Loading…' : `${total.toLocaleString()} cached orders match`}
        </span>
        <button
          type="button"
          className="button"
          disabled={!total || (exporting !== null && !exporting.done)}
          onClick={() => void history.startExport(filter, sort)}
        >
          Export CSV
        </button>
        {exporting && (
          <span className="export-status" role="status">
            {exporting.error
              ? `Export failed: ${exporting.error}`
              : exporting.done
                ? `Exported ${exporting.rowsWritten.toLocaleString()} rows to ${exporting.file}`
                : `Exporting… ${exporting.rowsWritten.toLocaleString()} of ${exporting.totalRows.toLocaleString()}`}
            {!exporting.done && exporting.totalRows > 0 && (
              <progress
                aria-label="Export progress"
                max={exporting.totalRows}
                value={exporting.rowsWritten}
              />
            )}
          </span>
        )}
      </div>
      <div className={open ? 'history-layout with-detail' : 'history-layout'}>
        <HistoryTable
          filter={filter}
          sort={sort}
          version={history.dataVersion}
          selectedId={open?.id ?? null}
          onSort={setSort}
          onOpen={setOpen}
          onTotal={setTotal}
        />
        {open && <OrderDetail id={open.id} onClose={() => setOpen(null)} />}
      </div>
    </section>
  );
}
