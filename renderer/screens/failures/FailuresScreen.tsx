import { useEffect, useId } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import type { FailureFilter } from '../../../shared/failures';
import { formatWhen } from '../../format';
import { useFailuresStore } from '../../store/failures-store';
import { useHistoryStore } from '../../store/history-store';
import { FailureGroupView } from './FailureGroupView';

/** A date input's day as the start of that day in UTC, or nothing when empty. */
const dayStart = (day: string, plusDays = 0) =>
  day ? new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString() : undefined;

/** Every failed or cancelled item and needs_ops placement, grouped by reason with counts (from the cache). */
export function FailuresScreen() {
  const { filter, reply, codes, exported, error, load, exportCsv } = useFailuresStore();
  const sync = useHistoryStore((s) => s.sync);
  const startSync = useHistoryStore((s) => s.startSync);
  const ids = { supplier: useId(), code: useId(), from: useId(), to: useId() };
  const syncing = Object.values(sync).some((p) => p?.state === 'running');
  const finished = Object.values(sync)
    .map((p) => p?.lastSyncedAt)
    .join();
  useEffect(() => {
    void useHistoryStore.getState().loadStatus();
  }, []);
  useEffect(() => {
    void load();
    // Reload when a sync finishes: the counts follow the cache.
  }, [load, finished]);

  const change = (next: Partial<FailureFilter>) => {
    const merged = { ...filter, ...next };
    for (const key of Object.keys(merged) as Array<keyof FailureFilter>)
      if (merged[key] === undefined) delete merged[key];
    void load(merged);
  };

  return (
    <section className="screen failures" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Failures
      </h1>
      <p className="hint">
        From the cached order history:{' '}
        {SUPPLIERS.map(
          (s) => `${SUPPLIER_NAMES[s]} synced ${reply?.asOf[s] ? formatWhen(reply.asOf[s]!) : 'never'}`,
        ).join(' · ')}
        .{' '}
        <button type="button" className="button" disabled={syncing} onClick={() => void startSync()}>
          {syncing ? 'Syncing…' : 'Sync history now'}
        </button>
      </p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="history-filters" role="group" aria-label="Filters">
        <div className="field">
          <label htmlFor={ids.supplier}>Supplier</label>
          <select
            id={ids.supplier}
            value={filter.supplier ?? ''}
            onChange={(e) => change({ supplier: (e.target.value || undefined) as FailureFilter['supplier'] })}
          >
            <option value="">Both suppliers</option>
            {SUPPLIERS.map((s) => (
              <option key={s} value={s}>
                {SUPPLIER_NAMES[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.code}>Code</label>
          <select
            id={ids.code}
            value={filter.code ?? ''}
            onChange={(e) => change({ code: e.target.value || undefined })}
          >
            <option value="">All codes</option>
            {codes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>Created from</label>
          <input id={ids.from} type="date" onChange={(e) => change({ from: dayStart(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>Created to</label>
          <input id={ids.to} type="date" onChange={(e) => change({ to: dayStart(e.target.value, 1) })} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.includeHandled ?? false}
            onChange={(e) => change({ includeHandled: e.target.checked || undefined })}
          />
          Show handled
        </label>
      </div>
      <div className="history-toolbar">
        <span role="status" aria-label="Failure count">
          {reply
            ? `${reply.total.toLocaleString()} ${reply.total === 1 ? 'failure' : 'failures'} in ${reply.groups.length} ${reply.groups.length === 1 ? 'group' : 'groups'}`
            : 'Loading…'}
        </span>
        <button type="button" className="button" disabled={!reply?.total} onClick={() => void exportCsv()}>
          Export CSV
        </button>
        {exported && (
          <span role="status">
            Exported {exported.rows.toLocaleString()} rows to {exported.file}
          </span>
        )}
      </div>
      {reply?.groups.map((group) => (
        <FailureGroupView key={`${group.supplier}:${group.code}`} group={group} />
      ))}
      {reply && reply.total === 0 && (
        <p className="hint">No failures match. Sync the history to bring in the suppliers’ latest orders.</p>
      )}
    </section>
  );
}
