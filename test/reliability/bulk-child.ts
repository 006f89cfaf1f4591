/**
 * The "desk process" of the bulk crash test: the whole backend (journal, runner, bulk service) on the Sandbox
 * profile, pointed at the parent's simulators, so the supplier's record outlives this process. It starts the batch
 * (or, after a kill, lets the backend resume it), prints its progress, and exits once every row is settled.
 */
import { createBackend } from '../../main/services/backend';
import type { BulkBatch, BulkRow } from '../../shared/bulk';
import { deskCall } from '../support/desk-call';
import { FAST_POLICY } from './harness';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bulk-child needs ${name}`);
  return value;
};
const batchId = Number(env('BATCH_ID'));
const backend = createBackend({
  dataDir: env('DATA_DIR'),
  version: '0',
  logToConsole: false,
  sandbox: { external: { ascenda: env('ASCENDA_URL'), gcp: env('GCP_URL') } },
  placementPolicy: FAST_POLICY,
  syncIntervalMs: 3_600_000,
});
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
backend.bus.subscribeAll((event, payload) => {
  if (event === 'bulk.progress') process.stdout.write(`placed ${(payload as BulkBatch).counts.placed}\n`);
});

// The backend resumes a batch left running; one never started is started here (a typed-back confirmation is
// asked only on Production).
await backend.services.placements.open();
const { batch } = await call<{ batch: BulkBatch }>('bulk.batch', { batchId });
process.stdout.write('ready\n');
if (batch.state === 'ready') await call('bulk.start', { batchId });
for (;;) {
  const { batch: now, rows } = await call<{ batch: BulkBatch; rows: BulkRow[] }>('bulk.batch', { batchId });
  const unanswered = rows.filter(
    (r) => r.state === 'placed' && (!r.placement || ['journaled', 'unknown'].includes(r.placement.state)),
  );
  if (now.state === 'done' && unanswered.length === 0) break;
  if (now.state === 'paused') throw new Error(`the batch paused: ${now.lastError}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await backend.close();
process.stdout.write('done\n');
