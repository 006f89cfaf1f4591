import type { Placement } from '../../shared/placement';

/** A journaled Ascenda placement with nothing sent yet: tests change what their case is about. */
export function placementFixture(over: Partial<Placement> = {}): Placement {
  return {
    id: 7,
    profileId: 'sandbox',
    supplier: 'ascenda',
    reference: 'ref-1',
    state: 'journaled',
    outcome: null,
    order: {
      supplier: 'ascenda',
      reference: 'ref-1',
      memberId: 'M-1001',
      giftCardId: 'gc_1',
      value: 50,
      currency: 'USD',
      recipient: { email: 'member@example.com' },
    },
    memberId: 'M-1001',
    agent: 'Ana',
    attempts: 0,
    resends: 0,
    lookups: 0,
    revision: 1,
    transactedAt: '2026-11-23T11:00:00.000Z',
    points: { currency: 'USD', costPerPoint: 0.01, points: 5000 },
    supplierOrderId: null,
    supplierOrder: null,
    candidate: null,
    foreignOrders: [],
    lastError: null,
    nextCheckAt: null,
    intentOverride: null,
    unknownStatusSince: null,
    createdAt: '2026-11-23T11:00:00.000Z',
    updatedAt: '2026-11-23T11:00:00.000Z',
    revisions: [],
    timeline: [],
    ...over,
  };
}
