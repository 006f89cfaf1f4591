import { pointsPrice } from '../../../shared/catalogue';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { faceValue, type Placement } from '../../../shared/placement';

export type StatusTone = 'busy' | 'ok' | 'bad' | 'ops';

/** One line an agent reads at a glance; the tone only colours it, the words carry the meaning. */
export function placementStatus(p: Placement): { label: string; tone: StatusTone } {
  const supplier = SUPPLIER_NAMES[p.supplier];
  switch (p.state) {
    case 'journaled':
      return p.attempts <= 1 && p.resends === 0
        ? { label: `Sending to ${supplier}…`, tone: 'busy' }
        : { label: `Resending to ${supplier} with the same reference…`, tone: 'busy' };
    case 'unknown':
      return { label: `Checking with ${supplier}… (no clear answer yet)`, tone: 'busy' };
    case 'rejected':
      return { label: 'Rejected — nothing was ordered', tone: 'bad' };
    case 'needs_ops':
      return { label: 'Needs Ops — outcome unknown, do not re-place or refund', tone: 'ops' };
    case 'confirmed':
      if (p.outcome === 'fulfilled') return { label: 'Confirmed — fulfilled', tone: 'ok' };
      if (p.outcome === 'refund_due')
        return { label: "Confirmed — item failed: refund the member's points", tone: 'bad' };
      return { label: 'Confirmed — the supplier is issuing the card', tone: 'ok' };
  }
}

/** Points the member paid: face value ÷ the profile's cost per point, rounded up (as the quote did). */
export const pointsFor = (p: Placement, cpp: number) => pointsPrice(faceValue(p.order), cpp);
