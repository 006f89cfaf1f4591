import { cacheFile } from '../store/open-database';
import { inlineStore, type StoreClient } from '../store/store-client';
import { workerStore } from '../store/worker-store';

/**
 * One cache per profile, opened on first use: in a worker thread when the built worker script is given (the
 * desktop app and the bridge), inline otherwise (tests).
 */
export class CacheStores {
  private readonly open = new Map<string, StoreClient>();

  constructor(
    private readonly dataDir: string,
    private readonly workerScript: string | null,
  ) {}

  for(profileId: string): StoreClient {
    let store = this.open.get(profileId);
    if (!store) {
      const file = cacheFile(this.dataDir, profileId);
      store = this.workerScript ? workerStore(this.workerScript, file) : inlineStore(file);
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
    await Promise.allSettled(stores.map((store) => store.close()));
  }
}
