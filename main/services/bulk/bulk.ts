import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BulkBatch, BulkRow, BulkValidation } from '../../../shared/bulk';
import { batchTotals, confirmationProblem } from '../../../shared/bulk';
import type { CatalogueEntry } from '../../../shared/catalogue';
import { SUPPLIER_NAMES, type Supplier } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Placement } from '../../../shared/placement';
import { BulkRunner } from '../../jobs/bulk-runner';
import type { Logger } from '../../log/logger';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import { readBulkCsv, templateRows, validateRows } from './bulk-csv';
import type { CacheStores } from '../cache-stores';
import type { CatalogueService } from '../catalogue/catalogue';
import type { PlacementService } from '../placements/placements';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

export interface BulkServiceDeps {
  profiles: ProfileService;
  stores: CacheStores;
  catalogue: CatalogueService;
  placements: PlacementService;
  paths: DataPaths;
  logger: Logger;
  onProgress(batch: BulkBatch & { profileId: string }): void;
  clock?: Clock;
  /** Rows sent at once (4 by default). */
  concurrency?: number;
}

/**
 * Bulk recovery from CSV: a template per supplier; a whole file checked before anything is sent; then each row
 * placed through the placement service (journal, guards, runner), exactly once, with pause, resume, a resume
 * after a crash, rows held for a typed reason, and a result CSV.
 */
export class BulkService {
  private readonly clock: Clock;
  private readonly runners = new Map<string, BulkRunner>();

  constructor(private readonly deps: BulkServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Writes the supplier's template to the exports folder and answers with its text too. */
  async template(supplier: Supplier): Promise<{ file: string; csv: string }> {
    const profile = this.deps.profiles.active();
    const { header, example } = templateRows(supplier);
    const file = path.join(this.exports(), `bulk-template-${supplier}.csv`);
    await this.deps.stores.for(profile.id).exports.template(file, header, [example]);
    return { file, csv: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
  }

  /** Checks every row; only a file without a bad row becomes a batch (nothing is sent yet). */
  async validate(input: { supplier: Supplier; fileName: string; csv: string }): Promise<BulkValidation> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const { rows, fileErrors } = readBulkCsv(input.supplier, input.csv);
    const base = { supplier: input.supplier, fileName: input.fileName, rows: rows.length, fileErrors };
    if (fileErrors.length) return { ...base, bad: [], totals: {}, batch: null };
    const items = await this.catalogue(input.supplier);
    const { orders, bad } = await validateRows(input.supplier, rows, {
      profile,
      item: (id) => items.get(id),
      referenceUse: async (reference) => {
        const [placements, cached] = await Promise.all([
          store.placements.withReference(reference),
          store.orders.findByReference(reference),
        ]);
        const uses = [
          ...placements.map(
            (p) => `placement #${p.id} at ${SUPPLIER_NAMES[p.supplier]}, ${p.state.replace('_', ' ')}`,
          ),
          ...cached.map((o) => `a ${SUPPLIER_NAMES[o.supplier]} order in the history, ${o.state}`),
        ];
        return uses.length ? uses.join('; ') : null;
      },
    });
    const totals = batchTotals(orders.map((o) => o.order));
    if (bad.length) return { ...base, bad, totals, batch: null };
    const batch = await store.bulk.create(
      {
        supplier: input.supplier,
        fileName: input.fileName,
        totals,
        agent: profile.agentName,
        at: isoNow(this.clock),
      },
      orders,
    );
    return { ...base, bad, totals, batch };
  }

  /**
   * Starts a checked batch. On Production the agent types back the row count and the total per currency; a
   * mismatch sends nothing.
   */
  async start(
    batchId: number,
    confirmation?: { count: number; totals: Record<string, number> },
  ): Promise<BulkBatch> {
    const profile = this.deps.profiles.active();
    const batch = await this.batch(batchId);
    if (batch.state !== 'ready')
      throw new AppError(
        'CONFLICT',
        `Batch #${batchId} is ${batch.state}: ${batch.state === 'paused' ? 'resume it' : 'it was started already'}.`,
      );
    const problem = profile.environment === 'production' ? confirmationProblem(batch, confirmation) : null;
    if (problem) throw new AppError('VALIDATION', problem);
    const started = await this.deps.stores
      .for(profile.id)
      .bulk.setState(batchId, 'running', null, isoNow(this.clock), {
        agent: profile.agentName,
        action: 'bulk batch started',
        details: { rows: batch.rowCount, totals: batch.totals, confirmed: confirmation ?? null },
      });
    this.runStarted(profile.id, batchId);
    return started;
  }

  async pause(batchId: number): Promise<BulkBatch> {
    const profile = this.deps.profiles.active();
    const batch = await this.batch(batchId);
    if (batch.state !== 'running')
      throw new AppError('CONFLICT', `Batch #${batchId} is ${batch.state}, not running.`);
    const store = this.deps.stores.for(profile.id);
    const paused = await store.bulk.setState(batchId, 'paused', null, isoNow(this.clock), {
      agent: profile.agentName,
      action: 'bulk batch paused',
    });
    await this.runner(profile.id).pause(batchId);
    const after = (await store.bulk.batch(batchId)) ?? paused;
    this.deps.onProgress({ ...after, profileId: profile.id });
    return after;
  }

  async resume(batchId: number): Promise<BulkBatch> {
    const profile = this.deps.profiles.active();
    const batch = await this.batch(batchId);
    if (batch.state !== 'paused')
      throw new AppError('CONFLICT', `Batch #${batchId} is ${batch.state}, not paused.`);
    const resumed = await this.deps.stores
      .for(profile.id)
      .bulk.setState(batchId, 'running', null, isoNow(this.clock), {
        agent: profile.agentName,
        action: 'bulk batch resumed',
      });
    this.runStarted(profile.id, batchId);
    return resumed;
  }

  /** A held row placed with the agent's own typed reason (audited with the placement). */
  async release(batchId: number, line: number, reason: string): Promise<BulkRow> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const row = await store.bulk.row(batchId, line);
    if (!row) throw new AppError('NOT_FOUND', `No line ${line} in batch #${batchId}.`);
    if (row.state !== 'held') throw new AppError('CONFLICT', `Line ${line} is ${row.state}, not held.`);
    const placed = await this.runner(profile.id).release(batchId, row, reason);
    const batch = await store.bulk.batch(batchId);
    if (batch) this.deps.onProgress({ ...batch, profileId: profile.id });
    return placed;
  }

  async batches(): Promise<BulkBatch[]> {
    return this.deps.stores.for(this.deps.profiles.active().id).bulk.batches(20);
  }

  async detail(batchId: number): Promise<{ batch: BulkBatch; rows: BulkRow[] }> {
    const batch = await this.batch(batchId);
    return { batch, rows: await this.deps.stores.for(this.deps.profiles.active().id).bulk.rows(batchId) };
  }

  /** Each row with where it ended, to a CSV file in the exports folder; audited. */
  async export(batchId: number): Promise<{ file: string; rows: number }> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const { batch, rows } = await this.detail(batchId);
    const file = path.join(
      this.exports(),
      `bulk-${batch.id}-result-${isoNow(this.clock).replace(/[:.]/g, '-')}.csv`,
    );
    const done = await store.exports.rows(file, 'bulk', rows);
    await store.audit.append(profile.agentName, 'bulk result exported', file, {
      batchId,
      rows: done.rowsWritten,
    });
    return { file, rows: done.rowsWritten };
  }

  /** At start (after the journal is reconciled): batches left running when the desk stopped carry on. */
  async resumeInterrupted(profileId = this.deps.profiles.active().id): Promise<void> {
    for (const batch of await this.deps.stores.for(profileId).bulk.batches(100))
      if (batch.state === 'running') this.runStarted(profileId, batch.id);
  }

  /** A placement moved: a batch row waiting for the supplier's answer to it goes on. */
  onPlacement(placement: Placement): void {
    this.runners.get(placement.profileId)?.notify(placement);
  }

  /** Closing: runs stop between rows; their batches stay running and carry on at the next start. */
  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  private runStarted(profileId: string, batchId: number): void {
    void this.runner(profileId).run(batchId);
  }

  private runner(profileId: string): BulkRunner {
    let runner = this.runners.get(profileId);
    if (!runner) {
      runner = new BulkRunner({
        store: this.deps.stores.for(profileId),
        place: async (draft) => {
          // Rows are placed for the profile they were checked on; a switch of profile pauses nothing silently.
          if (this.deps.profiles.active().id !== profileId)
            throw new AppError(
              'CONFLICT',
              'Another profile became active: resume the batch on its own profile.',
            );
          return this.deps.placements.place(draft);
        },
        onProgress: (batch) => this.deps.onProgress({ ...batch, profileId }),
        logger: this.deps.logger,
        clock: this.clock,
        concurrency: this.deps.concurrency,
      });
      this.runners.set(profileId, runner);
    }
    return runner;
  }

  private async batch(batchId: number): Promise<BulkBatch> {
    const batch = await this.deps.stores.for(this.deps.profiles.active().id).bulk.batch(batchId);
    if (!batch) throw new AppError('NOT_FOUND', `No bulk batch #${batchId} on this profile.`);
    return batch;
  }

  private async catalogue(supplier: Supplier): Promise<Map<string, CatalogueEntry>> {
    let { entries } = await this.deps.catalogue.snapshot();
    if (!entries.some((e) => e.item.supplier === supplier))
      ({ entries } = await this.deps.catalogue.refresh([supplier]));
    return new Map(entries.filter((e) => e.item.supplier === supplier).map((e) => [e.item.id, e]));
  }

  private exports(): string {
    const folder = this.deps.paths.exports;
    mkdirSync(folder, { recursive: true });
    return folder;
  }
}
