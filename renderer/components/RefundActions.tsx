import { useState, type FormEvent } from 'react';
import { ledgerWords, type FailureRow } from '../../shared/failures';
import { RECORDED } from '../../shared/refunds';
import { formatWhen } from '../format';
import { useRefundsStore } from '../state/refunds';
import { TextField } from './Field';
import { ReasonForm } from './ReasonForm';

/**
 * Where one refund stands in the ledger, and what the agent may do: record it as refunded (with the loyalty
 * system's transaction id) or as not owed (with a reason); once recorded, reopen it with a reason. Every step is
 * a new audited entry; a second recording is refused with who recorded it and when.
 */
export function RefundActions({ row, onChanged }: { row: FailureRow; onChanged?(): void }) {
  const { record, reopen } = useRefundsStore();
  const [mode, setMode] = useState<'idle' | 'refunded' | 'not_owed' | 'reopen'>('idle');
  const [transactionId, setTransactionId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!row.ledger) return null;
  const recorded = RECORDED.includes(row.ledger.status);
  const done = () => {
    setMode('idle');
    setTransactionId('');
    onChanged?.();
  };
  const saveRefund = async (event: FormEvent) => {
    event.preventDefault();
    if (!transactionId.trim()) {
      setError('Enter the transaction id from the loyalty system.');
      return;
    }
    setBusy(true);
    const problem = await record({ key: row.key, action: 'refunded', transactionId: transactionId.trim() });
    setBusy(false);
    if (problem) setError(problem.message);
    else done();
  };
  return (
    <div className="refund-actions">
      <p className={recorded ? 'refund-status refund-recorded' : 'refund-status refund-owed'}>
        {recorded ? '✓ ' : '● '}
        {ledgerWords(row.ledger, formatWhen)}
      </p>
      {mode === 'idle' && !recorded && (
        <span className="dialog-actions">
          <button
            type="button"
            className="button button-primary button-small"
            aria-label={`Record refund: ${row.reference}`}
            onClick={() => setMode('refunded')}
          >
            Record refund
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={`Not owed: ${row.reference}`}
            onClick={() => setMode('not_owed')}
          >
            Not owed
          </button>
        </span>
      )}
      {mode === 'idle' && recorded && (
        <button
          type="button"
          className="button button-small"
          aria-label={`Reopen refund: ${row.reference}`}
          onClick={() => setMode('reopen')}
        >
          Reopen
        </button>
      )}
      {mode === 'refunded' && (
        <form className="reason-form" onSubmit={(e) => void saveRefund(e)} noValidate>
          <TextField
            label={`Loyalty transaction id for ${row.reference}`}
            error={error}
            announce
            value={transactionId}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            onChange={(value) => {
              setTransactionId(value);
              setError(null);
            }}
          />
          <span className="dialog-actions">
            <button type="button" className="button" onClick={() => setMode('idle')}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save refund'}
            </button>
          </span>
        </form>
      )}
      {mode === 'not_owed' && (
        <ReasonForm
          label={`Why is nothing owed for ${row.reference}? (audited)`}
          submitLabel="Record as not owed"
          onCancel={() => setMode('idle')}
          onSubmit={async (reason) => {
            const problem = await record({ key: row.key, action: 'not_owed', reason });
            if (problem) return problem.message;
            done();
            return null;
          }}
        />
      )}
      {mode === 'reopen' && (
        <ReasonForm
          label={`Why reopen the refund of ${row.reference}? (audited)`}
          submitLabel="Reopen refund"
          danger
          onCancel={() => setMode('idle')}
          onSubmit={async (reason) => {
            const problem = await reopen(row.key, reason);
            if (problem) return problem.message;
            done();
            return null;
          }}
        />
      )}
    </div>
  );
}
