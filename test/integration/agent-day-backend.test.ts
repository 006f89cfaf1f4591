import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { AuditPage } from '../../shared/audit';
import type { GiftCard, Product } from '../../shared/catalogue';
import type { SandboxEndpoints } from '../../shared/domain';
import type { FailureRow, LedgerReply } from '../../shared/failures';
import type { SyncProgress } from '../../shared/history';
import type { LookupReply } from '../../shared/lookup';
import type { MemberView } from '../../shared/member';
import type { OrderNote } from '../../shared/notes';
import type { Placement } from '../../shared/placement';
import type { QueueReply, QueueSummary } from '../../shared/queues';
import type { ReconciliationReport } from '../../shared/reconciliation';
import type { SavedViews } from '../../shared/views';
import { DEFAULT_HISTORY_VIEW } from '../../shared/views';
import { deskCall } from '../support/desk-call';

/** The agent's day through the router, on the Sandbox with its seeded history synced. */
let backend: Backend;
let sim: SandboxEndpoints;
let usd: GiftCard;
let product: Product;
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const outcome = (value: string) =>
  fetch(`${sim.ascenda}/__sandbox/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ newOrderOutcome: value }),
  });
const settle = async (id: number) => {
  for (let i = 0; i < 300; i++) {
    const p = await call<Placement>('placements.get', { id });
    if (!['journaled', 'unknown'].includes(p.state) && p.outcome !== 'tracking') return p;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`placement ${id} did not settle`);
};
const ascenda = (memberId: string, reference = `day-${randomUUID()}`) => ({
  supplier: 'ascenda' as const,
  reference,
  memberId,
  giftCardId: usd.id,
  giftCardName: usd.name,
  value: usd.denominations[0]!,
  currency: usd.currency!,
  recipient: { email: 'member@example.com', phoneNumber: '+6591234567', firstName: 'Ana', lastName: 'Lee' },
});

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-agent-day-')),
    version: '0',
    logToConsole: false,
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  const snapshot = await call<{ entries: Array<{ item: GiftCard | Product }> }>('catalogue.refresh', {});
  usd = snapshot.entries
    .map((e) => e.item)
    .find(
      (i): i is GiftCard =>
        i.supplier === 'ascenda' && i.currency === 'USD' && i.requiredRecipientFields.length <= 2,
    )!;
  product = snapshot.entries
    .map((e) => e.item)
    .find(
      (i): i is Product =>
        i.supplier === 'gcp' && i.denominationType === 'Fixed' && i.deliveryTypes.includes('DigitalDelivery'),
    )!;
  await call('history.sync', {});
  for (let i = 0; i < 600; i++) {
    const status = await call<SyncProgress[]>('history.status');
    if (status.every((s) => s.state === 'done')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('history sync did not finish');
}, 120_000);
afterAll(() => backend.close());

describe('the refund ledger', () => {
  it('a failed order placed from the desk owes a refund at once; recording it moves the totals, once', async () => {
    await outcome('failed');
    const member = `M-${randomUUID().slice(0, 8)}`;
    const placed = await call<Placement>('placements.place', { order: ascenda(member) });
    const settled = await settle(placed.id);
    await outcome('random');
    expect(settled.outcome).toBe('refund_due');
    const key = `item:ascenda:${settled.supplierOrderId}:${settled.supplierOrder!.items[0]!.id}`;

    // In the queue without a sync: the journal's own order counts.
    const queue = await call<QueueReply>('queues.list', { queue: 'refund_owed', text: member });
    expect(queue.matching).toBe(1);
    expect(queue.items.find((i) => i.key === key)).toMatchObject({
      memberId: member,
      placementId: placed.id,
    });
    const before = await call<LedgerReply>('refunds.ledger', {});
    const row = before.rows.find((r) => r.key === key)!;
    expect(row.refund).toMatchObject({ points: settled.points!.points, basis: 'journaled' });

    const recorded = await call<FailureRow>('refunds.record', {
      key,
      action: 'refunded',
      transactionId: 'LOY-77',
    });
    expect(recorded.ledger).toMatchObject({
      status: 'refunded',
      latest: { transactionId: 'LOY-77', points: row.refund!.points },
    });
    const after = await call<LedgerReply>('refunds.ledger', { status: 'all' });
    expect(after.totals.refundedCount).toBe(before.totals.refundedCount + 1);
    expect(after.totals.refundedPoints).toBe(before.totals.refundedPoints + row.refund!.points!);
    expect(after.totals.owedCount).toBe(before.totals.owedCount - 1);
    expect(after.totals.refundedValue.USD).toBeCloseTo(
      (before.totals.refundedValue.USD ?? 0) + usd.denominations[0]!,
    );
    const agent = after.totals.byAgent.find((a) => a.agent === settled.agent)!;
    expect(agent.refundedCount).toBeGreaterThanOrEqual(1);
    expect((await call<QueueSummary>('queues.summary')).counts.refund_owed).toBe(
      queue.counts.refund_owed - 1,
    );

    // A second recording answers who recorded it and when; nothing is written.
    await expect(
      call('refunds.record', { key, action: 'not_owed', reason: 'member cancelled the request' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Already recorded by .+ at .+ \(refunded, transaction LOY-77\)/),
    });
    // The same loyalty transaction cannot settle another order's refund.
    const other = after.rows.find((r) => r.ledger!.status === 'owed' && r.reference !== row.reference)!;
    await expect(
      call('refunds.record', { key: other.key, action: 'refunded', transactionId: 'LOY-77' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(row.reference) });

    // Reversed only by a new entry with a reason: owed again, both entries audited.
    const reopened = await call<FailureRow>('refunds.reopen', { key, reason: 'wrong transaction id typed' });
    expect(reopened.ledger).toMatchObject({ status: 'owed', latest: { action: 'reopened' } });
    expect((await call<LedgerReply>('refunds.ledger', { status: 'all' })).totals.refundedCount).toBe(
      before.totals.refundedCount,
    );
    const audit = await call<AuditPage>('audit.query', {
      filter: { subject: row.reference },
      offset: 0,
      limit: 50,
    });
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['refund recorded', 'refund reopened', 'placement journaled']),
    );
    const exported = await call<{ file: string; rows: number }>('refunds.export', { status: 'all' });
    const lines = parse(readFileSync(exported.file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(lines).toHaveLength(exported.rows);
    expect(lines.find((l) => l['Item id'] === settled.supplierOrder!.items[0]!.id)).toMatchObject({
      Status: 'owed',
      Member: member,
    });
  });
});

describe('work queues, members, notes', () => {
  it('orders the queues by urgency and lists stuck orders oldest first', async () => {
    const stuck = await call<QueueReply>('queues.list', { queue: 'stuck' });
    expect(stuck.counts.stuck).toBeGreaterThan(0);
    expect(stuck.items.length).toBe(Math.min(200, stuck.counts.stuck));
    expect(stuck.matching).toBe(stuck.counts.stuck);
    const next = await call<QueueReply>('queues.list', { queue: 'stuck', offset: 200 });
    expect(next.items[0]?.key).not.toBe(stuck.items[0]!.key);
    const one = await call<QueueReply>('queues.list', { queue: 'stuck', text: stuck.items[3]!.reference });
    expect(one.items.map((i) => i.reference)).toEqual([stuck.items[3]!.reference]);
    const since = stuck.items.map((i) => i.since!);
    expect([...since].sort()).toEqual(since);
    expect(stuck.items[0]!.detail).toMatch(/horizon 24 h/);
    const unknown = await call<QueueReply>('queues.list', { queue: 'unknown_status' });
    expect(unknown.items.every((i) => i.state === 'unknown')).toBe(true);
  });

  it('a member view lists the member’s orders from both suppliers, with notes in the timeline and ticket', async () => {
    const member = `M-${randomUUID().slice(0, 8)}`;
    const a = await call<Placement>('placements.place', { order: ascenda(member) });
    // The member's first order is settled before the second: one in doubt would hold it (the intent guard).
    await settle(a.id);
    const g = await call<Placement>('placements.place', {
      order: {
        supplier: 'gcp',
        reference: `day-gcp-${randomUUID()}`,
        memberId: member,
        productId: product.id,
        deliveryType: 'DigitalDelivery',
        value: product.denominations[0]!,
        quantity: 1,
        email: 'member@example.com',
      },
    });
    await settle(g.id);
    const note = await call<OrderNote>('notes.add', {
      supplier: 'ascenda',
      reference: a.reference,
      text: 'Member called, told them it was sent',
    });
    expect(note.memberId).toBe(member);
    for (const query of [member, a.reference, g.reference]) {
      const view = await call<MemberView>('members.view', { query });
      expect(view.identity.memberId).toBe(member);
      expect(view.orders.map((o) => o.supplier).sort()).toEqual(['ascenda', 'gcp']);
      expect(view.notes.map((n) => n.text)).toEqual(['Member called, told them it was sent']);
    }
    const lookup = await call<LookupReply>('lookup.search', { query: a.reference, live: false });
    const result = lookup.results[0]!;
    expect(result.timeline.some((e) => e.source === 'note' && e.message.includes('Member called'))).toBe(
      true,
    );
    expect(result.recommendation.memberMessage).toMatch(/gift card/);
  });

  it('keeps History and Failures views per profile, and refuses one that does not fit', async () => {
    const view = {
      ...DEFAULT_HISTORY_VIEW,
      search: 'harbor',
      supplier: 'gcp' as const,
      columns: ['reference', 'total'],
    };
    const saved = await call<SavedViews>('views.save', { screen: 'history', view });
    expect(saved.history).toMatchObject({
      search: 'harbor',
      supplier: 'gcp',
      columns: ['reference', 'total'],
    });
    expect((await call<SavedViews>('views.get')).history.search).toBe('harbor');
    await expect(
      call('views.save', { screen: 'history', view: { ...view, columns: [] } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('reconciles the day: every line explained, written to CSV', async () => {
    const report = await call<ReconciliationReport>('reconciliation.run', {});
    expect(report.lines.length).toBeGreaterThan(0);
    expect(report.lines.every((l) => l.explanation.length > 20)).toBe(true);
    const csv = parse(readFileSync(report.file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
    }) as unknown[];
    expect(csv.length).toBe(Object.values(report.counts).reduce((a, b) => a + (b ?? 0), 0));
    expect((await call<ReconciliationReport | null>('reconciliation.latest'))?.id).toBe(report.id);
  });
});
