import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { GiftCard, Product } from '../../shared/catalogue';
import type { Placement, PlacementQuote } from '../../shared/placement';
import type { Profile } from '../../shared/domain';
import { deskCall } from '../support/desk-call';
import { ascendaDraft } from '../support/orders';

/** Manual placement through the router on the built-in Sandbox: what the Place order screen calls. */
describe('placing orders through the desk', () => {
  let backend: Backend;
  const events: Placement[] = [];
  const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
  const until = async (id: number, done: (p: Placement) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const placement = await call<Placement>('placements.get', { id });
      if (done(placement)) return placement;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`placement ${id} did not settle`);
  };

  beforeAll(() => {
    backend = createBackend({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-place-')),
      version: '0',
      logToConsole: false,
    });
    backend.bus.subscribeAll((event, payload) => {
      if (event === 'placements.updated') events.push(payload as Placement);
    });
  });
  afterAll(() => backend.close());

  it('finds catalogue items, quotes points and the deposit cost, and warns before a sure 422', async () => {
    const cards = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: 'harbor' });
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => c.name.toLowerCase().includes('harbor'))).toBe(true);
    const products = await call<Product[]>('catalogue.search', { supplier: 'gcp', text: '' });
    const product = products.find((p) => p.kind === 'Digital' && p.denominationType === 'Fixed')!;
    const quote = await call<PlacementQuote>('placements.quote', {
      supplier: 'gcp',
      productId: product.id,
      value: product.denominations[0],
      quantity: 2,
    });
    expect(quote.points).toBe(Math.ceil((product.denominations[0]! * 2) / 0.01));
    expect(quote.cost).toBeGreaterThan(0);
    expect(quote.available).toBe(2500);
    expect(quote.warnings).toEqual([]);
    const huge = await call<PlacementQuote>('placements.quote', {
      supplier: 'gcp',
      productId: product.id,
      value: product.denominations.at(-1),
      quantity: 5000,
    });
    expect(huge.warnings[0]).toMatch(/will refuse it \(insufficient funds\)/);
  });

  it('journals, sends, confirms and tracks a placement to fulfilled, with live events and a timeline', async () => {
    const [card] = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const reference = `desk-${randomUUID()}`;
    const placement = await call<Placement>('placements.place', { order: ascendaDraft(card!, reference) });
    expect(placement.state).toBe('journaled');
    const done = await until(placement.id, (p) => p.outcome !== null && p.outcome !== 'tracking');
    expect(done.state).toBe('confirmed');
    expect(done.timeline.map((e) => e.kind).slice(0, 3)).toEqual(['journaled', 'sent', 'confirmed']);
    expect(events.some((e) => e.id === placement.id && e.state === 'confirmed')).toBe(true);
    const recent = await call<Placement[]>('placements.recent');
    expect(recent[0]!.reference).toBe(reference);
  });

  it('refuses a reused reference without sending anything, and bad input field by field', async () => {
    const [first] = await call<Placement[]>('placements.recent');
    // The same reference at either supplier is refused before sending, with where it is used.
    await expect(call('placements.place', { order: { ...first!.order } })).rejects.toMatchObject({
      code: 'REFERENCE_IN_USE',
    });
    await expect(
      call('placements.place', {
        order: {
          supplier: 'gcp',
          reference: 'x y',
          productId: '',
          deliveryType: 'DigitalDelivery',
          value: 0,
          quantity: 0,
        },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('on a Production profile, asks for the reference typed again and enforces the per-order maximum', async () => {
    const prod = await call<Profile>('profiles.create', {
      name: 'Prod test',
      environment: 'production',
      ascendaRegion: 'us',
      ascendaBaseUrl: 'https://api.us.ascenda.com',
      gcpBaseUrl: 'https://api.partner.example',
      pointRates: { USD: 0.01 },
      agentName: 'Test',
      maxOrderValues: { USD: 100 },
    });
    await call('profiles.activate', { id: prod.id });
    const order = {
      supplier: 'gcp',
      reference: `prod-${randomUUID()}`,
      productId: 'P1',
      deliveryType: 'DigitalDelivery',
      value: 50,
      quantity: 1,
      email: 'member@example.com',
      currency: 'USD',
    };
    await expect(call('placements.place', { order })).rejects.toThrow(/type the reference again/);
    await expect(
      call('placements.place', { order: { ...order, quantity: 3 }, confirmation: order.reference }),
    ).rejects.toThrow(/over this Production profile's limit of USD 100\.00/);
    // A currency without a maximum is refused outright: the limit is per currency, never borrowed.
    await expect(
      call('placements.place', { order: { ...order, currency: 'EUR' }, confirmation: order.reference }),
    ).rejects.toThrow(/no per-order maximum for EUR/);
    await call('profiles.activate', { id: 'sandbox' });
  });
});
