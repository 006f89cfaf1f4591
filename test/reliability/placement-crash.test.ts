import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import { inlineStore } from '../../main/store/sqlite/store-client';
import { armFaults, isTransferIndex, orders, verdict } from './harness';

const KILLS = Number(process.env.SOAK_KILLS ?? 100);
const ORDERS = KILLS * 12;
const child = path.resolve(__dirname, 'placement-child.ts');

let pair: SandboxPair;
beforeAll(async () => {
  pair = await startSandbox({
    ascenda: {
      rateLimit: { perSecond: 100_000, burst: 100_000, retryAfterSeconds: 1 },
      itemTiming: { processingAfterMs: 10, terminalAfterMs: 60 },
    },
    gcp: { startingBalance: { Available: 10_000_000, Pending: 0, CurrencyCode: 'USD' } },
  });
});
afterAll(() => pair.stop());

/**
 * Runs the child; kills it (SIGKILL) as soon as it has journaled `killAfterPlaced` new placements (their sends
 * in flight), or lets it finish when null. Counting the child's own progress instead of milliseconds makes
 * every kill land mid-placement however slow or busy the machine is.
 */
function runChild(env: Record<string, string>, killAfterPlaced: number | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const placed = out.split('\n').filter((line) => line.startsWith('placed ')).length;
      if (killAfterPlaced !== null && placed >= killAfterPlaced) proc.kill('SIGKILL');
    });
    proc.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else reject(new Error(`child exited with ${code ?? signal}:\n${out}`));
    });
  });
}

describe('placement exactly once through kills', () => {
  it(`kills the placing process ${KILLS} times mid-placement; after restart and reconcile: no duplicates, none lost`, async () => {
    armFaults(pair, 0.2, 0.05);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-crash-'));
    const list = orders(pair, ORDERS, 'crash');
    const env = {
      DB: path.join(dir, 'cache.sqlite'),
      ORDERS: path.join(dir, 'orders.json'),
      ASCENDA_URL: pair.urls.ascenda,
      GCP_URL: pair.urls.gcp,
    };
    writeFileSync(env.ORDERS, JSON.stringify(list));
    const started = performance.now();
    let killed = 0;
    let seed = 42;
    while (killed < KILLS) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      if ((await runChild(env, 1 + (seed % 8))) === 'killed') killed++;
      else break;
    }
    // The last run is left to finish: it reconciles what the kills interrupted, then completes the list.
    expect(await runChild(env, null)).toBe('done');

    const store = inlineStore(env.DB);
    const journal = await Promise.all(list.map((o) => store.placements.byReference(o.supplier, o.reference)));
    const recovered = journal.filter((p) => p?.timeline.some((e) => e.kind === 'recovered')).length;
    const interruptedThenConfirmed = journal.filter(
      (p) => p?.state === 'confirmed' && p.timeline.some((e) => e.kind === 'recovered'),
    ).length;
    await store.close();
    const v = verdict(pair, journal, list);
    const transfers = journal.filter((p, i) => isTransferIndex(i) && p?.state === 'confirmed').length;
    console.log(
      `crash test: kills=${killed} placements=${v.placements} duplicates=${v.duplicates} lost=${v.lost} mismatches=${v.mismatches} transfers=${transfers} confirmed=${v.confirmed} ` +
        `rejected=${v.rejected} needs_ops=${v.needsOps} recovered_after_kill=${recovered} seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ duplicates: 0, lost: 0, mismatches: 0 });
    expect(killed).toBe(KILLS);
    expect(transfers).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(0);
    // A recovered placement keeps its whole story: journaled, sent, then the recovery and what followed.
    expect(interruptedThenConfirmed).toBeGreaterThan(0);
    expect(
      journal
        .filter((p) => p?.timeline.some((e) => e.kind === 'recovered'))
        .every((p) => p!.timeline[0]!.kind === 'journaled'),
    ).toBe(true);
  });
});
