import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SUPPLIERS, type Supplier } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ExportProgress, HistoryFilter, HistoryQuery, SyncProgress } from '../../shared/history';
import { HistorySync, type HistorySource } from '../jobs/history-sync';
import type { Logger } from '../log/logger';
import { progressOf } from '../store/sync-cursors';
import type { CacheStores } from './cache-stores';
import type { ProfileService } from './profiles';
import type { SupplierClients } from './supplier-clients';

export interface HistoryServiceDeps {
  dataDir: string;
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  onProgress(progress: SyncProgress & { profileId: string }): void;
  onExport(progress: ExportProgress): void;
}

/** Order history: sync runs per profile and supplier, offline queries over the cache, CSV exports. */
export class HistoryService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<SyncProgress> }>();

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
        .audit(profile.agentName, 'history sync started', null, { suppliers });
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
        const progress = progressOf(await store.cursor(supplier));
        // A cursor left "running" by a crash, with no run in this process, is an interrupted run.
        if (progress.state === 'running' && !this.running.has(`${profileId}:${supplier}`)) {
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
      if ((await store.cursor(supplier)).status === 'running') this.start(profileId, supplier);
    }
  }

  /** Waits for the runs in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((run) => run.done));
  }

  query(query: HistoryQuery) {
    return this.deps.stores.for(this.deps.profiles.active().id).query(query);
  }

  async order(id: number) {
    const order = await this.deps.stores.for(this.deps.profiles.active().id).detail(id);
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
    const folder = path.join(this.deps.dataDir, 'exports');
    mkdirSync(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(folder, `order-history-${profileId}-${stamp}.csv`);
    const exportId = randomUUID();
    const store = this.deps.stores.for(profileId);
    await store.audit(profile.agentName, 'history exported', file, { filter, sort });
    void store
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
    });
    const done = job
      .run(controller.signal)
      .catch((error: unknown) => {
        this.deps.logger.error('history sync crashed', { profileId, supplier, error });
        const failed: SyncProgress = {
          supplier,
          state: 'failed',
          page: 0,
          totalPages: null,
          ordersSynced: 0,
          lastSyncedAt: null,
          error: 'The sync stopped unexpectedly; the details are in the log.',
          offline: false,
        };
        this.deps.onProgress({ ...failed, profileId });
        return failed;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, { controller, done });
  }

  private async source(profileId: string, supplier: Supplier): Promise<HistorySource> {
    if (supplier === 'ascenda') {
      const client = await this.deps.clients.ascenda(profileId);
      return {
        pageSize: client.config.maxPageSize,
        fetchPage: (page, pageSize) => client.listOrders({ page, pageSize }),
      };
    }
    const client = await this.deps.clients.gcp(profileId);
    return {
      pageSize: client.config.maxPageSize,
      fetchPage: (page, pageSize, since) => client.listOrders({ page, pageSize, from: since ?? undefined }),
    };
  }
}
