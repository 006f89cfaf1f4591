import { useState, type FormEvent } from 'react';
import { Field } from './Field';

interface ReasonFormProps {
  /** What the reason is for, as the label reads: "Why place it anyway?" */
  label: string;
  submitLabel: string;
  hint?: string;
  /** Sends the reason; resolves with an error message to show, or null when done. */
  onSubmit(reason: string): Promise<string | null>;
  onCancel?(): void;
  danger?: boolean;
  /** Lands focus here when it appears (the work continues in this box). */
  autoFocus?: boolean;
}

const MIN = 10;

/**
 * A typed reason (at least 10 characters) for a deliberate step the desk audits: a second payment, a resend
 * after Ops, resolving an order as ours or not. The button stays off until the reason is long enough.
 */
export function ReasonForm({
  label,
  submitLabel,
  hint,
  onSubmit,
  onCancel,
  danger,
  autoFocus,
}: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const short = reason.trim().length < MIN;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (short) {
      setError(`Type a reason of at least ${MIN} characters.`);
      return;
    }
    setBusy(true);
    setError(await onSubmit(reason.trim()));
    setBusy(false);
  };
  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={label} hint={hint} error={error} announce>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={reason}
            autoFocus={autoFocus}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="dialog-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className={danger ? 'button button-danger' : 'button button-primary'}
          aria-disabled={short || busy}
          disabled={busy}
        >
          {busy ? 'Working…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
