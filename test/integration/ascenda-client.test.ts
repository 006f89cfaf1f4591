import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../main/providers/ascenda/client';
import { AscendaSimulator } from '../../main/sandbox/ascenda/simulator';
import type { AscendaOrderRequest } from '../../shared/orders';
import { ascendaClient, failure } from '../support/clients';

const sim = new AscendaSimulator({
  newOrderOutcome: 'fulfilled',
  itemTiming: { processingAfterMs: 0, terminalAfterMs: 0 },
  // Rate limiting has its own tests (faults); here it would only make bursts flaky.
  rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 },
});
let base = '';
beforeAll(async () => {
  base = await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => sim.faults.clear());

const usdCard = () =>
  sim.cards.find((c) => c.currency === 'USD' && c.required_recipient_fields.length === 1)!;
const order = (overrides: Partial<AscendaOrderRequest> = {}): AscendaOrderRequest => ({
  reference: `ref-${randomUUID()}`,
  memberId: randomUUID(),
  transactedAt: new Date().toISOString(),
  giftCardId: usdCard().id,
  value: usdCard().denominations[0]!,
  currency: 'USD',
  recipient: { email: 'member@example.com', phoneNumber: '+6591234567', firstName: 'Ana', lastName: 'Lim' },
  ...overrides,
});

describe('Ascenda client against the simulator: catalogue', () => {
  it('pages through gift cards and maps them to the domain', async () => {
    const { client } = ascendaClient(base);
    const first = await client.listGiftCards({ page: 1, pageSize: 50 });
    expect(first.total).toBe(520);
    expect(first.totalPages).toBe(11);
    expect(first.items).toHaveLength(50);
    const card = first.items[0]!;
    expect(card.supplier).toBe('ascenda');
    expect(card.denominations.length).toBeGreaterThan(0);
    expect(card.brandName).not.toBe('');
    const last = await client.listGiftCards({ page: 11, pageSize: 50 });
    expect(last.items).toHaveLength(20);
    expect(new Set([...first.items, ...last.items].map((c) => c.id)).size).toBe(70);
  });

  it('filters by name, currency and category, and sorts by name', async () => {
    const { client } = ascendaClient(base);
    const sgd = await client.listGiftCards({ currency: 'SGD', pageSize: 100 });
    expect(sgd.total).toBeGreaterThan(0);
    expect(sgd.items.every((c) => c.currency === 'SGD')).toBe(true);
    const dining = await client.listGiftCards({ category: 'Dining', pageSize: 100 });
    expect(dining.items.every((c) => c.categories.includes('Dining'))).toBe(true);
    const name = sim.cards[7]!.name.split(' ')[0]!;
    const named = await client.listGiftCards({ name, pageSize: 100 });
    expect(named.items.every((c) => c.name.includes(name))).toBe(true);
    const desc = await client.listGiftCards({ sort: 'name:desc', pageSize: 5 });
    const names = desc.items.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
  });
});

describe('Ascenda client against the simulator: orders', () => {
  it('creates a gift-card order with the reference as Idempotency-Key, and a resend replays it', async () => {
    const { client } = ascendaClient(base);
    const request = order();
    const created = await client.createGiftCardOrder(request);
    expect(created).toMatchObject({
      supplier: 'ascenda',
      reference: request.reference,
      memberId: request.memberId,
    });
    expect(created.items[0]).toMatchObject({
      productId: request.giftCardId,
      value: request.value,
      currency: 'USD',
    });
    const again = await client.createGiftCardOrder(request);
    expect(again.id).toBe(created.id);
    expect(sim.ordersWithReference(request.reference)).toHaveLength(1);
  });

  it('creates through the generic fulfillment-order endpoint too, one gift-card item', async () => {
    const { client } = ascendaClient(base);
    const request = order();
    const created = await client.createFulfillmentOrder(request);
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({ productId: request.giftCardId, value: request.value });
    expect(sim.ordersWithReference(request.reference)).toHaveLength(1);
  });

  it('gets an order by id, finds it by reference, and lists orders newest first', async () => {
    const { client } = ascendaClient(base);
    const created = await client.createGiftCardOrder(order());
    const fetched = await client.getOrder(created.id);
    expect(fetched.items[0]!.state).toBe('fulfilled');
    expect((await client.findOrderByReference(created.reference!))?.id).toBe(created.id);
    expect(await client.findOrderByReference(`never-${randomUUID()}`)).toBeNull();
    const page = await client.listOrders({ pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(sim.orders.size);
    expect(page.items[0]!.id).toBe(created.id);
  });

  it('maps failed items with their error codes, which is what the member is owed a refund for', async () => {
    const failing = new AscendaSimulator({
      newOrderOutcome: 'failed',
      itemTiming: { processingAfterMs: 0, terminalAfterMs: 0 },
    });
    const url = await failing.start();
    try {
      const { client } = ascendaClient(url);
      const card = failing.cards.find((c) => c.required_recipient_fields.length === 1)!;
      const created = await client.createGiftCardOrder(
        order({ giftCardId: card.id, value: card.denominations[0]!, currency: card.currency }),
      );
      const item = (await client.getOrder(created.id)).items[0]!;
      expect(item.state).toBe('failed');
      expect(item.errors[0]?.code).toMatch(/^NN\d{4}$/);
    } finally {
      await failing.stop();
    }
  });

  it('classifies refusals: unknown card, bad member id, rejected member, duplicate reference, missing order', async () => {
    const { client } = ascendaClient(base);
    const unknownCard = await failure(client.createGiftCardOrder(order({ giftCardId: 'no-such-card' })));
    expect(unknownCard).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      httpStatus: 404,
      supplierCode: 'NN1002',
      orderMayExist: false,
    });
    // The member number is the client's own id, any text: an empty one is refused (nothing ordered).
    const badMember = await failure(client.createGiftCardOrder(order({ memberId: '' })));
    expect(badMember).toMatchObject({ kind: 'DEFINITE_REJECTION', httpStatus: 400, supplierCode: 'NN1001' });
    const rejected = await failure(
      client.createGiftCardOrder(order({ memberId: sim.settings.rejectedMemberIds[0]! })),
    );
    expect(rejected).toMatchObject({ kind: 'DEFINITE_REJECTION', httpStatus: 422, supplierCode: 'NN1301' });
    const missing = await failure(client.getOrder('ord_missing'));
    expect(missing).toMatchObject({ kind: 'NOT_FOUND', httpStatus: 404, supplierCode: 'NN1002' });
    expect(missing.requestId).toMatch(/^req_/);
  });

  it('a resend after a lost answer replays the order within 24 h, and after that meets NN1011 (DUPLICATE)', async () => {
    for (const status of [422, 409] as const) {
      const dupSim = new AscendaSimulator({ duplicateReferenceStatus: status });
      const url = await dupSim.start();
      try {
        const { client } = ascendaClient(url);
        // Committed, then the answer is lost on the way back.
        dupSim.faults.add({
          kind: 'status_after_commit',
          route: 'POST /fulfillment_orders/gift_cards',
          status: 502,
        });
        const request = order();
        expect(await failure(client.createGiftCardOrder(request))).toMatchObject({
          kind: 'INDETERMINATE',
          orderMayExist: true,
        });
        const replayed = await client.createGiftCardOrder(request);
        expect(replayed.reference).toBe(request.reference);
        // Idempotency keys last 24 h (CONFIRMED); past that the reference itself guards the order.
        await fetch(`${url}/__sandbox/clock`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ advanceMs: 25 * 3600 * 1000 }),
        });
        expect(await failure(client.createGiftCardOrder(request))).toMatchObject({
          kind: 'DUPLICATE',
          httpStatus: status,
          supplierCode: 'NN1011',
          orderMayExist: false,
        });
        expect(dupSim.ordersWithReference(request.reference)).toHaveLength(1);
        expect((await client.findOrderByReference(request.reference))?.id).toBe(replayed.id);
      } finally {
        await dupSim.stop();
      }
    }
  });

  it('refuses an API version below 1.3 on orders, as a definite rejection naming NN1001', async () => {
    const { client } = ascendaClient(base, { config: { version: '1.2' } });
    expect(await failure(client.listOrders())).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      httpStatus: 400,
      supplierCode: 'NN1001',
    });
  });
});

describe('Ascenda client: authentication', () => {
  it('reports a wrong secret and disabled access as AUTH, with the token request named', async () => {
    const wrong = ascendaClient(base, { credentials: { clientSecret: 'wrong-secret-value' } });
    expect(await failure(wrong.client.listGiftCards())).toMatchObject({
      kind: 'AUTH',
      httpStatus: 401,
      operation: 'get access token',
    });
    const disabled = new AscendaSimulator({ disabledClientIds: ['sandbox-ascenda-client'] });
    const url = await disabled.start();
    try {
      expect(await failure(ascendaClient(url).client.listGiftCards())).toMatchObject({
        kind: 'AUTH',
        httpStatus: 403,
      });
    } finally {
      await disabled.stop();
    }
  });

  it('never asks for two tokens at once: 25 concurrent calls share one token request', async () => {
    const { client } = ascendaClient(base);
    const before = sim.tokenRequests;
    await Promise.all(Array.from({ length: 25 }, () => client.listGiftCards({ pageSize: 1 })));
    expect(sim.tokenRequests - before).toBe(1);
  });

  it('after the supplier expires every token, 25 concurrent calls cause exactly one refresh and all succeed', async () => {
    const { client } = ascendaClient(base);
    await client.listGiftCards({ pageSize: 1 });
    await fetch(`${base}/__sandbox/tokens/expire`, { method: 'POST' });
    const before = sim.tokenRequests;
    const pages = await Promise.all(Array.from({ length: 25 }, () => client.listGiftCards({ pageSize: 1 })));
    expect(pages.every((p) => p.total === 520)).toBe(true);
    expect(sim.tokenRequests - before).toBe(1);
  });

  it('refreshes before expiry (60 s skew) without waiting for a 401', async () => {
    let now = Date.now();
    const { client } = ascendaClient(base, { now: () => now });
    await client.listGiftCards({ pageSize: 1 });
    const before = sim.tokenRequests;
    now += (3600 - 61) * 1000;
    await client.listGiftCards({ pageSize: 1 });
    expect(sim.tokenRequests).toBe(before);
    now += 2000;
    await client.listGiftCards({ pageSize: 1 });
    expect(sim.tokenRequests).toBe(before + 1);
  });
});

describe('Ascenda client: idempotency as Ascenda implements it (Kaligo/idempotency)', () => {
  it('keys a create on reference, revision and body: the same revision is replayed, a corrected one is processed', async () => {
    const { client } = ascendaClient(base);
    const refused = order({ value: 7 });
    // A refusal is stored under its key too (IDEMP-GEM stores 4xx): the same revision resent gets it back…
    expect(await failure(client.createGiftCardOrder(refused, 1))).toMatchObject({ supplierCode: 'NN1001' });
    expect(await failure(client.createGiftCardOrder(refused, 1))).toMatchObject({ supplierCode: 'NN1001' });
    // …while the corrected resend (a new revision of the same reference) is never answered with it.
    const corrected = await client.createGiftCardOrder({ ...refused, value: usdCard().denominations[0]! }, 2);
    expect(corrected.reference).toBe(refused.reference);
    expect(sim.ordersWithReference(refused.reference)).toHaveLength(1);
    // The key changes with each of the three, and only with them.
    const body = { reference_id: 'r', transacted_at: 't' };
    expect(idempotencyKey('r', 1, body)).toBe(idempotencyKey('r', 1, { ...body }));
    expect(
      new Set([
        idempotencyKey('r', 1, body),
        idempotencyKey('r', 2, body),
        idempotencyKey('r2', 1, body),
        idempotencyKey('r', 1, { ...body, transacted_at: 'u' }),
      ]).size,
    ).toBe(4);
  });

  it('reads a 409 without NN1011 (the first request still running) as indeterminate, never as a refusal', async () => {
    const slow = new AscendaSimulator({ historicalOrderCount: 0 });
    const url = await slow.start();
    try {
      const { client } = ascendaClient(url);
      const card = slow.cards.find((c) => c.required_recipient_fields.length === 1)!;
      const request = order({ giftCardId: card.id, value: card.denominations[0]!, currency: card.currency });
      const release = slow.holdCreates();
      const first = client.createGiftCardOrder(request);
      await expect.poll(() => slow.createsInFlight, { timeout: 20_000 }).toBe(1);
      expect(await failure(client.createGiftCardOrder(request))).toMatchObject({
        kind: 'INDETERMINATE',
        httpStatus: 409,
        supplierCode: null,
        orderMayExist: true,
      });
      release();
      expect((await first).reference).toBe(request.reference);
      expect(slow.ordersWithReference(request.reference)).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});

describe('Ascenda client: token encoding and member placement (INFERRED settings)', () => {
  it('falls back once from form to the encoding the token endpoint takes, and keeps using that one', async () => {
    const jsonOnly = new AscendaSimulator({ historicalOrderCount: 0, tokenEncodings: ['json'] });
    const url = await jsonOnly.start();
    try {
      const { client, logger } = ascendaClient(url);
      await client.listGiftCards({ pageSize: 1 });
      expect(jsonOnly.tokenRequests).toBe(2);
      expect(logger.lines.join('\n')).toMatch(/token encoding fell back.*"to":"json"/);
      await fetch(`${url}/__sandbox/tokens/expire`, { method: 'POST' });
      await client.listGiftCards({ pageSize: 1 });
      expect(jsonOnly.tokenRequests).toBe(3);
    } finally {
      await jsonOnly.stop();
    }
  });

  it('never retries credentials the endpoint refused (401) in another encoding', async () => {
    const { client } = ascendaClient(base, { credentials: { clientSecret: 'wrong-secret-value' } });
    const before = sim.tokenRequests;
    expect(await failure(client.authenticate())).toMatchObject({ kind: 'AUTH', httpStatus: 401 });
    expect(sim.tokenRequests - before).toBe(1);
  });

  it.each(['user', 'recipient', 'per_card'] as const)(
    'sends the member contact fields where the setting says (%s), and only a simulator that agrees accepts it',
    async (placement) => {
      const strict = new AscendaSimulator({ historicalOrderCount: 0, memberPlacement: placement });
      const url = await strict.start();
      try {
        const card = strict.cards.find((c) => c.required_recipient_fields.length === 1)!;
        const request = order({
          giftCardId: card.id,
          value: card.denominations[0]!,
          currency: card.currency,
        });
        const other = placement === 'user' ? 'recipient' : 'user';
        const refused = await failure(
          ascendaClient(url, { config: { memberPlacement: other } }).client.createGiftCardOrder(request),
        );
        expect(refused).toMatchObject({
          kind: 'DEFINITE_REJECTION',
          supplierCode: 'NN1001',
          orderMayExist: false,
        });
        const created = await ascendaClient(url, {
          config: { memberPlacement: placement },
        }).client.createGiftCardOrder(request, 2);
        expect(created).toMatchObject({ reference: request.reference, memberId: request.memberId });
        expect(strict.ordersWithReference(request.reference)[0]!.item).toMatchObject({
          type: 'gift_card',
          recipient: { email: 'member@example.com' },
        });
      } finally {
        await strict.stop();
      }
    },
  );
});
