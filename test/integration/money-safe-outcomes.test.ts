import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacementRunner } from '../../main/jobs/placement-runner';
import { Redactor } from '../../main/log/redactor';
import type { Store } from '../../main/store/protocol/api';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { Placement, PlacementOrder } from '../../shared/placement';
import { FAST_POLICY, FAST_TIMEOUTS } from '../reliability/harness';
import { ascendaClient, gcpClient, memoryLogger } from '../support/clients';
import { startHostileSupplier, type CreateAnswer, type HostileSupplier } from '../support/hostile-supplier';
import { journalEntry, portsOf } from '../support/placements';

/**
 * Against a supplier that answers creates wrongly: the desk never turns an order that is not provably ours
 * green, never says "nothing was ordered" without proof, and never makes a second order for one intent.
 */
let supplier: HostileSupplier;
let store: Store;
beforeAll(async () => {
  supplier = await startHostileSupplier();
  store = inlineStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-hostile-')), 'cache.sqlite'));
});
afterAll(async () => {
  await store.close();
  await supplier.stop();
});

function runner() {
  const { client: ascenda } = ascendaClient(supplier.url, { config: { timeouts: FAST_TIMEOUTS } });
  const { client: gcp } = gcpClient(supplier.url, { config: { timeouts: FAST_TIMEOUTS } });
  return new PlacementRunner({
    store,
    port: portsOf({ ascenda, gcp }),
    emit: () => undefined,
    logger: memoryLogger(new Redactor()),
    policy: { ...FAST_POLICY, maxLookups: 5 },
  });
}

const ascendaOrder = (): PlacementOrder => ({
  supplier: 'ascenda',
  reference: `hostile-${randomUUID()}`,
  memberId: 'M-4242',
  giftCardId: 'gc_books',
  value: 50,
  currency: 'USD',
  recipient: { email: 'member@example.com' },
});
const gcpOrder = (): PlacementOrder => ({
  supplier: 'gcp',
  reference: `PO-${randomUUID()}`,
  memberId: 'M-4242',
  productId: 'P1',
  deliveryType: 'DigitalDelivery',
  value: 25,
  quantity: 1,
  email: 'member@example.com',
  currency: 'USD',
});

async function place(order: PlacementOrder, answers: CreateAnswer[]): Promise<Placement> {
  supplier.answers = answers;
  const r = runner();
  const { placement } = await r.place(journalEntry('hostile', order, 'Ana Agent'));
  await r.settled();
  return (await store.placements.get(placement.id))!;
}

const saidNothingOrdered = (p: Placement) => p.timeline.some((e) => /nothing was ordered/i.test(e.message));

describe('money-safe outcomes against a hostile supplier', () => {
  it('a create answered with another reference is a mismatch, never green; Ops gets both after the look-ups', async () => {
    const order = ascendaOrder();
    const before = supplier.creates;
    const done = await place(order, [{ kind: 'other_reference', commitOurs: false }]);
    expect(done.state).toBe('needs_ops');
    expect(done.supplierOrder).toBeNull();
    expect(done.timeline.some((e) => e.kind === 'mismatch')).toBe(true);
    expect(done.timeline.some((e) => e.state === 'confirmed')).toBe(false);
    expect(done.foreignOrders.map((o) => o.reference)).toContain(`${order.reference}-someone-else`);
    expect(done.timeline.at(-1)!.message).toMatch(/not provably ours: send both to Ops/);
    expect(saidNothingOrdered(done)).toBe(false);
    expect(supplier.creates - before).toBe(1);
  });

  it('a create answered with another reference, ours made too: our own order found by reference is confirmed', async () => {
    const order = ascendaOrder();
    const done = await place(order, [{ kind: 'other_reference', commitOurs: true }]);
    expect(done.state).toBe('confirmed');
    expect(done.supplierOrder?.reference).toBe(order.reference);
    expect(done.foreignOrders.map((o) => o.reference)).toEqual([`${order.reference}-someone-else`]);
    expect(supplier.held(order.reference)).toBe(1);
  });

  it('a 409 naming an order with another PONumber is a mismatch, not "already placed"', async () => {
    const order = gcpOrder();
    const before = supplier.creates;
    const done = await place(order, [{ kind: 'conflict_other_po' }]);
    expect(['mismatch', 'needs_ops']).toContain(done.state);
    expect(done.timeline.some((e) => e.state === 'confirmed')).toBe(false);
    expect(
      done.candidate?.verification.differences.map((d) => d.field) ??
        done.foreignOrders.map(() => 'reference'),
    ).toContain('reference');
    expect(saidNothingOrdered(done)).toBe(false);
    // One create for one intent: a mismatch is never resent.
    expect(supplier.creates - before).toBe(1);
    expect(supplier.held(order.reference)).toBe(0);
  });

  it.each<[string, CreateAnswer]>([
    ['a 409 without NN1011 (the first request still running)', { kind: 'conflict_in_flight' }],
    ['a 422 without a code, the order made anyway', { kind: 'status', status: 422, commit: true }],
    ['a 303 after the order was made', { kind: 'status', status: 303, commit: true }],
    ['an unknown 4xx (418), the order made anyway', { kind: 'status', status: 418, commit: true }],
  ])('%s: looked up first, found and confirmed, one order', async (_name, answer) => {
    const order = ascendaOrder();
    const done = await place(order, [answer, { kind: 'honest' }]);
    expect(done.state).toBe('confirmed');
    expect(saidNothingOrdered(done)).toBe(false);
    expect(done.timeline.map((e) => e.kind)).toContain('lookup');
    expect(supplier.held(order.reference)).toBe(1);
  });

  it.each<[string, CreateAnswer]>([
    ['a 422 without a code, nothing made', { kind: 'status', status: 422, commit: false }],
    ['a 303, nothing made', { kind: 'status', status: 303, commit: false }],
  ])(
    '%s: never "nothing was ordered"; not found, so resent with the same reference, one order',
    async (_name, answer) => {
      const order = ascendaOrder();
      const done = await place(order, [answer, { kind: 'honest' }]);
      expect(done.state).toBe('confirmed');
      expect(done.resends).toBe(1);
      expect(saidNothingOrdered(done)).toBe(false);
      expect(supplier.held(order.reference)).toBe(1);
    },
  );

  it('GiftCard Partners: a 303 after the order was made is looked up by PONumber, never refused', async () => {
    const order = gcpOrder();
    const done = await place(order, [{ kind: 'status', status: 303, commit: true }, { kind: 'honest' }]);
    expect(done.state).toBe('confirmed');
    expect(saidNothingOrdered(done)).toBe(false);
    expect(supplier.held(order.reference)).toBe(1);
  });
});
