import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacementRunner } from '../../main/jobs/placement-runner';
import { Redactor } from '../../main/log/redactor';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { Store } from '../../main/store/protocol/api';
import { inlineStore } from '../../main/store/sqlite/store-client';
import { ascendaClient, gcpClient, memoryLogger } from '../support/clients';
import { journalEntry, portsOf } from '../support/placements';
import {
  armFaults,
  FAST_POLICY,
  FAST_TIMEOUTS,
  isInvalidTransferIndex,
  isTransferIndex,
  orders,
  verdict,
} from './harness';

const COUNT = Number(process.env.SOAK_PLACEMENTS ?? 1000);
const CONCURRENCY = 25;

let pair: SandboxPair;
let store: Store;
beforeAll(async () => {
  pair = await startSandbox({
    ascenda: {
      rateLimit: { perSecond: 100_000, burst: 100_000, retryAfterSeconds: 1 },
      itemTiming: { processingAfterMs: 10, terminalAfterMs: 60 },
    },
    gcp: { startingBalance: { Available: 10_000_000, Pending: 0, CurrencyCode: 'USD' } },
  });
  store = inlineStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-reliability-')), 'cache.sqlite'));
});
afterAll(async () => {
  await store.close();
  await pair.stop();
});

describe('placement exactly once under faults', () => {
  it(`places ${COUNT} orders with 30% of creates faulted: one supplier order per reference, none lost`, async () => {
    armFaults(pair);
    const logger = memoryLogger(new Redactor());
    const { client: ascenda } = ascendaClient(pair.urls.ascenda, { config: { timeouts: FAST_TIMEOUTS } });
    const { client: gcp } = gcpClient(pair.urls.gcp, { config: { timeouts: FAST_TIMEOUTS } });
    const runner = new PlacementRunner({
      store,
      port: portsOf({ ascenda, gcp }),
      emit: () => {},
      logger,
      policy: FAST_POLICY,
    });
    const list = orders(pair, COUNT);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < list.length) {
          const order = list[next++]!;
          const { placement } = await runner.place(journalEntry('reliability', order, 'Reliability Bot'));
          await runner.drive(placement.id);
        }
      }),
    );
    await runner.settled();
    const journal = await Promise.all(list.map((o) => store.placements.byReference(o.supplier, o.reference)));
    const v = verdict(pair, journal, list);
    const fired = [...pair.ascenda.faults.fired.values(), ...pair.gcp.faults.fired.values()].reduce(
      (a, b) => a + b,
      0,
    );
    const resends = journal.reduce((sum, p) => sum + (p?.resends ?? 0), 0);
    const fulfilled = journal.filter((p) => p?.outcome === 'fulfilled').length;
    const refundDue = journal.filter((p) => p?.outcome === 'refund_due').length;
    const transfers = journal.filter((p, i) => isTransferIndex(i) && p?.state === 'confirmed').length;
    console.log(
      `placements=${v.placements} duplicates=${v.duplicates} lost=${v.lost} mismatches=${v.mismatches} transfers=${transfers} confirmed=${v.confirmed} rejected=${v.rejected} needs_ops=${v.needsOps} ` +
        `faults_fired=${fired} resends=${resends} fulfilled=${fulfilled} refund_due=${refundDue} seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ duplicates: 0, lost: 0, mismatches: 0 });
    expect(fired).toBeGreaterThan(COUNT * 0.2);
    // One in twenty is invalid: refused, or (when every answer to it was lost: a slow, busy machine meets the
    // client deadlines more often) left to Ops; never confirmed. Most are refused outright.
    const invalid = list.filter((_, i) => i % 20 === 19);
    const invalidStates = await Promise.all(
      invalid.map(async (o) => (await store.placements.byReference(o.supplier, o.reference))?.state),
    );
    expect(invalidStates.every((state) => state === 'rejected' || state === 'needs_ops')).toBe(true);
    expect(v.rejected).toBeGreaterThan(0);
    // Transfers are among them: confirmed through the same journal, and the invalid ones never confirmed.
    expect(transfers).toBeGreaterThan(COUNT / 8);
    const badTransfers = await Promise.all(
      list
        .filter((_, i) => isInvalidTransferIndex(i))
        .map(async (o) => (await store.placements.byReference(o.supplier, o.reference))?.state),
    );
    expect(badTransfers.every((state) => state === 'rejected' || state === 'needs_ops')).toBe(true);
    // Every confirmed placement was tracked to a final item state.
    expect(fulfilled + refundDue).toBe(v.confirmed);
    // Each timeline starts with the journal entry, before anything was sent.
    expect(
      journal.every((p) => p!.timeline[0]!.kind === 'journaled' && p!.timeline[1]!.kind === 'sent'),
    ).toBe(true);
  });
});
