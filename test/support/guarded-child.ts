/**
 * A main-like process for the crash-recovery test: guarded as main/app/main.ts guards itself, it journals a
 * placement, then fails the way a bug would (an error thrown from a timer, a rejected promise nobody awaits),
 * then journals another to show it kept working. The parent reads the log and the journal afterwards.
 */
import { guardProcess } from '../../main/log/process-guard';
import { createLogger } from '../../main/log/logger';
import { Redactor } from '../../main/log/redactor';
import { StoreEngine } from '../../main/store/sqlite/store-engine';
import type { PlacementOrder } from '../../shared/placement';
import { journalEntry } from './placements';

const [db, log] = [process.env.DB!, process.env.LOG!];
const logger = createLogger({ redactor: new Redactor(), file: log, console: false });
guardProcess(
  process,
  () => logger,
  (errorId) => process.stdout.write(`told the agent ${errorId}\n`),
);
const store = new StoreEngine(db);
const order = (reference: string): PlacementOrder => ({
  supplier: 'ascenda',
  reference,
  memberId: '3f1c2a9e-6b7d-4e0f-9a1b-2c3d4e5f6a7b',
  giftCardId: 'card-1',
  value: 50,
  currency: 'USD',
  recipient: { email: 'member@example.com' },
});
store.api.placements.create({
  ...journalEntry('sandbox', order('before-the-bug'), 'Test'),
  at: new Date().toISOString(),
});
setTimeout(() => {
  throw new Error('a bug thrown from a timer');
}, 10);
setTimeout(() => void Promise.reject(new Error('a rejection nobody awaited')), 20);
setTimeout(() => {
  store.api.placements.create({
    ...journalEntry('sandbox', order('after-the-bug'), 'Test'),
    at: new Date().toISOString(),
  });
  store.close();
  process.stdout.write('still running\n');
}, 60);
