import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../main/log/logger';
import { STORE_CALLS } from '../../main/store/protocol/calls';
import { inlineStore } from '../../main/store/sqlite/store-client';
import { StoreEngine } from '../../main/store/sqlite/store-engine';
import { workerStore } from '../../main/store/sqlite/worker-store';
import type { ExportProgress } from '../../shared/history';
import { makeOrder } from '../support/orders';

const script = path.resolve(__dirname, '../../dist/main/store-worker.cjs');
if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first (npm test does).`);

describe('the cache in its worker thread (the built store-worker.cjs)', () => {
  it('answers the same calls as inline, streams export progress, and reports errors', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'desk-worker-'));
    const store = workerStore(script, path.join(folder, 'cache.sqlite'));
    const orders = Array.from({ length: 2500 }, (_, i) => makeOrder(i + 1));
    const cursor = { ...(await store.orders.cursor('ascenda')), status: 'done' as const, nextPage: 2 };
    const saved = await store.orders.applyPage('ascenda', orders, cursor, new Date().toISOString());
    expect(saved.watermark).toBe(orders.at(-1)!.createdAt);
    expect(await store.orders.count()).toBe(2500);
    const page = await store.orders.query({
      filter: { search: 'ref-00250' },
      sort: { column: 'reference', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    expect(page.rows.map((r) => r.reference)).toEqual(['ref-002500']);
    const progress: ExportProgress[] = [];
    const done = await store.orders.exportCsv(
      path.join(folder, 'all.csv'),
      {},
      { column: 'createdAt', direction: 'desc' },
      'w',
      (p: ExportProgress) => progress.push(p),
    );
    expect(done.rowsWritten).toBe(2500);
    expect(progress.map((p) => p.rowsWritten)).toEqual([2000, 2500, 2500]);
    await expect(store.orders.detail(1)).resolves.toMatchObject({ reference: 'ref-000001' });
    await expect(
      store.orders.exportCsv(
        path.join(folder, 'no', 'such', 'dir.csv'),
        {},
        { column: 'createdAt', direction: 'desc' },
        'w2',
        () => {},
      ),
    ).rejects.toThrow(/ENOENT/);
    await store.close();
    await expect(store.orders.count()).rejects.toThrow(/stopped/);
  });

  it('reports a cache it cannot open instead of hanging', async () => {
    // A cache path under a regular file can never be created.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'desk-worker-'));
    writeFileSync(path.join(folder, 'a-file'), 'x');
    const store = workerStore(script, path.join(folder, 'a-file', 'cache.sqlite'));
    await expect(store.orders.count()).rejects.toThrow(/ENOTDIR|EEXIST/);
  });

  it('speaks the protocol declared once: both transports expose exactly its calls; anything else is refused by name', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'desk-worker-'));
    const declared = Object.fromEntries(
      Object.entries(STORE_CALLS).map(([ns, calls]) => [ns, Object.keys(calls).sort()]),
    );
    const shape = (store: object) =>
      Object.fromEntries(
        Object.entries(store)
          .filter(([, calls]) => typeof calls === 'object')
          .map(([ns, calls]) => [ns, Object.keys(calls as object).sort()]),
      );
    const worker = workerStore(script, path.join(folder, 'w.sqlite'));
    const inline = inlineStore(path.join(folder, 'i.sqlite'));
    expect(shape(worker)).toEqual(declared);
    expect(shape(inline)).toEqual(declared);
    await Promise.all([worker.close(), inline.close()]);
    const engine = new StoreEngine(path.join(folder, 'e.sqlite'));
    expect(shape(engine.api)).toEqual(declared);
    expect(() => engine.run('orders', 'dropEverything', [])).toThrow(
      'The store has no call orders.dropEverything.',
    );
    expect(() => engine.run('orders', 'constructor', [])).toThrow(
      'The store has no call orders.constructor.',
    );
    expect(() => engine.run('__proto__', 'toString', [])).toThrow(
      'The store has no call __proto__.toString.',
    );
    engine.close();
  });

  it('logs slow calls with their name and times, and forwards the worker thread’s own log lines', async () => {
    const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    const logger: Logger = {
      info: (message, fields) => lines.push({ level: 'info', message, fields }),
      warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
      error: (message, fields) => lines.push({ level: 'error', message, fields }),
    };
    const folder = mkdtempSync(path.join(os.tmpdir(), 'desk-worker-'));
    const store = workerStore(script, path.join(folder, 'cache.sqlite'), { logger, slowCallMs: 0 });
    await store.orders.count();
    await store.close();
    const slow = lines.find((line) => line.message === 'slow store call');
    expect(slow?.fields).toMatchObject({ call: 'orders.count' });
    expect(slow?.fields?.ms).toEqual(expect.any(Number));
    expect(slow?.fields?.storeMs).toEqual(expect.any(Number));

    writeFileSync(path.join(folder, 'a-file'), 'x');
    const broken = workerStore(script, path.join(folder, 'a-file', 'cache.sqlite'), { logger });
    await expect(broken.orders.count()).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'cache could not be opened',
        fields: expect.objectContaining({ file: path.join(folder, 'a-file', 'cache.sqlite') }),
      }),
    );
  });
});
