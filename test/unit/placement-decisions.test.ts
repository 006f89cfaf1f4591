import { describe, expect, it } from 'vitest';
import {
  decide,
  outcomeOf,
  type Answer,
  type DecisionContext,
  type DecisionPolicy,
} from '../../main/jobs/placement-decisions';
import type { ItemState, OrderItem, SupplierOrder } from '../../shared/orders';
import type { Placement, PlacementState } from '../../shared/placement';
import type { SupplierErrorInfo, SupplierErrorKind } from '../../shared/supplier-errors';
import { placementFixture } from '../support/placement-fixture';

/**
 * Every transition of the placement state machine, one table row each: the state, what the supplier answered,
 * and what the desk must do and say. The runner only carries these out.
 */

const POLICY: DecisionPolicy = {
  maxResends: 5,
  maxLookups: 5,
  giveUpAfterMs: 24 * 3600_000,
  unknownStatusAlertMs: 4 * 3600_000,
};
const NOW = '2026-11-23T12:00:00.000Z';

const item = (state: ItemState, over: Partial<OrderItem> = {}): OrderItem => ({
  id: 'oi_1',
  kind: 'gift_card',
  membershipId: null,
  state,
  supplierStatus: state === 'unknown' ? 'on_hold' : state,
  productId: 'gc_1',
  productName: 'Harbor Books',
  value: 50,
  currency: 'USD',
  quantity: null,
  recipient: { email: 'member@example.com', phone: null, name: null },
  errors: state === 'failed' ? [{ code: 'NN1301', message: 'member rejected' }] : [],
  rewardsIssued: 0,
  ...over,
});
const order = (
  over: Partial<SupplierOrder> = {},
  items: OrderItem[] = [item('fulfilled')],
): SupplierOrder => ({
  supplier: 'ascenda',
  id: 'ord_1',
  reference: 'ref-1',
  supplierStatus: 'accepted',
  createdAt: NOW,
  transactedAt: NOW,
  memberId: 'M-1001',
  deliveryType: null,
  total: null,
  items,
  ...over,
});
const error = (kind: SupplierErrorKind, over: Partial<SupplierErrorInfo> = {}): SupplierErrorInfo => ({
  kind,
  supplier: 'ascenda',
  operation: 'create order',
  httpStatus: null,
  supplierCode: null,
  supplierMessage: null,
  requestId: 'req-1',
  retryAfterMs: null,
  originalOrderId: null,
  fieldErrors: [],
  networkCode: null,
  orderMayExist: kind === 'INDETERMINATE',
  ...over,
});
const at = (state: PlacementState, over: Partial<Placement> = {}): Placement =>
  placementFixture({ state, attempts: 1, ...over });
const context = (placement: Placement, over: Partial<DecisionContext> = {}): DecisionContext => ({
  placement,
  policy: POLICY,
  ageMs: 60_000,
  now: NOW,
  unknownStatusForMs: 0,
  rates: { USD: 0.01 },
  ...over,
});

interface Row {
  name: string;
  placement: Placement;
  answer: Answer;
  ctx?: Partial<DecisionContext>;
  state: PlacementState;
  next: string;
  says: RegExp;
  outcome?: string | null;
  audit?: string;
}

const rows: Row[] = [
  // A send that never left the desk.
  {
    name: 'credentials unreadable before the first send: refused, nothing ordered',
    placement: at('journaled', { attempts: 0 }),
    answer: {
      kind: 'not_sent',
      error: error('NOT_CONFIGURED', { supplierMessage: 'the keychain is locked: unlock it' }),
    },
    state: 'rejected',
    next: 'stop',
    says: /Not sent: the keychain is locked: unlock it Nothing was ordered/,
    audit: 'placement rejected',
  },
  {
    name: 'credentials unreadable on a resend: an earlier attempt may have landed, so look it up',
    placement: at('journaled', { attempts: 2, resends: 1 }),
    answer: { kind: 'not_sent', error: error('NOT_CONFIGURED') },
    state: 'unknown',
    next: 'wait',
    says: /earlier attempt may have landed/,
  },
  // Create answers.
  {
    name: 'created, and the order matches what was journaled: placed, tracked',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({}, [item('processing')]) },
    state: 'confirmed',
    outcome: 'tracking',
    next: 'poll',
    says: /matches what was journaled\. Placed — in progress/,
    audit: 'placement confirmed',
  },
  {
    name: 'created and already fulfilled',
    placement: at('journaled'),
    answer: { kind: 'created', order: order() },
    state: 'confirmed',
    outcome: 'fulfilled',
    next: 'stop',
    says: /Placed — fulfilled: the member has their card/,
  },
  {
    name: 'created and the item failed: one sentence, refund from the journaled rate',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({}, [item('failed')]) },
    state: 'confirmed',
    outcome: 'refund_due',
    next: 'stop',
    says: /Placed — item failed: refund 5,000 points\. Supplier said: NN1301 member rejected \(Member id rejected\)\.$/,
  },
  {
    name: 'created, answered with another reference: mismatch, never green',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({ reference: 'someone-else' }) },
    state: 'mismatch',
    next: 'continue',
    says: /differs from what was journaled \(reference: journaled ref-1, returned someone-else\)/,
    audit: 'placement mismatch',
  },
  {
    name: 'created, another member: mismatch',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({ memberId: 'M-9999' }) },
    state: 'mismatch',
    next: 'continue',
    says: /member: journaled M-1001, returned M-9999/,
  },
  {
    name: 'created, another value and currency: mismatch naming both',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({}, [item('fulfilled', { value: 25, currency: 'SGD' })]) },
    state: 'mismatch',
    next: 'continue',
    says: /value: journaled 50, returned 25; currency: journaled USD, returned SGD/,
  },
  {
    name: 'created, without items to check: unverified, read back next',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({}, []) },
    state: 'unverified',
    next: 'continue',
    says: /without the facts to check it is ours \(not returned: product, value\)/,
    audit: 'placement unverified',
  },
  {
    name: 'created, without our reference: unverified',
    placement: at('journaled'),
    answer: { kind: 'created', order: order({ reference: null }) },
    state: 'unverified',
    next: 'continue',
    says: /not returned: reference/,
  },
  {
    name: 'a duplicate reference: fetch that order and check it before adopting it',
    placement: at('journaled'),
    answer: { kind: 'create_failed', error: error('DUPLICATE', { httpStatus: 422, supplierCode: 'NN1011' }) },
    state: 'journaled',
    next: 'follow_duplicate',
    says: /already has this reference: fetching that order/,
  },
  {
    name: 'a documented refusal on the first send: nothing was ordered',
    placement: at('journaled'),
    answer: {
      kind: 'create_failed',
      error: error('DEFINITE_REJECTION', { httpStatus: 422, supplierCode: 'NN1301' }),
    },
    state: 'rejected',
    next: 'stop',
    says: /Refused by Ascenda: member id rejected\. Nothing was ordered\./,
    audit: 'placement rejected',
  },
  {
    name: 'insufficient funds on the first send: nothing was ordered',
    placement: at('journaled', { supplier: 'gcp' }),
    answer: {
      kind: 'create_failed',
      error: error('INSUFFICIENT_FUNDS', { supplier: 'gcp', httpStatus: 422 }),
    },
    state: 'rejected',
    next: 'stop',
    says: /Nothing was ordered/,
  },
  {
    name: 'credentials refused after the one token refresh: nothing was ordered',
    placement: at('journaled'),
    answer: { kind: 'create_failed', error: error('AUTH', { httpStatus: 401 }) },
    state: 'rejected',
    next: 'stop',
    says: /Nothing was ordered/,
  },
  {
    name: 'a refusal on a resend is not believed: an earlier attempt may have landed',
    placement: at('journaled', { attempts: 3, resends: 2 }),
    answer: {
      kind: 'create_failed',
      error: error('DEFINITE_REJECTION', { httpStatus: 400, supplierCode: 'NN1001' }),
    },
    state: 'unknown',
    next: 'continue',
    says: /Refused on resend .* looks it up before calling it refused/,
  },
  {
    name: 'rate limited: nothing processed, sent again shortly with the same reference',
    placement: at('journaled'),
    answer: { kind: 'create_failed', error: error('RATE_LIMITED', { httpStatus: 429 }) },
    state: 'journaled',
    next: 'wait',
    says: /slow down; nothing was processed/,
  },
  {
    name: 'a timeout: the order may exist, look it up',
    placement: at('journaled'),
    answer: { kind: 'create_failed', error: error('INDETERMINATE', { networkCode: 'ETIMEDOUT' }) },
    state: 'unknown',
    next: 'continue',
    says: /may or may not exist\. The desk looks it up by reference/,
  },
  {
    name: 'an unreadable 2xx: the order may exist, look it up',
    placement: at('journaled'),
    answer: {
      kind: 'create_failed',
      error: error('MALFORMED_RESPONSE', { httpStatus: 201, orderMayExist: true }),
    },
    state: 'unknown',
    next: 'continue',
    says: /may or may not exist/,
  },
  {
    name: 'no connection made: nothing sent this time, checked and sent again',
    placement: at('journaled'),
    answer: { kind: 'create_failed', error: error('UNREACHABLE', { networkCode: 'ECONNREFUSED' }) },
    state: 'unknown',
    next: 'continue',
    says: /nothing was sent this time/,
  },
  // The original order behind a duplicate.
  {
    name: 'the original is ours: placed',
    placement: at('journaled'),
    answer: { kind: 'original', order: order(), duplicate: error('DUPLICATE') },
    state: 'confirmed',
    outcome: 'fulfilled',
    next: 'stop',
    says: /already had this reference from an earlier attempt; it matches/,
  },
  {
    name: 'the original names another reference (a 409 pointing elsewhere): mismatch',
    placement: at('journaled', { supplier: 'gcp' }),
    answer: { kind: 'original', order: order({ reference: 'PO-other' }), duplicate: error('DUPLICATE') },
    state: 'mismatch',
    next: 'continue',
    says: /reference: journaled ref-1, returned PO-other/,
  },
  {
    name: 'the original could not be fetched: unknown, look it up',
    placement: at('journaled'),
    answer: { kind: 'original', order: null, duplicate: error('DUPLICATE') },
    state: 'unknown',
    next: 'continue',
    says: /did not hand the order back/,
  },
  // Look-ups while unknown.
  {
    name: 'unknown, found by reference and matching: placed',
    placement: at('unknown'),
    answer: { kind: 'found', order: order() },
    state: 'confirmed',
    next: 'stop',
    says: /has our reference; it matches what was journaled/,
  },
  {
    name: 'unknown, found by reference but another member’s order: mismatch',
    placement: at('unknown'),
    answer: { kind: 'found', order: order({ memberId: 'M-2' }) },
    state: 'mismatch',
    next: 'continue',
    says: /member: journaled M-1001, returned M-2/,
  },
  {
    name: 'unknown, not found: resend with the same reference',
    placement: at('unknown', { resends: 1 }),
    answer: { kind: 'not_found' },
    state: 'unknown',
    next: 'resend',
    says: /sending again with the same reference/,
  },
  {
    name: 'unknown, not found after 5 resends: needs Ops',
    placement: at('unknown', { resends: 5, attempts: 6 }),
    answer: { kind: 'not_found' },
    state: 'needs_ops',
    next: 'stop',
    says: /Needs Ops: no definite answer after 5 resends\. Ask Ascenda whether an order exists for reference ref-1/,
    audit: 'placement escalated to Ops',
  },
  {
    name: 'unknown, not found past 24 h: needs Ops however few resends',
    placement: at('unknown'),
    answer: { kind: 'not_found' },
    ctx: { ageMs: 25 * 3600_000 },
    state: 'needs_ops',
    next: 'stop',
    says: /Needs Ops/,
  },
  {
    name: 'refused on a resend and not found either: the refusal stands',
    placement: at('unknown', {
      resends: 1,
      lastError: error('DEFINITE_REJECTION', { supplierCode: 'NN1001' }),
    }),
    answer: { kind: 'not_found' },
    state: 'rejected',
    next: 'stop',
    says: /Nothing was ordered\. No earlier attempt was found/,
  },
  {
    name: 'unknown, the look-up failed: try again',
    placement: at('unknown'),
    answer: { kind: 'lookup_failed', error: error('UNREACHABLE') },
    state: 'unknown',
    next: 'wait',
    says: /Could not check Ascenda/,
  },
  {
    name: 'unknown, the look-up failed past 24 h: needs Ops',
    placement: at('unknown'),
    answer: { kind: 'lookup_failed', error: error('UNREACHABLE') },
    ctx: { ageMs: 25 * 3600_000 },
    state: 'needs_ops',
    next: 'stop',
    says: /could not be checked for 1 d 1 h/,
  },
  // Unverified and mismatched: checking until ours is found, or the limits pass.
  {
    name: 'unverified, our own order found by exact reference and matching: placed',
    placement: at('unverified', {
      candidate: {
        order: order({}, []),
        verification: { verdict: 'unverified', differences: [], missing: ['product'] },
      },
    }),
    answer: { kind: 'found', order: order() },
    state: 'confirmed',
    next: 'stop',
    says: /matches what was journaled/,
  },
  {
    name: 'mismatch, the same foreign order again: one more look-up counted, then a wait',
    placement: at('mismatch', { lookups: 1 }),
    answer: { kind: 'found', order: order({ reference: 'someone-else' }) },
    state: 'mismatch',
    next: 'wait',
    says: /differs from what was journaled/,
  },
  {
    name: 'mismatch, the fifth look-up still foreign: needs Ops with both orders',
    placement: at('mismatch', { lookups: 4 }),
    answer: { kind: 'found', order: order({ reference: 'someone-else' }) },
    state: 'needs_ops',
    next: 'stop',
    says: /handed back order ord_1, which is not provably ours: send both to Ops/,
  },
  {
    name: 'unverified, ours not found yet: counted, still not confirmed',
    placement: at('unverified', { lookups: 2 }),
    answer: { kind: 'not_found' },
    state: 'unverified',
    next: 'wait',
    says: /look-up 3 of 5\); still not confirmed/,
  },
  {
    name: 'unverified, ours not found in 5 look-ups: needs Ops',
    placement: at('unverified', { lookups: 4 }),
    answer: { kind: 'not_found' },
    state: 'needs_ops',
    next: 'stop',
    says: /not found in 5 look-ups/,
  },
  {
    name: 'mismatch past 24 h: needs Ops',
    placement: at('mismatch'),
    answer: { kind: 'not_found' },
    ctx: { ageMs: 25 * 3600_000 },
    state: 'needs_ops',
    next: 'stop',
    says: /Needs Ops/,
  },
  // Tracking a placed order.
  {
    name: 'tracking, now fulfilled',
    placement: at('confirmed', { outcome: 'tracking', supplierOrder: order({}, [item('processing')]) }),
    answer: { kind: 'polled', order: order() },
    state: 'confirmed',
    outcome: 'fulfilled',
    next: 'stop',
    says: /^Placed — fulfilled/,
    audit: 'placement fulfilled',
  },
  {
    name: 'tracking, now cancelled: refund from the journaled rate',
    placement: at('confirmed', { outcome: 'tracking', supplierOrder: order({}, [item('processing')]) }),
    answer: { kind: 'polled', order: order({}, [item('cancelled')]) },
    state: 'confirmed',
    outcome: 'refund_due',
    next: 'stop',
    says: /^Placed — item cancelled: refund 5,000 points\.$/,
    audit: 'placement refund due',
  },
  {
    name: 'tracking, nothing changed: no timeline line, poll again',
    placement: at('confirmed', { outcome: 'tracking', supplierOrder: order({}, [item('processing')]) }),
    answer: { kind: 'polled', order: order({}, [item('processing')]) },
    state: 'confirmed',
    outcome: 'tracking',
    next: 'poll',
    says: /^$/,
  },
  {
    name: 'tracking, the supplier now reports another value: mismatch, no longer confirmed',
    placement: at('confirmed', { outcome: 'tracking', supplierOrder: order({}, [item('processing')]) }),
    answer: { kind: 'polled', order: order({}, [item('fulfilled', { value: 500 })]) },
    state: 'mismatch',
    outcome: null,
    next: 'continue',
    says: /now reports order ord_1 differently/,
  },
  {
    name: 'tracking, a status the desk does not know: named, never success, alert time said',
    placement: at('confirmed', { outcome: 'tracking', supplierOrder: order({}, [item('processing')]) }),
    answer: { kind: 'polled', order: order({}, [item('unknown')]) },
    state: 'confirmed',
    outcome: 'tracking',
    next: 'poll',
    says: /reports “on_hold”, a status the desk does not know\. Not success and not a refund: .* alerts after 4 h/,
  },
  {
    name: 'tracking, the unknown status outlasts the alert time: one alert',
    placement: at('confirmed', {
      outcome: 'tracking',
      unknownStatusSince: '2026-11-23T07:00:00.000Z',
      supplierOrder: order({}, [item('unknown')]),
    }),
    answer: { kind: 'polled', order: order({}, [item('unknown')]) },
    ctx: { unknownStatusForMs: 5 * 3600_000 },
    state: 'confirmed',
    outcome: 'tracking',
    next: 'poll',
    says: /Still “on_hold” after 5 h: ask Ascenda what it means/,
    audit: 'placement unknown status alert',
  },
  {
    name: 'tracking, the poll failed: bookkeeping only, poll again',
    placement: at('confirmed', { outcome: 'tracking' }),
    answer: { kind: 'poll_failed', error: error('UNREACHABLE') },
    state: 'confirmed',
    next: 'poll',
    says: /Could not read the order's status/,
  },
];

describe('placement decisions: one row per transition', () => {
  it.each(rows)('$name', (row) => {
    const decision = decide(context(row.placement, row.ctx), row.answer);
    expect(decision.state).toBe(row.state);
    expect(decision.next.kind).toBe(row.next);
    expect(decision.event.message).toMatch(row.says);
    if (row.outcome !== undefined) expect(decision.outcome).toBe(row.outcome);
    if (row.audit !== undefined) expect(decision.audit).toBe(row.audit);
  });

  it('never says "nothing was ordered" unless the answer proves it', () => {
    const indeterminate: SupplierErrorKind[] = [
      'INDETERMINATE',
      'MALFORMED_RESPONSE',
      'UNREACHABLE',
      'TLS',
      'NOT_FOUND',
    ];
    for (const kind of indeterminate) {
      const decision = decide(context(at('journaled')), { kind: 'create_failed', error: error(kind) });
      expect(decision.state).toBe('unknown');
      expect(decision.event.message).not.toMatch(/nothing was ordered/i);
    }
  });

  it('never makes anything green but an order that matches: no mismatch or unverified is ever confirmed', () => {
    const foreign = [
      order({ reference: 'other' }),
      order({ memberId: 'other' }),
      order({}, [item('fulfilled', { productId: 'gc_9' })]),
      order({}, [item('fulfilled', { quantity: 2 })]),
      order({}, [item('fulfilled'), item('fulfilled', { id: 'oi_2' })]),
      order({}, [item('fulfilled', { value: null })]),
      order({}, [item('fulfilled', { recipient: { email: 'other@example.com', phone: null, name: null } })]),
    ];
    for (const candidate of foreign) {
      for (const kind of ['created', 'found'] as const) {
        const decision = decide(context(at('journaled')), { kind, order: candidate });
        expect(decision.state).not.toBe('confirmed');
        expect(decision.supplierOrder).toBeUndefined();
      }
    }
  });

  it('only fulfilled is success; failed or cancelled means a refund; anything else is still tracking', () => {
    expect(outcomeOf(order({}, [item('fulfilled')]))).toBe('fulfilled');
    expect(outcomeOf(order({}, [item('fulfilled'), item('failed', { id: '2' })]))).toBe('refund_due');
    expect(outcomeOf(order({}, [item('cancelled')]))).toBe('refund_due');
    expect(outcomeOf(order({}, [item('unknown')]))).toBe('tracking');
    expect(outcomeOf(order({}, []))).toBe('tracking');
  });
});
