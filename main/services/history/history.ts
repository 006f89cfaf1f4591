import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { SUPPLIERS, type Supplier } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type {
  ExportProgress,
  HistoryFilter,
  HistoryQuery,
  QuarantineReply,
  SyncProgress,
} from '../../../shared/history';
import { HistorySync, type HistorySource } from '../../jobs/history-sync';
import type { Logger } from '../../log/logger';
import { progressOf } from '../../jobs/history-sync';
import { isoNow, type Clock } from '../../time/clock';
import { auditUnlessReadOnly, fileStamp } from '../audit-unless-read-only';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';
import type { DataPaths } from '../../environment/data-paths';

export interface HistoryServiceDeps {
  paths: DataPaths;
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  clock: Clock;
  onProgress(progress: SyncProgress & { profileId: string }): void;
  onExport(progress: ExportProgress): void;
}

/** Order history: sync runs per profile and supplier, offline queries over the cache, CSV exports. */
export class HistoryService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<SyncProgress> }>();
  /** How each run of this session ended: its failure may not have reached the cache (a full disk). */
  private readonly ended = new Map<string, SyncProgress>();

  constructor(private readonly deps: HistoryServiceDeps) {}

  /**
   * Starts a sync for each supplier not already syncing; returns at once, progress follows as events. One the
   * agent asked for is audited; the background schedule's are not (they are in the log).
   */
  async sync(
    suppliers: readonly Supplier[] = SUPPLIERS,
    by: 'agent' | 'schedule' = 'agent',
  ): Promise<SyncProgress[]> {
    const profile = this.deps.profiles.active();
    if (by === 'agent')
      await this.deps.stores
        .for(profile.id)
        .audit.append(
          profile.agentName,
          'history sync started',
          null,
          { suppliers },
          isoNow(this.deps.clock),
        );
    else this.deps.logger.info('background history sync started', { profileId: profile.id });
    for (const supplier of suppliers) this.start(profile.id, supplier);
    return this.status();
  }

  cancel(suppliers: readonly Supplier[] = SUPPLIERS): void {
    const profileId = this.deps.profiles.active().id;
    for (const supplier of suppliers) this.running.get(`${profileId}:${supplier}`)?.controller.abort();
  }

  async status(): Promise<SyncProgress[]> {
    const profileId = this.deps.profiles.active().id;
    const store = this.deps.stores.for(profileId);
    return Promise.all(
      SUPPLIERS.map(async (supplier) => {
        const progress = progressOf(await store.orders.cursor(supplier));
        const key = `${profileId}:${supplier}`;
        const ended = this.ended.get(key);
        // A cursor left "running" by a crash, with no run in this process, is an interrupted run; one this
        // session saw end says how (a disk that refused the final cursor write left it "running").
        if (progress.state === 'running' && !this.running.has(key)) {
          if (ended) return ended;
          return {
            ...progress,
            state: 'failed' as const,
            error: 'Interrupted; press Sync to resume where it stopped.',
          };
        }
        return progress;
      }),
    );
  }

  /** Resumes any run the last session left unfinished (called at start and when a profile becomes active). */
  async resumeInterrupted(): Promise<void> {
    const profileId = this.deps.profiles.active().id;
    const store = this.deps.stores.for(profileId);
    for (const supplier of SUPPLIERS) {
      if ((await store.orders.cursor(supplier)).status === 'running') this.start(profileId, supplier);
    }
  }

  /** Waits for the runs in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((run) => run.done));
  }

  /** The orders the sync could not read or cache, with the field at fault: shown on the History screen. */
  quarantine(): Promise<QuarantineReply> {
    return this.deps.stores.for(this.deps.profiles.active().id).orders.quarantined(200);
  }

  query(query: HistoryQuery) {
    return this.deps.stores.for(this.deps.profiles.active().id).orders.query(query);
  }

  async order(id: number) {
    const order = await this.deps.stores.for(this.deps.profiles.active().id).orders.detail(id);
    if (!order) throw new AppError('NOT_FOUND', `No cached order with id ${id}.`);
    return order;
  }

  /** Exports the current filter to a CSV file in the data folder; progress follows as events. */
  async export(
    filter: HistoryFilter,
    sort: HistoryQuery['sort'],
  ): Promise<{ exportId: string; file: string }> {
    const profile = this.deps.profiles.active();
    const profileId = profile.id;
    const file = path.join(
      this.deps.paths.exportFolder(),
      `order-history-${profileId}-${fileStamp(this.deps.clock)}.csv`,
    );
    const exportId = randomUUID();
    const store = this.deps.stores.for(profileId);
    await auditUnlessReadOnly(
      { store, logger: this.deps.logger, clock: this.deps.clock },
      { agent: profile.agentName, action: 'history exported', subject: file, details: { filter, sort } },
    );
    void store.orders
      .exportCsv(file, filter, sort, exportId, (progress: ExportProgress) => this.deps.onExport(progress))
      .then((done) => {
        this.deps.onExport(done);
        this.deps.logger.info('history exported', { profileId, rows: done.rowsWritten });
      })
      .catch((error: unknown) => {
        this.deps.logger.error('history export failed', { profileId, error });
        this.deps.onExport({
          exportId,
          rowsWritten: 0,
          totalRows: 0,
          done: true,
          file: null,
          error: (error as Error).message,
        });
      });
    return { exportId, file };
  }

  private start(profileId: string, supplier: Supplier): void {
    const key = `${profileId}:${supplier}`;
    if (this.running.has(key)) return;
    const controller = new AbortController();
    const job = new HistorySync(supplier, {
      store: this.deps.stores.for(profileId),
      source: () => this.source(profileId, supplier),
      emit: (progress) => this.deps.onProgress({ ...progress, profileId }),
      logger: this.deps.logger,
      now: () => this.deps.clock.now(),
    });
    this.ended.delete(key);
    const done = job
      .run(controller.signal)
      .catch((error: unknown) => {
        // A known condition met before the first page (a read-only or damaged cache refusing the cursor) is named.
        const known = error instanceof AppError ? error.message : null;
        const errorId = randomUUID().slice(0, 10);
        if (known) this.deps.logger.warn('history sync refused', { profileId, supplier, error });
        else this.deps.logger.error('history sync crashed', { profileId, supplier, errorId, error });
        const failed: SyncProgress = {
          supplier,
          state: 'failed',
          page: 0,
          totalPages: null,
          ordersSynced: 0,
          lastSyncedAt: null,
          error:
            known ??
            `The sync stopped unexpectedly (error id ${errorId}); the log holds the details under that id.`,
          offline: false,
        };
        this.deps.onProgress({ ...failed, profileId });
        return failed;
      })
      .then((progress) => {
        this.ended.set(key, progress);
        return progress;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, { controller, done });
  }

  /** Each supplier's history through its port: the same calls whoever the supplier is. */
  private async source(profileId: string, supplier: Supplier): Promise<HistorySource> {
    const port = await this.deps.clients.port(profileId, supplier);
    return {
      ...port.listing,
      fetchPage: (page, pageSize, since) => port.listOrders({ page, pageSize, from: since ?? undefined }),
    };
  }
}
