import { itemValueText } from '../../../shared/orders';
import { useId, useState, type ReactNode } from 'react';
import { FAILURE_COLUMN_LABELS, type FailureColumn } from '../../../shared/views';
import { REFUND_WORDS } from '../../../shared/error-catalogue';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { failureTicket, type FailureGroup, type FailureRow } from '../../../shared/failures';
import { formatPoints } from '../../../shared/format';
import { refundText } from '../../../shared/points';
import { CopyId } from '../../components/CopyId';
import { ReasonForm } from '../../components/ReasonForm';
import { RefundActions } from '../../components/RefundActions';
import { onRowKeys } from '../../components/row-keys';
import { formatWhen } from '../../format';
import { useFailuresStore } from '../../state/failures';
import { TextField } from '../../components/Field';
import { MemberLink } from '../../components/OpenLinks';

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
export function FailureGroupView({
  group,
  columns,
}: {
  group: FailureGroup;
  columns: readonly FailureColumn[];
}) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const bodyId = useId();
  const rows = all ? group.rows : group.rows.slice(0, FIRST_ROWS);
  const label = `${SUPPLIER_NAMES[group.supplier]} ${group.code}: ${group.title}`;
  return (
    <section className="failure-group" aria-label={label}>
      <h2>
        <button
          type="button"
          className="row-button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span className="failure-count">{group.count.toLocaleString()}</span>
          <span>
            {SUPPLIER_NAMES[group.supplier]} · <code>{group.code}</code> · {group.title}
          </span>
          {group.recorded > 0 && <span className="hint">{group.recorded} recorded</span>}
        </button>
      </h2>
      <p>{group.explanation}</p>
      <p>
        <strong>What to do:</strong> {group.action}{' '}
        <span className={group.refund === 'yes' ? 'refund-note' : 'hint'}>{REFUND_WORDS[group.refund]}</span>
      </p>
      <div id={bodyId} hidden={!open}>
        {open && (
          <table className="failure-table" aria-label={`${label}: orders`} onKeyDown={onRowKeys}>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {FAILURE_COLUMN_LABELS[column]}
                  </th>
                ))}
                <th scope="col">Refund and ticket</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <FailureRowView key={row.key} row={row} group={group} columns={columns} first={i === 0} />
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

function FailureRowView({
  row,
  group,
  columns,
  first,
}: {
  row: FailureRow;
  group: FailureGroup;
  columns: readonly FailureColumn[];
  first: boolean;
}) {
  const correctPoints = useFailuresStore((s) => s.correctPoints);
  const [mode, setMode] = useState<'idle' | 'ticket' | 'points'>('idle');
  const [points, setPoints] = useState('');
  const recorded = row.ledger !== null && row.ledger.status !== 'owed';
  const cells: Record<FailureColumn, ReactNode> = {
    supplierOrderId: <CopyId value={row.supplierOrderId} label="supplier order id" />,
    member: <MemberLink memberId={row.memberId} />,
    item: (
      <>
        {row.product ?? '—'}
        {row.value !== null &&
          ` ${itemValueText({ kind: row.kind, value: row.value, currency: row.currency, quantity: row.quantity })}`}
      </>
    ),
    state: STATE_WORDS[row.state],
    message: row.message || '—',
    owed: (
      <>
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
        {row.refund && row.refund.basis !== 'journaled' && !recorded && (
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
            <TextField
              label={`Points owed for ${row.reference}`}
              inputMode="numeric"
              value={points}
              onChange={setPoints}
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
      </>
    ),
    created: formatWhen(row.createdAt),
  };
  return (
    <tr data-row tabIndex={first ? 0 : -1}>
      <td>
        <CopyId value={row.reference} label="reference" />
      </td>
      {columns.map((column) => (
        <td key={column}>{cells[column]}</td>
      ))}
      <td className="failure-actions">
        {row.ledger ? (
          <RefundActions row={row} onChanged={() => void useFailuresStore.getState().load()} />
        ) : (
          <span className="hint">
            No refund yet: {group.refund === 'wait' ? 'wait for the outcome' : 'see above'}.
          </span>
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
