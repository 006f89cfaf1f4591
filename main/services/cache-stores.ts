import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { Store } from '../store/protocol/api';
import type { OpenStore, StoreHooks } from '../store/protocol/client';
import { migrationReport, sqliteVersion } from '../store/sqlite/cache-report';
import { JournalArchives } from '../store/sqlite/journal-archives';
import type { ArchiveSearch } from '../store/protocol/api';
import { inlineStore } from '../store/sqlite/store-client';
import { workerStore } from '../store/sqlite/worker-store';
import type { DataPaths } from '../environment/data-paths';

/** The machine faults a cache call can meet, which change what the agent is told about the cache. */
const FAULTS = new Set(['READ_ONLY', 'CORRUPT', 'DISK_FULL']);

export interface CacheStoresOptions {
  paths: DataPaths;
  /** The built SQLite worker: each profile's cache in its own thread (the desktop app, the bridge); null: inline. */
  workerScript: string | null;
  /** Another implementation of the store protocol, instead of the SQLite cache. */
  openStore?: OpenStore;
  /** Hears each call's outcome (the fault, or null), so the health banners follow a disk that fills and frees. */
  onCall?: (profileId: string, fault: AppError | null) => void;
  logger?: Logger;
}

/**
 * One store per profile, opened on first use, and the only place that picks the implementation: the SQLite cache
 * (in a worker thread when the built worker script is given, inline otherwise), or the one `openStore` gives.
 */
export class CacheStores {
  private readonly open = new Map<string, Store>();
  /** Deleted profiles' journals, searched by Lookup. */
  readonly archives: ArchiveSearch;

  private readonly paths: DataPaths;
  private readonly openStore: OpenStore;

  constructor(private readonly options: CacheStoresOptions) {
    this.paths = options.paths;
    this.archives = new JournalArchives(options.paths.archive);
    const { workerScript } = options;
    this.openStore =
      options.openStore ??
      ((profileId, hooks) => {
        const file = this.paths.cacheFile(profileId);
        return workerScript ? workerStore(workerScript, file, hooks) : inlineStore(file, hooks);
      });
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
      const onCall = this.options.onCall ?? (() => {});
      const hooks: StoreHooks = {
        logger: this.options.logger,
        outcome: (error) => {
          if (error === null) onCall(profileId, null);
          else if (error instanceof AppError && FAULTS.has(error.code)) onCall(profileId, error);
        },
      };
      store = this.openStore(profileId, hooks);
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
