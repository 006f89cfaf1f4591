import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { GiftCard, Product } from '../../shared/catalogue';
import type { SandboxEndpoints } from '../../shared/domain';
import type { IntentCheck, ReferenceUse } from '../../shared/intents';
import type { LookupReply } from '../../shared/lookup';
import type { Placement, PlacementQuote } from '../../shared/placement';
import { deskCall } from '../support/desk-call';

/**
 * A second payment is always deliberate, references are never reused, points are per currency, and "not found
 * anywhere" is earned: through the router, on the Sandbox, as the screens call it.
 */
let backend: Backend;
let sim: SandboxEndpoints;
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; details: unknown; message: string }) => error,
  );
const settle = async (id: number) => {
  for (let i = 0; i < 200; i++) {
    const p = await call<Placement>('placements.get', { id });
    if (!['journaled', 'unknown'].includes(p.state) && p.outcome !== 'tracking') return p;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`placement ${id} did not settle`);
};
const fault = (supplier: 'ascenda' | 'gcp', spec: object) =>
  fetch(`${sim[supplier]}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
const clearFaults = (supplier: 'ascenda' | 'gcp') =>
  fetch(`${sim[supplier]}/__sandbox/faults`, {
    method: 'DELETE',
  });

let usd: GiftCard;
let jpy: GiftCard;
let sgd: GiftCard;
const draft = (card: GiftCard, memberId: string, reference = `ms-${randomUUID()}`) => ({
  supplier: 'ascenda' as const,
  reference,
  memberId,
  giftCardId: card.id,
  giftCardName: card.name,
  value: card.denominations[0]!,
  currency: card.currency!,
  recipient: { email: 'member@example.com', phoneNumber: '+6591234567', firstName: 'Ana', lastName: 'Lee' },
});

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-money-safe-')),
    version: '0',
    logToConsole: false,
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  const cards = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
  const all = (await call<{ entries: Array<{ item: GiftCard | Product }> }>('catalogue.snapshot')).entries
    .map((e) => e.item)
    .filter((i): i is GiftCard => i.supplier === 'ascenda');
  const pick = (currency: string) =>
    [...cards, ...all].find((c) => c.currency === currency && c.denominations.length > 0)!;
  usd = pick('USD');
  jpy = pick('JPY');
  sgd = pick('SGD');
});
afterAll(() => backend.close());

describe('a second payment is always deliberate', () => {
  it('the same member, card and value again needs a typed reason, which is audited', async () => {
    const member = `M-${randomUUID().slice(0, 8)}`;
    const first = await call<Placement>('placements.place', { order: draft(usd, member) });
    expect(first.memberId).toBe(member);
    await settle(first.id);

    const again = draft(usd, member);
    const refused = await failure(call('placements.place', { order: again }));
    expect(refused.code).toBe('DUPLICATE_INTENT');
    const check = refused.details as IntentCheck;
    expect(check.windowDays).toBe(7);
    expect(check.matches[0]).toMatchObject({
      source: 'journal',
      placementId: first.id,
      reference: first.reference,
    });
    // Nothing was journaled for the refused attempt.
    expect((await call<Placement[]>('placements.recent')).some((p) => p.reference === again.reference)).toBe(
      false,
    );

    expect(
      (await failure(call('placements.place', { order: again, intentOverride: 'too short' }))).code,
    ).toBe('VALIDATION');
    const reason = 'Member asked for a second card as a gift, ticket 4411';
    const second = await call<Placement>('placements.place', { order: again, intentOverride: reason });
    expect(second.intentOverride).toBe(reason);
    expect(second.timeline[0]!.message).toContain(reason);
    const audit = backend.services.stores.for('sandbox').audit.latest(200);
    const entry = (await audit).find(
      (a) => a.subject === again.reference && a.action === 'placement journaled',
    );
    expect(entry?.details).toMatchObject({ intentOverride: reason, memberId: member });
  });

  it('any placement of the member still in doubt blocks another, whatever the card', async () => {
    const member = `M-${randomUUID().slice(0, 8)}`;
    // Every create and look-up fails: the placement stays in doubt (checking with the supplier).
    await fault('ascenda', {
      kind: 'status_before_commit',
      route: 'POST /fulfillment_orders/gift_cards',
      status: 503,
      rate: 1,
    });
    await fault('ascenda', { kind: 'status_before_commit', route: 'GET /orders', status: 503, rate: 1 });
    try {
      const stuck = await call<Placement>('placements.place', { order: draft(usd, member) });
      const refused = await failure(call('placements.place', { order: draft(jpy, member) }));
      expect(refused.code).toBe('DUPLICATE_INTENT');
      expect((refused.details as IntentCheck).matches[0]).toMatchObject({
        placementId: stuck.id,
        inDoubt: true,
      });
    } finally {
      await clearFaults('ascenda');
    }
  });
});

describe('reference hygiene', () => {
  it('a reference already in the journal is refused at either supplier, with where it is used', async () => {
    const placed = await call<Placement>('placements.place', {
      order: draft(usd, `M-${randomUUID().slice(0, 6)}`),
    });
    const products = await call<Product[]>('catalogue.search', { supplier: 'gcp', text: '' });
    const product = products.find((p) => p.kind === 'Digital' && p.denominationType === 'Fixed')!;
    const refused = await failure(
      call('placements.place', {
        order: {
          supplier: 'gcp',
          reference: placed.reference,
          memberId: 'M-2',
          productId: product.id,
          deliveryType: 'DigitalDelivery',
          value: product.denominations[0],
          quantity: 1,
          email: 'other@example.com',
        },
      }),
    );
    expect(refused.code).toBe('REFERENCE_IN_USE');
    expect(refused.details as ReferenceUse[]).toEqual([
      expect.objectContaining({ source: 'journal', supplier: 'ascenda', placementId: placed.id }),
    ]);
  });

  it('a reference already in the cached history is refused too', async () => {
    await call<LookupReply>('lookup.search', { query: 'HIST-A-00001', live: true });
    const refused = await failure(call('placements.place', { order: draft(usd, 'M-3', 'HIST-A-00001') }));
    expect(refused.code).toBe('REFERENCE_IN_USE');
    expect((refused.details as ReferenceUse[])[0]).toMatchObject({ source: 'cache', supplier: 'ascenda' });
  });
});

describe('points per currency', () => {
  it('prices each currency at its own rate, or not at all', async () => {
    const quote = (card: GiftCard) =>
      call<PlacementQuote>('placements.quote', {
        supplier: 'ascenda',
        productId: card.id,
        value: card.denominations[0],
        quantity: 1,
        currency: card.currency,
      });
    expect((await quote(usd)).points).toBe(Math.ceil(usd.denominations[0]! / 0.01));
    // The Sandbox's JPY rate is 1 yen per point: ¥1,000 is 1,000 points, never 100,000.
    expect((await quote(jpy)).points).toBe(jpy.denominations[0]);
    expect((await quote(sgd)).points).toBeNull();
  });

  it('journals the rate with the placement: a later rate change does not change what the member is owed', async () => {
    const placed = await call<Placement>('placements.place', {
      order: draft(jpy, `M-${randomUUID().slice(0, 6)}`),
    });
    expect(placed.points).toEqual({ currency: 'JPY', costPerPoint: 1, points: jpy.denominations[0] });
    await call('profiles.update', { id: 'sandbox', changes: { pointRates: { USD: 0.01, JPY: 2 } } });
    try {
      expect((await call<Placement>('placements.get', { id: placed.id })).points?.costPerPoint).toBe(1);
    } finally {
      await call('profiles.update', { id: 'sandbox', changes: { pointRates: { USD: 0.01, JPY: 1 } } });
    }
    const audit = await backend.services.stores.for('sandbox').audit.latest(50);
    expect(audit.some((a) => a.action === 'profile settings changed')).toBe(true);
  });
});

describe('"not found anywhere" is earned', () => {
  it('only for a plausible reference both suppliers looked up, with near matches and typos caught', async () => {
    const placed = await call<Placement>('placements.place', {
      order: draft(usd, `M-${randomUUID().slice(0, 6)}`, `CLIENT-TX-${randomUUID().slice(0, 8)}`),
    });
    const typo = `${placed.reference.slice(0, -1)}${placed.reference.endsWith('0') ? '1' : '0'}`;
    const reply = await call<LookupReply>('lookup.search', { query: typo, live: true });
    expect(reply.results).toEqual([]);
    expect(reply.nearMatches.map((m) => m.reference)).toContain(placed.reference);

    const fresh = await call<LookupReply>('lookup.search', { query: `NEW-${randomUUID()}`, live: true });
    expect(fresh.notFoundAnywhere).toBe(true);
    expect(fresh.referenceProblem).toBeNull();

    for (const text of ['ref with spaces', 'member@example.com', 'x'.repeat(65)]) {
      const bad = await call<LookupReply>('lookup.search', { query: text, live: true });
      expect(bad.notFoundAnywhere).toBe(false);
      expect(bad.referenceProblem).not.toBeNull();
    }
  });
});

describe('agent actions on a placement, each deliberate and audited', () => {
  const audited = async (reference: string) =>
    (await backend.services.stores.for('sandbox').audit.latest(500))
      .filter((a) => a.subject === reference)
      .map((a) => a.action);

  it('corrects a documented refusal and resends it under the same reference as a new revision', async () => {
    const refusedMember = '00000000-0000-4000-8000-000000001301';
    const order = draft(usd, refusedMember);
    const refused = await settle((await call<Placement>('placements.place', { order })).id);
    expect(refused).toMatchObject({ state: 'rejected', revision: 1 });
    expect(refused.lastError?.supplierCode).toBe('NN1301');
    await expect(
      call('placements.revise', { id: refused.id, order, reason: 'nothing changed at all here' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      call('placements.revise', {
        id: refused.id,
        order: { ...order, reference: 'other' },
        reason: 'new reference please',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const corrected = await call<Placement>('placements.revise', {
      id: refused.id,
      order: { ...order, memberId: 'M-CORRECTED' },
      reason: 'member id was mistyped, confirmed with the client system',
    });
    expect(corrected).toMatchObject({ state: 'journaled', revision: 2, memberId: 'M-CORRECTED' });
    expect(corrected.revisions).toEqual([
      expect.objectContaining({ revision: 1, order: expect.objectContaining({ memberId: refusedMember }) }),
    ]);
    const done = await settle(corrected.id);
    expect(done).toMatchObject({ state: 'confirmed', reference: order.reference });
    expect(await audited(order.reference)).toContain('placement corrected');
  });

  it('retries an insufficient-funds refusal with the same reference once the deposit is funded', async () => {
    const products = await call<Product[]>('catalogue.search', { supplier: 'gcp', text: '' });
    const product = products.find((p) => p.kind === 'Digital' && p.denominationType === 'Fixed')!;
    const order = {
      supplier: 'gcp' as const,
      reference: `PO-${randomUUID()}`,
      memberId: `M-${randomUUID().slice(0, 6)}`,
      productId: product.id,
      deliveryType: 'DigitalDelivery' as const,
      value: product.denominations[0]!,
      quantity: 1,
      email: 'member@example.com',
    };
    const balance = (body: object) =>
      fetch(`${sim.gcp}/__sandbox/balance/set`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await balance({ Available: 0, Pending: 0 });
    const poor = await settle((await call<Placement>('placements.place', { order })).id);
    expect(poor.state).toBe('rejected');
    expect(poor.lastError?.kind).toBe('INSUFFICIENT_FUNDS');
    await expect(
      call('placements.revise', { id: poor.id, order, reason: 'should retry not revise' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await balance({ Available: 2500, Pending: 0 });
    const retried = await call<Placement>('placements.retry', { id: poor.id });
    expect(retried).toMatchObject({ state: 'journaled', revision: 2 });
    expect(await settle(poor.id)).toMatchObject({ state: 'confirmed', reference: order.reference });
    expect(await audited(order.reference)).toContain('placement retried');
  });

  it('resolves an order handed back as ours (tracked) or as not ours (refund owed, then resent)', async () => {
    const store = backend.services.stores.for('sandbox');
    const ascenda = await backend.services.clients.port('sandbox', 'ascenda');
    const journal = async (order: ReturnType<typeof draft>, candidateOf: Placement['supplierOrder']) => {
      const { placement } = await store.placements.create({
        profileId: 'sandbox',
        supplier: 'ascenda',
        reference: order.reference,
        order,
        memberId: order.memberId,
        agent: 'Ana',
        at: new Date().toISOString(),
        transactedAt: new Date().toISOString(),
        points: { currency: 'USD', costPerPoint: 0.01, points: 1000 },
        intentOverride: null,
      });
      return store.placements.change(placement.id, {
        at: new Date().toISOString(),
        state: 'mismatch',
        attempts: 1,
        candidate: {
          order: candidateOf!,
          verification: {
            verdict: 'mismatch',
            differences: [{ field: 'reference', expected: order.reference, actual: candidateOf!.reference! }],
            missing: [],
          },
        },
        event: {
          kind: 'mismatch',
          attempt: 1,
          message: 'staged',
          httpStatus: null,
          supplierCode: null,
          requestId: null,
        },
      });
    };
    // A real order at the supplier, under another reference: what a misbehaving supplier handed back.
    const real = await ascenda.createOrder(draft(usd, 'M-REAL'), {
      transactedAt: new Date().toISOString(),
      revision: 1,
    });

    const ours = await journal(draft(usd, 'M-REAL'), real);
    await expect(
      call('placements.resolve', { id: ours.id, verdict: 'ours', reason: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const adopted = await call<Placement>('placements.resolve', {
      id: ours.id,
      verdict: 'ours',
      reason: 'Ascenda support confirmed the order is this transaction',
    });
    expect(adopted).toMatchObject({ state: 'confirmed', supplierOrderId: real.id, candidate: null });
    expect(await audited(ours.reference)).toContain('placement resolved as ours');

    const notOurs = await journal(draft(usd, 'M-OTHER'), real);
    const resolved = await call<Placement>('placements.resolve', {
      id: notOurs.id,
      verdict: 'not_ours',
      reason: 'that order belongs to another member, checked in the portal',
    });
    expect(resolved).toMatchObject({ state: 'not_found', outcome: 'refund_due' });
    expect(resolved.foreignOrders.map((o) => o.id)).toContain(real.id);
    const failures = await call<{
      groups: Array<{ code: string; rows: Array<{ reference: string; refund: { points: number } | null }> }>;
    }>('failures.list', {});
    const row = failures.groups
      .find((g) => g.code === 'NOT_OURS')!
      .rows.find((r) => r.reference === notOurs.reference);
    expect(row?.refund?.points).toBe(1000);
    // Sent again with the same reference: the supplier does not hold it, so it is made once, and tracked.
    await call('placements.retry', { id: notOurs.id });
    expect(await settle(notOurs.id)).toMatchObject({ state: 'confirmed', reference: notOurs.reference });
  });
});
