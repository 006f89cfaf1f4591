import { useEffect, useId, useState } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import type { FailureFilter } from '../../../shared/failures';
import { FAILURE_COLUMNS, FAILURE_COLUMN_LABELS } from '../../../shared/views';
import { ColumnChooser } from '../../components/ColumnChooser';
import { formatWhen } from '../../format';
import { useFailuresStore } from '../../state/failures';
import { useHistoryStore } from '../../state/history';
import { FailureGroupView } from './FailureGroupView';

/** A date input's day as the start of that day in UTC, or nothing when empty. */
const dayStart = (day: string, plusDays = 0) =>
  day ? new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString() : undefined;
/** The day a stored filter bound starts (its UTC day), for the date input. */
const dayOf = (iso: string | undefined, minusDays = 0) =>
  iso ? new Date(Date.parse(iso) - minusDays * 86_400_000).toISOString().slice(0, 10) : '';

/**
 * What a person must settle, grouped by reason, most urgent first (Needs Ops, then orders not provably ours,
 * then refunds, then unknown statuses). Filters, order and columns are the profile's saved view.
 */
export function FailuresScreen() {
  const { filter, columns, reply, codes, exported, error, open, load, setColumns, exportCsv } =
    useFailuresStore();
  const sync = useHistoryStore((s) => s.sync);
  const startSync = useHistoryStore((s) => s.startSync);
  const ids = { supplier: useId(), code: useId(), from: useId(), to: useId(), text: useId(), order: useId() };
  const [text, setText] = useState(filter.text ?? '');
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

  const change = (next: Partial<FailureFilter>) => {
    const merged = { ...filter, ...next };
    for (const key of Object.keys(merged) as Array<keyof FailureFilter>)
      if (merged[key] === undefined) delete merged[key];
    void load(merged);
  };
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.text ?? '') !== text.trim()) change({ text: text.trim() || undefined });
    }, 250);
    return () => clearTimeout(timer);
  });

  return (
    <section className="screen failures" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Failures
      </h1>
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
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="history-filters" role="search" aria-label="Filters">
        <div className="field field-search">
          <label htmlFor={ids.text}>Reference, order id or member id</label>
          <input
            id={ids.text}
            type="search"
            data-search
            value={text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
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
            {[...new Set([...codes, ...(filter.code ? [filter.code] : [])])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>Created from (UTC)</label>
          <input
            id={ids.from}
            type="date"
            value={dayOf(filter.from)}
            onChange={(e) => change({ from: dayStart(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>Created to (UTC)</label>
          <input
            id={ids.to}
            type="date"
            value={dayOf(filter.to, 1)}
            onChange={(e) => change({ to: dayStart(e.target.value, 1) })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.order}>Order</label>
          <select
            id={ids.order}
            value={filter.order ?? 'newest'}
            onChange={(e) => change({ order: e.target.value === 'oldest' ? 'oldest' : undefined })}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.includeRecorded ?? false}
            onChange={(e) => change({ includeRecorded: e.target.checked || undefined })}
          />
          Show recorded refunds
        </label>
        <ColumnChooser
          all={FAILURE_COLUMNS}
          labels={FAILURE_COLUMN_LABELS}
          visible={columns}
          onChange={setColumns}
        />
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
        <FailureGroupView key={`${group.supplier}:${group.code}`} group={group} columns={columns} />
      ))}
      {reply && reply.total === 0 && (
        <p className="hint">No failures match. Sync the history to bring in the suppliers’ latest orders.</p>
      )}
    </section>
  );
}
