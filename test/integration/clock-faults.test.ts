import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { OffsetClock } from '../../main/time/clock';
import type { CatalogueSnapshot } from '../../shared/catalogue';
import type { SandboxEndpoints } from '../../shared/domain';
import type { DeskHealth } from '../../shared/health';
import { deskCall } from '../support/desk-call';

const HOUR = 3600_000;
let backend: Backend;
let clock: OffsetClock;
let sim: SandboxEndpoints;
const healths: DeskHealth[] = [];
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);

beforeAll(async () => {
  clock = new OffsetClock();
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-clock-')),
    version: '0',
    logToConsole: false,
    clock,
  });
  backend.bus.subscribeAll(
    (event, payload) => event === 'health.changed' && healths.push(payload as DeskHealth),
  );
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
});
afterAll(() => backend.close());

describe('time that cannot lie', () => {
  it('shows a supplier clock set ahead (its Date header, moved by the simulator’s clock control) to the agent', async () => {
    await call('catalogue.refresh', { supplier: 'ascenda' });
    expect((await call<DeskHealth>('health.status')).clockSkew).toEqual([]);
    const moved = await fetch(`${sim.ascenda}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 3 * HOUR }),
    });
    expect(moved.status).toBe(200);
    await call('catalogue.refresh', { supplier: 'ascenda' });
    const [skew, ...others] = (await call<DeskHealth>('health.status')).clockSkew;
    expect(others).toEqual([]);
    expect(skew!.supplier).toBe('ascenda');
    // One-second header resolution and the time in flight: within a minute of three hours.
    expect(Math.abs(skew!.skewMs - 3 * HOUR)).toBeLessThan(60_000);
    expect(healths.at(-1)?.clockSkew.map((s) => s.supplier)).toEqual(['ascenda']);
  });

  it('never takes a catalogue read while the desk’s clock was ahead as fresh once the clock is set back', async () => {
    clock.advance(2 * HOUR);
    const ahead = await call<CatalogueSnapshot>('catalogue.refresh', { supplier: 'ascenda' });
    expect(ahead.freshness.ascenda.stale).toBe(false);
    expect(Date.parse(ahead.freshness.ascenda.fetchedAt!)).toBeGreaterThan(Date.now() + HOUR);
    clock.advance(-2 * HOUR);
    const back = await call<CatalogueSnapshot>('catalogue.snapshot');
    // Its fetch time is in the future: its age is unknown, so it is stale (and refetched).
    expect(back.freshness.ascenda.stale).toBe(true);
    expect(back.freshness.ascenda.refreshing).toBe(true);
    await call('catalogue.refresh', { supplier: 'ascenda' });
  });

  it('never keeps a catalogue fresh past its hour by setting the clock back: this session measures its age on monotonic time', async () => {
    const fresh = await call<CatalogueSnapshot>('catalogue.refresh', { supplier: 'ascenda' });
    expect(fresh.freshness.ascenda.stale).toBe(false);
    // Two hours pass (monotonic time with them) while the wall clock is set back by the same: the wall-clock age
    // looks like zero, the real age is two hours.
    clock.advance(2 * HOUR);
    clock.advance(-2 * HOUR);
    expect((await call<CatalogueSnapshot>('catalogue.snapshot')).freshness.ascenda.stale).toBe(true);
  });
});
