import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { OffsetClock } from '../../main/time/clock';
import type { BalanceAlert, BalanceStatus } from '../../shared/balance';
import type { CatalogueSnapshot, Product } from '../../shared/catalogue';
import type { Profile, SandboxEndpoints } from '../../shared/domain';
import type { Placement } from '../../shared/placement';
import { deskCall } from '../support/desk-call';

/**
 * The deposit monitor on the Sandbox (2,500 USD Available at start; alerts below 1,000 and 250), on a clock the
 * test moves: days pass, and the machine clock is set wrong and put right.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = new OffsetClock();
let backend: Backend;
let sim: SandboxEndpoints;
let product: Product;
/** The product's largest face value: fewer cards to drain the deposit. */
let value: number;
const raised: BalanceAlert[] = [];
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const check = () => call<BalanceStatus>('balance.check');
const control = (p: string, body: unknown = {}) =>
  fetch(`${sim.gcp}/__sandbox${p}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
/** Sets the supplier's deposit directly (the simulator's admin hook), then reads it. */
const balanceBecomes = async (available: number, pending = 0) => {
  await control('/balance/set', { Available: available, Pending: pending });
  return check();
};
const raisedFor = (key: string) => raised.filter((a) => a.key === key);
/** The refused-order alert follows the placement's event: wait for it rather than for a fixed time. */
async function raisedWhen(match: (alert: BalanceAlert) => boolean): Promise<BalanceAlert> {
  for (let i = 0; i < 400; i++) {
    const found = raised.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the alert was not raised');
}

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
  for (let i = 0; i < 400; i++) {
    const p = await call<Placement>('placements.get', { id: placed.id });
    if (p.state === 'confirmed' || p.state === 'rejected') return p;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('placement did not settle');
}

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-bal-')),
    version: '0',
    logToConsole: false,
    clock,
  });
  backend.bus.subscribeAll((event, payload) => {
    if (event === 'balance.alert') raised.push(payload as BalanceAlert);
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  const { entries } = await call<CatalogueSnapshot>('catalogue.refresh', { supplier: 'gcp' });
  const products = entries.map((e) => e.item).filter((item): item is Product => item.supplier === 'gcp');
  product = products.find((p) => p.denominationType === 'Fixed' && p.deliveryTypes.includes('Links'))!;
  value = Math.max(...product.denominations);
});
afterAll(() => backend.close());

describe('deposit balance monitor', () => {
  it('reads Pending and Available with their currency, adopts it as the deposit currency, and has no forecast yet', async () => {
    const status = await check();
    expect(status.latest).toMatchObject({ available: 2500, pending: 0, currency: 'USD' });
    expect(status.depositCurrency).toBe('USD');
    expect((await call<Profile[]>('profiles.list'))[0]!.depositCurrency).toBe('USD');
    expect(status.thresholds).toEqual([1000, 250]);
    expect(status.runway).toMatchObject({ kind: 'not_enough_history', neededMs: DAY });
    expect(status.active).toEqual([]);
    expect(raised).toEqual([]);
  });

  it('a day later, a burst of orders gives a rate over the day the desk watched, not an extrapolated burst', async () => {
    clock.advance(26 * HOUR);
    expect((await check()).runway).toMatchObject({ kind: 'no_spending' });
    // Four orders in a few minutes, together enough to fall below 1,000.
    const cards = Math.ceil(1600 / value / 4);
    for (let i = 0; i < 4; i++) expect((await order(cards)).state).toBe('confirmed');
    const status = await check();
    const spent = 2500 - status.latest!.available;
    expect(status.runway.kind).toBe('forecast');
    if (status.runway.kind !== 'forecast') return;
    expect(status.runway.windowMs).toBeGreaterThanOrEqual(26 * HOUR);
    expect(status.runway.windowMs).toBeLessThan(27 * HOUR);
    expect(status.runway.spent).toBeCloseTo(spent, 2);
    expect(status.runway.spendPerDay).toBeCloseTo((spent / status.runway.windowMs) * DAY, 6);
    expect(status.runway.daysLeft).toBeGreaterThan(0.5);
    // One alert for 1,000 while Available stays below it.
    expect(raisedFor('low:1000')).toHaveLength(1);
    expect(raisedFor('low:1000')[0]!.title).toBe('Deposit below USD 1,000.00');
    expect(status.active.map((a) => a.key)).toEqual(['low:1000']);
  });

  it('a refused order (422) alerts at once, with how much the deposit is short', async () => {
    const before = (await check()).latest!.available;
    const refused = await order(200);
    expect(refused.state).toBe('rejected');
    expect(refused.lastError?.kind).toBe('INSUFFICIENT_FUNDS');
    const alert = await raisedWhen((a) => a.kind === 'insufficient_funds');
    const status = await check();
    expect(alert.reference).toBe(refused.reference);
    const cost = Math.round((value * (1 - product.discountPercentage) + product.fee) * 200 * 100) / 100;
    expect(alert.cover).toBeCloseTo(cost, 2);
    expect(alert.missing).toBeCloseTo(cost - before, 2);
    expect(alert.body).toContain(
      `the deposit is USD ${alert.missing!.toLocaleString('en-US', { minimumFractionDigits: 2 })} short`,
    );
    expect(status.active.map((a) => a.key).sort()).toEqual([
      'insufficient_funds:' + refused.reference,
      'low:1000',
    ]);
  });

  it('funding in Pending changes nothing; once it reaches Available both alerts clear by themselves', async () => {
    await control('/balance/fund', { amount: 60_000 });
    const funded = await check();
    expect(funded.latest!.pending).toBe(60_000);
    expect(funded.active).toHaveLength(2);
    await control('/balance/apply');
    const applied = await check();
    expect(applied.latest!.pending).toBe(0);
    expect(applied.active).toEqual([]);
    expect(applied.recent.filter((a) => a.clearedAt !== null).map((a) => a.clearedReason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Available is back at USD /),
        expect.stringMatching(/now covers the order/),
      ]),
    );
    expect(applied.fundings.at(-1)).toMatchObject({ amount: 60_000, currency: 'USD' });
    // Funding is not spending: the rate is what it was.
    if (funded.runway.kind !== 'forecast' || applied.runway.kind !== 'forecast')
      throw new Error('expected forecasts');
    expect(applied.runway.spent).toBeCloseTo(funded.runway.spent, 2);
  });

  it('falls again the same day: stays quiet; the next day: raised again', async () => {
    expect((await balanceBecomes(900)).active).toEqual([]);
    expect(raisedFor('low:1000')).toHaveLength(1);
    clock.advance(DAY);
    const next = await check();
    expect(raisedFor('low:1000')).toHaveLength(2);
    expect(next.active.map((a) => a.key)).toEqual(['low:1000']);
  });

  it('a reading stamped by a clock set ahead never stays the latest and never silences the next alert', async () => {
    await balanceBecomes(5000);
    clock.advance(3 * DAY);
    // While the clock is three days ahead: a fall raises an alert stamped in the future.
    await balanceBecomes(800);
    expect(raisedFor('low:1000')).toHaveLength(3);
    clock.advance(-3 * DAY);
    // Put right: the next reading is the latest although its stamp is older, and the future-stamped alert is
    // no quiet period: after funding and another fall, the alert comes again.
    const back = await balanceBecomes(5100);
    expect(back.latest).toMatchObject({ available: 5100 });
    expect(Date.parse(back.latest!.at)).toBeLessThan(Date.parse(back.history.at(-2)!.at));
    expect(back.active).toEqual([]);
    await balanceBecomes(700);
    expect(raisedFor('low:1000')).toHaveLength(4);
  });

  it('a deposit currency other than the readings’ pauses alerts and the runway, never mixing currencies', async () => {
    await call('profiles.update', { id: 'sandbox', changes: { depositCurrency: 'EUR' } });
    const paused = await balanceBecomes(100);
    expect(paused.currencyProblem).toMatch(
      /^Currency changed: check Settings\. The latest reading is in USD/,
    );
    expect(paused.runway.kind).toBe('paused');
    expect(paused.latest).toMatchObject({ available: 100, currency: 'USD' });
    // No EUR reading exists: nothing is charted as EUR.
    expect(paused.history).toEqual([]);
    expect(raisedFor('low:250')).toHaveLength(0);
    await call('profiles.update', { id: 'sandbox', changes: { depositCurrency: 'USD' } });
    const resumed = await check();
    expect(resumed.currencyProblem).toBeNull();
    expect(raisedFor('low:250')).toHaveLength(1);
  });

  it('counts an order sent without an answer as money in flight, at its deposit cost, against Available', async () => {
    await balanceBecomes(5000);
    // The supplier keeps answering 503 to orders: the placement stays without a settled answer for now.
    await control('/faults', {
      kind: 'status_before_commit',
      route: 'POST /v1/Orders',
      status: 503,
      times: 1000,
    });
    const placed = await call<Placement>('placements.place', {
      order: {
        supplier: 'gcp',
        reference: `bal-${randomUUID()}`,
        productId: product.id,
        deliveryType: 'Links',
        value,
        quantity: 2,
      },
    });
    let state = placed.state;
    for (let i = 0; i < 400 && state === 'journaled'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      state = (await call<Placement>('placements.get', { id: placed.id })).state;
    }
    expect(['unknown', 'needs_ops']).toContain(state);
    const status = await check();
    const cost = Math.round((value * (1 - product.discountPercentage) + product.fee) * 2 * 100) / 100;
    expect(status.inFlight).toEqual({ amount: cost, orders: 1, atFaceValue: 0, otherCurrency: 0 });
    if (status.runway.kind !== 'forecast') throw new Error('expected a forecast');
    expect(status.runway.spendable).toBeCloseTo(5000 - cost, 2);
    await fetch(`${sim.gcp}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('says why when the balance cannot be read, and keeps the last reading', async () => {
    await control('/faults', {
      kind: 'status_before_commit',
      route: 'GET /v1/AccountBalance',
      status: 503,
      times: 1,
    });
    const failed = await check();
    expect(failed.error).toBeTruthy();
    expect(failed.latest).not.toBeNull();
    const recovered = await check();
    expect(recovered.error).toBeNull();
  });
});
