import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/services/backend';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { BulkValidation } from '../../shared/bulk';
import type { GiftCard } from '../../shared/catalogue';
import { deskCall } from '../support/desk-call';
import { armFaults, verdict } from './harness';
import { dataPaths } from '../../main/environment/data-paths';

const ROWS = Number(process.env.BULK_ROWS ?? 1000);
const KILLS = Number(process.env.BULK_KILLS ?? 3);
const child = path.resolve(__dirname, 'bulk-child.ts');

let pair: SandboxPair;
beforeAll(async () => {
  pair = await startSandbox({
    ascenda: {
      rateLimit: { perSecond: 100_000, burst: 100_000, retryAfterSeconds: 1 },
      itemTiming: { processingAfterMs: 10, terminalAfterMs: 60 },
      newOrderOutcome: 'fulfilled',
    },
  });
});
afterAll(() => pair.stop());

/** Runs the desk; kills it (SIGKILL) once `killAt` rows are placed, or lets it finish when null. */
function runChild(env: Record<string, string>, killAt: number | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const placed = [...out.matchAll(/placed (\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
      if (killAt !== null && placed >= killAt && proc.exitCode === null) proc.kill('SIGKILL');
    });
    proc.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else reject(new Error(`bulk child exited with ${code ?? signal}:\n${out.slice(-2000)}`));
    });
  });
}

const HEADER = 'reference,memberId,giftCardId,value,currency,recipientEmail';

describe('bulk recovery from CSV, exactly once', () => {
  it(`checks a ${ROWS}-row file first (20 bad rows: nothing sent), then places it through faults and ${KILLS} kills`, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-bulk-'));
    const external = { ascenda: pair.urls.ascenda, gcp: pair.urls.gcp };
    const card = pair.ascenda.cards.find(
      (c) => c.currency === 'USD' && c.required_recipient_fields.length === 1,
    )!;
    const value = card.denominations[0]!;
    const stamp = Date.now().toString(36);
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      reference: `bulk-${stamp}-${i}`,
      line: `bulk-${stamp}-${i},M-${stamp}-${i},${card.id},${value},USD,member${i}@example.com`,
    }));
    // Twenty rows broken twenty ways an export goes wrong: no member, a value the card does not take, another
    // currency, a card that does not exist, a reference twice, no email for a card that needs one, a bad number.
    const breakers = [
      (i: number) => `bulk-${stamp}-${i},,${card.id},${value},USD,member${i}@example.com`,
      (i: number) => `bulk-${stamp}-${i},M-${stamp}-${i},${card.id},${value + 1},USD,member${i}@example.com`,
      (i: number) => `bulk-${stamp}-${i},M-${stamp}-${i},${card.id},${value},SGD,member${i}@example.com`,
      (i: number) => `bulk-${stamp}-${i},M-${stamp}-${i},no-such-card,${value},USD,member${i}@example.com`,
      (i: number) => `bulk-${stamp}-0,M-${stamp}-${i},${card.id},${value},USD,member${i}@example.com`,
      (i: number) => `bulk-${stamp}-${i},M-${stamp}-${i},${card.id},${value},USD,`,
      (i: number) => `bulk-${stamp}-${i},M-${stamp}-${i},${card.id},"${value},00",USD,member${i}@example.com`,
    ];
    const badLines = new Set(Array.from({ length: 20 }, (_, k) => 7 + k * Math.floor(ROWS / 21)));
    const broken = [
      HEADER,
      ...rows.map((r, i) => (badLines.has(i) ? breakers[i % breakers.length]!(i) : r.line)),
    ];
    const fixed = [HEADER, ...rows.map((r) => r.line)];

    const checker = createBackend({ dataDir, version: '0', logToConsole: false, sandbox: { external } });
    const call = <T>(channel: string, input?: unknown) => deskCall<T>(checker, channel, input);
    await call<GiftCard[]>('catalogue.refresh', {});
    const ordersBefore = pair.ascenda.orders.size;
    const refused = await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'broken.csv',
      csv: broken.join('\n'),
    });
    expect(refused.batch).toBeNull();
    expect(refused.bad.map((b) => b.line - 2).sort((a, b) => a - b)).toEqual(
      [...badLines].sort((a, b) => a - b),
    );
    expect(pair.ascenda.orders.size).toBe(ordersBefore);
    const checked = await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'fixed.csv',
      csv: fixed.join('\n'),
    });
    expect(checked.bad).toEqual([]);
    expect(checked.totals).toEqual({ USD: Math.round(value * ROWS * 100) / 100 });
    const batchId = checked.batch!.id;
    await checker.close();
    expect(pair.ascenda.orders.size).toBe(ordersBefore);

    armFaults(pair, 0.15, 0.05);
    const env = {
      DATA_DIR: dataDir,
      ASCENDA_URL: pair.urls.ascenda,
      GCP_URL: pair.urls.gcp,
      BATCH_ID: String(batchId),
    };
    const started = performance.now();
    let killed = 0;
    for (let k = 1; k <= KILLS; k++) {
      if ((await runChild(env, Math.floor((ROWS * k) / (KILLS + 1)))) === 'killed') killed++;
      else break;
    }
    expect(await runChild(env, null)).toBe('done');

    const store = inlineStore(dataPaths(dataDir).cacheFile('sandbox'));
    const batchRows = await store.bulk.rows(batchId);
    const journal = await Promise.all(rows.map((r) => store.placements.byReference('ascenda', r.reference)));
    await store.close();
    const expected = rows.map((r, i) => ({
      supplier: 'ascenda' as const,
      reference: r.reference,
      memberId: `M-${stamp}-${i}`,
      giftCardId: card.id,
      value,
      currency: 'USD',
      recipient: { email: `member${i}@example.com` },
    }));
    const v = verdict(pair, journal, expected);
    const placed = batchRows.filter(
      (r, i) => r.state === 'placed' && journal[i]?.state === 'confirmed',
    ).length;
    const recovered = journal.filter((p) => p?.timeline.some((e) => e.kind === 'recovered')).length;
    const fired = [...pair.ascenda.faults.fired.values()].reduce((a, b) => a + b, 0);
    console.log(
      `bulk rows=${ROWS} placed=${placed} duplicates=${v.duplicates} lost=${v.lost} mismatches=${v.mismatches} ` +
        `bad_rows_reported=${refused.bad.length} kills=${killed} recovered_after_kill=${recovered} faults_fired=${fired} ` +
        `resends=${journal.reduce((sum, p) => sum + (p?.resends ?? 0), 0)} seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(v.problems).toEqual([]);
    expect({ placed, duplicates: v.duplicates, lost: v.lost }).toEqual({
      placed: ROWS,
      duplicates: 0,
      lost: 0,
    });
    expect(killed).toBe(KILLS);
    expect(fired).toBeGreaterThan(ROWS * 0.1);
    // Every row is one journal entry, journaled before anything was sent.
    expect(batchRows.every((r, i) => r.placementId === journal[i]!.id)).toBe(true);
    expect(journal.every((p) => p!.timeline[0]!.kind === 'journaled')).toBe(true);
  });
});
