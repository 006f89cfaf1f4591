import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ascendaCalibrationSchema, ascendaConfigWith } from '../../main/providers/ascenda/config';
import { SIM_PROGRAMS, type SimProgram } from '../../main/sandbox/ascenda/programs';
import type { AscendaSimSettings } from '../../main/sandbox/ascenda/settings';
import { AscendaSimulator } from '../../main/sandbox/ascenda/simulator';
import type { FaultSpec } from '../../main/sandbox/faults';
import { MEMBERSHIP_CODES, MEMBERSHIP_VALID } from '../../shared/membership-codes';
import type { TransferOrder } from '../../shared/placement';
import type { Membership } from '../../shared/transfers';
import { ascendaClient, failure } from '../support/clients';

/**
 * The Ascenda client's points-transfer side against the simulator over real HTTP: programmes read record by
 * record and page by page, one programme by id, membership checks whose documented refusals come back as results
 * (with the words an agent passes on) while failures to ask throw, and transfers created, refused and found.
 */

const FAST = { rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 } };

async function withSim<T>(
  overrides: Partial<AscendaSimSettings>,
  run: (url: string, sim: AscendaSimulator) => Promise<T>,
): Promise<T> {
  const sim = new AscendaSimulator({ historicalOrderCount: 10, giftCardCount: 20, ...FAST, ...overrides });
  const url = await sim.start();
  try {
    return await run(url, sim);
  } finally {
    await sim.stop();
  }
}

const sim = new AscendaSimulator({ historicalOrderCount: 30, giftCardCount: 30, ...FAST });
let base = '';
beforeAll(async () => {
  base = await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => sim.faults.clear());

const arm = (spec: FaultSpec) => sim.faults.add(spec);
const krisflyer: Membership = { id: '1234567890', firstName: 'Ana', lastName: 'Tan' };
const programs = (overrides: Array<Partial<SimProgram>>): SimProgram[] =>
  overrides.map((o, i) => ({ ...SIM_PROGRAMS[i % SIM_PROGRAMS.length]!, ...o }));

const transferOrder = (overrides: Partial<TransferOrder> = {}): TransferOrder => ({
  supplier: 'ascenda',
  kind: 'points_transfer',
  reference: `pt-${randomUUID()}`,
  memberId: 'M-2001',
  programId: 'lp_krisflyer',
  amount: 2_000,
  membership: krisflyer,
  pointsRedeemed: 2_500,
  user: { email: 'member@example.com', firstName: 'Ana', lastName: 'Tan' },
  ...overrides,
});
const attempt = () => ({ transactedAt: new Date().toISOString(), revision: 1 });

describe('Ascenda client: loyalty programmes', () => {
  it('lists every programme in the domain shape: rules, conversion, time zone, units, time to credit', async () => {
    const { client } = ascendaClient(base);
    const listed = await client.listPrograms();
    expect(listed.unreadable).toEqual([]);
    expect(listed.programs.map((p) => p.id)).toEqual(SIM_PROGRAMS.map((p) => p.id));
    expect(listed.programs.find((p) => p.id === 'lp_krisflyer')).toEqual({
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
    });
    // What Ascenda does not say stays null: never a guess.
    expect(listed.programs.find((p) => p.id === 'lp_asiamiles')).toMatchObject({
      conversionRate: null,
      timeZone: null,
    });
  });

  it('pages through a paged listing, and reads an un-paged one in one request', async () => {
    const paged = await ascendaClient(base, { config: { maxPageSize: 2 } }).client.listPrograms();
    expect(paged.programs.map((p) => p.id)).toEqual(SIM_PROGRAMS.map((p) => p.id));
    // An un-paged listing answers every request alike: all programmes at once, no paging object.
    const once = await withSim({ programListPaged: false }, (url) =>
      ascendaClient(url, { config: { maxPageSize: 2 } }).client.listPrograms(),
    );
    expect(once.programs).toHaveLength(SIM_PROGRAMS.length);
    const bare = await withSim({ listShape: 'array' }, (url) => ascendaClient(url).client.listPrograms());
    expect(bare.programs).toHaveLength(SIM_PROGRAMS.length);
  });

  it('reads programmes under the key the setting names', async () => {
    await withSim({ programListKey: 'loyalty_programs' }, async (url) => {
      const wrong = await failure(ascendaClient(url).client.listPrograms());
      expect(wrong).toMatchObject({ kind: 'MALFORMED_RESPONSE', operation: 'list loyalty programmes' });
      const right = await ascendaClient(url, {
        config: { programListKey: 'loyalty_programs' },
      }).client.listPrograms();
      expect(right.programs).toHaveLength(SIM_PROGRAMS.length);
    });
  });

  it('names each unreadable programme by id and field, and keeps the others', async () => {
    const odd = programs([
      { id: 'lp_text_min' },
      { id: 'lp_upside_down', min_amount: 5_000, max_amount: 1_000 },
      { id: '' },
      { id: 'lp_fine' },
    ]);
    await withSim({ programs: odd, garbledIds: ['lp_text_min'] }, async (url) => {
      const { programs: read, unreadable } = await ascendaClient(url).client.listPrograms();
      expect(read.map((p) => p.id)).toEqual(['lp_fine']);
      expect(unreadable).toEqual([
        { id: 'lp_text_min', path: 'min_amount', problem: expect.any(String), position: 1 },
        { id: 'lp_upside_down', path: 'max_amount', problem: 'max_amount is below min_amount', position: 2 },
        { id: null, path: 'id', problem: expect.any(String), position: 3 },
      ]);
    });
  });

  it('reads a time zone the runtime does not know as none (business days in UTC), with a warning in the log', async () => {
    await withSim(
      { programs: programs([{ id: 'lp_mars', time_zone: 'Mars/Olympus_Mons' }]) },
      async (url) => {
        const { client, logger } = ascendaClient(url);
        const { programs: read } = await client.listPrograms();
        expect(read).toEqual([expect.objectContaining({ id: 'lp_mars', timeZone: null })]);
        expect(logger.lines.join('\n')).toMatch(/time zone unknown.*lp_mars.*Mars\/Olympus_Mons/);
      },
    );
  });

  it('stops a listing that repeats its page instead of returning part of it', async () => {
    await withSim({ ignorePageParam: true }, async (url) => {
      const looping = await failure(ascendaClient(url, { config: { maxPageSize: 2 } }).client.listPrograms());
      expect(looping).toMatchObject({ kind: 'MALFORMED_RESPONSE', operation: 'list loyalty programmes' });
      expect(looping.supplierMessage).toMatch(/page 2 with exactly the records of page 1/);
    });
  });

  it('reads one programme by id, bare or wrapped; an unknown one is NOT_FOUND with NN1002', async () => {
    const { client } = ascendaClient(base);
    expect(await client.programDetail('lp_bonvoy')).toMatchObject({
      id: 'lp_bonvoy',
      minAmount: 2_000,
      timeZone: 'America/New_York',
    });
    expect(await failure(client.programDetail('lp_gone'))).toMatchObject({
      kind: 'NOT_FOUND',
      operation: 'get loyalty programme',
      httpStatus: 404,
      supplierCode: 'NN1002',
    });
    await withSim({ singleResourceWrapped: true }, async (url) => {
      expect((await ascendaClient(url).client.programDetail('lp_avios')).name).toBe('Avios');
    });
  });

  it('throws when the listing cannot be read at all: 5xx, a dropped connection, refused credentials', async () => {
    const { client } = ascendaClient(base);
    arm({ kind: 'status_before_commit', route: 'GET /loyalty_programs', status: 503 });
    expect(await failure(client.listPrograms())).toMatchObject({ kind: 'INDETERMINATE', httpStatus: 503 });
    arm({ kind: 'drop_before_commit', route: 'GET /loyalty_programs' });
    expect((await failure(client.listPrograms())).networkCode).not.toBeNull();
    arm({ kind: 'credentials_disabled', route: 'GET /loyalty_programs/:id' });
    expect(await failure(client.programDetail('lp_avios'))).toMatchObject({ kind: 'AUTH', httpStatus: 403 });
  });
});

describe('Ascenda client: membership checks', () => {
  it('confirms a membership the programme holds', async () => {
    const { client } = ascendaClient(base);
    expect(await client.validateMembership('lp_krisflyer', krisflyer)).toEqual({
      ...MEMBERSHIP_VALID,
      code: null,
      supplierMessage: null,
    });
  });

  it.each([
    ['TC40000', { id: 'EK1' }],
    ['NN1301', { id: '1234561301' }],
    ['TC40001', { lastName: 'Lim' }],
    ['TC40002', { id: '1234560002' }],
    ['TC40010', { id: '1234560010' }],
    ['TC40101', { id: '1234560101' }],
  ])('returns %s as a refusal with its words, never thrown', async (expected, change) => {
    const { client } = ascendaClient(base);
    const check = await client.validateMembership('lp_krisflyer', { ...krisflyer, ...change });
    expect(check).toMatchObject({ valid: false, code: expected, ...MEMBERSHIP_CODES[expected] });
    expect(check.supplierMessage).not.toBeNull();
  });

  it('returns an unknown programme as NN1002, a refusal with its words', async () => {
    const check = await ascendaClient(base).client.validateMembership('lp_gone', krisflyer);
    expect(check).toMatchObject({ valid: false, code: 'NN1002', title: MEMBERSHIP_CODES.NN1002!.title });
  });

  it('reads a 2xx that says valid: false as the refusal it is', async () => {
    await withSim({ membershipRefusalAs: 'body' }, async (url) => {
      const { client } = ascendaClient(url);
      const check = await client.validateMembership('lp_krisflyer', { ...krisflyer, id: '1234560002' });
      expect(check).toMatchObject({
        valid: false,
        code: 'TC40002',
        supplierMessage: expect.stringMatching(/eligible/),
      });
      expect((await client.validateMembership('lp_krisflyer', krisflyer)).valid).toBe(true);
    });
  });

  it('keeps a hostile supplier’s echo of the token out of the refusal it returns', async () => {
    await withSim({ membershipRefusalAs: 'body', hostile: true }, async (url) => {
      const { client } = ascendaClient(url);
      const check = await client.validateMembership('lp_krisflyer', { ...krisflyer, lastName: 'Lim' });
      expect(check).toMatchObject({ valid: false, code: 'TC40001' });
      expect(check.supplierMessage).not.toContain(await client.tokens.get());
    });
  });

  it('throws when the check did not happen: credentials, outage, rate limit, garbage, invalid input', async () => {
    const route = 'POST /loyalty_programs/:id/validate_membership';
    const wrong = ascendaClient(base, { credentials: { clientSecret: 'wrong-secret-value' } }).client;
    expect(await failure(wrong.validateMembership('lp_krisflyer', krisflyer))).toMatchObject({
      kind: 'AUTH',
    });
    const { client, waits } = ascendaClient(base, {
      config: { rateLimit: { maxRetries: 1, maxWaitMs: 10_000, backoffMs: 1 } },
    });
    arm({ kind: 'credentials_disabled', route });
    expect(await failure(client.validateMembership('lp_krisflyer', krisflyer))).toMatchObject({
      kind: 'AUTH',
      httpStatus: 403,
    });
    arm({ kind: 'status_before_commit', route, status: 500 });
    expect(await failure(client.validateMembership('lp_krisflyer', krisflyer))).toMatchObject({
      kind: 'INDETERMINATE',
      supplierCode: 'NN0001',
      orderMayExist: false,
    });
    arm({ kind: 'drop_before_commit', route });
    expect((await failure(client.validateMembership('lp_krisflyer', krisflyer))).networkCode).not.toBeNull();
    arm({ kind: 'malformed_json', route });
    expect(await failure(client.validateMembership('lp_krisflyer', krisflyer))).toMatchObject({
      kind: 'MALFORMED_RESPONSE',
    });
    arm({ kind: 'rate_limit', route, times: 2, retryAfterSeconds: 2 });
    expect(await failure(client.validateMembership('lp_krisflyer', krisflyer))).toMatchObject({
      kind: 'RATE_LIMITED',
    });
    expect(waits).toEqual([2_000]);
    const tooLong = await failure(
      client.validateMembership('lp_krisflyer', { ...krisflyer, id: '9'.repeat(70) }),
    );
    expect(tooLong).toMatchObject({ kind: 'DEFINITE_REJECTION', supplierCode: 'NN1001' });
  });

  it('is a read: an expired token is refreshed once and the check goes through', async () => {
    const { client } = ascendaClient(base);
    arm({ kind: 'token_expired', route: 'POST /loyalty_programs/:id/validate_membership' });
    expect((await client.validateMembership('lp_krisflyer', krisflyer)).valid).toBe(true);
  });
});

describe('Ascenda client: points transfers', () => {
  it('creates a transfer as the issue’s body and maps it as a points-transfer item', async () => {
    const { client } = ascendaClient(base);
    const order = transferOrder();
    const created = await client.createOrder(order, attempt());
    expect(created).toMatchObject({ reference: order.reference, memberId: 'M-2001' });
    expect(created.items).toEqual([
      expect.objectContaining({
        kind: 'points_transfer',
        state: 'processing',
        productId: 'lp_krisflyer',
        productName: 'KrisFlyer',
        value: 2_000,
        currency: null,
        quantity: null,
        membershipId: '1234567890',
      }),
    ]);
    const stored = sim.ordersWithReference(order.reference);
    expect(stored).toHaveLength(1);
    expect((await client.getOrder(created.id)).items[0]!.kind).toBe('points_transfer');
    expect((await client.findOrderByReference(order.reference))?.id).toBe(created.id);
    const history = await client.listOrders({ pageSize: 5 });
    expect(history.items[0]).toMatchObject({ id: created.id, items: [{ kind: 'points_transfer' }] });
  });

  it('meets NN1011 on a resend, even of the same attempt: DUPLICATE, one transfer', async () => {
    const { client } = ascendaClient(base);
    const order = transferOrder();
    const first = attempt();
    await client.createOrder(order, first);
    expect(await failure(client.createOrder(order, first))).toMatchObject({
      kind: 'DUPLICATE',
      supplierCode: 'NN1011',
    });
    expect(await failure(client.createOrder(order, { ...first, revision: 2 }))).toMatchObject({
      kind: 'DUPLICATE',
    });
    expect(sim.ordersWithReference(order.reference)).toHaveLength(1);
  });

  it('reads a documented refusal as "nothing was ordered", and a lost answer as "may exist"', async () => {
    const { client } = ascendaClient(base);
    const unknown = transferOrder({ programId: 'lp_gone' });
    expect(await failure(client.createOrder(unknown, attempt()))).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      supplierCode: 'NN1002',
      orderMayExist: false,
    });
    const offStep = transferOrder({ amount: 2_100 });
    expect(await failure(client.createOrder(offStep, attempt()))).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      supplierCode: 'NN1001',
    });
    const rejected = transferOrder({ membership: { ...krisflyer, id: '1234561301' } });
    expect(await failure(client.createOrder(rejected, attempt()))).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      supplierCode: 'NN1301',
    });
    const lost = transferOrder();
    arm({ kind: 'drop_after_commit', route: 'POST /fulfillment_orders/points_transfers' });
    expect(await failure(client.createOrder(lost, attempt()))).toMatchObject({
      kind: 'INDETERMINATE',
      orderMayExist: true,
    });
    expect((await client.findOrderByReference(lost.reference))?.items[0]!.kind).toBe('points_transfer');
    for (const o of [unknown, offStep, rejected])
      expect(sim.ordersWithReference(o.reference)).toHaveLength(0);
  });

  it('maps a failed transfer with the network’s code, which is what the member is owed their points for', async () => {
    const { client } = ascendaClient(base);
    const created = await client.createOrder(
      transferOrder({ programId: 'lp_skyward', membership: { ...krisflyer, id: 'EK123455555' } }),
      attempt(),
    );
    expect(created.items[0]).toMatchObject({
      state: 'failed',
      errors: [{ code: 'TC40101', message: 'General credit failure at the programme' }],
    });
  });
});

describe('Ascenda calibration: the transfer settings', () => {
  it('takes the three paths and the list key from a calibration file; the membership path must hold {id} once', () => {
    const calibration = ascendaCalibrationSchema.parse({
      paths: {
        loyaltyPrograms: '/loyalty-programs',
        validateMembership: '/loyalty-programs/{id}/validate-membership',
        pointsTransfers: '/fulfillment-orders/points-transfers',
      },
      programListKey: 'loyalty_programs',
    });
    expect(ascendaConfigWith(calibration)).toMatchObject({
      paths: { token: '/oauth/token', validateMembership: '/loyalty-programs/{id}/validate-membership' },
      programListKey: 'loyalty_programs',
    });
    for (const validateMembership of [
      '/loyalty_programs/validate',
      '/loyalty_programs/{id}/{id}',
      '/a/{ID}',
    ]) {
      const parsed = ascendaCalibrationSchema.safeParse({ paths: { validateMembership } });
      expect(parsed.success, validateMembership).toBe(false);
    }
  });
});
