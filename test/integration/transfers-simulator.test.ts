import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_PROGRAMS } from '../../main/sandbox/ascenda/programs';
import { SANDBOX_ASCENDA_CLIENT, type AscendaSimSettings } from '../../main/sandbox/ascenda/settings';
import { AscendaSimulator } from '../../main/sandbox/ascenda/simulator';

/**
 * The Sandbox's points transfers over real HTTP, as the desk and an agent training on it meet them: the programme
 * listing and detail, membership checks with every documented refusal, transfers validated, exactly one per
 * reference (NN1011 whatever the Idempotency-Key), settled on the simulator's clock after business days in the
 * programme's time zone, failed or cancelled with the transfer network's codes, and every fault on every route.
 */

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** One simulator and a caller with a fresh token (moving the clock days on expires the old one). */
async function startSim(overrides: Partial<AscendaSimSettings> = {}) {
  const sim = new AscendaSimulator({
    historicalOrderCount: 20,
    giftCardCount: 30,
    rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 },
    ...overrides,
  });
  const base = await sim.start();
  let token = '';
  const refreshToken = async () => {
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: SANDBOX_ASCENDA_CLIENT.clientId,
        client_secret: SANDBOX_ASCENDA_CLIENT.clientSecret,
      }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  };
  await refreshToken();
  const api = async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        'X-Ascenda-Version': '1.3',
        'Content-Type': 'application/json',
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
  };
  const control = (path: string, body: unknown) =>
    fetch(`${base}/__sandbox/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** Moves the simulator's clock through its control API, as the desk's tests and e2e bridge do. */
  const advance = async (ms: number) => {
    expect((await control('clock', { advanceMs: ms })).status).toBe(200);
    await refreshToken();
  };
  return { sim, base, api, control, advance, bearer: () => `Bearer ${token}` };
}

type Sim = Awaited<ReturnType<typeof startSim>>;

const code = (body: any) => body.errors[0].code as string;
const message = (body: any) => body.errors[0].message as string;

const transferBody = (overrides: Record<string, unknown> = {}) => ({
  reference_id: `PT-${randomUUID()}`,
  transacted_at: new Date().toISOString(),
  user: { number: 'M-1001', email: 'member@example.com', first_name: 'Ana', last_name: 'Tan' },
  loyalty_program_id: 'lp_skyward',
  amount: 5_000,
  membership: { id: 'EK123456789', first_name: 'Ana', last_name: 'Tan' },
  ...overrides,
});

const transfer = (s: Sim, body: unknown, headers: Record<string, string> = {}) =>
  s.api('/fulfillment_orders/points_transfers', { method: 'POST', body, headers });
const validate = (s: Sim, programId: string, membership: unknown) =>
  s.api(`/loyalty_programs/${programId}/validate_membership`, { method: 'POST', body: { membership } });
const item = async (s: Sim, orderId: string) => (await s.api(`/orders/${orderId}`)).body.order_items[0];

/** How far `from` is from the next `weekday` (0 Sunday) at `hour`:00 in `timeZone`, to the hour. */
function untilNext(from: number, weekday: number, hour: number, timeZone: string): number {
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const start = Math.ceil(from / HOUR) * HOUR;
  for (let at = start; at < start + 8 * DAY; at += HOUR) {
    const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
    if (names.indexOf(p.weekday!) === weekday && Number(p.hour) === hour) return at - from;
  }
  throw new Error('no such hour within a week');
}

describe('Ascenda simulator: loyalty programmes', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.sim.stop());
  beforeEach(() => s.sim.faults.clear());

  it('lists at least five programmes under data, each with its transfer rules, time zone and time to credit', async () => {
    const listed = await s.api('/loyalty_programs');
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBeGreaterThanOrEqual(5);
    expect(listed.body.meta).toMatchObject({ page: 1, total_count: SIM_PROGRAMS.length });
    expect(listed.body.data.find((p: any) => p.id === 'lp_krisflyer')).toEqual({
      id: 'lp_krisflyer',
      name: 'KrisFlyer',
      min_amount: 500,
      max_amount: 250_000,
      increment: 250,
      conversion_rate: 0.8,
      time_zone: 'Asia/Singapore',
      unit_name: 'miles',
      time_to_credit: 'Up to 5 business days',
    });
    // Some credit at once, some after business days; one gives neither a conversion rate nor a time zone.
    expect(new Set(SIM_PROGRAMS.map((p) => p.creditAfterBusinessDays > 0))).toEqual(new Set([true, false]));
    expect(listed.body.data.some((p: any) => p.conversion_rate === null && p.time_zone === null)).toBe(true);
  });

  it('pages the listing like the gift cards, and reads one programme by id (404 NN1002 for an unknown one)', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => s.api(`/loyalty_programs?page=${page}&per_page=2`)),
    );
    expect(pages.map((p) => p.body.data.length)).toEqual([2, 2, 2]);
    expect(pages[0]!.body.meta).toMatchObject({ per_page: 2, total_pages: 3 });
    expect(new Set(pages.flatMap((p) => p.body.data.map((x: any) => x.id))).size).toBe(6);
    const one = await s.api('/loyalty_programs/lp_avios');
    expect(one.body).toMatchObject({ id: 'lp_avios', name: 'Avios', time_zone: 'Europe/London' });
    const missing = await s.api('/loyalty_programs/lp_nope');
    expect(missing.status).toBe(404);
    expect(code(missing.body)).toBe('NN1002');
    expect(message(missing.body)).toBe('LoyaltyProgram not found');
  });

  it('refuses the programme routes without a valid token, like every other route', async () => {
    const headers = { Authorization: 'Bearer nope' };
    expect((await s.api('/loyalty_programs', { headers })).status).toBe(401);
    expect((await s.api('/loyalty_programs/lp_avios', { headers })).status).toBe(401);
    const check = await s.api('/loyalty_programs/lp_avios/validate_membership', {
      method: 'POST',
      headers,
      body: { membership: { id: '12345678', first_name: 'Ana', last_name: 'Tan' } },
    });
    expect(check.status).toBe(401);
  });

  it('sends a garbled programme on demand, and withdraws one: gone from the list, its checks and transfers NN1002', async () => {
    const own = await startSim();
    try {
      await own.control('misbehave', { garbledIds: ['lp_bonvoy'] });
      const garbled = (await own.api('/loyalty_programs')).body.data.find((p: any) => p.id === 'lp_bonvoy');
      expect(garbled.min_amount).toBe('2000 points');
      expect((await own.control('loyalty-programs/lp_avios/withdraw', {})).status).toBe(200);
      const ids = (await own.api('/loyalty_programs')).body.data.map((p: any) => p.id);
      expect(ids).not.toContain('lp_avios');
      expect(code((await own.api('/loyalty_programs/lp_avios')).body)).toBe('NN1002');
      const check = await validate(own, 'lp_avios', { id: '12345678', first_name: 'Ana', last_name: 'Tan' });
      expect([check.status, code(check.body)]).toEqual([404, 'NN1002']);
      const sent = await transfer(
        own,
        transferBody({
          loyalty_program_id: 'lp_avios',
          membership: { id: '12345678', first_name: 'A', last_name: 'Tan' },
        }),
      );
      expect([sent.status, code(sent.body)]).toEqual([404, 'NN1002']);
      expect((await own.control('loyalty-programs/lp_avios/withdraw', {})).status).toBe(404);
    } finally {
      await own.sim.stop();
    }
  });
});

describe('Ascenda simulator: membership validation', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.sim.stop());

  const member = (id: string, last_name = 'Tan') => ({ id, first_name: 'Ana', last_name });

  it('confirms a membership the programme holds under that name (the last name in any case)', async () => {
    const ok = await validate(s, 'lp_krisflyer', member('1234567890'));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, loyalty_program_id: 'lp_krisflyer' });
    expect((await validate(s, 'lp_krisflyer', member('1234567890', ' TAN '))).body.valid).toBe(true);
  });

  it.each([
    ['a number in another format', member('EK12345'), 'TC40000'],
    ['a number Ascenda’s engine rejects', member('1234561301'), 'NN1301'],
    ['an account not eligible', member('1234560002'), 'TC40002'],
    ['credit halted as suspected fraud', member('1234560010'), 'TC40010'],
    ['an invalid identifier / credit failure', member('1234560101'), 'TC40101'],
    ['a last name other than the record’s', member('1234567890', 'Lim'), 'TC40001'],
  ])('refuses %s with 422 %s', async (_name, membership, expected) => {
    const refused = await validate(s, 'lp_krisflyer', membership);
    expect(refused.status).toBe(422);
    expect(code(refused.body)).toBe(expected);
    expect(message(refused.body)).not.toBe('');
  });

  it.each([
    ['no membership', {}, 'membership is required'],
    [
      'no membership id',
      { membership: { first_name: 'Ana', last_name: 'Tan' } },
      'membership.id is required',
    ],
    [
      'a blank first name',
      { membership: { id: '1', first_name: ' ', last_name: 'Tan' } },
      'membership.first_name',
    ],
    [
      'a last name that is not text',
      { membership: { id: '1', first_name: 'A', last_name: 7 } },
      'membership.last_name',
    ],
  ])('answers %s with NN1001 naming the field', async (_name, body, field) => {
    const bad = await s.api('/loyalty_programs/lp_krisflyer/validate_membership', { method: 'POST', body });
    expect(bad.status).toBe(400);
    expect(code(bad.body)).toBe('NN1001');
    expect(message(bad.body)).toContain(field);
  });

  it('answers an unknown programme with 404 NN1002', async () => {
    const unknown = await validate(s, 'lp_nope', member('1234567890'));
    expect([unknown.status, code(unknown.body)]).toEqual([404, 'NN1002']);
  });
});

describe('Ascenda simulator: points transfers', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.sim.stop());
  beforeEach(() => s.sim.faults.clear());

  it('creates a transfer to an instant programme: one points-transfer item, fulfilled at once, found by reference and id', async () => {
    const body = transferBody();
    const created = await transfer(s, body);
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^req_/);
    expect(created.body).toMatchObject({
      reference_id: body.reference_id,
      user: { number: 'M-1001' },
      order_items: [
        {
          type: 'points_transfer',
          status: 'fulfilled',
          errors: [],
          points_transfer: {
            loyalty_program_id: 'lp_skyward',
            loyalty_program_name: 'Skyward Miles',
            amount: 5_000,
            membership: { id: 'EK123456789', first_name: 'Ana', last_name: 'Tan' },
          },
        },
      ],
    });
    const byRef = await s.api(`/orders?reference_id=${body.reference_id}`);
    expect(byRef.body.data.map((o: any) => o.id)).toEqual([created.body.id]);
    expect((await s.api(`/orders/${created.body.id}`)).body.reference_id).toBe(body.reference_id);
    // The history listing shows it first, beside the gift-card orders.
    const newest = await s.api('/orders?per_page=5');
    expect(newest.body.data[0].id).toBe(created.body.id);
    expect(newest.body.data.some((o: any) => o.order_items[0].type === 'gift_card')).toBe(true);
  });

  it.each([
    ['no programme', { loyalty_program_id: undefined }, 400, 'NN1001', 'loyalty_program_id'],
    ['an amount of 0', { amount: 0 }, 400, 'NN1001', 'amount must be a whole number'],
    ['a fractional amount', { amount: 1500.5 }, 400, 'NN1001', 'amount must be a whole number'],
    ['an amount as text', { amount: '5000' }, 400, 'NN1001', 'amount must be a whole number'],
    ['an amount below the minimum', { amount: 500 }, 400, 'NN1001', 'from 1000 to 500000 miles'],
    ['an amount above the maximum', { amount: 500_500 }, 400, 'NN1001', 'from 1000 to 500000 miles'],
    ['an amount off the increment', { amount: 1_250 }, 400, 'NN1001', 'in steps of 500'],
    ['no membership', { membership: undefined }, 400, 'NN1001', 'membership is required'],
    [
      'no membership id',
      { membership: { first_name: 'A', last_name: 'Tan' } },
      400,
      'NN1001',
      'membership.id',
    ],
    ['no member number', { user: { email: 'm@example.com' } }, 400, 'NN1001', 'user.number'],
    ['no reference', { reference_id: '' }, 400, 'NN1001', 'reference_id'],
    ['no transfer time', { transacted_at: 'yesterday' }, 400, 'NN1001', 'transacted_at'],
    ['an unknown programme', { loyalty_program_id: 'lp_nope' }, 404, 'NN1002', 'LoyaltyProgram not found'],
    [
      'a member identifier Ascenda’s engine rejects',
      { membership: { id: 'EK123451301', first_name: 'Ana', last_name: 'Tan' } },
      422,
      'NN1301',
      'Member identifier',
    ],
  ])('refuses %s (%s %s) and creates nothing', async (_name, overrides, status, expected, words) => {
    const body = transferBody(overrides);
    const refused = await transfer(s, body);
    expect(refused.status).toBe(status);
    expect(code(refused.body)).toBe(expected);
    expect(message(refused.body)).toContain(words);
    expect(s.sim.ordersWithReference(body.reference_id)).toHaveLength(0);
  });

  it('answers a reused reference with NN1011 whatever the Idempotency-Key, even the same one: never a replay', async () => {
    const body = transferBody();
    const key = `key-${body.reference_id}`;
    const first = await transfer(s, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const resends: Array<Record<string, string>> = [
      { 'Idempotency-Key': key },
      { 'Idempotency-Key': `${key}-other` },
      {},
    ];
    for (const headers of resends) {
      const again = await transfer(s, body, headers);
      expect(again.status).toBe(422);
      expect(code(again.body)).toBe('NN1011');
    }
    // A reference a gift-card order already holds is taken too.
    const card = s.sim.cards.find((c) => c.required_recipient_fields.length === 1)!;
    const gift = await s.api('/fulfillment_orders/gift_cards', {
      method: 'POST',
      body: {
        reference_id: `GC-${randomUUID()}`,
        transacted_at: new Date().toISOString(),
        user: { number: 'M-1001', email: 'member@example.com' },
        gift_cards: [{ id: card.id, value: card.denominations[0] }],
      },
    });
    expect(code((await transfer(s, transferBody({ reference_id: gift.body.reference_id }))).body)).toBe(
      'NN1011',
    );
    expect(s.sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it('answers NN1011 with 409 where Ascenda is set to', async () => {
    const own = await startSim({ duplicateReferenceStatus: 409 });
    try {
      const body = transferBody();
      expect((await transfer(own, body)).status).toBe(201);
      const again = await transfer(own, body);
      expect([again.status, code(again.body)]).toEqual([409, 'NN1011']);
    } finally {
      await own.sim.stop();
    }
  });

  it('answers 409 without a code while the first request with the key is still running', async () => {
    const body = transferBody();
    const headers = { 'Idempotency-Key': `key-${body.reference_id}` };
    const release = s.sim.holdCreates();
    const first = transfer(s, body, headers);
    await expect.poll(() => s.sim.createsInFlight, { timeout: 20_000 }).toBe(1);
    const concurrent = await transfer(s, body, headers);
    release();
    expect((await first).status).toBe(201);
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.errors[0].code).toBeUndefined();
    expect(s.sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it('refuses a transfer below X-Ascenda-Version 1.3, as every fulfilment order', async () => {
    const old = await transfer(s, transferBody(), { 'X-Ascenda-Version': '1.2' });
    expect([old.status, code(old.body)]).toEqual([400, 'NN1001']);
  });
});

describe('Ascenda simulator: transfers settle on the simulator clock, in business days', () => {
  it('credits a 3-business-day programme created on a Friday on the Wednesday, never over the weekend', async () => {
    const s = await startSim();
    try {
      await s.advance(untilNext(s.sim.now(), 5, 10, 'Asia/Singapore'));
      const created = await transfer(
        s,
        transferBody({
          loyalty_program_id: 'lp_krisflyer',
          amount: 10_000,
          membership: { id: '1234567890', first_name: 'Ana', last_name: 'Tan' },
        }),
      );
      expect(created.body.order_items[0].status).toBe('processing');
      await s.advance(3 * DAY); // Monday 10:00: one business day
      expect((await item(s, created.body.id)).status).toBe('processing');
      await s.advance(2 * DAY - 60_000); // Wednesday 09:59
      expect((await item(s, created.body.id)).status).toBe('processing');
      await s.advance(2 * 60_000); // Wednesday 10:01
      expect(await item(s, created.body.id)).toMatchObject({ status: 'fulfilled', errors: [] });
    } finally {
      await s.sim.stop();
    }
  });

  it('counts the weekend in the programme’s time zone: Saturday in Singapore is Friday in UTC', async () => {
    const utcTwin = { ...SIM_PROGRAMS.find((p) => p.id === 'lp_krisflyer')!, id: 'lp_utc', time_zone: null };
    const s = await startSim({ programs: [...SIM_PROGRAMS.map((p) => ({ ...p })), utcTwin] });
    try {
      // Friday 20:00 UTC = Saturday 04:00 in Singapore.
      await s.advance(untilNext(s.sim.now(), 5, 20, 'UTC'));
      const to = (programId: string) =>
        transfer(
          s,
          transferBody({
            loyalty_program_id: programId,
            amount: 10_000,
            membership: { id: '1234567890', first_name: 'Ana', last_name: 'Tan' },
          }),
        );
      const [sgt, utc] = [(await to('lp_krisflyer')).body.id, (await to('lp_utc')).body.id];
      // Singapore's Saturday does not count: Monday, Tuesday and Wednesday in full, due as Wednesday ends there
      // (Wednesday 16:00 UTC). UTC counts Friday's last 4 hours, Monday, Tuesday and 20 hours of Wednesday: due
      // Wednesday 20:00 UTC.
      await s.advance(4 * DAY + 20 * HOUR - 60_000);
      expect([(await item(s, sgt)).status, (await item(s, utc)).status]).toEqual([
        'processing',
        'processing',
      ]);
      await s.advance(2 * 60_000);
      expect([(await item(s, sgt)).status, (await item(s, utc)).status]).toEqual(['fulfilled', 'processing']);
      await s.advance(4 * HOUR);
      expect((await item(s, utc)).status).toBe('fulfilled');
    } finally {
      await s.sim.stop();
    }
  });

  it('fails, cancels or holds a transfer after it was accepted, by the membership number, with the network’s code', async () => {
    const s = await startSim();
    try {
      await s.advance(untilNext(s.sim.now(), 1, 9, 'Europe/London'));
      const avios = async (id: string, last_name = 'Tan') =>
        (
          await transfer(
            s,
            transferBody({
              loyalty_program_id: 'lp_avios',
              amount: 2_000,
              membership: { id, first_name: 'Ana', last_name },
            }),
          )
        ).body;
      const placed = {
        notEligible: await avios('12344444'),
        creditFailure: await avios('12345555'),
        fraud: await avios('12347777'),
        neverSettles: await avios('12349999'),
        // Accepted without a check, refused by the programme when it settles.
        wrongName: await avios('12345678', 'Lim'),
      };
      for (const order of Object.values(placed)) {
        expect(order.order_items[0]).toMatchObject({ status: 'processing', errors: [] });
      }
      await s.advance(2 * DAY + 60_000); // Wednesday 09:01: Avios credits within 2 business days
      const status = async (order: { id: string }) => {
        const i = await item(s, order.id);
        return [i.status, i.errors[0]?.code ?? null];
      };
      expect(await status(placed.notEligible)).toEqual(['failed', 'TC40002']);
      expect(await status(placed.creditFailure)).toEqual(['failed', 'TC40101']);
      expect(await status(placed.fraud)).toEqual(['cancelled', 'TC40010']);
      expect(await status(placed.wrongName)).toEqual(['failed', 'TC40001']);
      await s.advance(30 * DAY);
      expect(await status(placed.neverSettles)).toEqual(['processing', null]);
      const state = (await (await fetch(`${s.base}/__sandbox/state`)).json()) as any;
      expect(state.itemFailuresByCode).toMatchObject({ TC40002: 1, TC40101: 1, TC40010: 1, TC40001: 1 });
      expect(state.pointsTransfers).toBe(5);
    } finally {
      await s.sim.stop();
    }
  });

  it('fails a transfer to an instant programme in the create’s own answer', async () => {
    const s = await startSim();
    try {
      const failed = await transfer(
        s,
        transferBody({ membership: { id: 'EK123454444', first_name: 'Ana', last_name: 'Tan' } }),
      );
      expect(failed.status).toBe(201);
      expect(failed.body.order_items[0]).toMatchObject({
        status: 'failed',
        errors: [{ code: 'TC40002', message: 'Account not eligible at the time of credit' }],
      });
    } finally {
      await s.sim.stop();
    }
  });
});

describe('Ascenda simulator: faults on the transfer routes', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.sim.stop());
  beforeEach(() => s.sim.faults.clear());

  const inject = (spec: Record<string, unknown>) => s.control('faults', spec);
  const CREATE = 'POST /fulfillment_orders/points_transfers';
  const reads: Array<[string, () => ReturnType<Sim['api']>]> = [
    ['GET /loyalty_programs', () => s.api('/loyalty_programs')],
    ['GET /loyalty_programs/:id', () => s.api('/loyalty_programs/lp_avios')],
    [
      'POST /loyalty_programs/:id/validate_membership',
      () => validate(s, 'lp_avios', { id: '12345678', first_name: 'Ana', last_name: 'Tan' }),
    ],
  ];

  it.each(reads)(
    '%s: 5xx, 429, 401, 403, a dropped connection and a slow drip, each as armed',
    async (route, call) => {
      await inject({ kind: 'status_before_commit', route, status: 502 });
      const failed = await call();
      expect([failed.status, code(failed.body)]).toEqual([502, 'NN0001']);
      await inject({ kind: 'rate_limit', route, retryAfterSeconds: 4 });
      const limited = await call();
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '4']);
      await inject({ kind: 'token_expired', route });
      expect((await call()).status).toBe(401);
      await inject({ kind: 'credentials_disabled', route });
      expect((await call()).status).toBe(403);
      await inject({ kind: 'drop_before_commit', route });
      await expect(call()).rejects.toThrow();
      await inject({ kind: 'malformed_json', route });
      await expect(call()).rejects.toThrow(SyntaxError);
      await inject({ kind: 'slow_drip', route, delayMs: 100 });
      expect((await call()).status).toBeLessThan(300);
      expect(s.sim.faults.list()).toEqual([]);
    },
  );

  it('a dropped answer after the commit: the transfer exists, and the resend meets NN1011', async () => {
    await inject({ kind: 'drop_after_commit', route: CREATE });
    const body = transferBody();
    const headers = { 'Idempotency-Key': `key-${body.reference_id}` };
    await expect(transfer(s, body, headers)).rejects.toThrow();
    expect(s.sim.ordersWithReference(body.reference_id)).toHaveLength(1);
    expect(code((await transfer(s, body, headers)).body)).toBe('NN1011');
  });

  it('a 5xx or dropped connection before the commit leaves no transfer; after it, exactly one', async () => {
    const [before, dropped, after, garbled] = [
      transferBody(),
      transferBody(),
      transferBody(),
      transferBody(),
    ];
    await inject({ kind: 'status_before_commit', route: CREATE, status: 503 });
    expect((await transfer(s, before)).status).toBe(503);
    await inject({ kind: 'drop_before_commit', route: CREATE });
    await expect(transfer(s, dropped)).rejects.toThrow();
    await inject({ kind: 'status_after_commit', route: CREATE, status: 500 });
    expect((await transfer(s, after)).status).toBe(500);
    await inject({ kind: 'malformed_json', route: CREATE });
    await expect(transfer(s, garbled)).rejects.toThrow(SyntaxError);
    expect(s.sim.ordersWithReference(before.reference_id)).toHaveLength(0);
    expect(s.sim.ordersWithReference(dropped.reference_id)).toHaveLength(0);
    expect(s.sim.ordersWithReference(after.reference_id)).toHaveLength(1);
    expect(s.sim.ordersWithReference(garbled.reference_id)).toHaveLength(1);
  });

  it('a slow create outlasts the client, and the transfer still lands afterwards', async () => {
    await inject({ kind: 'delay_before_commit', route: CREATE, delayMs: 400 });
    const body = transferBody();
    const aborted = fetch(`${s.base}/fulfillment_orders/points_transfers`, {
      method: 'POST',
      headers: { Authorization: s.bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    expect(s.sim.ordersWithReference(body.reference_id)).toHaveLength(0);
    await expect.poll(() => s.sim.ordersWithReference(body.reference_id).length, { timeout: 20_000 }).toBe(1);
  });
});
