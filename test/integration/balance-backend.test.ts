import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { BalanceAlert, BalanceStatus } from '../../shared/balance';
import type { CatalogueSnapshot, Product } from '../../shared/catalogue';
import type { SandboxEndpoints } from '../../shared/domain';
import type { Placement } from '../../shared/placement';
import { deskCall } from '../support/desk-call';

/** The deposit monitor on the Sandbox (2,500 USD Available at start; alerts below 1,000 and 250). */
let backend: Backend;
let sim: SandboxEndpoints;
let product: Product;
/** The product's largest face value: fewer cards to drain the deposit. */
let value: number;
const alerts: BalanceAlert[] = [];
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const control = (p: string, body: unknown) =>
  fetch(`${sim.giftcardPartners}/__sandbox${p}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Places a GiftCard Partners order and waits for the journal to settle it. */
async function order(quantity: number): Promise<Placement> {
  const placed = await call<Placement>('placements.place', {
    order: {
      supplier: 'gcp',
      reference: `bal-${randomUUID()}`,
      productId: product.id,
      deliveryType: 'Links',
      value,
      quantity,
    },
  });
  for (let i = 0; i < 200; i++) {
    const p = await call<Placement>('placements.get', { id: placed.id });
    if (p.state === 'confirmed' || p.state === 'rejected') return p;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('placement did not settle');
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-bal-')),
    version: '0',
    logToConsole: false,
  });
  backend.bus.subscribeAll((event, payload) => {
    if (event === 'balance.alert') alerts.push(payload as BalanceAlert);
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  const { entries } = await call<CatalogueSnapshot>('catalogue.refresh', { supplier: 'gcp' });
  const products = entries.map((e) => e.item).filter((item): item is Product => item.supplier === 'gcp');
  product = products.find((p) => p.denominationType === 'Fixed' && p.deliveryTypes.includes('Links'))!;
  value = Math.max(...product.denominations);
});
afterAll(() => backend.close());

describe('deposit balance monitor', () => {
  it('reads Pending and Available with their currency, and keeps snapshots', async () => {
    const status = await call<BalanceStatus>('balance.check');
    expect(status.latest).toMatchObject({ available: 2500, pending: 0, currency: 'USD' });
    expect(status.history.length).toBeGreaterThan(0);
    expect(status.thresholds).toEqual([1000, 250]);
    expect(status.runway.daysLeft).toBeNull();
    expect(alerts).toEqual([]);
  });

  it('draining it raises exactly one alert per threshold crossed, and the runway appears', async () => {
    // Just enough cards to fall below 1,000.
    await order(Math.ceil(1600 / value));
    await settle();
    let status = await call<BalanceStatus>('balance.check');
    expect(status.latest!.available).toBeLessThan(1000);
    expect(alerts.filter((a) => a.key === 'low:1000')).toHaveLength(1);
    expect(alerts[0]!.body).toContain('Request funding');
    await order(1);
    await settle();
    status = await call<BalanceStatus>('balance.check');
    expect(alerts.filter((a) => a.key === 'low:1000')).toHaveLength(1);
    expect(status.runway.spendPerDay).toBeGreaterThan(0);
    expect(status.runway.daysLeft).not.toBeNull();
    expect(status.alerts[0]!.key).toBe('low:1000');
  });

  it('a refused order (422) alerts at once, with how much the deposit is short', async () => {
    const before = (await call<BalanceStatus>('balance.check')).latest!.available;
    const refused = await order(200);
    expect(refused.state).toBe('rejected');
    expect(refused.lastError?.kind).toBe('INSUFFICIENT_FUNDS');
    await settle();
    const alert = alerts.find((a) => a.kind === 'insufficient_funds')!;
    expect(alert.reference).toBe(refused.reference);
    const cost = Math.round((value * (1 - product.discountPercentage) + product.fee) * 200 * 100) / 100;
    expect(alert.missing).toBeCloseTo(cost - before, 2);
    expect(alert.body).toContain(
      `${alert.missing!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD short`,
    );
  });

  it('funding shows in Pending, then moves to Available when applied', async () => {
    await control('/balance/fund', { amount: 5000 });
    const funded = await call<BalanceStatus>('balance.check');
    expect(funded.latest!.pending).toBe(5000);
    await control('/balance/apply', {});
    const applied = await call<BalanceStatus>('balance.check');
    expect(applied.latest!.pending).toBe(0);
    expect(applied.latest!.available).toBeGreaterThan(5000);
    expect(applied.history.length).toBeGreaterThan(funded.history.length - 1);
  });

  it('says why when the balance cannot be read, and keeps the last snapshot', async () => {
    await control('/faults', {
      kind: 'status_before_commit',
      route: 'GET /v1/AccountBalance',
      status: 503,
      times: 1,
    });
    const failed = await call<BalanceStatus>('balance.check');
    expect(failed.error).toBeTruthy();
    expect(failed.latest).not.toBeNull();
    const recovered = await call<BalanceStatus>('balance.check');
    expect(recovered.error).toBeNull();
  });
});
