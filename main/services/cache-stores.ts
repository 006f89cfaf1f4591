import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { Store } from '../store/protocol/api';
import type { StoreHooks } from '../store/protocol/client';
import { migrationReport, sqliteVersion } from '../store/sqlite/cache-report';
import { JournalArchives } from '../store/sqlite/journal-archives';
import type { ArchiveSearch } from '../store/protocol/api';
import { inlineStore } from '../store/sqlite/store-client';
import { workerStore } from '../store/sqlite/worker-store';
import type { DataPaths } from '../environment/data-paths';

/** The machine faults a cache call can meet, which change what the agent is told about the cache. */
const FAULTS = new Set(['READ_ONLY', 'CORRUPT', 'DISK_FULL']);

/**
 * One cache per profile, opened on first use: in a worker thread when the built worker script is given (the
 * desktop app and the bridge), inline otherwise (tests). `onCall` hears each call's outcome (the error, or null),
 * so the health banners follow a disk that fills up and frees again.
 */
export class CacheStores {
  private readonly open = new Map<string, Store>();
  /** Deleted profiles' journals, searched by Lookup. */
  readonly archives: ArchiveSearch;

  constructor(
    private readonly paths: DataPaths,
    private readonly workerScript: string | null,
    private readonly onCall: (profileId: string, fault: AppError | null) => void = () => {},
    private readonly logger?: Logger,
  ) {
    this.archives = new JournalArchives(paths.archive);
  }

  /** Each profile cache's migrations, for a support ticket (read-only). */
  migrationReport(notes: string[]): Record<string, unknown> {
    return migrationReport(this.paths.cache, notes);
  }

  sqliteVersion(): string {
    return sqliteVersion();
  }

  for(profileId: string): Store {
    let store = this.open.get(profileId);
    if (!store) {
      const file = this.paths.cacheFile(profileId);
      const hooks: StoreHooks = {
        logger: this.logger,
        outcome: (error) => {
          if (error === null) this.onCall(profileId, null);
          else if (error instanceof AppError && FAULTS.has(error.code)) this.onCall(profileId, error);
        },
      };
      store = this.workerScript ? workerStore(this.workerScript, file, hooks) : inlineStore(file, hooks);
      this.open.set(profileId, store);
    }
    return store;
  }

  /** Closes a profile's cache (before its file is deleted). */
  async close(profileId: string): Promise<void> {
    const store = this.open.get(profileId);
    this.open.delete(profileId);
    await store?.close();
  }

  async closeAll(): Promise<void> {
    const stores = [...this.open.values()];
    this.open.clear();
    this.archives.close();
    await Promise.allSettled(stores.map((store) => store.close()));
  }
}
