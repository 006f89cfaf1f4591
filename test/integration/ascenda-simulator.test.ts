import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AscendaSimulator } from '../../main/sandbox/ascenda/simulator';
import { SANDBOX_ASCENDA_CLIENT } from '../../main/sandbox/ascenda/settings';
import { canonicalPayload, signWebhook, verifyWebhook } from '../../main/sandbox/ascenda/signature';
import { ASCENDA_CATEGORIES } from '../../main/sandbox/ascenda/world';

const sim = new AscendaSimulator({ rateLimit: { perSecond: 1000, burst: 1000, retryAfterSeconds: 2 } });
let base = '';
let token = '';
const MEMBER = '3f2b8c1e-7a4d-4e2b-9c1a-5d6e7f8a9b0c';

beforeAll(async () => {
  base = await sim.start();
  token = (await getToken()).access_token;
});
afterAll(() => sim.stop());

async function getToken(url = base) {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: SANDBOX_ASCENDA_CLIENT.clientId,
      client_secret: SANDBOX_ASCENDA_CLIENT.clientSecret,
    }),
  });
  return (await res.json()) as {
    access_token: string;
    expires_at: number;
    token_type: string;
    token_id: string;
    token: string;
  };
}

async function api(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
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
}

let refCounter = 0;
/** The member travels inside `user`: their number in the client system and their contact fields (GC-GUIDE). */
const member = { number: MEMBER, email: 'member@example.com', first_name: 'Ana', last_name: 'Tan' };
const orderBody = (overrides: Record<string, unknown> = {}) => ({
  user: member,
  reference_id: `T-${Date.now()}-${++refCounter}`,
  transacted_at: new Date().toISOString(),
  gift_cards: [{ id: emailOnlyCard().id, value: emailOnlyCard().denominations[0] }],
  ...overrides,
});
const emailOnlyCard = () => sim.cards.find((c) => c.required_recipient_fields.length === 1)!;
const code = (body: any) => body.errors[0].code;

describe('Ascenda simulator: auth and versioning', () => {
  it('issues a bearer token with expires_at in epoch seconds, from JSON, form or Basic credentials', async () => {
    const json = await getToken();
    expect(json.token_type).toBe('Bearer');
    expect(json.token).toBe(json.access_token);
    expect(json.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(json.expires_at).toBeLessThan(Date.now() / 1000 + 3700);
    const form = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${SANDBOX_ASCENDA_CLIENT.clientId}&client_secret=${SANDBOX_ASCENDA_CLIENT.clientSecret}`,
    });
    expect(form.status).toBe(200);
    const basic = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${SANDBOX_ASCENDA_CLIENT.clientId}:${SANDBOX_ASCENDA_CLIENT.clientSecret}`).toString('base64')}`,
      },
    });
    expect(basic.status).toBe(200);
  });

  it('refuses bad credentials and calls without a valid token with 401', async () => {
    const bad = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'x', client_secret: 'y' }),
    });
    expect(bad.status).toBe(401);
    expect((await api('/gift_cards', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('treats a missing version header as 1.3 and refuses fulfillment orders below 1.3', async () => {
    const noHeader = await fetch(`${base}/gift_cards`, { headers: { Authorization: `Bearer ${token}` } });
    expect(noHeader.status).toBe(200);
    const old = await api('/fulfillment_orders/gift_cards', {
      method: 'POST',
      body: orderBody(),
      headers: { 'X-Ascenda-Version': '1.2' },
    });
    expect(old.status).toBe(400);
    expect(code(old.body)).toBe('NN1001');
    expect(code((await api('/gift_cards', { headers: { 'X-Ascenda-Version': 'latest' } })).body)).toBe(
      'AF2001',
    );
  });
});

describe('Ascenda simulator: gift cards', () => {
  it('seeds at least 500 cards over all 13 categories, several countries and currencies, some needing a phone', () => {
    expect(sim.cards.length).toBeGreaterThanOrEqual(500);
    expect(new Set(sim.cards.flatMap((c) => c.categories))).toEqual(new Set(ASCENDA_CATEGORIES));
    expect(new Set(sim.cards.map((c) => c.currency)).size).toBeGreaterThanOrEqual(5);
    expect(sim.cards.some((c) => c.required_recipient_fields.includes('phone_number'))).toBe(true);
  });

  it('builds the same world from the same seed', () => {
    expect(new AscendaSimulator().cards.slice(0, 20)).toEqual(sim.cards.slice(0, 20));
  });

  it('pages with page + per_page or page_size (1 to 100, default 25) and reports totals', async () => {
    const first = await api('/gift_cards');
    expect(first.body.data).toHaveLength(25);
    expect(first.body.meta).toMatchObject({ page: 1, per_page: 25, total_count: sim.cards.length });
    const third = await api('/gift_cards?page=3&page_size=100');
    expect(third.body.data[0].id).toBe(sim.cards[200]!.id);
    expect(code((await api('/gift_cards?per_page=101')).body)).toBe('NN1001');
    expect(code((await api('/gift_cards?page=abc')).body)).toBe('AF2001');
  });

  it('sorts by name and filters by currency, category, name and a valid user id', async () => {
    const desc = await api('/gift_cards?sort=name:desc&per_page=100');
    const names = desc.body.data.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    const sgd = await api('/gift_cards?currency[eq]=SGD&per_page=100');
    expect(sgd.body.data.every((c: { currency: string }) => c.currency === 'SGD')).toBe(true);
    const dining = await api(`/gift_cards?categories[in][]=Dining&per_page=100`);
    expect(dining.body.data.length).toBeGreaterThan(0);
    expect(dining.body.data.every((c: { categories: string[] }) => c.categories.includes('Dining'))).toBe(
      true,
    );
    expect(code((await api('/gift_cards?user_id=123')).body)).toBe('NN1001');
    expect(code((await api('/gift_cards?sort=price')).body)).toBe('NN1001');
  });
});

describe('Ascenda simulator: orders', () => {
  it('creates a gift-card order (201) whose item starts pending, and finds it by reference and id', async () => {
    const body = orderBody();
    const created = await api('/fulfillment_orders/gift_cards', { method: 'POST', body });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^req_/);
    expect(created.body).toMatchObject({
      reference_id: body.reference_id,
      order_items: [{ status: 'pending', type: 'gift_card' }],
    });
    const byRef = await api(`/orders?reference_id=${encodeURIComponent(body.reference_id)}`);
    expect(byRef.body.data.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
    expect((await api(`/orders/${created.body.id}`)).body.reference_id).toBe(body.reference_id);
  });

  it('rejects a reused reference_id with NN1011 and keeps a single order', async () => {
    const body = orderBody();
    expect((await api('/fulfillment_orders/gift_cards', { method: 'POST', body })).status).toBe(201);
    const again = await api('/fulfillment_orders/gift_cards', { method: 'POST', body });
    expect(again.status).toBe(422);
    expect(code(again.body)).toBe('NN1011');
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it.each([
    ['an unknown card', { gift_cards: [{ id: 'gc_nope', value: 10 }] }, 404, 'NN1002'],
    [
      'two items',
      {
        gift_cards: [
          { id: 'a', value: 1 },
          { id: 'b', value: 1 },
        ],
      },
      400,
      'NN1001',
    ],
    ['no contact fields for the member', { user: { number: MEMBER } }, 400, 'NN1001'],
    ['a user id that is not a UUID', { user: { ...member, id: '12345' } }, 400, 'NN1001'],
    [
      'a value outside the denominations',
      { gift_cards: [{ id: sim.cards[0]!.id, value: 7 }] },
      400,
      'NN1001',
    ],
    [
      'a member the validation engine rejects',
      { user: { ...member, number: '00000000-0000-4000-8000-000000001301' } },
      422,
      'NN1301',
    ],
  ])('rejects %s', async (_name, overrides, status, expected) => {
    const res = await api('/fulfillment_orders/gift_cards', { method: 'POST', body: orderBody(overrides) });
    expect(res.status).toBe(status);
    expect(code(res.body)).toBe(expected);
  });

  it('requires phone_number for cards that ask for it', async () => {
    const card = sim.cards.find((c) => c.required_recipient_fields.includes('phone_number'))!;
    const res = await api('/fulfillment_orders/gift_cards', {
      method: 'POST',
      body: orderBody({ gift_cards: [{ id: card.id, value: card.denominations[0] }] }),
    });
    expect(res.body.errors[0]).toMatchObject({
      code: 'NN1001',
      message: 'user.phone_number is required',
    });
  });

  it('accepts the generic fulfillment order with one gift_card item only', async () => {
    const card = emailOnlyCard();
    const base = {
      user: { number: MEMBER },
      transacted_at: new Date().toISOString(),
      recipient: { email: 'm@example.com' },
    };
    const ok = await api('/fulfillment_orders', {
      method: 'POST',
      body: {
        ...base,
        reference_id: `G-${Date.now()}`,
        order_items: [{ type: 'gift_card', gift_card: { id: card.id, value: card.denominations[0] } }],
      },
    });
    expect(ok.status).toBe(201);
    const pt = await api('/fulfillment_orders', {
      method: 'POST',
      body: { ...base, reference_id: `G2-${Date.now()}`, order_items: [{ type: 'points_transfer' }] },
    });
    expect(pt.body.errors[0].message).toMatch(/not enabled/);
    const bad = await api('/fulfillment_orders', {
      method: 'POST',
      body: { ...base, reference_id: `G3-${Date.now()}`, order_items: [{ type: 'voucher' }] },
    });
    expect(bad.body.errors[0].message).toBe('invalid order item type');
  });

  it('answers an unknown order id with 404 NN1002', async () => {
    const res = await api('/orders/ord_missing');
    expect(res.status).toBe(404);
    expect(code(res.body)).toBe('NN1002');
  });

  it('moves an item pending -> processing -> terminal as time passes', async () => {
    sim.settings.newOrderOutcome = 'failed';
    const created = await api('/fulfillment_orders/gift_cards', { method: 'POST', body: orderBody() });
    sim.settings.newOrderOutcome = 'random';
    const statusAfter = async (advanceMs: number) => {
      await fetch(`${base}/__sandbox/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs }),
        headers: { 'Content-Type': 'application/json' },
      });
      return (await api(`/orders/${created.body.id}`)).body.order_items[0];
    };
    expect((await statusAfter(300)).status).toBe('processing');
    const final = await statusAfter(1000);
    expect(final.status).toBe('failed');
    expect(final.errors[0].code).toMatch(/^NN\d{4}$/);
  });

  it('pages order history with every item status and orders stuck in processing for days', async () => {
    const all = [...sim.orders.values()];
    expect(all.length).toBeGreaterThanOrEqual(3000);
    const statuses = new Set(
      (await api('/orders?per_page=100&page=1')).body.data.map((o: any) => o.order_items[0].status),
    );
    expect(statuses.size).toBeGreaterThan(1);
    for (const status of ['pending', 'processing', 'fulfilled', 'failed', 'cancelled']) {
      expect(
        (await api(`/orders?status=${status}&per_page=1`)).body.meta.total_count,
        status,
      ).toBeGreaterThan(0);
    }
    const stuck = all.filter((o) => o.item.outcome === 'stuck' && Date.now() - o.created_at > 2 * 86_400_000);
    expect(stuck.length).toBeGreaterThan(10);
  });
});

describe('Ascenda simulator: idempotency and rate limits', () => {
  // Ascenda's own idempotency library (Kaligo/idempotency, lib/idempotency.rb) is what these follow.
  const post = (body: unknown, key: string, path = '/fulfillment_orders/gift_cards') =>
    api(path, { method: 'POST', body, headers: { 'Idempotency-Key': key } });

  it('replays the first stored answer for a key whatever the new body, echoing the key and adding no replay marker', async () => {
    const body = orderBody();
    const key = `key-${body.reference_id}`;
    const first = await post(body, key);
    expect(first.status).toBe(201);
    const second = await post({ ...body, transacted_at: '2020-01-01T00:00:00Z' }, key);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotency-key')).toBe(key);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it('stores a 4xx too: the same key after a refusal gets the refusal back, a new key is processed', async () => {
    const refused = orderBody({ gift_cards: [{ id: emailOnlyCard().id, value: 7 }] });
    const key = `key-${refused.reference_id}`;
    expect(code((await post(refused, key)).body)).toBe('NN1001');
    const corrected = {
      ...refused,
      gift_cards: [{ id: emailOnlyCard().id, value: emailOnlyCard().denominations[0] }],
    };
    const replayed = await post(corrected, key);
    expect(replayed.status).toBe(400);
    expect(code(replayed.body)).toBe('NN1001');
    expect(sim.ordersWithReference(refused.reference_id)).toHaveLength(0);
    expect((await post(corrected, `${key}-r2`)).status).toBe(201);
    expect(sim.ordersWithReference(refused.reference_id)).toHaveLength(1);
  });

  it('scopes a key to its path: the same key on another endpoint is processed on its own', async () => {
    const body = orderBody();
    const key = `key-${body.reference_id}`;
    expect((await post(body, key)).status).toBe(201);
    const generic = await post(
      {
        user: { number: MEMBER },
        reference_id: `${body.reference_id}-generic`,
        transacted_at: body.transacted_at,
        recipient: { email: 'm@example.com' },
        order_items: [
          {
            type: 'gift_card',
            gift_card: { id: emailOnlyCard().id, value: emailOnlyCard().denominations[0] },
          },
        ],
      },
      key,
      '/fulfillment_orders',
    );
    expect(generic.status).toBe(201);
    expect(generic.body.reference_id).toBe(`${body.reference_id}-generic`);
  });

  it('answers 409 without a code while the first request with the key is still running', async () => {
    const body = orderBody();
    const key = `key-${body.reference_id}`;
    const release = sim.holdCreates();
    const first = post(body, key);
    await expect.poll(() => sim.createsInFlight, { timeout: 20_000 }).toBe(1);
    const concurrent = await post(body, key);
    release();
    expect((await first).status).toBe(201);
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.errors[0].code).toBeUndefined();
    expect(concurrent.body.errors[0].message).toMatch(/concurrent/);
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it('forgets an Idempotency-Key after 24 hours, so a late retry meets NN1011 instead of a replay', async () => {
    const body = orderBody();
    const key = `key-${body.reference_id}`;
    expect((await post(body, key)).status).toBe(201);
    await fetch(`${base}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 24 * 3600 * 1000 + 1 }),
    });
    token = (await getToken()).access_token;
    const late = await post(body, key);
    expect(late.status).toBe(422);
    expect(code(late.body)).toBe('NN1011');
  });

  it('answers 429 with Retry-After when the bucket is empty', async () => {
    const strict = new AscendaSimulator({
      historicalOrderCount: 0,
      rateLimit: { perSecond: 0.001, burst: 2, retryAfterSeconds: 7 },
    });
    const url = await strict.start();
    const t = await getToken(url);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/gift_cards`, {
        headers: { Authorization: `Bearer ${t.access_token}` },
      });
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    await strict.stop();
    expect(statuses).toEqual([200, 200, 429]);
    expect(retryAfter).toBe('7');
  });
});

describe('Ascenda simulator: faults', () => {
  const inject = (spec: Record<string, unknown>) =>
    fetch(`${base}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });
  const route = 'POST /fulfillment_orders/gift_cards';

  it('drop after commit: the client sees a reset, yet the order exists', async () => {
    await inject({ kind: 'drop_after_commit', route });
    const body = orderBody();
    await expect(api('/fulfillment_orders/gift_cards', { method: 'POST', body })).rejects.toThrow();
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(1);
    const retry = await api('/fulfillment_orders/gift_cards', { method: 'POST', body });
    expect(code(retry.body)).toBe('NN1011');
  });

  it('drop and 5xx before commit leave no order', async () => {
    await inject({ kind: 'drop_before_commit', route });
    const a = orderBody();
    await expect(api('/fulfillment_orders/gift_cards', { method: 'POST', body: a })).rejects.toThrow();
    await inject({ kind: 'status_before_commit', route, status: 502 });
    const b = orderBody();
    expect((await api('/fulfillment_orders/gift_cards', { method: 'POST', body: b })).status).toBe(502);
    expect(sim.ordersWithReference(a.reference_id)).toHaveLength(0);
    expect(sim.ordersWithReference(b.reference_id)).toHaveLength(0);
  });

  it('500 after commit and malformed JSON still leave exactly one order', async () => {
    await inject({ kind: 'status_after_commit', route, status: 500 });
    const a = orderBody();
    expect((await api('/fulfillment_orders/gift_cards', { method: 'POST', body: a })).status).toBe(500);
    await inject({ kind: 'malformed_json', route });
    const b = orderBody();
    await expect(api('/fulfillment_orders/gift_cards', { method: 'POST', body: b })).rejects.toThrow(
      SyntaxError,
    );
    expect(sim.ordersWithReference(a.reference_id)).toHaveLength(1);
    expect(sim.ordersWithReference(b.reference_id)).toHaveLength(1);
  });

  it('delay before commit outlasts a client timeout, and the order still lands afterwards', async () => {
    await inject({ kind: 'delay_before_commit', route, delayMs: 400 });
    const body = orderBody();
    const aborted = fetch(`${base}/fulfillment_orders/gift_cards`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.ordersWithReference(body.reference_id)).toHaveLength(1);
  });

  it('slow drip still delivers a complete body; token expiry, disabled credentials and 429 bursts answer their statuses', async () => {
    await inject({ kind: 'slow_drip', route: 'GET /orders/:id', delayMs: 200 });
    const order = [...sim.orders.values()][0]!;
    expect((await api(`/orders/${order.id}`)).body.id).toBe(order.id);
    await inject({ kind: 'token_expired', route: 'GET /gift_cards' });
    expect((await api('/gift_cards')).status).toBe(401);
    await inject({ kind: 'credentials_disabled', route: 'GET /gift_cards' });
    expect((await api('/gift_cards')).status).toBe(403);
    await inject({ kind: 'rate_limit', route: 'GET /gift_cards', times: 2, retryAfterSeconds: 3 });
    const burst = [await api('/gift_cards'), await api('/gift_cards'), await api('/gift_cards')];
    expect(burst.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(burst[0]!.headers.get('retry-after')).toBe('3');
  });

  it('a real token expiry is refused until a new token is fetched', async () => {
    await fetch(`${base}/__sandbox/tokens/expire`, { method: 'POST' });
    expect((await api('/gift_cards')).status).toBe(401);
    token = (await getToken()).access_token;
    expect((await api('/gift_cards')).status).toBe(200);
  });

  it('refuses an invalid fault spec from the control API', async () => {
    expect((await inject({ kind: 'explode' })).status).toBe(400);
  });
});

describe('Ascenda webhooks', () => {
  it('reproduces both published X-Signature test vectors', () => {
    const one = { timestamp: 1643458800, user_id: 123, event: 'user_created' };
    expect(canonicalPayload(one)).toBe('{"event":"user_created","timestamp":1643458800,"user_id":123}');
    expect(signWebhook('shared_secret', one)).toBe('BCz+x0KbSyMcRSAFi60CgCI1VXmzLBReduS8Kvh3Ql4=');
    const two = { order_id: 'ABC123', total_amount: 99.99, status: 'pending', timestamp: 1643459100 };
    expect(signWebhook('shared_secret', two)).toBe('+hg52AaY0RWzeM9FSMKleaHyJj6MWDmo3OXgh7lGrfU=');
    expect(verifyWebhook('shared_secret', two, '+hg52AaY0RWzeM9FSMKleaHyJj6MWDmo3OXgh7lGrfU=')).toBe(true);
    expect(verifyWebhook('other', two, '+hg52AaY0RWzeM9FSMKleaHyJj6MWDmo3OXgh7lGrfU=')).toBe(false);
  });

  it('sends a signed event on each terminal transition and retries a failing receiver', async () => {
    const received: Array<{ signature: string; payload: Record<string, unknown> }> = [];
    const answers = [500, 200];
    const receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ signature: String(req.headers['x-signature']), payload: JSON.parse(raw) });
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const hooks = new AscendaSimulator({
      historicalOrderCount: 0,
      newOrderOutcome: 'fulfilled',
      itemTiming: { processingAfterMs: 0, terminalAfterMs: 50 },
      webhook: {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        secret: 'whsec',
        maxAttempts: 5,
        baseDelayMs: 50,
        timeoutMs: 1000,
      },
    });
    const url = await hooks.start();
    const t = await getToken(url);
    const card = hooks.cards.find((c) => c.required_recipient_fields.length === 1)!;
    await fetch(`${url}/fulfillment_orders/gift_cards`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        user: { number: MEMBER, email: 'm@example.com' },
        reference_id: 'WH-1',
        transacted_at: new Date().toISOString(),
        gift_cards: [{ id: card.id, value: card.denominations[0] }],
      }),
    });
    await expect.poll(() => hooks.webhookDeliveries.length, { timeout: 5000 }).toBe(2);
    await hooks.stop();
    receiver.close();
    expect(received[0]!.payload).toMatchObject({
      event: 'order_item.fulfilled',
      reference_id: 'WH-1',
      order_item: { status: 'fulfilled' },
    });
    for (const r of received) expect(verifyWebhook('whsec', r.payload, r.signature)).toBe(true);
    expect(hooks.webhookDeliveries.map((d) => d.status)).toEqual([500, 200]);
  });
});
