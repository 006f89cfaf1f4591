import type { PauseStore, SyncLease } from '../../jobs/sync-scheduler';
import { isoNow, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';

const LEASE = 'history-sync';
const PAUSED = 'schedule:paused';

/**
 * The background sync's lease, its pause and its audit lines, kept in each profile's store: one desk holds the
 * lease at a time, and a pause survives a restart.
 */
export function scheduleStore(
  stores: CacheStores,
  clock: Clock,
): {
  lease: SyncLease;
  pauses: PauseStore;
  audit(profileId: string, agent: string, action: string): Promise<void>;
} {
  return {
    lease: {
      acquire: (profileId, holder, ttlMs) =>
        stores
          .for(profileId)
          .leases.acquire(LEASE, holder, new Date(clock.now() + ttlMs).toISOString(), isoNow(clock)),
      release: (profileId, holder) => stores.for(profileId).leases.release(LEASE, holder),
    },
    pauses: {
      get: async (profileId) =>
        ((await stores.for(profileId).state.get(PAUSED)) as { by: string; at: string } | null) ?? null,
      set: (profileId, paused) => stores.for(profileId).state.set(PAUSED, paused, isoNow(clock)),
    },
    audit: (profileId, agent, action) => stores.for(profileId).audit.append(agent, action, null),
  };
}
