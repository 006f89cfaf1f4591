import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_GCP_CREDENTIALS } from '../../main/sandbox/giftcard-partners/settings';
import { GcpSimulator } from '../../main/sandbox/giftcard-partners/simulator';

const sim = new GcpSimulator({
  startingBalance: { Available: 100_000, Pending: 0, CurrencyCode: 'USD' },
  asyncCompletionMs: 300,
  asyncOutcome: 'complete',
});
let base = '';
let token = '';

async function tokenFor(url: string, creds = SANDBOX_GCP_CREDENTIALS) {
  const res = await fetch(`${url}/v1/Tokens`, {
    method: 'POST',
    headers: { Email: creds.email, AccessToken: creds.accessToken },
  });
  return { status: res.status, body: (await res.json()) as { Value: string; ExpiresIn: number } };
}

beforeAll(async () => {
  base = await sim.start();
  token = (await tokenFor(base)).body.Value;
});
afterAll(() => sim.stop());

async function api(
  path: string,
  init: { method?: string; body?: unknown; url?: string; auth?: string } = {},
) {
  const res = await fetch(`${init.url ?? base}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${init.auth ?? token}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

const fixed = () => sim.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
let po = 0;
const digitalOrder = (overrides: Record<string, unknown> = {}) => ({
  Type: 'DigitalDelivery',
  PONumber: `PO-${Date.now()}-${++po}`,
  LineItems: [
    {
      ProductId: fixed().Id,
      Value: fixed().Denominations[0],
      Quantity: 1,
      DigitalDeliveryAddress: { Email: 'member@example.com' },
      Personalization: { To: 'Ana', FromName: 'Desk', Message: 'Sorry!' },
    },
  ],
  ...overrides,
});

describe('GiftCard Partners simulator: tokens', () => {
  it('mints a token from the Email and AccessToken headers, refuses bad ones, and honours 403', async () => {
    const ok = await tokenFor(base);
    expect(ok.status).toBe(200);
    expect(ok.body.ExpiresIn).toBe(3600);
    expect((await tokenFor(base, { email: 'x@y', accessToken: 'nope' })).status).toBe(401);
    expect((await api('/v1/Status', { auth: 'bogus' })).status).toBe(401);
    sim.settings.disabledEmails = [SANDBOX_GCP_CREDENTIALS.email];
    expect((await api('/v1/Status')).status).toBe(403);
    sim.settings.disabledEmails = [];
  });
});

describe('GiftCard Partners simulator: catalogue and reference data', () => {
  it('seeds 200+ products including physical and Links-capable ones', () => {
    expect(sim.products.length).toBeGreaterThanOrEqual(200);
    expect(
      sim.products.some(
        (p) => p.Type === 'Physical' && p.AvailableDeliveryTypes.includes('PhysicalShipment'),
      ),
    ).toBe(true);
    expect(sim.products.some((p) => p.AvailableDeliveryTypes.includes('Links'))).toBe(true);
    expect(sim.products.some((p) => p.DenominationType === 'Variable')).toBe(true);
  });

  it('pages products with a 0-based pageIndex and pageSize', async () => {
    const first = await api('/v1/Products?pageIndex=0&pageSize=100');
    expect(first.body).toMatchObject({ TotalCount: sim.products.length, PageIndex: 0, PageSize: 100 });
    expect(first.body.Items[0].Id).toBe(sim.products[0]!.Id);
    const third = await api('/v1/Products?pageIndex=2&pageSize=100');
    expect(third.body.Items[0].Id).toBe(sim.products[200]!.Id);
    expect((await api('/v1/Products?pageSize=500')).status).toBe(400);
    expect((await api(`/v1/Products/${fixed().Id}`)).body.Name).toBe(fixed().Name);
    expect((await api('/v1/Products/NOPE')).status).toBe(404);
  });

  it('serves ShippingMethods, Carriers, Brandings, Departments, Status and AccountBalance', async () => {
    expect((await api('/v1/ShippingMethods')).body.map((m: any) => m.Id)).toContain('STANDARD');
    expect((await api('/v1/Carriers')).body.map((m: any) => m.Id)).toContain('DEFAULT');
    expect((await api('/v1/Brandings')).body.length).toBeGreaterThan(0);
    expect((await api('/v1/Departments')).body.length).toBeGreaterThan(0);
    expect((await api('/v1/Status')).body.Status).toBe('Operational');
    expect((await api('/v1/AccountBalance')).body).toEqual({ ...sim.balance });
  });
});

describe('GiftCard Partners simulator: orders', () => {
  it('creates a small digital order that completes at once and debits Available', async () => {
    const before = sim.balance.Available;
    const res = await api('/v1/Orders', { method: 'POST', body: digitalOrder() });
    expect(res.status).toBe(201);
    expect(res.body.Status).toBe('Completed');
    expect(res.body.LineItems[0].Rewards[0].Code).toMatch(/^[0-9A-F]{12}$/);
    expect(sim.balance.Available).toBeCloseTo(before - res.body.Total, 2);
    expect(res.body.Total).toBeGreaterThan(0);
  });

  it('answers a duplicate PONumber with 409 carrying the original order Id, and keeps one order', async () => {
    const body = digitalOrder();
    const first = await api('/v1/Orders', { method: 'POST', body });
    const again = await api('/v1/Orders', { method: 'POST', body });
    expect(again.status).toBe(409);
    expect(again.body.Id).toBe(first.body.Id);
    expect(sim.ordersWithPo(body.PONumber)).toHaveLength(1);
    const found = await api(`/v1/Orders?PONumber=${encodeURIComponent(body.PONumber)}`);
    expect(found.body.Items.map((o: any) => o.Id)).toEqual([first.body.Id]);
    expect((await api(`/v1/Orders/${first.body.Id}`)).body.PONumber).toBe(body.PONumber);
  });

  it.each([
    ['an unknown delivery type', { Type: 'Pigeon' }, 'Type'],
    ['no PONumber', { PONumber: '' }, 'PONumber'],
    ['no line items', { LineItems: [] }, 'LineItems'],
    [
      'an unknown product',
      { LineItems: [{ ProductId: 'X', Value: 3, DigitalDeliveryAddress: { Email: 'a@b' } }] },
      'LineItems[0].ProductId',
    ],
    [
      'a value outside the denominations',
      { LineItems: [{ ProductId: 'FIXED', Value: 3, DigitalDeliveryAddress: { Email: 'a@b' } }] },
      'LineItems[0].Value',
    ],
    [
      'a digital line without Email or Sms',
      { LineItems: [{ ProductId: 'FIXED', Value: 10 }] },
      'LineItems[0].DigitalDeliveryAddress',
    ],
  ])('rejects %s with 400 naming the field in RFC 7807 problem details', async (_name, overrides, field) => {
    const patched = JSON.parse(
      JSON.stringify(digitalOrder(overrides)).replaceAll('"FIXED"', JSON.stringify(fixed().Id)),
    );
    const res = await api('/v1/Orders', { method: 'POST', body: patched });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ title: expect.any(String), status: 400, traceId: expect.any(String) });
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it('answers validation failures as { Message, Errors } when set to the other INFERRED shape', async () => {
    const legacy = new GcpSimulator({ errorShape: 'message', historicalOrderCount: 0 });
    const url = await legacy.start();
    try {
      const auth = (await tokenFor(url)).body.Value;
      const res = await api('/v1/Orders', {
        method: 'POST',
        body: digitalOrder({ PONumber: '' }),
        url,
        auth,
      });
      expect(res.status).toBe(400);
      expect(res.body.Errors.map((e: any) => e.Field)).toContain('PONumber');
    } finally {
      await legacy.stop();
    }
  });

  it.each([
    ['order', (id: string, body: any) => expect(body.Id).toBe(id)],
    ['id', (id: string, body: any) => expect(body).toEqual({ Id: id })],
    ['orderId', (id: string, body: any) => expect(body).toEqual({ OrderId: id })],
    ['string', (id: string, body: any) => expect(body).toBe(id)],
  ] as const)('names the original order in a 409 as the %s shape when set so', async (shape, check) => {
    const dup = new GcpSimulator({ duplicateBody: shape, historicalOrderCount: 0 });
    const url = await dup.start();
    try {
      const auth = (await tokenFor(url)).body.Value;
      const body = digitalOrder();
      const first = await api('/v1/Orders', { method: 'POST', body, url, auth });
      const again = await api('/v1/Orders', { method: 'POST', body, url, auth });
      expect(again.status).toBe(409);
      check(first.body.Id, again.body);
    } finally {
      await dup.stop();
    }
  });

  it('validates physical shipments: full address, known shipping method, carrier where required', async () => {
    const product = sim.products.find(
      (p) => p.Type === 'Physical' && p.Meta.ShippingConfiguration.HasRequiredCardCarriers,
    )!;
    const line = {
      ProductId: product.Id,
      Value: product.Denominations[0],
      Quantity: 1,
      PhysicalDeliveryAddress: {
        Name: 'Ana Tan',
        AddressLine1: '1 Main St',
        City: 'New York',
        State: 'NY',
        Zip: '10001',
        Country: 'US',
        ShippingMethodId: 'STANDARD',
      },
    };
    const missingCarrier = await api('/v1/Orders', {
      method: 'POST',
      body: digitalOrder({ Type: 'PhysicalShipment', LineItems: [line] }),
    });
    expect(Object.keys(missingCarrier.body.errors)).toEqual([
      'LineItems[0].PhysicalDeliveryAddress.CarrierId',
    ]);
    const withCarrier = {
      ...line,
      PhysicalDeliveryAddress: { ...line.PhysicalDeliveryAddress, CarrierId: 'DEFAULT' },
    };
    expect(
      (
        await api('/v1/Orders', {
          method: 'POST',
          body: digitalOrder({ Type: 'PhysicalShipment', LineItems: [withCarrier] }),
        })
      ).status,
    ).toBe(201);
  });

  it('returns Pending for orders above the size threshold and completes them later, firing the webhook', async () => {
    const received: any[] = [];
    const receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const product = sim.products.find(
      (p) => p.AvailableDeliveryTypes.includes('Links') && p.DenominationType === 'Fixed',
    )!;
    const body = {
      Type: 'Links',
      PONumber: `PO-ASYNC-${Date.now()}`,
      LineItems: [{ ProductId: product.Id, Value: product.Denominations[0], Quantity: 25 }],
      WebhookSettings: {
        FulfillmentComplete: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/done`,
      },
    };
    const created = await api('/v1/Orders', { method: 'POST', body });
    expect(created.body.Status).toBe('Pending');
    await expect
      .poll(async () => (await api(`/v1/Orders/${created.body.Id}`)).body.Status, { timeout: 5000 })
      .toBe('Completed');
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    receiver.close();
    expect(received[0]).toMatchObject({ Id: created.body.Id, PONumber: body.PONumber, Status: 'Completed' });
    expect(received[0].LineItems[0].Rewards[0].ClaimUrl).toMatch(/^https:\/\/claim\./);
  });

  it('answers 422 when Available cannot cover the order, without changing anything', async () => {
    const poor = new GcpSimulator({
      historicalOrderCount: 0,
      startingBalance: { Available: 5, Pending: 0, CurrencyCode: 'USD' },
    });
    const url = await poor.start();
    const t = (await tokenFor(url)).body.Value;
    const body = digitalOrder();
    const res = await api('/v1/Orders', { method: 'POST', body, url, auth: t });
    expect(res.status).toBe(422);
    expect(res.body.Message).toBe('Insufficient funds.');
    expect(poor.balance.Available).toBe(5);
    expect(poor.ordersWithPo(body.PONumber)).toHaveLength(0);
    // Funding: Pending rises first, then moves to Available, after which the order goes through.
    await fetch(`${url}/__sandbox/balance/fund`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: 500 }),
    });
    expect(poor.balance).toMatchObject({ Pending: 500, Available: 5 });
    await fetch(`${url}/__sandbox/balance/apply`, { method: 'POST' });
    expect(poor.balance).toMatchObject({ Pending: 0, Available: 505 });
    expect((await api('/v1/Orders', { method: 'POST', body, url, auth: t })).status).toBe(201);
    await poor.stop();
  });

  it('lets a few big orders exhaust the default sandbox balance', async () => {
    const fresh = new GcpSimulator({ historicalOrderCount: 0 });
    const url = await fresh.start();
    const t = (await tokenFor(url)).body.Value;
    const product = fresh.products.find(
      (p) =>
        p.AvailableDeliveryTypes.includes('Links') &&
        p.Denominations.includes(100) &&
        p.DenominationType === 'Fixed',
    )!;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api('/v1/Orders', {
        method: 'POST',
        url,
        auth: t,
        body: {
          Type: 'Links',
          PONumber: `BIG-${i}`,
          LineItems: [{ ProductId: product.Id, Value: 100, Quantity: 10 }],
        },
      });
      statuses.push(res.status);
    }
    await fresh.stop();
    expect(statuses).toContain(422);
    expect(statuses[0]).toBe(201);
  });

  it('keeps a history of 2,000 orders with every status, some Pending for days, filterable by PONumber and date', async () => {
    const all = [...sim.orders.values()];
    expect(all.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(all.map((o) => o.Status))).toEqual(
      new Set(['Completed', 'Failed', 'Cancelled', 'Pending']),
    );
    expect(
      all.filter((o) => o.Status === 'Pending' && Date.now() - Date.parse(o.CreatedDate) > 2 * 86_400_000)
        .length,
    ).toBeGreaterThan(10);
    const failed = all.find((o) => o.Status === 'Failed')!;
    expect(failed.LineItems[0]!.Errors[0]!.Code).toBeTruthy();
    const recent = await api(
      `/v1/Orders?StartDate=${new Date(Date.now() - 86_400_000).toISOString()}&pageSize=100`,
    );
    expect(
      recent.body.Items.every((o: any) => Date.parse(o.CreatedDate) >= Date.now() - 86_400_000 - 1000),
    ).toBe(true);
  });
});

describe('GiftCard Partners simulator: faults', () => {
  const inject = (spec: Record<string, unknown>) =>
    fetch(`${base}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });

  it('drop after commit: no answer, the order exists, and the retry gets 409 with its Id', async () => {
    await inject({ kind: 'drop_after_commit', route: 'POST /v1/Orders' });
    const body = digitalOrder();
    await expect(api('/v1/Orders', { method: 'POST', body })).rejects.toThrow();
    const [order] = sim.ordersWithPo(body.PONumber);
    expect(order).toBeDefined();
    const retry = await api('/v1/Orders', { method: 'POST', body });
    expect(retry.status).toBe(409);
    expect(retry.body.Id).toBe(order!.Id);
  });

  it('504 before commit leaves no order and no debit', async () => {
    await inject({ kind: 'status_before_commit', route: 'POST /v1/Orders', status: 504 });
    const before = sim.balance.Available;
    const body = digitalOrder();
    expect((await api('/v1/Orders', { method: 'POST', body })).status).toBe(504);
    expect(sim.ordersWithPo(body.PONumber)).toHaveLength(0);
    expect(sim.balance.Available).toBe(before);
  });

  it('a rate of faults fires on roughly that share of requests and clears', async () => {
    await inject({ kind: 'status_before_commit', route: 'GET /v1/Status', rate: 0.5, status: 503 });
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => api('/v1/Status').then((r) => r.status)),
    );
    await fetch(`${base}/__sandbox/faults`, { method: 'DELETE' });
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
    expect((await api('/v1/Status')).status).toBe(200);
  });
});
