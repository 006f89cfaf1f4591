import { useId, useState } from 'react';
import { REFUND_WORDS } from '../../../shared/error-catalogue';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { failureTicket, type FailureGroup, type FailureRow } from '../../../shared/failures';
import { formatPoints } from '../../../shared/format';
import { refundText } from '../../../shared/points';
import { ReasonForm } from '../../components/ReasonForm';
import { formatMoney, formatWhen } from '../../format';
import { useFailuresStore } from '../../store/failures-store';

const STATE_WORDS: Record<FailureRow['state'], string> = {
  failed: 'Failed',
  cancelled: 'Cancelled',
  unknown: 'Unknown status',
  needs_ops: 'Needs Ops',
  mismatch: 'Mismatch',
  unverified: 'Unverified',
  not_ours: 'Not ours',
};

/** Rows shown before "Show all": a group of thousands is read through filters, not by scrolling. */
const FIRST_ROWS = 100;

/** One reason: what it means, what the member is owed, and each order it hit. */
export function FailureGroupView({ group }: { group: FailureGroup }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const bodyId = useId();
  const rows = all ? group.rows : group.rows.slice(0, FIRST_ROWS);
  const label = `${SUPPLIER_NAMES[group.supplier]} ${group.code}: ${group.title}`;
  return (
    <section className="failure-group" aria-label={label}>
      <h2>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span className="failure-count">{group.count.toLocaleString()}</span>
          <span>
            {SUPPLIER_NAMES[group.supplier]} · <code>{group.code}</code> · {group.title}
          </span>
          {group.handled > 0 && <span className="hint">{group.handled} handled</span>}
        </button>
      </h2>
      <p>{group.explanation}</p>
      <p>
        <strong>What to do:</strong> {group.action}{' '}
        <span className={group.refund === 'yes' ? 'refund-note' : 'hint'}>{REFUND_WORDS[group.refund]}</span>
      </p>
      <div id={bodyId} hidden={!open}>
        {open && (
          <table className="failure-table" aria-label={`${label}: orders`}>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Supplier order</th>
                <th scope="col">Item</th>
                <th scope="col">State</th>
                <th scope="col">Supplier message</th>
                <th scope="col">Member is owed</th>
                <th scope="col">Created</th>
                <th scope="col">Handling</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <FailureRowView key={row.key} row={row} group={group} />
              ))}
            </tbody>
          </table>
        )}
        {open && !all && group.rows.length > FIRST_ROWS && (
          <button type="button" className="button" onClick={() => setAll(true)}>
            Show all {group.rows.length.toLocaleString()}
          </button>
        )}
      </div>
    </section>
  );
}

function FailureRowView({ row, group }: { row: FailureRow; group: FailureGroup }) {
  const handle = useFailuresStore((s) => s.handle);
  const correctPoints = useFailuresStore((s) => s.correctPoints);
  const [mode, setMode] = useState<'idle' | 'note' | 'ticket' | 'points'>('idle');
  const [points, setPoints] = useState('');
  const pointsId = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const save = async () => {
    const problem = await handle(row.key, note);
    if (problem) setError(problem.message);
    else setMode('idle');
  };
  return (
    <tr>
      <td className="path" data-reference="">
        {row.reference}
      </td>
      <td className="path">{row.supplierOrderId ?? '—'}</td>
      <td>
        {row.product ?? '—'}
        {row.value !== null && ` ${formatMoney(row.value, row.currency)} × ${row.quantity ?? '?'}`}
      </td>
      <td>{STATE_WORDS[row.state]}</td>
      <td>{row.message || '—'}</td>
      <td>
        {row.pointsCorrection ? (
          <>
            {formatPoints(row.pointsCorrection.points)}{' '}
            <span className="hint">
              (corrected by {row.pointsCorrection.agent}: {row.pointsCorrection.reason})
            </span>
          </>
        ) : row.refund ? (
          refundText(row.refund).replace(/^refund /, '')
        ) : (
          <span className="hint">nothing yet</span>
        )}
        {row.refund && row.refund.basis !== 'journaled' && !row.handled && (
          <>
            {' '}
            <button
              type="button"
              className="button button-small"
              aria-label={`Correct points: ${row.reference}`}
              onClick={() => setMode(mode === 'points' ? 'idle' : 'points')}
            >
              Correct points
            </button>
          </>
        )}
        {mode === 'points' && (
          <div className="field">
            <label htmlFor={pointsId}>Points owed for {row.reference}</label>
            <input
              id={pointsId}
              inputMode="numeric"
              value={points}
              onChange={(e) => setPoints(e.target.value)}
            />
            <ReasonForm
              label="Why these points? (audited)"
              submitLabel="Save points"
              onCancel={() => setMode('idle')}
              onSubmit={async (reason) => {
                const value = Number(points.replace(/[,_\s]/g, ''));
                if (!Number.isInteger(value) || value < 0) return 'Enter whole points, e.g. 5000';
                const problem = await correctPoints(row.key, value, reason);
                if (problem) return problem.message;
                setMode('idle');
                return null;
              }}
            />
          </div>
        )}
      </td>
      <td>{formatWhen(row.createdAt)}</td>
      <td className="failure-actions">
        {row.handled ? (
          <span>
            ✓ Handled by {row.handled.agent}: {row.handled.note}
          </span>
        ) : mode === 'note' ? (
          <div className="field">
            <label htmlFor={noteId}>Handling note for {row.reference}</label>
            <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
            {error && <span className="field-error">{error}</span>}
            <span>
              <button type="button" className="button button-primary" onClick={() => void save()}>
                Save
              </button>{' '}
              <button type="button" className="button" onClick={() => setMode('idle')}>
                Cancel
              </button>
            </span>
          </div>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => setMode('note')}
            aria-label={`Mark handled: ${row.reference}`}
          >
            Mark handled
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-label={`Ticket: ${row.reference}`}
          onClick={() => {
            const text = failureTicket(row, group);
            setMode(mode === 'ticket' ? 'idle' : 'ticket');
            void navigator.clipboard?.writeText(text).catch(() => undefined);
          }}
        >
          Ticket
        </button>
        {mode === 'ticket' && (
          <textarea
            readOnly
            aria-label={`Ticket summary for ${row.reference} (copied)`}
            rows={6}
            value={failureTicket(row, group)}
          />
        )}
      </td>
    </tr>
  );
}
