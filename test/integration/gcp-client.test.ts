import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcpSimulator } from '../../main/sandbox/giftcard-partners/simulator';
import type { GcpSimSettings } from '../../main/sandbox/giftcard-partners/settings';
import type { GcpOrderRequest } from '../../shared/orders';
import { failure, gcpClient } from '../support/clients';

const sim = new GcpSimulator({
  startingBalance: { Available: 1_000_000, Pending: 0, CurrencyCode: 'USD' },
  asyncCompletionMs: 200,
  asyncOutcome: 'complete',
});
let base = '';
beforeAll(async () => {
  base = await sim.start();
});
afterAll(() => sim.stop());

async function withSim<T>(
  settings: Partial<GcpSimSettings>,
  run: (url: string, s: GcpSimulator) => Promise<T>,
) {
  const other = new GcpSimulator(settings);
  const url = await other.start();
  try {
    return await run(url, other);
  } finally {
    await other.stop();
  }
}

const digital = (s: GcpSimulator = sim) =>
  s.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
const request = (overrides: Partial<GcpOrderRequest> = {}, s: GcpSimulator = sim): GcpOrderRequest => ({
  reference: `PO-${randomUUID()}`,
  deliveryType: 'DigitalDelivery',
  lines: [
    {
      productId: digital(s).Id,
      value: digital(s).Denominations[0]!,
      quantity: 1,
      email: 'member@example.com',
      personalization: { to: 'Ana', fromName: 'Desk', message: 'Sorry for the wait' },
    },
  ],
  ...overrides,
});

describe('GiftCard Partners client against the simulator: catalogue and account', () => {
  it('pages products from the 0-based pageIndex as 1-based pages', async () => {
    const { client } = gcpClient(base);
    const first = await client.listProducts(1, 100);
    const third = await client.listProducts(3, 100);
    expect(first).toMatchObject({ page: 1, pageSize: 100, total: 220, totalPages: 3 });
    expect(third.items).toHaveLength(20);
    expect(first.items[0]!.id).toBe(sim.products[0]!.Id);
    expect(third.items[0]!.id).toBe(sim.products[200]!.Id);
    const one = await client.getProduct(first.items[5]!.id);
    expect(one).toEqual(first.items[5]);
    expect(await failure(client.getProduct('NOPE'))).toMatchObject({ kind: 'NOT_FOUND', httpStatus: 404 });
  });

  it('reads shipping methods, carriers, brandings, departments, status and balance', async () => {
    const { client } = gcpClient(base);
    expect((await client.referenceList('shippingMethods')).map((o) => o.id)).toContain('STANDARD');
    expect((await client.referenceList('carriers')).map((o) => o.id)).toContain('DEFAULT');
    expect((await client.referenceList('brandings')).length).toBeGreaterThan(0);
    expect((await client.referenceList('departments')).length).toBeGreaterThan(0);
    expect(await client.serviceStatus()).toEqual({ status: 'Operational', version: 'v1' });
    expect(await client.balance()).toMatchObject({
      available: sim.balance.Available,
      pending: 0,
      currency: 'USD',
    });
  });

  it('accepts a bare-array list shape and a 1-based pageIndex when configured so', async () => {
    await withSim({ listShape: 'array' }, async (url, s) => {
      const page = await gcpClient(url, { config: { listShape: 'array' } }).client.listProducts(2, 100);
      // A bare array carries no total: none is made up from the page's length.
      expect(page).toMatchObject({ page: 2, total: null, totalPages: null });
      expect(page.items.map((p) => p.id)).toEqual(s.products.slice(100, 200).map((p) => p.Id));
    });
    await withSim({ pageIndexBase: 1 }, async (url, s) => {
      const page = await gcpClient(url, { config: { pageIndexBase: 1 } }).client.listProducts(2, 100);
      expect(page.page).toBe(2);
      expect(page.items[0]!.id).toBe(s.products[100]!.Id);
    });
  });
});

describe('GiftCard Partners client against the simulator: orders', () => {
  it('creates a digital order that completes at once, and maps Completed to fulfilled', async () => {
    const { client } = gcpClient(base);
    const req = request();
    const created = await client.createPoOrder(req);
    expect(created).toMatchObject({
      supplier: 'gcp',
      reference: req.reference,
      deliveryType: 'DigitalDelivery',
    });
    expect(created.items[0]).toMatchObject({
      state: 'fulfilled',
      supplierStatus: 'Completed',
      rewardsIssued: 1,
    });
    expect(created.items[0]!.recipient?.email).toBe('member@example.com');
    expect((await client.getOrder(created.id)).id).toBe(created.id);
    expect((await client.findOrderByReference(req.reference))?.id).toBe(created.id);
    expect(await client.findOrderByReference(`PO-never-${randomUUID()}`)).toBeNull();
  });

  it('reads the brief’s “Complete” as fulfilled too', async () => {
    await withSim({ completeStatus: 'Complete' }, async (url, s) => {
      const created = await gcpClient(url).client.createPoOrder(request({}, s));
      expect(created.items[0]).toMatchObject({ state: 'fulfilled', supplierStatus: 'Complete' });
    });
  });

  it('returns a large Links order as pending, and it completes later', async () => {
    const { client } = gcpClient(base);
    const product = sim.products.find(
      (p) => p.AvailableDeliveryTypes.includes('Links') && p.DenominationType === 'Fixed',
    )!;
    const created = await client.createPoOrder({
      reference: `PO-${randomUUID()}`,
      deliveryType: 'Links',
      lines: [{ productId: product.Id, value: product.Denominations[0]!, quantity: 25 }],
    });
    expect(created.items[0]!.state).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = await client.getOrder(created.id);
    expect(later.items[0]).toMatchObject({ state: 'fulfilled', rewardsIssued: 25 });
  });

  it('reads a resent PONumber as DUPLICATE carrying the original order id', async () => {
    const { client } = gcpClient(base);
    const req = request();
    const created = await client.createPoOrder(req);
    const dup = await failure(client.createPoOrder(req));
    expect(dup).toMatchObject({
      kind: 'DUPLICATE',
      httpStatus: 409,
      originalOrderId: created.id,
      orderMayExist: false,
    });
    expect(sim.ordersWithPo(req.reference)).toHaveLength(1);
  });

  it('reads 422 as INSUFFICIENT_FUNDS and 400 as DEFINITE_REJECTION with the field errors', async () => {
    await withSim({ startingBalance: { Available: 1, Pending: 0, CurrencyCode: 'USD' } }, async (url, s) => {
      const { client } = gcpClient(url);
      const poor = await failure(client.createPoOrder(request({}, s)));
      expect(poor).toMatchObject({ kind: 'INSUFFICIENT_FUNDS', httpStatus: 422 });
      expect(poor.fieldErrors[0]?.field).toBe('AccountBalance.Available');
      expect(s.orders.size).toBe(2000);
    });
    const { client } = gcpClient(base);
    const bad = await failure(
      client.createPoOrder(request({ lines: [{ productId: 'NOPE', value: 10, quantity: 1 }] })),
    );
    expect(bad).toMatchObject({ kind: 'DEFINITE_REJECTION', httpStatus: 400 });
    expect(bad.fieldErrors.map((f) => f.field)).toContain('LineItems[0].ProductId');
    // RFC 7807's traceId is what GiftCard Partners' support finds the request by.
    expect(bad.requestId).toMatch(/^00-[0-9a-f]{32}-/);
  });

  it('reads every likely 409 body for the original order id: the order, {Id}, {OrderId} or a bare id', async () => {
    for (const duplicateBody of ['order', 'id', 'orderId', 'string'] as const) {
      await withSim({ duplicateBody, historicalOrderCount: 0 }, async (url, s) => {
        const { client } = gcpClient(url);
        const req = request({}, s);
        const created = await client.createPoOrder(req);
        expect(await failure(client.createPoOrder(req)), duplicateBody).toMatchObject({
          kind: 'DUPLICATE',
          originalOrderId: created.id,
        });
      });
    }
  });

  it('finds an order by PONumber through a bounded date window when the PONumber filter is ignored', async () => {
    await withSim({ poNumberFilter: false, historicalOrderCount: 300 }, async (url, s) => {
      const { client } = gcpClient(url, { config: { maxPageSize: 50 } });
      // The look-up pages newest first; an order several pages down is still found by its PONumber.
      const target = [...s.orders.values()].sort((a, b) => b.CreatedDate.localeCompare(a.CreatedDate))[120]!;
      expect((await client.findOrderByReference(target.PONumber))?.id).toBe(target.Id);
      expect(await client.findOrderByReference(`never-${randomUUID()}`)).toBeNull();
    });
  });

  it('lists order history with a date range', async () => {
    const { client } = gcpClient(base);
    const all = await client.listOrders({ pageSize: 100 });
    expect(all.total).toBe(sim.orders.size);
    const from = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
    const recent = await client.listOrders({ from, pageSize: 100 });
    expect(recent.total).toBeLessThan(all.total!);
    expect(recent.items.every((o) => (o.createdAt ?? '') >= from)).toBe(true);
  });
});

describe('GiftCard Partners client: authentication', () => {
  it('reports bad credentials (401) and disabled access (403) as AUTH', async () => {
    const wrong = gcpClient(base, { credentials: { accessToken: 'not-the-token' } });
    expect(await failure(wrong.client.balance())).toMatchObject({
      kind: 'AUTH',
      httpStatus: 401,
      operation: 'get access token',
    });
    await withSim({ disabledEmails: ['sandbox@desk.example'] }, async (url) => {
      expect(await failure(gcpClient(url).client.balance())).toMatchObject({ kind: 'AUTH', httpStatus: 403 });
    });
  });

  it('shares one token request among 25 concurrent calls, and refreshes once after the tokens expire', async () => {
    const { client } = gcpClient(base);
    const before = sim.tokenRequests;
    await Promise.all(Array.from({ length: 25 }, () => client.serviceStatus()));
    expect(sim.tokenRequests - before).toBe(1);
    await fetch(`${base}/__sandbox/tokens/expire`, { method: 'POST' });
    await Promise.all(Array.from({ length: 25 }, () => client.serviceStatus()));
    expect(sim.tokenRequests - before).toBe(2);
  });
});
