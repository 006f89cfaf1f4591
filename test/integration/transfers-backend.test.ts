import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import { OffsetClock } from '../../main/time/clock';
import { businessDaysAfter } from '../../shared/business-time';
import type { SandboxEndpoints } from '../../shared/domain';
import type { IntentCheck } from '../../shared/intents';
import type { LookupReply } from '../../shared/lookup';
import type { Placement, TransferOrder } from '../../shared/placement';
import type { MembershipCheck, ProgramSnapshot } from '../../shared/transfers';
import { deskCall } from '../support/desk-call';

/**
 * Points transfers through the router on the Sandbox, as the screens call them: the programme list, membership
 * checks, the guards before journaling, and tracking over business days moved by one clock in main and the
 * simulator's clock alongside.
 */
let backend: Backend;
let sim: SandboxEndpoints;
const clock = new OffsetClock();
const HOUR = 3_600_000;
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; details: unknown; message: string }) => error,
  );
const journalSize = async () => (await call<Placement[]>('placements.recent')).length;
/** Moves the desk's clock and the Ascenda simulator's together. */
async function advance(ms: number) {
  clock.advance(ms);
  const reply = await fetch(`${sim.ascenda}/__sandbox/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(reply.status).toBe(200);
}
const waitFor = async (id: number, done: (p: Placement) => boolean) => {
  for (let i = 0; i < 400; i++) {
    const p = await call<Placement>('placements.get', { id });
    if (done(p)) return p;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`placement ${id} did not reach the expected state`);
};

const transfer = (over: Partial<TransferOrder> = {}): TransferOrder => ({
  supplier: 'ascenda',
  kind: 'points_transfer',
  reference: `pt-${randomUUID()}`,
  memberId: `M-${randomUUID().slice(0, 8)}`,
  programId: 'lp_skyward',
  amount: 5_000,
  membership: { id: 'EK123456789', firstName: 'Ana', lastName: 'Tan' },
  pointsRedeemed: 5_500,
  user: {},
  ...over,
});

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-transfers-')),
    version: '0',
    logToConsole: false,
    clock,
  });
  sim = await call<SandboxEndpoints>('sandbox.endpoints');
});
afterAll(() => backend.close());

describe('the programme catalogue', () => {
  it('lists at least five programmes with their rules, and says how fresh the list is', async () => {
    const snapshot = await call<ProgramSnapshot>('programs.refresh');
    expect(snapshot.entries.length).toBeGreaterThanOrEqual(5);
    expect(snapshot.freshness).toMatchObject({ stale: false, error: null });
    const kris = snapshot.entries.find((e) => e.program.id === 'lp_krisflyer')!;
    expect(kris.available).toBe(true);
    expect(kris.program).toMatchObject({ minAmount: 500, maxAmount: 250_000, increment: 250 });
  });

  it('is stale after an hour, like the Ascenda gift cards, and refetched in the background', async () => {
    await advance(61 * 60_000);
    const stale = await call<ProgramSnapshot>('programs.snapshot');
    expect(stale.freshness.stale).toBe(true);
    expect(stale.freshness.refreshing).toBe(true);
    for (let i = 0; i < 100; i++) {
      const now = await call<ProgramSnapshot>('programs.snapshot');
      if (!now.freshness.stale) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the programme list was not refreshed');
  });
});

describe('membership checks', () => {
  it.each([
    ['EK123456789', 'Tan', true, null],
    ['EK123456789', 'Lim', false, 'TC40001'],
    ['12345', 'Tan', false, 'TC40000'],
    ['EK123451301', 'Tan', false, 'NN1301'],
    ['EK123450002', 'Tan', false, 'TC40002'],
    ['EK123450010', 'Tan', false, 'TC40010'],
    ['EK123450101', 'Tan', false, 'TC40101'],
  ])('%s / %s → valid %s (%s), explained, and nothing journaled', async (id, lastName, valid, code) => {
    const before = await journalSize();
    const check = await call<MembershipCheck>('programs.checkMembership', {
      programId: 'lp_skyward',
      membership: { id, firstName: 'Ana', lastName },
    });
    expect(check).toMatchObject({ valid, code });
    expect(check.askMember.length).toBeGreaterThan(10);
    expect(await journalSize()).toBe(before);
  });

  it('a programme Ascenda does not have is refused as NN1002', async () => {
    const check = await call<MembershipCheck>('programs.checkMembership', {
      programId: 'lp_no_such',
      membership: { id: 'EK123456789', firstName: 'Ana', lastName: 'Tan' },
    });
    expect(check).toMatchObject({ valid: false, code: 'NN1002', retry: 'no' });
  });

  it('bad input through the channel names its field', async () => {
    const error = await failure(
      call('programs.checkMembership', {
        programId: 'lp_skyward',
        membership: { id: 'EK 1', firstName: '' },
      }),
    );
    expect(error.code).toBe('VALIDATION');
  });
});

describe('placing a transfer', () => {
  it('a refused membership is never journaled', async () => {
    const before = await journalSize();
    const error = await failure(
      call('placements.place', {
        order: transfer({ membership: { id: 'EK123456789', firstName: 'Ana', lastName: 'Lim' } }),
      }),
    );
    expect(error.code).toBe('MEMBERSHIP_REFUSED');
    expect((error.details as MembershipCheck).code).toBe('TC40001');
    expect(error.message).toContain('Nothing was placed');
    expect(await journalSize()).toBe(before);
  });

  it('an amount outside the programme’s rules, or an unknown programme, is refused before journaling', async () => {
    const before = await journalSize();
    const off = await failure(call('placements.place', { order: transfer({ amount: 5_250 }) }));
    expect(off).toMatchObject({ code: 'VALIDATION' });
    expect(off.message).toContain('Skyward Miles takes amounts in steps of 500');
    const unknown = await failure(call('placements.place', { order: transfer({ programId: 'lp_gone' }) }));
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.message).toContain("lp_gone is not one of Ascenda's loyalty programmes");
    expect(await journalSize()).toBe(before);
  });

  it('an instant programme confirms, verifies and fulfils; the journal holds the points redeemed', async () => {
    const order = transfer();
    const placed = await call<Placement>('placements.place', { order });
    const done = await waitFor(placed.id, (p) => p.outcome === 'fulfilled');
    expect(done.state).toBe('confirmed');
    expect(done.points).toEqual({ currency: null, costPerPoint: null, points: 5_500 });
    expect(done.order).toMatchObject({ programName: 'Skyward Miles', programTimeZone: 'Asia/Dubai' });
    expect(done.supplierOrder!.items[0]).toMatchObject({
      kind: 'points_transfer',
      productId: 'lp_skyward',
      value: 5_000,
      membershipId: 'EK123456789',
    });
    expect(done.timeline.map((e) => e.message).join(' ')).toContain('credited the transfer');
  });

  it('a programme withdrawn from Ascenda’s list is refused before anything is sent, and kept as withdrawn', async () => {
    const withdrawn = await fetch(`${sim.ascenda}/__sandbox/loyalty-programs/lp_carbon/withdraw`, {
      method: 'POST',
    });
    expect(withdrawn.status).toBe(200);
    const snapshot = await call<ProgramSnapshot>('programs.refresh');
    expect(snapshot.entries.find((e) => e.program.id === 'lp_carbon')?.available).toBe(false);
    const before = await journalSize();
    const error = await failure(
      call('placements.place', {
        order: transfer({
          programId: 'lp_carbon',
          amount: 2_000,
          membership: { id: 'CO2-1', firstName: 'Ana', lastName: 'Tan' },
        }),
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('is no longer offered by Ascenda');
    const check = await failure(
      call('programs.checkMembership', {
        programId: 'lp_carbon',
        membership: { id: 'CO2-1', firstName: 'Ana', lastName: 'Tan' },
      }),
    );
    expect(check.message).toContain('no longer offered');
    expect(await journalSize()).toBe(before);
  });

  it('the same member, programme and amount again needs a typed reason', async () => {
    const first = transfer({ memberId: 'M-dup-1' });
    await call<Placement>('placements.place', { order: first });
    const error = await failure(
      call('placements.place', { order: { ...first, reference: `pt-${randomUUID()}` } }),
    );
    expect(error.code).toBe('DUPLICATE_INTENT');
    expect((error.details as IntentCheck).matches.length).toBeGreaterThan(0);
  });

  it('a failed transfer owes exactly the points redeemed, with the network code explained', async () => {
    const order = transfer({ membership: { id: 'EK123454444', firstName: 'Ana', lastName: 'Tan' } });
    const placed = await call<Placement>('placements.place', { order });
    const done = await waitFor(placed.id, (p) => p.outcome === 'refund_due');
    expect(done.supplierOrder!.items[0]!.errors[0]!.code).toBe('TC40002');
    const reply = await call<LookupReply>('lookup.search', { query: order.reference, live: false });
    const rec = reply.results[0]!.recommendation;
    expect(rec).toMatchObject({ kind: 'refund', refundPoints: 5_500 });
    expect(rec.action).toContain('Account not eligible (TC40002)');
  });
});

describe('tracking over business days', () => {
  it('a programme that credits after days is fulfilled once its days have passed', async () => {
    const order = transfer({
      programId: 'lp_krisflyer',
      amount: 5_000,
      membership: { id: '8812345678', firstName: 'Mei', lastName: 'Tan' },
    });
    const placed = await call<Placement>('placements.place', { order });
    const confirmed = await waitFor(placed.id, (p) => p.state === 'confirmed');
    const start = Date.parse(confirmed.supplierOrder!.createdAt!);
    await advance(businessDaysAfter(start, 3, 'Asia/Singapore') + HOUR - clock.now());
    const reply = await call<LookupReply>('lookup.search', { query: order.reference, live: true });
    expect(reply.results[0]!.recommendation.kind).toBe('delivered');
  });

  it('pending for days is not stuck before five business days in the programme’s zone, then escalates', async () => {
    const order = transfer({
      programId: 'lp_bonvoy',
      amount: 4_000,
      // The Sandbox accepts this membership and never credits it.
      membership: { id: '123459999', firstName: 'Ken', lastName: 'Tan' },
    });
    const placed = await call<Placement>('placements.place', { order });
    const confirmed = await waitFor(placed.id, (p) => p.state === 'confirmed');
    expect(confirmed.outcome).toBe('tracking');
    const start = Date.parse(confirmed.supplierOrder!.createdAt!);
    const horizon = businessDaysAfter(start, 5, 'America/New_York');
    await advance(horizon - HOUR - clock.now());
    const before = await call<LookupReply>('lookup.search', { query: order.reference, live: true });
    expect(before.results[0]!.recommendation.kind).toBe('in_progress');
    expect(clock.now() - start).toBeGreaterThan(4 * 24 * HOUR);
    await advance(2 * HOUR);
    const after = await call<LookupReply>('lookup.search', { query: order.reference, live: false });
    expect(after.results[0]!.recommendation.kind).toBe('stuck');
  });
});
