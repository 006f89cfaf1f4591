import { describe, expect, it } from 'vitest';
import type { Placement } from '../../shared/placement';
import { placementStatus } from '../../renderer/screens/place-order/placement-status';
import { placementFixture } from '../support/placement-fixture';

const base = placementFixture({
  supplier: 'gcp',
  reference: 'PO-1',
  order: {
    supplier: 'gcp',
    reference: 'PO-1',
    productId: 'P',
    deliveryType: 'Links',
    value: 25,
    quantity: 3,
    currency: 'USD',
  },
  points: { currency: 'USD', costPerPoint: 0.01, points: 7500 },
  attempts: 1,
});
const failedOrder = {
  supplier: 'gcp' as const,
  id: 'o1',
  reference: 'PO-1',
  supplierStatus: 'Failed',
  createdAt: null,
  transactedAt: null,
  memberId: null,
  deliveryType: 'Links',
  total: 75,
  items: [
    {
      id: 'l1',
      kind: 'gift_card' as const,
      membershipId: null,
      state: 'failed' as const,
      supplierStatus: 'Failed',
      productId: 'P',
      productName: null,
      value: 25,
      currency: null,
      quantity: 3,
      recipient: null,
      errors: [],
      rewardsIssued: 0,
    },
  ],
};

describe('placement status in words: green only for an order proven ours', () => {
  it.each([
    [{}, 'Sending to GiftCard Partners…', 'busy'],
    [{ attempts: 2, resends: 1 }, 'Resending to GiftCard Partners with the same reference…', 'busy'],
    [{ state: 'unknown' }, 'Checking with GiftCard Partners… (no clear answer yet)', 'busy'],
    [{ state: 'confirmed', outcome: 'tracking' }, 'Placed — the supplier is issuing the card', 'ok'],
    [{ state: 'confirmed', outcome: 'fulfilled' }, 'Placed — fulfilled', 'ok'],
    [
      { state: 'confirmed', outcome: 'refund_due', supplierOrder: failedOrder },
      'Placed — item failed: refund 7,500 points',
      'bad',
    ],
    [
      { state: 'unverified' },
      "Unverified — GiftCard Partners's answer cannot be checked; not confirmed",
      'ops',
    ],
    [
      { state: 'mismatch' },
      'Mismatch — GiftCard Partners handed back a different order; not confirmed',
      'ops',
    ],
    [{ state: 'not_found' }, 'Not ours — our order was not found: resend or refund', 'bad'],
    [{ state: 'rejected' }, 'Rejected — nothing was ordered', 'bad'],
    [{ state: 'needs_ops' }, 'Needs Ops — do not place again or refund', 'ops'],
  ] as const)('%o reads "%s"', (change, label, tone) => {
    expect(placementStatus({ ...base, ...change } as Placement)).toEqual({ label, tone });
  });

  it('a refund without a journaled rate is priced at the current rate of its own currency, labelled, or not at all', () => {
    const unpriced = {
      ...base,
      state: 'confirmed',
      outcome: 'refund_due',
      points: null,
      supplierOrder: failedOrder,
    } as Placement;
    expect(placementStatus(unpriced, { USD: 0.01 }).label).toBe(
      'Placed — item failed: refund 7,500 points (current rate, not journaled)',
    );
    expect(placementStatus(unpriced, { JPY: 1 }).label).toBe(
      'Placed — item failed: refund the member (points unknown: set a rate for USD)',
    );
  });
});
