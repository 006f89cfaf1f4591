import { useEffect, useId, useState } from 'react';
import type { AuditFilter } from '../../../shared/audit';
import { onRowKeys } from '../../components/row-keys';
import { formatWhen } from '../../format';
import { useAuditStore } from '../../state/audit';

/** A local calendar day as the ISO instant it starts at; `next` gives the following day (exclusive end). */
function dayToIso(day: string, next = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

/** Who did what, when: the audit log with filters by agent, action, reference and date, and its export. */
export function AuditScreen() {
  const { filter, entries, page, exported, error, load, more, exportCsv } = useAuditStore();
  const ids = { agent: useId(), action: useId(), subject: useId(), from: useId(), to: useId() };
  const [subject, setSubject] = useState(filter.subject ?? '');
  useEffect(() => {
    void load();
  }, [load]);
  const change = (next: Partial<AuditFilter>) => {
    const merged: AuditFilter = { ...filter, ...next };
    for (const key of Object.keys(merged) as Array<keyof AuditFilter>)
      if (merged[key] === undefined) delete merged[key];
    void load(merged);
  };
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.subject ?? '') !== subject.trim()) change({ subject: subject.trim() || undefined });
    }, 250);
    return () => clearTimeout(timer);
  });
  return (
    <section className="screen audit" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Audit log
      </h1>
      <p className="hint">
        Every manual action with the agent’s name, newest first. The log cannot be edited.
      </p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="history-filters" role="search" aria-label="Filter the audit log">
        <div className="field field-search">
          <label htmlFor={ids.subject}>Reference or subject</label>
          <input
            id={ids.subject}
            type="search"
            data-search
            value={subject}
            spellCheck={false}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.agent}>Agent</label>
          <select
            id={ids.agent}
            value={filter.agent ?? ''}
            onChange={(e) => change({ agent: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            {page?.agents.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select
            id={ids.action}
            value={filter.action ?? ''}
            onChange={(e) => change({ action: e.target.value || undefined })}
          >
            <option value="">Any action</option>
            {page?.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" onChange={(e) => change({ from: dayToIso(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" onChange={(e) => change({ to: dayToIso(e.target.value, true) })} />
        </div>
      </div>
      <div className="history-toolbar">
        <span role="status" aria-label="Audit count">
          {page ? `${page.total.toLocaleString()} ${page.total === 1 ? 'entry' : 'entries'}` : 'Loading…'}
        </span>
        <button type="button" className="button" disabled={!page?.total} onClick={() => void exportCsv()}>
          Export CSV
        </button>
        {exported && (
          <span role="status">
            Exported {exported.rows.toLocaleString()} rows to {exported.file}
          </span>
        )}
      </div>
      {entries.length > 0 && (
        <table className="data-table" aria-label="Audit entries" onKeyDown={onRowKeys}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Agent</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => (
              <tr key={entry.id} data-row tabIndex={i === 0 ? 0 : -1}>
                <td>{formatWhen(entry.at)}</td>
                <td>{entry.agent}</td>
                <td>{entry.action}</td>
                <td>
                  <code className="id">{entry.subject ?? '—'}</code>
                </td>
                <td className="audit-details">
                  {entry.details === null ? '' : JSON.stringify(entry.details)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && entries.length < page.total && (
        <button type="button" className="button" onClick={() => void more()}>
          Show more ({(page.total - entries.length).toLocaleString()} older)
        </button>
      )}
    </section>
  );
}
