/**
 * The "backend process" of the crash test: real journal (SQLite file), real clients over HTTP to the parent's
 * simulators. Reconciles first, then places whatever in the list is not journaled yet. The parent SIGKILLs it
 * at random moments and starts it again.
 */
import { readFileSync } from 'node:fs';
import { PlacementRunner } from '../../main/jobs/placement-runner';
import { Redactor } from '../../main/log/redactor';
import { inlineStore } from '../../main/store/sqlite/store-client';
import type { PlacementOrder } from '../../shared/placement';
import { ascendaClient, gcpClient, memoryLogger } from '../support/clients';
import { journalEntry, portsOf } from '../support/placements';
import { FAST_POLICY, FAST_TIMEOUTS } from './harness';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`placement-child needs ${name}`);
  return value;
};
const [DB, ORDERS, ASCENDA_URL, GCP_URL] = ['DB', 'ORDERS', 'ASCENDA_URL', 'GCP_URL'].map(env) as [
  string,
  string,
  string,
  string,
];
const list = JSON.parse(readFileSync(ORDERS, 'utf8')) as PlacementOrder[];
const store = inlineStore(DB);
const { client: ascenda } = ascendaClient(ASCENDA_URL, { config: { timeouts: FAST_TIMEOUTS } });
const { client: gcp } = gcpClient(GCP_URL, { config: { timeouts: FAST_TIMEOUTS } });
const runner = new PlacementRunner({
  store,
  port: portsOf({ ascenda, gcp }),
  emit: () => {},
  logger: memoryLogger(new Redactor()),
  policy: FAST_POLICY,
});

const recovered = await runner.reconcile();
process.stdout.write(`ready ${recovered.length}\n`);
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < list.length) {
      const order = list[next++]!;
      if (await store.placements.byReference(order.supplier, order.reference)) continue;
      const { placement } = await runner.place(journalEntry('crash-test', order, 'Crash Bot'));
      // The parent kills on this signal, not on a timer: the kill lands mid-placement however slow the machine.
      process.stdout.write(`placed ${placement.id}\n`);
      await runner.drive(placement.id);
    }
  }),
);
await runner.settled();
await store.close();
process.stdout.write('done\n');
