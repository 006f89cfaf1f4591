import { SUPPLIERS, type Supplier } from '../../../shared/domain';
import type { SyncProgress } from '../../../shared/history';
import { useHistoryStore } from '../../state/history';
import { formatWhen, supplierName } from '../../format';

/** Sync controls and, per supplier, how fresh the cache is: the "cached as of" every agent needs to see. */
export function SyncPanel() {
  const { sync, startSync, cancelSync } = useHistoryStore();
  const running = SUPPLIERS.some((s) => sync[s]?.state === 'running');
  return (
    <section className="sync-panel" aria-label="History sync">
      <div className="sync-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={running}
          onClick={() => void startSync()}
        >
          {running ? 'Syncing…' : 'Sync now'}
        </button>
        {running && (
          <button type="button" className="button" onClick={() => void cancelSync()}>
            Cancel sync
          </button>
        )}
      </div>
      <ul className="sync-list">
        {SUPPLIERS.map((supplier) => (
          <SyncLine key={supplier} supplier={supplier} progress={sync[supplier]} />
        ))}
      </ul>
    </section>
  );
}

function SyncLine({ supplier, progress }: { supplier: Supplier; progress: SyncProgress | undefined }) {
  const name = supplierName(supplier);
  const asOf = progress?.lastSyncedAt ? `cached as of ${formatWhen(progress.lastSyncedAt)}` : 'never synced';
  return (
    <li>
      <span className="sync-name">{name}</span>
      <span className="sync-asof">{asOf}</span>
      {progress?.state === 'running' && (
        <>
          <progress
            aria-label={`${name} sync progress`}
            max={progress.totalPages ?? undefined}
            value={progress.totalPages ? progress.page : undefined}
          />
          <span className="sync-detail" role="status">
            Page {progress.page}
            {progress.totalPages ? ` of ${progress.totalPages}` : ''},{' '}
            {progress.ordersSynced.toLocaleString()} orders
          </span>
        </>
      )}
      {progress?.state === 'done' && (
        <span className="sync-detail sync-ok" role="status">
          ✓ Synced {progress.ordersSynced.toLocaleString()} orders
        </span>
      )}
      {progress?.state === 'cancelled' && (
        <span className="sync-detail" role="status">
          Cancelled at page {progress.page}; Sync now resumes from there.
        </span>
      )}
      {progress?.state === 'failed' && (
        <span className="sync-detail sync-failed" role="status">
          ✗ {progress.offline ? 'Offline: ' : 'Sync failed: '}
          {progress.error}
        </span>
      )}
    </li>
  );
}
