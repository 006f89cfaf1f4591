import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { AuditPage } from '../../shared/audit';
import type { SyncProgress } from '../../shared/history';
import type { SyncSchedule } from '../../shared/schedule';
import { deskCall } from '../support/desk-call';

/** The background history sync: on its own, jittered, pausable, and never beside another under the lease. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-schedule-'));
const open: Backend[] = [];
const start = (intervalMs: number) => {
  const backend = createBackend({ dataDir, version: '0', logToConsole: false, syncIntervalMs: intervalMs });
  open.push(backend);
  return backend;
};
afterAll(async () => {
  for (const backend of open) await backend.close();
});
const until = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> => {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('background history sync', () => {
  it('syncs on its own after an interval, says when it runs next, and is paused until resumed, across restarts', async () => {
    const backend = start(400);
    const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
    const first = await until(
      () => call<SyncSchedule>('schedule.status'),
      (s) => s.nextRunAt !== null,
      'the first run to be scheduled',
    );
    expect(first.intervalMs).toBe(400);
    expect(Date.parse(first.nextRunAt!) - Date.now()).toBeLessThanOrEqual(440);
    const ran = await until(
      () => call<SyncSchedule>('schedule.status'),
      (s) => s.lastRun?.outcome === 'done',
      'a background sync',
    );
    expect(ran.lastRun!.detail).toMatch(/^Background: [\d,]+ orders read\.$/);
    const synced = await call<SyncProgress[]>('history.status');
    expect(synced.every((p) => p.lastSyncedAt !== null)).toBe(true);
    // A background sync is in the log, not in the audit log under the agent's name.
    const audit = await call<AuditPage>('audit.query', { filter: {}, offset: 0, limit: 50 });
    expect(audit.entries.some((e) => e.action === 'history sync started')).toBe(false);

    const paused = await call<SyncSchedule>('schedule.pause');
    expect(paused).toMatchObject({ paused: { by: expect.any(String) }, nextRunAt: null });
    const last = (await call<SyncSchedule>('schedule.status')).lastRun;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await call<SyncSchedule>('schedule.status')).lastRun).toEqual(last);
    await backend.close();
    open.pop();

    const again = start(400);
    const status = await deskCall<SyncSchedule>(again, 'schedule.status');
    expect(status.paused).not.toBeNull();
    const resumed = await deskCall<SyncSchedule>(again, 'schedule.resume');
    expect(resumed.nextRunAt).not.toBeNull();
    const actions = (
      await deskCall<AuditPage>(again, 'audit.query', { filter: {}, offset: 0, limit: 50 })
    ).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['background sync paused', 'background sync resumed']));
  });

  it('never syncs beside another holder of the profile’s lease, in the background or when asked', async () => {
    const backend = open.at(-1)!;
    const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
    const store = backend.services.stores.for('sandbox');
    const now = Date.now();
    const taken = await store.leases.acquire(
      'history-sync',
      'another-desk',
      new Date(now + 60_000).toISOString(),
      new Date(now).toISOString(),
    );
    expect(taken.acquired).toBe(true);
    await expect(call('history.sync', {})).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Another desk is syncing'),
    });
    const skipped = await until(
      () => call<SyncSchedule>('schedule.status'),
      (s) => s.lastRun?.outcome === 'skipped',
      'a skipped run',
    );
    expect(skipped.lastRun!.detail).toMatch(/Another desk holds this profile's sync lease until/);
    // Once the other desk lets go (or its lease expires), this desk syncs again.
    await store.leases.release('history-sync', 'another-desk');
    await until(
      () => call<SyncSchedule>('schedule.status'),
      (s) => s.lastRun?.outcome === 'done',
      'a sync after the lease was freed',
    );
  });
});
