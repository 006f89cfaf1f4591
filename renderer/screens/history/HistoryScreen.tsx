import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HistoryFilter, HistoryRow } from '../../../shared/history';
import { HISTORY_COLUMNS, HISTORY_COLUMN_LABELS } from '../../../shared/views';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useHistoryStore } from '../../state/history';
import { formatWhen, supplierName } from '../../format';
import { filterOf, HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { OrderDetail } from './OrderDetail';
import { QuarantinePanel } from './QuarantinePanel';
import { SyncPanel } from './SyncPanel';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/** Cached order history: sync, search and filter offline, open an order, export what is shown. */
export function HistoryScreen() {
  const history = useHistoryStore();
  const { view, viewLoaded, setView, loadStatus, openView } = history;
  const [open, setOpen] = useState<HistoryRow | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [capped, setCapped] = useState(false);
  const onTotal = useCallback((count: number | null, isCapped: boolean) => {
    setTotal(count);
    setCapped(isCapped);
  }, []);
  useEffect(() => {
    void loadStatus();
    void openView();
  }, [loadStatus, openView]);
  // Typing in the search box waits for a pause before the cache is asked again.
  const wanted = JSON.stringify(filterOf(view));
  const [filterKey, setFilterKey] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setFilterKey(wanted), 200);
    return () => clearTimeout(timer);
  }, [wanted]);
  const filter = useMemo(() => JSON.parse(filterKey) as HistoryFilter, [filterKey]);
  const sort = view.sort;

  const offline = Object.values(history.sync).filter((p) => p?.offline);
  const exporting = history.exporting;

  return (
    <Screen name="history" title="History">
      {offline.map((p) => (
        <p key={p!.supplier} className="banner banner-warning" role="alert">
          Offline — {supplierName(p!.supplier)} could not be reached. Showing orders cached as of{' '}
          {p!.lastSyncedAt ? formatWhen(p!.lastSyncedAt) : 'never'}.
        </p>
      ))}
      <ErrorBanner error={history.error} />
      <SyncPanel />
      <QuarantinePanel />
      <HistoryFilters view={view} onChange={setView} />
      <div className="list-toolbar">
        <span role="status" className="list-count">
          {total === null ? 'Loading…' : `${total.toLocaleString()}${capped ? '+' : ''} cached orders match`}
        </span>
        <ColumnChooser
          all={HISTORY_COLUMNS}
          labels={HISTORY_COLUMN_LABELS}
          visible={view.columns}
          onChange={(columns) => setView({ ...view, columns })}
        />
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
      <div className={open ? 'list-layout with-detail' : 'list-layout'}>
        {viewLoaded && (
          <HistoryTable
            filter={filter}
            sort={sort}
            columns={view.columns}
            version={history.dataVersion}
            selectedId={open?.id ?? null}
            onSort={(next) => setView({ ...view, sort: next })}
            onOpen={setOpen}
            onTotal={onTotal}
          />
        )}
        {open && <OrderDetail id={open.id} onClose={() => setOpen(null)} />}
      </div>
    </Screen>
  );
}
