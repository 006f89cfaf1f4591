import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { acquireLock } from '../../main/environment/folder-lock';
import { inlineStore } from '../../main/store/sqlite/store-client';
import { StoreEngine } from '../../main/store/sqlite/store-engine';
import { workerStore } from '../../main/store/sqlite/worker-store';
import type { DeskHealth } from '../../shared/health';
import type { ExportProgress, HistoryPage, SyncProgress } from '../../shared/history';
import type { LookupReply } from '../../shared/lookup';
import { deskCall } from '../support/desk-call';
import { ascendaDraft, makeOrder } from '../support/orders';
import { mountProblem, notPermitted } from '../support/system';
import { dataPaths } from '../../main/environment/data-paths';

const workerScript = path.resolve('dist/main/store-worker.cjs');
const backends: Backend[] = [];
const mounts: string[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
  for (const mount of mounts.splice(0).reverse()) execFileSync('umount', ['-l', mount]);
});

/** A backend on the folder; with the cache in its worker thread (as the app runs it) where the build exists. */
function desk(dataDir: string, inWorker = false): Backend {
  const storeWorker = inWorker && existsSync(workerScript) ? workerScript : undefined;
  const backend = createBackend({ dataDir, version: '0.0.0-test', logToConsole: false, storeWorker });
  backends.push(backend);
  return backend;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const query = { filter: {}, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 50 };

/** A Sandbox cache with `count` cached orders, closed cleanly (no -wal or -shm left). */
function seededFolder(count: number): { dataDir: string; file: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-faults-'));
  const file = dataPaths(dataDir).cacheFile('sandbox');
  const engine = new StoreEngine(file);
  engine.api.orders.upsert(
    Array.from({ length: count }, (_, n) =>
      makeOrder(
        n,
        n % 7 === 0 ? { state: 'failed', errors: [{ code: 'NN1002', message: 'Not found' }] } : {},
      ),
    ),
    new Date().toISOString(),
  );
  engine.close();
  return { dataDir, file };
}

describe('durable journal', () => {
  it('writes the journal and the audit log with synchronous=FULL in WAL mode, inline and in the cache worker', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-durable-'));
    const inline = inlineStore(path.join(dir, 'inline.sqlite'));
    expect(await inline.cache.health()).toMatchObject({
      journalMode: 'wal',
      synchronous: 'full',
      state: 'ok',
    });
    await inline.close();
    if (!existsSync(workerScript)) return console.warn('SKIPPED the worker half: run npm run build first');
    const worker = workerStore(workerScript, path.join(dir, 'worker.sqlite'));
    expect(await worker.cache.health()).toMatchObject({ journalMode: 'wal', synchronous: 'full' });
    await worker.close();
  });
});

describe('a damaged cache', () => {
  it('a truncated file is named on open, never touched, and nothing is journaled or sent for its profile', async () => {
    const { dataDir, file } = seededFolder(3000);
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, Math.floor(statSync(file).size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = sha(file);
    const backend = desk(dataDir);
    const read = deskCall(backend, 'history.query', query);
    await expect(read).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(read).rejects.toThrow(new RegExp(`${file}.*truncated`));
    const health = await deskCall<DeskHealth>(backend, 'health.status');
    expect(health.cache).toMatchObject({ state: 'corrupt', file });
    expect(health.cache.message).toMatch(/left it untouched and sends nothing/);
    const endpoints = await deskCall<{ ascenda: string }>(backend, 'sandbox.endpoints');
    const ordersAtSupplier = async () =>
      ((await (await fetch(`${endpoints.ascenda}/__sandbox/state`)).json()) as { orders: number }).orders;
    const supplierBefore = await ordersAtSupplier();
    const place = deskCall(backend, 'placements.place', {
      order: ascendaDraft(
        {
          supplier: 'ascenda',
          id: 'any',
          currency: 'USD',
          denominations: [10],
          requiredRecipientFields: ['email'],
        } as never,
        `corrupt-${randomUUID()}`,
      ),
    });
    await expect(place).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(await ordersAtSupplier()).toBe(supplierBefore);
    await backend.close();
    backends.length = 0;
    expect(sha(file)).toBe(before);
  });

  it('damage inside a whole-length file is found on first read (then nothing is written) and by the full check', async () => {
    const { dataDir, file } = seededFolder(3000);
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    // Garbage over the middle pages: the header still looks right, the order pages do not.
    for (let offset = Math.floor(size / 4 / 4096) * 4096; offset < (size * 3) / 4; offset += 4096)
      writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, offset);
    closeSync(fd);
    const before = sha(file);

    const checked = desk(dataDir, true);
    // The full check first (as the window asks after its first screen), in the worker build where it is built.
    const verified = await deskCall<DeskHealth>(checked, 'health.verify');
    expect(verified.verified).toBe('running');
    await expect
      .poll(async () => (await deskCall<DeskHealth>(checked, 'health.status')).cache.state)
      .toBe('corrupt');
    expect((await deskCall<DeskHealth>(checked, 'health.status')).cache.message).toMatch(/full check found/);
    await checked.close();
    backends.length = 0;

    const reader = desk(dataDir);
    // The first read that meets a damaged page names it (reads before it may have been answered).
    let refusal: unknown = null;
    for (let offset = 0; offset < 3000 && !refusal; offset += 200)
      await deskCall<HistoryPage>(reader, 'history.query', { ...query, offset, limit: 200 }).catch(
        (error: unknown) => (refusal = error),
      );
    expect(refusal).toMatchObject({ code: 'CORRUPT' });
    expect((refusal as Error).message).toContain(file);
    await expect(
      reader.services.stores.for('sandbox').audit.append('Agent', 'anything', null, null),
    ).rejects.toMatchObject({ code: 'CORRUPT' });
    await reader.close();
    backends.length = 0;
    expect(sha(file)).toBe(before);
  });
});

describe('a read-only data folder (a read-only bind mount: chmod does not stop root)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'desk-mount-probe-'));
  const skip = notPermitted(mountProblem(scratch));

  it.skipIf(skip)(
    'opens the cache read-only, also where -wal/-shm cannot be created; reading, look-up and exports work; writes are refused by name',
    async () => {
      const { dataDir: source } = seededFolder(400);
      // Commits still in a -wal file (a desk that was not closed): they must be read too.
      const file = dataPaths(source).cacheFile('sandbox');
      const live = new StoreEngine(file);
      live.api.orders.upsert(
        [makeOrder(100_000, { reference: 'only-in-the-wal' })],
        new Date().toISOString(),
      );
      const folder = mkdtempSync(path.join(os.tmpdir(), 'desk-ro-src-'));
      mkdirSync(path.join(folder, 'cache'));
      for (const suffix of ['', '-wal'])
        copyFileSync(`${file}${suffix}`, `${dataPaths(folder).cacheFile('sandbox')}${suffix}`);
      live.close();
      const mounted = mkdtempSync(path.join(os.tmpdir(), 'desk-ro-'));
      execFileSync('mount', ['--bind', folder, mounted]);
      mounts.push(mounted);
      execFileSync('mount', ['-o', 'remount,ro,bind', mounted]);
      expect(() => execFileSync('touch', [path.join(mounted, 'probe')], { stdio: 'pipe' })).toThrow();

      // No desk can write here, so none needs (or can take) the folder lock: serve and the app still start.
      const lock = acquireLock(dataPaths(mounted).lock, 'serve');
      expect(existsSync(dataPaths(mounted).lock)).toBe(false);
      lock.release();

      const backend = desk(mounted);
      const health = await deskCall<DeskHealth>(backend, 'health.status');
      expect(health.cache.state).toBe('read_only');
      expect(health.cache.message).toContain(`${path.join(mounted, 'cache')} is on a read-only file system`);
      expect(health.cache.message).toMatch(/private copy/);
      expect(health.exportFolder.startsWith(mounted)).toBe(false);

      const page = await deskCall<HistoryPage>(backend, 'history.query', query);
      expect(page.total).toBe(401);
      const found = await deskCall<LookupReply>(backend, 'lookup.search', {
        query: 'only-in-the-wal',
        live: false,
      });
      expect(found.results[0]?.reference).toBe('only-in-the-wal');

      const exports: ExportProgress[] = [];
      backend.bus.subscribeAll(
        (event, payload) => event === 'history.exportProgress' && exports.push(payload as ExportProgress),
      );
      const { file: csv } = await deskCall<{ file: string }>(backend, 'history.export', {
        filter: {},
        sort: { column: 'createdAt', direction: 'desc' },
      });
      expect(csv.startsWith(health.exportFolder)).toBe(true);
      await expect.poll(() => exports.find((p) => p.done)).toMatchObject({ rowsWritten: 401, error: null });
      expect(readFileSync(csv, 'utf8')).toContain('only-in-the-wal');
      const failures = await deskCall<{ file: string; rows: number }>(backend, 'failures.export', {});
      expect(failures.rows).toBeGreaterThan(0);
      rmSync(csv);
      rmSync(failures.file);

      await expect(deskCall(backend, 'history.sync', {})).rejects.toMatchObject({ code: 'READ_ONLY' });
      await expect(deskCall(backend, 'history.sync', {})).rejects.toThrow(
        /Read-only: could not take the history sync lease/,
      );
      await expect(
        deskCall(backend, 'placements.place', {
          order: ascendaDraft(
            {
              supplier: 'ascenda',
              id: 'x',
              currency: 'USD',
              denominations: [10],
              requiredRecipientFields: ['email'],
            } as never,
            `ro-${randomUUID()}`,
          ),
        }),
      ).rejects.toMatchObject({ code: 'READ_ONLY' });
      const create = deskCall(backend, 'profiles.update', {
        id: 'sandbox',
        changes: { agentName: 'New Name' },
      });
      await expect(create).rejects.toMatchObject({ code: 'READ_ONLY' });
      await expect(create).rejects.toThrow(mounted);
    },
  );
});

describe('a full disk (a small tmpfs filled up)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'desk-mount-probe-'));
  const skip = notPermitted(mountProblem(scratch));

  it.skipIf(skip)(
    'is reported as "disk full" with the folder, and the sync resumes cleanly once space returns',
    async () => {
      const disk = mkdtempSync(path.join(os.tmpdir(), 'desk-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk]);
      mounts.push(disk);
      const dataDir = path.join(disk, 'data');
      const backend = desk(dataDir);
      const progress: Array<SyncProgress & { profileId: string }> = [];
      const healths: DeskHealth[] = [];
      backend.bus.subscribeAll((event, payload) => {
        if (event === 'history.progress') progress.push(payload as SyncProgress & { profileId: string });
        if (event === 'health.changed') healths.push(payload as DeskHealth);
      });
      await deskCall(backend, 'history.status');
      const filler = path.join(disk, 'filler');
      const fill = (leaveBytes: number) => {
        const fd = openSync(filler, 'a');
        const block = Buffer.alloc(64 * 1024, 1);
        try {
          for (;;) writeSync(fd, block);
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        }
        ftruncateSync(fd, Math.max(0, statSync(filler).size - leaveBytes));
        closeSync(fd);
      };
      fill(256 * 1024);
      await deskCall(backend, 'history.sync', {});
      await backend.services.history.settled();
      const failed = progress.filter((p) => p.state === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const p of failed) {
        expect(p.error).toMatch(/^Disk full: could not save a page of order history/);
        expect(p.error).toContain(path.join(dataDir, 'cache'));
      }
      // The banner said so (a later small write that fitted may have cleared it since).
      expect(healths.find((h) => h.cache.state === 'disk_full')?.cache.message).toContain(
        path.join(dataDir, 'cache'),
      );

      rmSync(filler);
      await deskCall(backend, 'history.sync', {});
      await backend.services.history.settled();
      const status = await deskCall<SyncProgress[]>(backend, 'history.status');
      expect(status.map((s) => s.state)).toEqual(['done', 'done']);
      expect(await backend.services.stores.for('sandbox').orders.count()).toBe(5000);
      await expect.poll(() => healths.at(-1)?.cache.state).toBe('ok');
    },
  );
});
