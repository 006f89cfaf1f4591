import { describe, expect, it } from 'vitest';
import {
  CODE_EXPLANATIONS,
  KIND_EXPLANATIONS,
  nn1001Cause,
  NN1001_MESSAGES,
  STATUS_EXPLANATIONS,
} from '../../shared/error-catalogue';
import { formatDateTime } from '../../shared/format';
import { recommend, ticketSummary, type LookupResult } from '../../shared/lookup';
import type { ItemState, OrderItem, SupplierOrder } from '../../shared/orders';
import type { Placement } from '../../shared/placement';
import { placementFixture } from '../support/placement-fixture';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY_MS = 24 * 3600 * 1000;
const item = (state: ItemState, over: Partial<OrderItem> = {}): OrderItem => ({
  id: `it-${state}`,
  kind: 'gift_card',
  membershipId: null,
  state,
  supplierStatus: state,
  productId: 'gc_1',
  productName: 'Harbor Books',
  value: 50,
  currency: 'USD',
  quantity: 1,
  recipient: null,
  errors: [],
  rewardsIssued: 0,
  ...over,
});
const order = (items: OrderItem[], ageMs = 60_000): SupplierOrder => ({
  supplier: 'ascenda',
  id: 'ord_1',
  reference: 'ref-1',
  supplierStatus: 'accepted',
  createdAt: new Date(NOW - ageMs).toISOString(),
  transactedAt: null,
  memberId: null,
  deliveryType: null,
  total: 50,
  items,
});
const placement = (state: Placement['state'], over: Partial<Placement> = {}): Placement =>
  placementFixture({
    state,
    attempts: 6,
    resends: 5,
    createdAt: new Date(NOW - 3_600_000).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    ...over,
  });
const rec = (o: SupplierOrder | null, p: Placement | null = null) =>
  recommend({ order: o, placement: p, now: NOW, rates: { USD: 0.01 } });

describe('recommended action', () => {
  it.each<[string, SupplierOrder | null, Placement | null, string, string]>([
    ['fulfilled', order([item('fulfilled')]), null, 'delivered', 'Delivered'],
    ['processing, young', order([item('processing')]), null, 'in_progress', 'In progress at Ascenda'],
    ['pending, young', order([item('pending')]), null, 'in_progress', 'In progress at Ascenda'],
    [
      'processing for 2 days',
      order([item('processing')], 2 * DAY_MS),
      null,
      'stuck',
      'Stuck for 2 d: escalate to Ascenda Ops',
    ],
    [
      'failed, not placed by the desk',
      order([item('failed')]),
      null,
      'refund',
      'Item failed: refund 5,000 points (current rate, not journaled)',
    ],
    [
      'cancelled, not placed by the desk',
      order([item('cancelled')]),
      null,
      'refund',
      'Item cancelled: refund 5,000 points (current rate, not journaled)',
    ],
    [
      'failed, placed by the desk at a journaled rate',
      order([item('failed')]),
      placement('confirmed', {
        outcome: 'refund_due',
        points: { currency: 'USD', costPerPoint: 0.02, points: 2500 },
      }),
      'refund',
      'Placed — item failed: refund 2,500 points',
    ],
    [
      'failed in a currency without a rate',
      order([item('failed', { currency: 'JPY', value: 5000 })]),
      null,
      'refund',
      'Item failed: refund the member (points unknown: set a rate for JPY)',
    ],
    [
      'a mismatch is never green nor refundable, whatever the items say',
      order([item('fulfilled')]),
      placement('mismatch'),
      'mismatch',
      'Mismatch: Ascenda handed back an order that differs — not confirmed',
    ],
    [
      'unverified',
      null,
      placement('unverified'),
      'unverified',
      "Unverified: Ascenda's answer cannot be checked — not confirmed",
    ],
    ['resolved not ours', null, placement('not_found'), 'not_ours', 'Not ours: our order was not found'],
    [
      'an unknown status',
      order([item('unknown', { supplierStatus: 'on_hold' })]),
      null,
      'unknown_status',
      'Ascenda reported a status the desk does not know',
    ],
    [
      'needs_ops',
      null,
      placement('needs_ops'),
      'escalate_ops',
      'Needs Ops: ask Ascenda — do not place again',
    ],
    ['journaled', null, placement('journaled'), 'checking', 'The desk is still checking with Ascenda'],
    ['unknown', null, placement('unknown'), 'checking', 'The desk is still checking with Ascenda'],
    ['rejected', null, placement('rejected'), 'rejected', 'Refused by Ascenda: nothing was ordered'],
    ['nothing anywhere', null, null, 'not_found', 'Not found in the cache or the journal'],
  ])('%s → %s', (_name, o, p, kind, title) => {
    expect(rec(o, p)).toMatchObject({ kind, title });
  });

  it('refunds only the failed items, rounding points up, and names their reasons', () => {
    const r = rec(
      order([
        item('fulfilled'),
        item('failed', { id: 'a', value: 25.5, quantity: 2, errors: [{ code: 'NN1301', message: 'm' }] }),
        item('cancelled', { id: 'b', value: 0.015 }),
      ]),
    );
    expect(r.refundPoints).toBe(Math.ceil((51 + 0.015) / 0.01));
    expect(r.action).toContain('2 of 3 items were failed or cancelled by Ascenda (Member id rejected)');
  });

  it('a mismatch or unverified placement never offers a refund, even when the order handed back failed', () => {
    for (const state of ['mismatch', 'unverified'] as const) {
      const r = rec(order([item('failed')]), placement(state));
      expect(r.refundPoints).toBeNull();
      expect(r.tone).not.toBe('ok');
    }
  });

  it('a needs_ops placement wins over anything the supplier shows, and never says to refund', () => {
    const r = rec(order([item('failed')]), placement('needs_ops'));
    expect(r.kind).toBe('escalate_ops');
    expect(r.refundPoints).toBeNull();
    expect(r.action).toContain('Do not refund');
  });

  it('every recommended action carries a message for the member that promises no more than the desk knows', () => {
    const sent = rec(
      order([item('fulfilled', { recipient: { email: 'ana@example.com', phone: null, name: null } })]),
    );
    // One date format, with the time zone named.
    expect(sent.memberMessage).toContain(
      `Your Harbor Books gift card was sent on ${formatDateTime(new Date(NOW - 60_000).toISOString())} to ana@example.com.`,
    );
    expect(formatDateTime(new Date(NOW).toISOString(), 'UTC')).toMatch(/2026.*12:00 UTC/);
    const failed = rec(order([item('failed')]), placement('confirmed', { outcome: 'refund_due' }));
    expect(failed.memberMessage).toContain('We are returning 5,000 points to your account.');
    expect(failed.memberMessage).not.toMatch(/refunded|returned/);
    for (const state of ['needs_ops', 'mismatch', 'unverified', 'unknown'] as const) {
      const message = rec(null, placement(state)).memberMessage;
      expect(message, state).toContain('no need to order it again');
      expect(message, state).not.toMatch(/sent|return/);
    }
    expect(rec(order([item('processing')], 2 * DAY_MS)).memberMessage).toMatch(/taking longer than usual/);
    expect(rec(null).memberMessage).toMatch(/could not find an order/);
  });

  it('a ticket summary carries ids, statuses, errors and request ids, and no secrets', () => {
    const p = placement('needs_ops', {
      timeline: [
        {
          at: 't',
          kind: 'unknown',
          attempt: 1,
          state: 'unknown',
          httpStatus: 504,
          supplierCode: null,
          requestId: 'req-9',
          message: 'm',
        },
      ],
    });
    const o = order([item('failed', { errors: [{ code: 'NN0001', message: 'boom' }] })]);
    const result: LookupResult = {
      key: 'k',
      supplier: 'ascenda',
      reference: 'ref-1',
      supplierOrderId: 'ord_1',
      match: 'exact',
      sources: [],
      order: o,
      placement: p,
      archived: null,
      recommendation: rec(o, p),
      timeline: [],
      notes: [
        {
          id: 1,
          supplier: 'ascenda',
          reference: 'ref-1',
          memberId: 'M-1001',
          text: 'Member called twice',
          agent: 'Ana',
          at: '2026-11-23T12:00:00.000Z',
        },
      ],
    };
    const text = ticketSummary(result);
    expect(text).toMatch(/Note by Ana, .*2026.*: Member called twice/);
    expect(text).toContain('Reference: ref-1');
    expect(text).toContain('NN0001: boom');
    expect(text).toContain('HTTP 504 request req-9');
    expect(text).toContain('Recommended: Needs Ops: ask Ascenda');
    expect(text).toContain('Journaled: gc_1 50 USD x1, member M-1001');
  });
});

describe('error catalogue for agents', () => {
  it('says for every entry whether the member is refunded', () => {
    for (const entry of [
      ...Object.values(KIND_EXPLANATIONS),
      ...Object.values(CODE_EXPLANATIONS),
      ...Object.values(STATUS_EXPLANATIONS),
    ])
      expect(['yes', 'no', 'wait']).toContain(entry.refund);
    expect(KIND_EXPLANATIONS.INDETERMINATE.refund).toBe('wait');
    expect(STATUS_EXPLANATIONS['gcp:504']!.refund).toBe('wait');
    expect(STATUS_EXPLANATIONS['transport:ECONNRESET']!.refund).toBe('wait');
    expect(CODE_EXPLANATIONS['ascenda:NN1301']!.refund).toBe('yes');
  });

  it('covers GiftCard Partners 400/401/403/409/422/504 and the transport errors', () => {
    for (const status of [400, 401, 403, 409, 422, 504])
      expect(STATUS_EXPLANATIONS[`gcp:${status}`], String(status)).toBeDefined();
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'CERT'])
      expect(STATUS_EXPLANATIONS[`transport:${code}`], code).toBeDefined();
  });

  it("recognises each of NN1001's eight documented messages, and nothing else", () => {
    expect(NN1001_MESSAGES).toHaveLength(8);
    const messages = [
      'recipient is required for gift card order',
      'multiple order items are not supported yet',
      'invalid order item type',
      'redemption of order_item_type gift_card is not enabled',
      'user_id is not a valid UUID',
      'membership is missing',
      'points_account_id is required when the user has several points accounts',
      'PointsAccount not found for id 123',
    ];
    expect(messages.map((m) => NN1001_MESSAGES.indexOf(nn1001Cause(m)!))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(nn1001Cause('something else entirely')).toBeNull();
  });
});
