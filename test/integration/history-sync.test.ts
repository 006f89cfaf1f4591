import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySync, type HistorySource } from '../../main/jobs/history-sync';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { Store } from '../../main/store/protocol/api';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { SyncProgress } from '../../shared/history';
import { ascendaClient, gcpClient, memoryLogger } from '../support/clients';
import { Redactor } from '../../main/log/redactor';

let pair: SandboxPair;
let store: Store;
beforeEach(async () => {
  pair = await startSandbox({
    ascenda: { rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 } },
  });
  store = inlineStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-sync-')), 'cache.sqlite'));
});
afterEach(async () => {
  await store.close();
  await pair.stop();
});

const sources = {
  ascenda: (): HistorySource => {
    const { client } = ascendaClient(pair.urls.ascenda, {
      config: { timeouts: { readMs: 2000, createMs: 2000, tokenMs: 2000 } },
    });
    return {
      pageSize: 100,
      maxPages: 100,
      fetchPage: (page, pageSize) => client.listOrders({ page, pageSize }),
    };
  },
  gcp: (): HistorySource => {
    const { client } = gcpClient(pair.urls.gcp, {
      config: { timeouts: { readMs: 2000, createMs: 2000, tokenMs: 2000 } },
    });
    return {
      pageSize: 100,
      maxPages: 100,
      fetchPage: (page, pageSize, since) => client.listOrders({ page, pageSize, from: since ?? undefined }),
    };
  },
};

function job(supplier: 'ascenda' | 'gcp', options: { store?: Store; source?: HistorySource } = {}) {
  const events: SyncProgress[] = [];
  const source = options.source ?? sources[supplier]();
  const sync = new HistorySync(supplier, {
    store: options.store ?? store,
    source: async () => source,
    emit: (p) => events.push(p),
    logger: memoryLogger(new Redactor()),
    backoffMs: 1,
  });
  return { sync, events, run: () => sync.run(new AbortController().signal) };
}

const distinctIds = async () => {
  const page = await store.orders.query({
    filter: {},
    sort: { column: 'createdAt', direction: 'desc' },
    offset: 0,
    limit: 1000,
  });
  return page.total;
};

describe('history sync against the simulators', () => {
  it('syncs all 5,000 seeded sandbox orders with progress, then a second run reads only the recent pages', async () => {
    const a = job('ascenda');
    const g = job('gcp');
    const [ascenda, gcp] = await Promise.all([a.run(), g.run()]);
    expect(ascenda).toMatchObject({ state: 'done', ordersSynced: 3000, page: 30, totalPages: 30 });
    expect(gcp).toMatchObject({ state: 'done', ordersSynced: 2000, page: 20, totalPages: 20 });
    expect(await store.orders.count()).toBe(5000);
    expect(a.events.map((e) => e.page)).toEqual([0, ...Array.from({ length: 30 }, (_, i) => i + 1)]);
    expect(a.events.at(-1)!.lastSyncedAt).not.toBeNull();

    const again = await job('ascenda').run();
    expect(again.state).toBe('done');
    expect(again.page).toBeLessThan(30);
    const gAgain = await job('gcp').run();
    expect(gAgain.ordersSynced).toBeLessThan(2000);
    expect(await store.orders.count()).toBe(5000);
  });

  it('picks up new orders and changed statuses on the next run', async () => {
    await job('gcp').run();
    const { client } = gcpClient(pair.urls.gcp);
    const product = pair.gcp.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
    const created = await client.createPoOrder({
      reference: 'PO-NEW-AFTER-SYNC',
      deliveryType: 'DigitalDelivery',
      lines: [
        { productId: product.Id, value: product.Denominations[0]!, quantity: 1, email: 'new@example.com' },
      ],
    });
    await job('gcp').run();
    const [row] = await store.orders.findByReference('PO-NEW-AFTER-SYNC');
    expect(row).toMatchObject({ supplierOrderId: created.id, supplier: 'gcp' });
    expect(await store.orders.count()).toBe(2001);
  });

  it('resumes after a crash mid-run at the page it had not saved, without duplicates or gaps', async () => {
    let writes = 0;
    const crashing: Store = {
      ...store,
      orders: {
        ...store.orders,
        applyPage: async (...args) => {
          writes += 1;
          // The process dies while writing page 7: nothing of that page (or later) reaches the disk.
          if (writes === 7) throw new Error('simulated crash');
          return store.orders.applyPage(...args);
        },
      },
    };
    await expect(job('ascenda', { store: crashing }).run()).rejects.toThrow('simulated crash');
    const cursor = await store.orders.cursor('ascenda');
    expect(cursor).toMatchObject({ status: 'running', nextPage: 7, ordersSynced: 600 });
    expect(await store.orders.count()).toBe(600);

    const resumed = job('ascenda');
    const result = await resumed.run();
    expect(resumed.events[0]).toMatchObject({ state: 'running', page: 6 });
    expect(result).toMatchObject({ state: 'done', ordersSynced: 3000 });
    expect(await store.orders.count()).toBe(3000);
    expect(await distinctIds()).toBe(pair.ascenda.orders.size);
  });

  it('rides out injected faults (timeouts, 5xx, garbled pages, 429) and still gets every order once', async () => {
    // Seeded dice: the same requests fail on every run.
    pair.gcp.faults.add({ kind: 'status_before_commit', route: 'GET /v1/Orders', status: 503, rate: 0.1 });
    pair.gcp.faults.add({ kind: 'malformed_json', route: 'GET /v1/Orders', rate: 0.1 });
    pair.gcp.faults.add({ kind: 'rate_limit', route: 'GET /v1/Orders', rate: 0.1, retryAfterSeconds: 0 });
    pair.gcp.faults.add({ kind: 'drop_after_commit', route: 'GET /v1/Orders', rate: 0.05 });
    const g = job('gcp');
    const result = await g.run();
    expect(pair.gcp.faults.fired.get('status_before_commit')).toBeGreaterThan(0);
    expect(pair.gcp.faults.fired.get('malformed_json')).toBeGreaterThan(0);
    expect(result).toMatchObject({ state: 'done', ordersSynced: 2000 });
    expect(await store.orders.count()).toBe(2000);
  });

  it('stops at a persistent failure with the page kept, and a later run finishes the job', async () => {
    pair.ascenda.faults.add({ kind: 'status_before_commit', route: 'GET /orders', status: 500, rate: 1 });
    expect(await job('ascenda').run()).toMatchObject({ state: 'failed', offline: false });
    const failed = await store.orders.cursor('ascenda');
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/Outcome unknown|HTTP 500/);
    pair.ascenda.faults.clear();
    const resumed = job('ascenda');
    expect(await resumed.run()).toMatchObject({ state: 'done' });
    expect(resumed.events[0]).toMatchObject({ state: 'running', page: failed.nextPage - 1 });
    expect(await store.orders.count()).toBe(3000);
  });

  it('reports an unreachable supplier as offline, and the cache still answers', async () => {
    await job('gcp').run();
    await pair.gcp.stop();
    const offline = await job('gcp').run();
    expect(offline).toMatchObject({ state: 'failed', offline: true });
    expect(offline.lastSyncedAt).not.toBeNull();
    const hits = await store.orders.query({
      filter: { supplier: 'gcp' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 5,
    });
    expect(hits.total).toBe(2000);
  });

  it('can be cancelled between pages, and the next run resumes', async () => {
    const controller = new AbortController();
    const events: SyncProgress[] = [];
    const source = sources.ascenda();
    const sync = new HistorySync('ascenda', {
      store,
      source: async () => ({
        ...source,
        fetchPage: async (...args) => {
          const page = await source.fetchPage(...args);
          if (args[0] === 3) controller.abort();
          return page;
        },
      }),
      emit: (p) => events.push(p),
      logger: memoryLogger(new Redactor()),
    });
    expect(await sync.run(controller.signal)).toMatchObject({ state: 'cancelled', page: 3 });
    expect(await store.orders.count()).toBe(300);
    const resumed = job('ascenda');
    expect(await resumed.run()).toMatchObject({ state: 'done', ordersSynced: 3000 });
    expect(resumed.events[0]).toMatchObject({ state: 'running', page: 3 });
    expect(await store.orders.count()).toBe(3000);
  });

  it('caches the readable orders of a page with one unreadable order, and quarantines that one by id and field', async () => {
    const newest = [...pair.ascenda.orders.values()].sort((a, b) => b.created_at - a.created_at);
    const bad = newest[150]!;
    pair.ascenda.settings.garbledIds.push(bad.id);
    const result = await job('ascenda').run();
    expect(result).toMatchObject({ state: 'done', ordersSynced: 2999 });
    expect(await store.orders.count()).toBe(2999);
    expect((await store.orders.findByReference(bad.reference_id)).length).toBe(0);
    expect(await store.orders.quarantined(10)).toEqual({
      total: 1,
      orders: [
        expect.objectContaining({
          supplier: 'ascenda',
          supplierOrderId: bad.id,
          fieldPath: 'order_items.0.gift_card.value',
          problem: expect.stringMatching(/number/),
        }),
      ],
    });
    // Once the supplier answers it properly, it is cached and leaves the quarantine.
    pair.ascenda.settings.garbledIds.length = 0;
    await store.orders.saveCursor({ ...(await store.orders.cursor('ascenda')), watermark: null });
    await job('ascenda').run();
    expect(await store.orders.count()).toBe(3000);
    expect((await store.orders.quarantined(10)).total).toBe(0);
  });

  it('stops a listing that answers the same page again, with a message that says so, keeping what was read', async () => {
    pair.ascenda.settings.ignorePageParam = true;
    const result = await job('ascenda').run();
    expect(result.state).toBe('failed');
    expect(result.error).toMatch(
      /answered page 2 with exactly the records of page 1: the listing does not move on/,
    );
    expect(result.error).toMatch(/the 100 orders read are cached/);
    expect(await store.orders.count()).toBe(100);
  });

  it('stops a listing that does not end at the page cap, and never trusts a total beyond what was read', async () => {
    const capped: HistorySource = { ...sources.ascenda(), maxPages: 5 };
    const result = await job('ascenda', { source: capped }).run();
    expect(result).toMatchObject({ state: 'failed' });
    expect(result.error).toMatch(/still had more after 5 pages \(the page cap\)/);
    expect(await store.orders.count()).toBe(500);
    // The next run starts over rather than resuming inside the runaway listing.
    expect((await store.orders.cursor('ascenda')).nextPage).toBe(1);
  });
});
