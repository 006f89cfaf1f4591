import { describe, expect, it } from 'vitest';
import { verifyOrder } from '../../main/jobs/placement-verify';
import { CODE_EXPLANATIONS } from '../../shared/error-catalogue';
import { recommend } from '../../shared/lookup';
import { explainMembership, MEMBERSHIP_CODES } from '../../shared/membership-codes';
import type { ItemState, OrderItem, SupplierOrder } from '../../shared/orders';
import { placementDraftSchema, type Placement, type TransferOrder } from '../../shared/placement';
import { amountProblem, type LoyaltyProgram } from '../../shared/transfers';
import { placementFixture } from '../support/placement-fixture';

const KRISFLYER: LoyaltyProgram = {
  supplier: 'ascenda',
  id: 'lp_krisflyer',
  name: 'KrisFlyer',
  minAmount: 500,
  maxAmount: 250_000,
  increment: 250,
  conversionRate: 0.8,
  timeZone: 'Asia/Singapore',
  unitName: 'miles',
  timeToCredit: 'Up to 5 business days',
};

const transfer: TransferOrder = {
  supplier: 'ascenda',
  kind: 'points_transfer',
  reference: 'pt-1',
  memberId: 'M-1001',
  programId: 'lp_krisflyer',
  programName: 'KrisFlyer',
  programTimeZone: 'Asia/Singapore',
  programUnit: 'miles',
  amount: 5_000,
  membership: { id: '8812345678', firstName: 'Mei', lastName: 'Tan' },
  pointsRedeemed: 6_250,
  user: {},
};

const item = (state: ItemState, over: Partial<OrderItem> = {}): OrderItem => ({
  id: 'it-1',
  kind: 'points_transfer',
  state,
  supplierStatus: state,
  productId: 'lp_krisflyer',
  productName: 'KrisFlyer',
  value: 5_000,
  currency: null,
  quantity: null,
  recipient: null,
  errors: [],
  rewardsIssued: 0,
  membershipId: '8812345678',
  ...over,
});

// Thursday 26 November 2026, 10:00 in Singapore.
const CREATED = Date.parse('2026-11-26T02:00:00Z');
const order = (items: OrderItem[]): SupplierOrder => ({
  supplier: 'ascenda',
  id: 'ord_pt',
  reference: 'pt-1',
  supplierStatus: 'accepted',
  createdAt: new Date(CREATED).toISOString(),
  transactedAt: null,
  memberId: 'M-1001',
  deliveryType: null,
  total: null,
  items,
});
const placed = (over: Partial<Placement> = {}): Placement =>
  placementFixture({
    reference: 'pt-1',
    state: 'confirmed',
    order: transfer,
    points: { currency: null, costPerPoint: null, points: 6_250 },
    createdAt: new Date(CREATED).toISOString(),
    ...over,
  });
const at = (iso: string) => Date.parse(iso);

describe('a transfer’s amount within its programme’s rules', () => {
  it.each([
    [5_000, null],
    [499, 'KrisFlyer takes at least 500 miles'],
    [250_250, 'KrisFlyer takes at most 250,000 miles'],
    [5_100, 'KrisFlyer takes amounts in steps of 250 miles from 500'],
    [0, 'Enter a whole number of miles above 0'],
    [12.5, 'Enter a whole number of miles above 0'],
  ])('%d → %s', (amount, problem) => {
    expect(amountProblem(KRISFLYER, amount)).toBe(problem);
  });

  it('a programme that gives no rules takes any whole amount', () => {
    const open = { ...KRISFLYER, minAmount: null, maxAmount: null, increment: null };
    expect(amountProblem(open, 7)).toBeNull();
  });
});

describe('a transfer draft', () => {
  it('needs the membership and the points the member redeemed', () => {
    const parsed = placementDraftSchema.safeParse({
      order: { ...transfer, membership: { id: 'EK 1', firstName: '', lastName: 'Tan' }, pointsRedeemed: 0 },
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('order.membership.id: A membership number has no spaces');
    expect(messages).toContain('order.membership.firstName: Enter the first name on the membership');
    expect(messages).toContain('order.pointsRedeemed: Enter the points the member redeemed (above 0)');
  });

  it('a gift-card draft journaled before transfers existed still reads as a gift card', () => {
    const parsed = placementDraftSchema.parse({ order: placementFixture().order });
    expect(parsed.order.supplier === 'ascenda' && parsed.order.kind).toBeUndefined();
  });
});

describe('verifying a transfer', () => {
  it('matches on reference, programme, amount and membership', () => {
    expect(verifyOrder(transfer, order([item('processing')])).verdict).toBe('match');
  });

  it('a gift card handed back for a transfer is a mismatch, never confirmed', () => {
    const card = item('fulfilled', { kind: 'gift_card', membershipId: null });
    const verification = verifyOrder(transfer, order([card]));
    expect(verification.verdict).toBe('mismatch');
    expect(verification.differences).toContainEqual({
      field: 'kind',
      expected: 'points_transfer',
      actual: 'gift_card',
    });
  });

  it('another membership, programme or amount is a mismatch', () => {
    const other = order([item('fulfilled', { membershipId: '8899999999', value: 5_250 })]);
    const fields = verifyOrder(transfer, other).differences.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['membership', 'value']));
  });
});

describe('tracking a transfer', () => {
  const rec = (o: SupplierOrder, now: number, p: Placement | null = placed()) =>
    recommend({ order: o, placement: p, now, rates: { USD: 0.01 } });

  it('pending for six calendar days over a weekend is not stuck; it says when it would be', () => {
    const r = rec(order([item('processing')]), at('2026-12-02T12:00:00Z'));
    expect(r.kind).toBe('in_progress');
    expect(r.title).toBe('Placed — transfer in progress at Ascenda');
    // Thursday 10:00 in Singapore + 5 business days = the next Thursday 10:00 there.
    expect(r.action).toContain('not late before Dec 3, 2026, 10:00');
    expect(r.action).toContain('(Asia/Singapore)');
  });

  it('after five business days in the programme’s zone it is stuck and escalated', () => {
    const r = rec(order([item('processing')]), at('2026-12-03T02:00:00Z'));
    expect(r.kind).toBe('stuck');
    expect(r.action).toContain('5 business days');
  });

  it('without a journal, the cached programme’s time zone counts; else UTC', () => {
    // Saturday 03:00 UTC is still Friday 22:00 in New York: there it is due next Friday 22:00 (Sat 03:00 UTC).
    const o = { ...order([item('processing')]), createdAt: '2026-11-28T03:00:00.000Z' };
    const now = at('2026-12-05T01:00:00Z');
    const zoned = recommend({
      order: o,
      placement: null,
      now,
      rates: {},
      programTimeZone: () => 'America/New_York',
    });
    expect(zoned.kind).toBe('in_progress');
    // In UTC it was made on a Saturday: counting starts Monday, so it is due as Friday ends, already past.
    expect(recommend({ order: o, placement: null, now, rates: {} }).kind).toBe('stuck');
  });

  it('a failed transfer owes exactly the points redeemed, with the network’s code explained', () => {
    const failed = item('failed', { errors: [{ code: 'TC40002', message: 'Account not eligible' }] });
    const r = rec(order([failed]), at('2026-11-27T02:00:00Z'));
    expect(r.kind).toBe('refund');
    expect(r.refundPoints).toBe(6_250);
    expect(r.title).toBe('Placed — transfer failed: refund 6,250 points');
    expect(r.action).toContain('Account not eligible (TC40002)');
    expect(r.action).toContain('inactive, suspended, needs activation');
    expect(r.action).toContain('points they redeemed');
  });

  it('a cancelled transfer the desk never journaled says where the points are', () => {
    const r = rec(order([item('cancelled')]), at('2026-11-27T02:00:00Z'), null);
    expect(r.kind).toBe('refund');
    expect(r.title).toContain('refund the points the member redeemed (in the client system');
  });

  it('fulfilled reads as credited', () => {
    const r = rec(order([item('fulfilled')]), at('2026-11-27T02:00:00Z'));
    expect(r.kind).toBe('delivered');
    expect(r.action).toContain('credited the transfer');
  });
});

describe('the transfer network’s codes', () => {
  it('every documented refusal has words: what it means, what to ask, whether to retry', () => {
    for (const code of ['NN1301', 'TC40000', 'TC40001', 'TC40002', 'TC40010', 'TC40101']) {
      const check = explainMembership(code, 'as sent');
      expect(check.valid).toBe(false);
      expect(check.title).not.toMatch(/^Refused with code/);
      expect(check.meaning.length).toBeGreaterThan(20);
      expect(check.askMember.length).toBeGreaterThan(20);
      expect(check.supplierMessage).toBe('as sent');
    }
    expect(explainMembership('TC40010', null).retry).toBe('no');
    expect(explainMembership('TC40002', null).retry).toBe('later');
  });

  it('TC40101 shows both documented meanings', () => {
    expect(MEMBERSHIP_CODES.TC40101!.meaning).toMatch(/member identifier is invalid.*general reason/s);
    expect(CODE_EXPLANATIONS['ascenda:TC40101']!.explanation).toMatch(/invalid.*general/s);
  });

  it('a code the desk does not know is named as such, with the supplier’s words', () => {
    const check = explainMembership('TC49999', 'Programme maintenance');
    expect(check.title).toBe('Refused with code TC49999');
    expect(check.meaning).toContain('a code the desk does not know (TC49999)');
  });

  it('every TC code is in the error catalogue as a refund owed', () => {
    for (const code of ['TC40000', 'TC40001', 'TC40002', 'TC40010', 'TC40101'])
      expect(CODE_EXPLANATIONS[`ascenda:${code}`]?.refund).toBe('yes');
  });
});
