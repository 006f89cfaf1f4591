import { describe, expect, it } from 'vitest';
import type { Placement } from '../../shared/placement';
import { placementStatus, pointsFor } from '../../renderer/screens/place-order/placement-status';

const base: Placement = {
  id: 1,
  profileId: 'sandbox',
  supplier: 'gcp',
  reference: 'PO-1',
  state: 'journaled',
  outcome: null,
  order: {
    supplier: 'gcp',
    reference: 'PO-1',
    productId: 'P',
    deliveryType: 'Links',
    value: 25,
    quantity: 3,
  },
  agent: 'Ana',
  attempts: 1,
  resends: 0,
  supplierOrderId: null,
  supplierOrder: null,
  lastError: null,
  nextCheckAt: null,
  createdAt: '2026-11-23T00:00:00Z',
  updatedAt: '2026-11-23T00:00:00Z',
  timeline: [],
};

describe('placement status in words', () => {
  it.each([
    [{}, 'Sending to GiftCard Partners…', 'busy'],
    [{ attempts: 2, resends: 1 }, 'Resending to GiftCard Partners with the same reference…', 'busy'],
    [{ state: 'unknown' }, 'Checking with GiftCard Partners… (no clear answer yet)', 'busy'],
    [{ state: 'confirmed', outcome: 'tracking' }, 'Confirmed — the supplier is issuing the card', 'ok'],
    [{ state: 'confirmed', outcome: 'fulfilled' }, 'Confirmed — fulfilled', 'ok'],
    [
      { state: 'confirmed', outcome: 'refund_due' },
      "Confirmed — item failed: refund the member's points",
      'bad',
    ],
    [{ state: 'rejected' }, 'Rejected — nothing was ordered', 'bad'],
    [{ state: 'needs_ops' }, 'Needs Ops — outcome unknown, do not re-place or refund', 'ops'],
  ] as const)('%o reads "%s"', (change, label, tone) => {
    expect(placementStatus({ ...base, ...change } as Placement)).toEqual({ label, tone });
  });

  it('owes the member face value ÷ CPP points, rounded up', () => {
    expect(pointsFor(base, 0.01)).toBe(7500);
    expect(pointsFor(base, 0.007)).toBe(10715);
  });
});
