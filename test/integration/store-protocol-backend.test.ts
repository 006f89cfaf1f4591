import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../main/environment/data-paths';
import { createBackend, type Backend } from '../../main/services/backend';
import type { Namespace, Store } from '../../main/store/protocol/api';
import { callKind, streams, STORE_CALLS } from '../../main/store/protocol/calls';
import type { OpenStore } from '../../main/store/protocol/client';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { GiftCard } from '../../shared/catalogue';
import type { ExportProgress, SyncProgress } from '../../shared/history';
import type { LookupReply } from '../../shared/lookup';
import type { Placement } from '../../shared/placement';
import { deskCall } from '../support/desk-call';
import { ascendaDraft } from '../support/orders';

/**
 * A second implementation of the store protocol, as a remote one behaves: every argument and every answer is a
 * copy (nothing shared by reference), and the data lives where the desk's own layout does not put it. The services
 * run on it unchanged; this is what the team's shared store will slot into.
 */
function remoteLikeStore(folder: string, calls: Map<string, number>): OpenStore {
  return (profileId, hooks) => {
    const inner = inlineStore(path.join(folder, `${profileId}.db`), hooks);
    const store: Record<string, unknown> = { close: () => inner.close() };
    for (const [namespace, methods] of Object.entries(STORE_CALLS) as Array<[Namespace, object]>) {
      const remote: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
      const local = inner[namespace] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      for (const method of Object.keys(methods)) {
        remote[method] = async (...args: unknown[]) => {
          const name = `${namespace}.${method}`;
          calls.set(name, (calls.get(name) ?? 0) + 1);
          // A progress stream is a listener, the one argument that stays on this side.
          const listener = streams(callKind(namespace, method)) ? args.at(-1) : undefined;
          const sent = structuredClone(listener ? args.slice(0, -1) : args);
          const answer = await local[method]!(...sent, ...(listener ? [listener] : []));
          return structuredClone(answer);
        };
      }
      store[namespace] = remote;
    }
    return store as Store;
  };
}

describe('a second implementation of the store protocol', () => {
  let backend: Backend;
  let dataDir: string;
  const calls = new Map<string, number>();
  const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-protocol-'));
    backend = createBackend({
      dataDir,
      version: '0',
      logToConsole: false,
      openStore: remoteLikeStore(mkdtempSync(path.join(os.tmpdir(), 'desk-remote-store-')), calls),
    });
  });
  afterAll(() => backend.close());

  it('runs sync, a placement, Lookup and an export with no service changed, and never opens the SQLite cache', async () => {
    await call('history.sync', {});
    await expect
      .poll(async () => (await call<SyncProgress[]>('history.status')).every((s) => s.state === 'done'), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);

    const [card] = await call<GiftCard[]>('catalogue.search', { supplier: 'ascenda', text: '' });
    const reference = `desk-${randomUUID()}`;
    const placed = await call<Placement>('placements.place', { order: ascendaDraft(card!, reference) });
    await expect
      .poll(async () => (await call<Placement>('placements.get', { id: placed.id })).state, {
        timeout: 30_000,
      })
      .toBe('confirmed');

    const found = await call<LookupReply>('lookup.search', { query: reference, live: false });
    expect(found.results[0]?.reference).toBe(reference);

    const progress: ExportProgress[] = [];
    backend.bus.subscribeAll(
      (event, payload) => event === 'history.exportProgress' && progress.push(payload as ExportProgress),
    );
    const { file } = await call<{ file: string }>('history.export', {
      filter: {},
      sort: { column: 'createdAt', direction: 'desc' },
    });
    await expect.poll(() => progress.find((p) => p.done), { timeout: 30_000 }).toMatchObject({ error: null });
    expect(readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(100);

    for (const used of [
      'orders.applyPage',
      'placements.create',
      'placements.change',
      'lookup.search',
      'orders.exportCsv',
    ])
      expect(calls.get(used), used).toBeGreaterThan(0);
    expect(existsSync(dataPaths(dataDir).cacheFile('sandbox'))).toBe(false);
  });
});
