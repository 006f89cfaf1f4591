import { SUPPLIER_NAMES } from '../../../shared/domain';
import { IN_DOUBT_STATES, isTransfer, orderFacts, type Placement } from '../../../shared/placement';
import { STUCK_HORIZON_TEXT } from '../../../shared/stuck';
import { refundOwed, refundText, type PointRates } from '../../../shared/points';

export type StatusTone = 'busy' | 'ok' | 'bad' | 'ops';

/**
 * One line an agent reads at a glance; the tone only colours it, the words carry the meaning. Green ("ok") only
 * for an order that matches what was journaled and is not failed.
 */
export function placementStatus(p: Placement, rates: PointRates = {}): { label: string; tone: StatusTone } {
  const supplier = SUPPLIER_NAMES[p.supplier];
  switch (p.state) {
    case 'journaled':
      return p.attempts <= 1 && p.resends === 0
        ? { label: `Sending to ${supplier}…`, tone: 'busy' }
        : { label: `Resending to ${supplier} with the same reference…`, tone: 'busy' };
    case 'unknown':
      return { label: `Checking with ${supplier}… (no clear answer yet)`, tone: 'busy' };
    case 'unverified':
      return { label: `Unverified — ${supplier}'s answer cannot be checked; not confirmed`, tone: 'ops' };
    case 'mismatch':
      return { label: `Mismatch — ${supplier} handed back a different order; not confirmed`, tone: 'ops' };
    case 'not_found':
      return { label: 'Not ours — our order was not found: resend or refund', tone: 'bad' };
    case 'rejected':
      return { label: 'Rejected — nothing was ordered', tone: 'bad' };
    case 'needs_ops':
      return { label: 'Needs Ops — do not place again or refund', tone: 'ops' };
    case 'confirmed':
      if (p.outcome === 'fulfilled') return { label: 'Placed — fulfilled', tone: 'ok' };
      if (p.outcome === 'refund_due') {
        const failed = p.supplierOrder?.items.every((i) => i.state === 'cancelled') ? 'cancelled' : 'failed';
        return {
          label: `Placed — ${isTransfer(p.order) ? 'transfer' : 'item'} ${failed}: ${refundOwedText(p, rates)}`,
          tone: 'bad',
        };
      }
      {
        const unknown = p.supplierOrder?.items.find((i) => i.state === 'unknown');
        if (unknown) {
          return {
            label: `Placed — status “${unknown.supplierStatus}” is unknown to the desk: not success, no refund yet`,
            tone: 'ops',
          };
        }
      }
      return isTransfer(p.order)
        ? {
            label: `Placed — transfer in progress (may take up to ${STUCK_HORIZON_TEXT.points_transfer})`,
            tone: 'ok',
          }
        : { label: 'Placed — the supplier is issuing the card', tone: 'ok' };
  }
}

/** "refund 5,000 points" at the rate journaled with the order (or today's, labelled; or "points unknown"). */
export function refundOwedText(p: Placement, rates: PointRates): string {
  const items = p.supplierOrder?.items ?? [];
  return refundText(refundOwed(items, p.points, rates, p.points?.currency ?? orderFacts(p.order).currency));
}

/** Still in flight or in doubt: the desk cannot yet say whether the member has this order. */
export const isUnsettled = (p: Placement) => IN_DOUBT_STATES.includes(p.state);
