import type { BulkBatch, BulkRow } from '../../shared/bulk';
import { AppError } from '../../shared/errors';
import type { IntentCheck } from '../../shared/intents';
import type { Placement, PlacementDraft, PlacementOrder } from '../../shared/placement';
import type { Logger } from '../log/logger';
import type { Store } from '../store/protocol/api';
import { isoNow, systemClock, type Clock } from '../time/clock';

export interface BulkRunnerOptions {
  store: Store;
  /** The placement service's own place: the journal, the guards and the runner, exactly as the form uses them. */
  place(draft: PlacementDraft): Promise<Placement>;
  onProgress(batch: BulkBatch): void;
  logger: Logger;
  clock?: Clock;
  /** Rows sent at once: each waits for the supplier's answer before its worker takes the next. */
  concurrency?: number;
}

/** A placement the supplier has answered (or that a person must settle): its worker may move on. */
const ANSWERED = new Set<Placement['state']>([
  'confirmed',
  'rejected',
  'mismatch',
  'unverified',
  'needs_ops',
  'not_found',
]);

/** Key order does not make two orders different: compares what was journaled with what the row asked for. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;
export const sameOrder = (a: PlacementOrder, b: PlacementOrder) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Places a batch's rows through the same journal and runner as the order form, exactly once per row: a row is
 * marked `placing` before its journal write, so after a crash it is settled from the journal (the row's own
 * placement found by its reference) and never journaled twice. A row the duplicate-intent guard stops is held for
 * its own typed reason. A problem no row can get past (credentials, an unreachable store) pauses the batch.
 */
export class BulkRunner {
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly running = new Map<number, Promise<void>>();
  private readonly pausing = new Set<number>();
  private readonly waiters = new Map<number, Set<() => void>>();
  private lastProgress = 0;
  /** The desk is closing: runs stop between rows and leave their batch `running`, to resume at the next start. */
  private stopping = false;

  constructor(private readonly options: BulkRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.concurrency = options.concurrency ?? 4;
  }

  /** Runs a batch that is `running` until no row is left to send; concurrent calls share the run. */
  run(batchId: number): Promise<void> {
    let run = this.running.get(batchId);
    if (!run) {
      this.pausing.delete(batchId);
      run = this.loop(batchId)
        .catch((error: unknown) => this.options.logger.error('bulk batch run failed', { batchId, error }))
        .finally(() => this.running.delete(batchId));
      this.running.set(batchId, run);
    }
    return run;
  }

  /** Stops taking rows; rows already being placed finish. Resolves when the run has stopped. */
  async pause(batchId: number): Promise<void> {
    this.pausing.add(batchId);
    await this.running.get(batchId);
  }

  isRunning(batchId: number): boolean {
    return this.running.has(batchId);
  }

  /** Stops every run between rows (the batches stay `running` and resume at the next start); resolves when done. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wakes of this.waiters.values()) for (const wake of wakes) wake();
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** A placement moved: a worker waiting for the supplier's answer to it looks again. */
  notify(placement: Placement): void {
    for (const wake of this.waiters.get(placement.id) ?? []) wake();
  }

  /** Places one held row with the agent's typed reason (the override the duplicate-intent guard asks for). */
  async release(batchId: number, row: BulkRow, reason: string): Promise<BulkRow> {
    await this.options.store.bulk.updateRow(
      batchId,
      row.line,
      { state: 'held', override: reason },
      this.now(),
      ['held'],
    );
    return this.placeRow(batchId, { ...row, override: reason }, ['held']);
  }

  private async loop(batchId: number): Promise<void> {
    const { store } = this.options;
    const rows = await store.bulk.rowsInState(batchId, ['placing', 'pending'], 1_000_000);
    let next = 0;
    let stopped: string | null = null;
    const worker = async () => {
      while (next < rows.length && !stopped && !this.pausing.has(batchId) && !this.stopping) {
        const row = rows[next++]!;
        try {
          await this.placeRow(batchId, row, ['pending', 'placing']);
        } catch (error) {
          stopped ??= reasonOf(error);
          this.options.logger.warn('bulk batch paused by a failure', { batchId, line: row.line, error });
        }
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    if (this.stopping) return;
    const batch = await store.bulk.batch(batchId);
    if (!batch || batch.state !== 'running') return;
    const left = batch.counts.pending + batch.counts.placing;
    const finished =
      stopped !== null
        ? await store.bulk.setState(batchId, 'paused', stopped, this.now())
        : this.pausing.has(batchId)
          ? batch
          : left === 0
            ? await store.bulk.setState(batchId, 'done', null, this.now(), {
                agent: batch.agent,
                action: 'bulk batch finished',
                details: batch.counts,
              })
            : batch;
    this.progress(finished, true);
  }

  /**
   * One row, exactly once: a row found `placing` may already be journaled (the desk stopped between the journal
   * write and the row's update), so the journal is asked first. Throws only for what should pause the batch.
   */
  private async placeRow(batchId: number, row: BulkRow, expect: BulkRow['state'][]): Promise<BulkRow> {
    const { store } = this.options;
    if (row.state === 'placing') {
      const settled = await this.fromJournal(batchId, row);
      if (settled) return settled;
    }
    await store.bulk.updateRow(batchId, row.line, { state: 'placing', message: null }, this.now(), expect);
    let placement: Placement;
    try {
      placement = await this.options.place({
        order: row.order,
        // The batch's typed confirmation (count and totals) stands in for each row's on Production.
        confirmation: row.order.reference,
        intentOverride: row.override ?? undefined,
      });
    } catch (error) {
      return this.refused(batchId, row, error);
    }
    const placed = await store.bulk.updateRow(
      batchId,
      row.line,
      { state: 'placed', placementId: placement.id, message: null },
      this.now(),
      ['placing'],
    );
    this.progress(await store.bulk.batch(batchId));
    await this.answered(placement.id);
    return placed;
  }

  /** What a refusal means for the row: held (a possible second payment), failed (this row), or a batch pause. */
  private async refused(batchId: number, row: BulkRow, error: unknown): Promise<BulkRow> {
    const { store } = this.options;
    if (error instanceof AppError && error.code === 'DUPLICATE_INTENT') {
      const check = error.details as IntentCheck;
      const held = await store.bulk.updateRow(
        batchId,
        row.line,
        { state: 'held', held: check.matches, message: error.message },
        this.now(),
        ['placing'],
      );
      this.progress(await store.bulk.batch(batchId));
      return held;
    }
    if (error instanceof AppError && error.code === 'REFERENCE_IN_USE') {
      const settled = await this.fromJournal(batchId, { ...row, state: 'placing' });
      if (settled) return settled;
    }
    if (error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'REFERENCE_IN_USE')) {
      const failed = await store.bulk.updateRow(
        batchId,
        row.line,
        { state: 'failed', message: error.message },
        this.now(),
        ['placing'],
      );
      this.progress(await store.bulk.batch(batchId));
      return failed;
    }
    // Nothing was journaled for this row (place refuses before its journal write): it waits to be sent again.
    await store.bulk.updateRow(batchId, row.line, { state: row.override ? 'held' : 'pending' }, this.now(), [
      'placing',
    ]);
    throw error;
  }

  /** The row's own placement, found in the journal by its reference: placed. Another order there: failed. */
  private async fromJournal(batchId: number, row: BulkRow): Promise<BulkRow | null> {
    const { store } = this.options;
    const existing = await store.placements.byReference(row.order.supplier, row.order.reference);
    if (!existing) return null;
    const ours = sameOrder(existing.order, row.order);
    const updated = await store.bulk.updateRow(
      batchId,
      row.line,
      ours
        ? { state: 'placed', placementId: existing.id, message: null }
        : {
            state: 'failed',
            message: `Reference ${row.order.reference} is already placement #${existing.id}, for another order; nothing was sent for this row.`,
          },
      this.now(),
      ['placing'],
    );
    this.progress(await store.bulk.batch(batchId));
    if (ours) await this.answered(existing.id);
    return updated;
  }

  /** Waits until the supplier has answered the placement (or the runner gave it to a person). */
  private async answered(placementId: number): Promise<void> {
    while (!this.stopping) {
      const placement = await this.options.store.placements.get(placementId);
      if (!placement || ANSWERED.has(placement.state)) return;
      await new Promise<void>((resolve) => {
        const set = this.waiters.get(placementId) ?? new Set();
        this.waiters.set(placementId, set);
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          if (set.size === 0) this.waiters.delete(placementId);
          resolve();
        };
        // A missed event costs a second at most.
        const timer = setTimeout(wake, 1_000);
        set.add(wake);
      });
    }
  }

  /** Progress at most a few times a second, and always at the end. */
  private progress(batch: BulkBatch | null, final = false): void {
    if (!batch) return;
    const now = this.clock.monotonic();
    if (!final && now - this.lastProgress < 250) return;
    this.lastProgress = now;
    this.options.onProgress(batch);
  }

  private now(): string {
    return isoNow(this.clock);
  }
}

const reasonOf = (error: unknown): string =>
  error instanceof AppError
    ? error.message
    : `The batch paused: ${error instanceof Error ? error.message : String(error)} (details in the log). Resume it once that is fixed.`;
