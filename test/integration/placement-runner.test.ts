import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlacementRunner, type PlacementPolicy } from '../../main/jobs/placement-runner';
import { Redactor } from '../../main/log/redactor';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { Store } from '../../main/store/protocol/api';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { Placement, PlacementOrder } from '../../shared/placement';
import { FAST_POLICY, FAST_TIMEOUTS } from '../reliability/harness';
import { ascendaClient, gcpClient, memoryLogger } from '../support/clients';
import { journalEntry, portsOf } from '../support/placements';

/** Each path of the placement state machine, one at a time, against the simulators over loopback. */
let pair: SandboxPair;
let store: Store;
let emitted: Placement[];
beforeAll(async () => {
  pair = await startSandbox({ ascenda: { itemTiming: { processingAfterMs: 20, terminalAfterMs: 200 } } });
  store = inlineStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-runner-')), 'cache.sqlite'));
});
afterAll(async () => {
  await store.close();
  await pair.stop();
});
beforeEach(() => {
  pair.ascenda.faults.clear();
  pair.gcp.faults.clear();
  pair.ascenda.settings.newOrderOutcome = 'fulfilled';
  emitted = [];
});

function runner(policy: Partial<PlacementPolicy> = {}) {
  const { client: ascenda } = ascendaClient(pair.urls.ascenda, { config: { timeouts: FAST_TIMEOUTS } });
  const { client: gcp } = gcpClient(pair.urls.gcp, { config: { timeouts: FAST_TIMEOUTS } });
  return new PlacementRunner({
    store,
    port: portsOf({ ascenda, gcp }),
    emit: (p) => emitted.push(p),
    logger: memoryLogger(new Redactor()),
    policy: { ...FAST_POLICY, ...policy },
  });
}

const card = () =>
  pair.ascenda.cards.find((c) => c.currency === 'USD' && c.required_recipient_fields.length === 1)!;
const ascendaOrder = (memberId: string = randomUUID()): PlacementOrder => ({
  supplier: 'ascenda',
  reference: `it-${randomUUID()}`,
  memberId,
  giftCardId: card().id,
  value: card().denominations[0]!,
  currency: 'USD',
  recipient: { email: 'member@example.com' },
});
const gcpOrder = (quantity = 1): Extract<PlacementOrder, { supplier: 'gcp' }> => {
  const product = pair.gcp.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
  return {
    supplier: 'gcp',
    reference: `PO-${randomUUID()}`,
    productId: product.Id,
    deliveryType: 'DigitalDelivery',
    value: product.Denominations[0]!,
    quantity,
    email: 'member@example.com',
  };
};

async function placeAndSettle(r: PlacementRunner, order: PlacementOrder) {
  const { placement } = await r.place(journalEntry('it', order, 'Ana Agent'));
  await r.drive(placement.id);
  await r.settled();
  return (await store.placements.get(placement.id))!;
}
const kinds = (p: Placement) => p.timeline.map((e) => e.kind);
const auditFor = async (reference: string) =>
  (await store.audit.latest(1000))
    .filter((a) => a.subject === reference)
    .map((a) => `${a.agent}: ${a.action}`);

describe('the placement runner', () => {
  it('never reaching the supplier: resends 5 times with the same reference, then asks Ops, all audited', async () => {
    pair.ascenda.faults.add({
      kind: 'drop_before_commit',
      route: 'POST /fulfillment_orders/gift_cards',
      rate: 1,
    });
    const order = ascendaOrder();
    const done = await placeAndSettle(runner(), order);
    expect(done.state).toBe('needs_ops');
    expect(done.resends).toBe(5);
    expect(done.attempts).toBe(6);
    expect(kinds(done).filter((k) => k === 'sent')).toHaveLength(6);
    expect(done.timeline.at(-1)!.message).toMatch(
      `Ask Ascenda whether an order exists for reference ${order.reference}`,
    );
    expect(pair.ascenda.ordersWithReference(order.reference)).toHaveLength(0);
    const audit = await auditFor(order.reference);
    expect(audit.filter((a) => a === 'Ana Agent: placement resent')).toHaveLength(5);
    expect(audit).toContain('Ana Agent: placement escalated to Ops');
    expect(audit).toContain('Ana Agent: placement journaled');
  });

  it('past the 24 h limit an unresolved placement goes to Ops however few resends it had', async () => {
    pair.gcp.faults.add({ kind: 'status_before_commit', route: 'POST /v1/Orders', status: 504, rate: 1 });
    const done = await placeAndSettle(runner({ giveUpAfterMs: 0 }), gcpOrder());
    expect(done.state).toBe('needs_ops');
    expect(done.resends).toBe(0);
  });

  it('a timeout after the supplier committed is found by reference, confirmed once and tracked to fulfilled', async () => {
    pair.gcp.faults.add({ kind: 'delay_after_commit', route: 'POST /v1/Orders', delayMs: 800, times: 1 });
    const order = gcpOrder();
    const done = await placeAndSettle(runner(), order);
    expect(done).toMatchObject({ state: 'confirmed', outcome: 'fulfilled', resends: 0 });
    expect(kinds(done).slice(0, 4)).toEqual(['journaled', 'sent', 'unknown', 'lookup']);
    expect(pair.gcp.ordersWithPo(order.reference).map((o) => o.Id)).toEqual([done.supplierOrderId]);
    // Every transition reached the UI as an event, in order.
    const seen = emitted.filter((p) => p.id === done.id).map((p) => p.timeline.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("a failed item means the member's points go back: refund_due with the supplier's item errors", async () => {
    pair.ascenda.settings.newOrderOutcome = 'failed';
    const done = await placeAndSettle(runner(), ascendaOrder());
    expect(done).toMatchObject({ state: 'confirmed', outcome: 'refund_due' });
    const errors = done.supplierOrder!.items.flatMap((i) => i.errors);
    expect(errors.length).toBeGreaterThan(0);
    // Journaled without a rate here: the refund is named, and says why it has no number.
    expect(done.timeline.at(-1)!.message).toContain(
      'Placed — item failed: refund the member (points unknown',
    );
    expect(done.timeline.at(-1)!.message).toContain(errors[0]!.code);
    expect(await auditFor(done.reference)).toContain('Ana Agent: placement refund due');
  });

  it('a definite refusal is final and nothing is ordered: NN1301 member rejected, GCP 422 insufficient funds', async () => {
    const rejectedMember = pair.ascenda.settings.rejectedMemberIds[0]!;
    const refused = await placeAndSettle(runner(), ascendaOrder(rejectedMember));
    expect(refused).toMatchObject({ state: 'rejected', attempts: 1 });
    expect(refused.lastError).toMatchObject({ supplierCode: 'NN1301' });
    expect(refused.timeline.at(-1)).toMatchObject({ kind: 'rejected', supplierCode: 'NN1301' });

    const poor = await placeAndSettle(runner(), gcpOrder(10_000));
    expect(poor).toMatchObject({ state: 'rejected' });
    expect(poor.lastError).toMatchObject({ kind: 'INSUFFICIENT_FUNDS', httpStatus: 422 });
    expect(pair.gcp.ordersWithPo(poor.reference)).toHaveLength(0);
  });

  it('a PONumber the supplier already holds (409) is adopted: the original order, not a second one', async () => {
    const order = gcpOrder();
    // An earlier attempt that landed while the desk's journal says nothing was confirmed.
    pair.gcp.faults.add({ kind: 'drop_after_commit', route: 'POST /v1/Orders', times: 1 });
    await gcpClient(pair.urls.gcp)
      .client.createPoOrder({
        reference: order.reference,
        deliveryType: 'DigitalDelivery',
        lines: [{ productId: order.productId, value: order.value, quantity: 1, email: 'member@example.com' }],
      })
      .catch(() => undefined);
    const original = pair.gcp.ordersWithPo(order.reference);
    expect(original).toHaveLength(1);
    // Look-ups fail, so the resend meets the 409 and must follow the id it carries.
    pair.gcp.faults.add({ kind: 'status_before_commit', route: 'GET /v1/Orders', status: 503, rate: 1 });
    const done = await placeAndSettle(runner(), order);
    expect(done.state).toBe('confirmed');
    expect(done.supplierOrderId).toBe(original[0]!.Id);
    expect(kinds(done)).toContain('duplicate');
    expect(pair.gcp.ordersWithPo(order.reference)).toHaveLength(1);
  });

  it('tracking survives a restart: a new runner reconciles and follows the confirmed order to the end', async () => {
    pair.ascenda.settings.itemTiming.terminalAfterMs = 1_500;
    try {
      const first = runner();
      const { placement } = await first.place(journalEntry('it', ascendaOrder(), 'Ana Agent'));
      for (let i = 0; i < 100 && (await store.placements.get(placement.id))!.state !== 'confirmed'; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      first.stop();
      await first.settled();
      expect(await store.placements.get(placement.id)).toMatchObject({
        state: 'confirmed',
        outcome: 'tracking',
      });

      const second = runner();
      expect(await second.reconcile()).toContain(placement.id);
      await second.settled();
      expect(await store.placements.get(placement.id)).toMatchObject({
        state: 'confirmed',
        outcome: 'fulfilled',
      });
    } finally {
      pair.ascenda.settings.itemTiming.terminalAfterMs = 200;
    }
  });
});
