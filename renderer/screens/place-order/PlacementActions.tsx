import { useState } from 'react';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { Placement } from '../../../shared/placement';
import { ReasonForm } from '../../components/ReasonForm';
import { usePlacementStore } from '../../state/placement';

/** Refusals an agent can retry unchanged once the cause is fixed (funds, rate, credentials). */
const RETRYABLE = new Set(['INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'AUTH', 'NOT_CONFIGURED']);

type Open = null | 'retry' | 'ours' | 'not_ours';

/**
 * What an agent may do about a placement the desk cannot finish by itself, each deliberate: retry with the same
 * reference, correct and resend, resolve an order handed back as ours or not ours. Every one is audited.
 */
export function PlacementActions({ placement }: { placement: Placement }) {
  const { retry, resolve, startRevising } = usePlacementStore();
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const supplier = SUPPLIER_NAMES[placement.supplier];
  const refusal = placement.state === 'rejected' ? placement.lastError?.kind : undefined;
  const canRetry =
    (refusal !== undefined && RETRYABLE.has(refusal)) ||
    placement.state === 'needs_ops' ||
    placement.state === 'not_found';
  const canCorrect = placement.state === 'rejected' && !RETRYABLE.has(refusal ?? '');
  const canResolve =
    placement.candidate !== null && ['unverified', 'mismatch', 'needs_ops'].includes(placement.state);
  if (!canRetry && !canCorrect && !canResolve) return null;

  const done = (reply: { ok: boolean; error?: { message: string } }) => {
    if (reply.ok) {
      setOpen(null);
      setMessage(null);
      return null;
    }
    return reply.error?.message ?? 'Failed.';
  };
  const retryNow = async (reason?: string) => done(await retry(placement.id, reason));

  return (
    <div className="placement-actions" aria-label="What you can do">
      <div className="dialog-actions">
        {canRetry && placement.state !== 'needs_ops' && (
          <button
            type="button"
            className="button"
            onClick={() => void retryNow().then((error) => setMessage(error))}
          >
            Retry with the same reference
          </button>
        )}
        {canRetry && placement.state === 'needs_ops' && (
          <button type="button" className="button" onClick={() => setOpen('retry')}>
            Ops says it was not received: send again
          </button>
        )}
        {canCorrect && (
          <button type="button" className="button" onClick={() => startRevising(placement)}>
            Correct and resend
          </button>
        )}
        {canResolve && (
          <>
            <button type="button" className="button" onClick={() => setOpen('ours')}>
              It is ours
            </button>
            <button type="button" className="button" onClick={() => setOpen('not_ours')}>
              It is not ours
            </button>
          </>
        )}
      </div>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {open === 'retry' && (
        <ReasonForm
          label={`What did ${supplier} Ops answer? (audited)`}
          hint="The same reference is sent again: if the order did exist, the supplier answers with it, never a second one."
          submitLabel="Send again with the same reference"
          onSubmit={(reason) => retryNow(reason)}
          onCancel={() => setOpen(null)}
          autoFocus
        />
      )}
      {(open === 'ours' || open === 'not_ours') && (
        <ReasonForm
          label={
            open === 'ours'
              ? `Why is order ${placement.candidate?.order.id} ours? (audited)`
              : `Why is order ${placement.candidate?.order.id} not ours? (audited)`
          }
          hint={
            open === 'ours'
              ? 'It becomes this placement’s order and is tracked to the end.'
              : 'It is kept for Ops; ours counts as not found: send it again with the same reference, or refund.'
          }
          submitLabel={open === 'ours' ? 'Resolve as ours' : 'Resolve as not ours'}
          danger={open === 'not_ours'}
          onSubmit={async (reason) => done(await resolve(placement.id, open, reason))}
          onCancel={() => setOpen(null)}
          autoFocus
        />
      )}
    </div>
  );
}
