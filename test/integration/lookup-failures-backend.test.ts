import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { SandboxEndpoints } from '../../shared/domain';
import type { FailureRow, FailuresReply } from '../../shared/failures';
import type { HistoryPage, SyncProgress } from '../../shared/history';
import type { LookupReply, LookupResult } from '../../shared/lookup';
import { deskCall } from '../support/desk-call';

/** Lookup and Failures through the router, on the Sandbox profile with its 5,000 seeded orders synced. */
let backend: Backend;
let sim: SandboxEndpoints;
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const state = async (url: string) =>
  (await (await fetch(`${url}/__sandbox/state`)).json()) as {
    itemFailuresByCode?: Record<string, number>;
    lineFailuresByCode?: Record<string, number>;
  };

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-lookup-')),
    version: '0',
    logToConsole: false,
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
  // The catalogue names each product's currency: GiftCard Partners order lines carry none of their own.
  await call('catalogue.refresh', {});
  await call('history.sync', {});
  for (let i = 0; i < 600; i++) {
    const status = await call<SyncProgress[]>('history.status');
    if (status.every((s) => s.state === 'done')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('history sync did not finish');
}, 90_000);
afterAll(() => backend.close());

const search = (query: string, live: boolean) => call<LookupReply>('lookup.search', { query, live });
const firstRow = async (filter: object) =>
  (
    await call<HistoryPage>('history.query', {
      filter,
      sort: { column: 'createdAt', direction: 'asc' },
      offset: 0,
      limit: 1,
    })
  ).rows[0]!;

describe('lookup', () => {
  it('finds a stuck order by its exact reference in the cache alone, with its timeline and "escalate"', async () => {
    const stuck = await firstRow({ state: 'processing', supplier: 'ascenda' });
    const reply = await search(stuck.reference, false);
    const result = reply.results[0]!;
    expect(result).toMatchObject({
      reference: stuck.reference,
      match: 'exact',
      supplierOrderId: stuck.supplierOrderId,
    });
    expect(result.sources.map((s) => s.source)).toEqual(['cache']);
    expect(result.recommendation.kind).toBe('stuck');
    expect(result.recommendation.title).toMatch(/^Stuck for \d+ d( \d+ h)?: escalate to Ascenda Ops$/);
    expect(result.timeline.map((e) => e.message).join('\n')).toContain(
      `Order ${stuck.supplierOrderId} created at Ascenda`,
    );
    expect(reply.live).toEqual({
      ascenda: { outcome: 'not_searched', detail: null },
      gcp: { outcome: 'not_searched', detail: null },
    });
  });

  it('recommends a refund of the right points for a failed item, with its error explained', async () => {
    const failed = await firstRow({ state: 'failed', supplier: 'gcp' });
    const [result] = (await search(failed.supplierOrderId, false)).results;
    expect(result!.recommendation.kind).toBe('refund');
    const owed = result!
      .order!.items.filter((i) => i.state === 'failed' || i.state === 'cancelled')
      .reduce((sum, i) => sum + i.value! * (i.quantity ?? 1), 0);
    expect(result!.recommendation.refundPoints).toBe(Math.ceil(owed / 0.01 - 1e-9));
  });

  it('ranks exact matches first, then references that start with the text', async () => {
    const some = await firstRow({ supplier: 'gcp' });
    const prefix = some.reference.slice(0, -1);
    const reply = await search(prefix, false);
    expect(reply.results.length).toBeGreaterThan(0);
    expect(reply.results.every((r) => r.match === 'prefix')).toBe(true);
    expect(reply.results.some((r) => r.reference === some.reference)).toBe(true);
    const exact = await search(some.reference, false);
    expect(exact.results[0]!.match).toBe('exact');
  });

  it('finds orders by recipient email in the cache and says the suppliers cannot search by email', async () => {
    const row = await firstRow({ supplier: 'ascenda' });
    const reply = await search(row.recipient!, true);
    expect(reply.results.some((r) => r.supplierOrderId === row.supplierOrderId && r.match === 'exact')).toBe(
      true,
    );
    expect(reply.live.ascenda.outcome).toBe('email');
  });

  it('merges the journal, the cache and the live supplier into one result per order', async () => {
    const placed = await call<{ id: number; reference: string }>('placements.place', {
      order: {
        supplier: 'gcp',
        reference: `lookup-${randomUUID()}`,
        productId: (
          await call<Array<{ id: string; denominationType: string; kind: string; denominations: number[] }>>(
            'catalogue.search',
            { supplier: 'gcp', text: '' },
          )
        ).find((p) => p.denominationType === 'Fixed' && p.kind === 'Digital')!.id,
        deliveryType: 'DigitalDelivery',
        value: 25,
        quantity: 1,
        email: 'merge@example.com',
      },
    }).catch((error: Error) => {
      throw error;
    });
    let result: LookupResult | undefined;
    for (let i = 0; i < 100 && !result?.placement?.supplierOrderId; i++) {
      result = (await search(placed.reference, true)).results[0];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reply = await search(placed.reference, true);
    expect(reply.results).toHaveLength(1);
    // Journal, live supplier, and the cache the earlier live reads filled: one result, three sources.
    expect(reply.results[0]!.sources.map((s) => s.source).sort()).toEqual(['cache', 'journal', 'live']);
    expect(reply.results[0]!.timeline[0]!.source).toBe('journal');
    // What the supplier returned is now cached: the same lookup offline still has the order.
    const offline = await search(placed.reference, false);
    expect(offline.results[0]!.sources.map((s) => s.source).sort()).toEqual(['cache', 'journal']);
  });

  it('says "not found anywhere" only after both suppliers were asked, and re-reads one order on demand', async () => {
    const reply = await search(`never-${randomUUID()}`, true);
    expect(reply.results).toEqual([]);
    expect(reply.live.ascenda.outcome).toBe('not_found');
    expect(reply.live.gcp.outcome).toBe('not_found');
    const stuck = await firstRow({ state: 'pending', supplier: 'gcp' });
    const fresh = await call<LookupResult>('lookup.refresh', {
      supplier: 'gcp',
      reference: stuck.reference,
      supplierOrderId: stuck.supplierOrderId,
    });
    expect(fresh.sources[0]!.source).toBe('live');
    expect(fresh.recommendation.kind).toBe('stuck');
  });

  it('rejects bad input with a clear validation error', async () => {
    await expect(search('x', false)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('lookup.search', { query: 'abc' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('failures', () => {
  it("groups every failed and cancelled item by code, with counts that match the simulators' records", async () => {
    const reply = await call<FailuresReply>('failures.list', {});
    const [ascenda, gcp] = await Promise.all([state(sim.ascenda), state(sim.gcp)]);
    const counts = (supplier: string) =>
      Object.fromEntries(
        reply.groups
          .filter((g) => g.supplier === supplier && g.code !== 'NEEDS_OPS')
          .map((g) => [g.code, g.count]),
      );
    expect(counts('ascenda')).toEqual(ascenda.itemFailuresByCode);
    expect(counts('gcp')).toEqual(gcp.lineFailuresByCode);
    for (const group of reply.groups) {
      expect(group.rows).toHaveLength(group.count);
      expect(group.title).not.toMatch(/^Unrecognised/);
    }
    expect(reply.asOf.ascenda).toBeTruthy();
  });

  it('filters by supplier and code, records a refund in the ledger (hidden unless asked for), and exports CSV', async () => {
    const all = await call<FailuresReply>('failures.list', { supplier: 'ascenda' });
    expect(all.groups.every((g) => g.supplier === 'ascenda')).toBe(true);
    const group = all.groups.find((g) => g.refund === 'yes')!;
    const only = await call<FailuresReply>('failures.list', { supplier: 'ascenda', code: group.code });
    expect(only.groups).toHaveLength(1);
    const row = group.rows[0]!;
    expect(row.ledger).toMatchObject({ status: 'owed', latest: null });
    const recorded = await call<FailureRow>('refunds.record', {
      key: row.key,
      action: 'refunded',
      transactionId: 'LOY-5000-1',
    });
    expect(recorded.ledger).toMatchObject({ status: 'refunded', latest: { transactionId: 'LOY-5000-1' } });
    const after = await call<FailuresReply>('failures.list', { supplier: 'ascenda', code: group.code });
    expect(after.groups[0]?.count ?? 0).toBe(group.count - 1);
    const withRecorded = await call<FailuresReply>('failures.list', {
      supplier: 'ascenda',
      code: group.code,
      includeRecorded: true,
    });
    expect(withRecorded.groups[0]!.recorded).toBe(1);
    await expect(
      call('refunds.record', { key: 'item:ascenda:nope:nope', action: 'refunded', transactionId: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      call('refunds.record', { key: row.key, action: 'refunded', transactionId: '  ' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    const exported = await call<{ file: string; rows: number }>('failures.export', {
      supplier: 'ascenda',
      includeRecorded: true,
    });
    const records = parse(readFileSync(exported.file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(records).toHaveLength(exported.rows);
    expect(exported.rows).toBe(all.total + 0);
    expect(records.find((r) => r['Item id'] === row.itemId)!.Refund).toMatch(
      /^refunded by .* \(transaction LOY-5000-1\)/,
    );
  });
});
