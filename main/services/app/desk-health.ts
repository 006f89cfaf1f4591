import path from 'node:path';
import type { CacheHealth, DeskHealth } from '../../../shared/health';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { ClockSkewTracker } from '../../time/clock-skew';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

export interface HealthServiceDeps {
  paths: DataPaths;
  profiles: ProfileService;
  stores: CacheStores;
  skew: ClockSkewTracker;
  logger: Logger;
  emit(health: DeskHealth): void;
}

/**
 * What the banners say about the active profile: its cache (read-only, damaged, disk full) and the suppliers'
 * clocks. Pushes a change as `health.changed`; runs the full integrity check once per profile and session, when
 * the window asks for it after its first screen (never before: on a big cache it takes a while).
 */
export class HealthService {
  private readonly verified = new Map<string, 'running' | 'done'>();
  private readonly shown = new Map<string, string>();

  constructor(private readonly deps: HealthServiceDeps) {}

  async status(profileId = this.deps.profiles.active().id): Promise<DeskHealth> {
    return {
      profileId,
      cache: await this.cache(profileId),
      verified: this.verified.get(profileId) ?? 'not_yet',
      exportFolder: this.deps.paths.exportFolder(),
      clockSkew: this.deps.skew.skewed(profileId),
    };
  }

  /** Starts the full check of the active profile's cache (once per session); answers at once. */
  async verify(): Promise<DeskHealth> {
    const profileId = this.deps.profiles.active().id;
    if (!this.verified.has(profileId)) {
      this.verified.set(profileId, 'running');
      void this.deps.stores
        .for(profileId)
        .cache.verify()
        .catch((error: unknown) => this.deps.logger.warn('cache check could not run', { profileId, error }))
        .finally(() => {
          this.verified.set(profileId, 'done');
          void this.changed(profileId);
        });
    }
    return this.status(profileId);
  }

  /** The cache state last pushed for a profile (undefined before the first). */
  lastState(profileId: string): CacheHealth['state'] | undefined {
    const shown = this.shown.get(profileId);
    return shown ? (JSON.parse(shown) as DeskHealth).cache.state : undefined;
  }

  /** Recomputes a profile's health and pushes it if the banners would change. */
  async changed(profileId: string): Promise<void> {
    const health = await this.status(profileId);
    const key = JSON.stringify(health);
    if (this.shown.get(profileId) === key) return;
    this.shown.set(profileId, key);
    if (health.cache.state !== 'ok')
      this.deps.logger.warn('cache health', { profileId, cache: health.cache });
    this.deps.emit(health);
  }

  private async cache(profileId: string): Promise<CacheHealth> {
    try {
      return await this.deps.stores.for(profileId).cache.health();
    } catch (error) {
      // The cache could not even be opened: its refusal is what the agent needs to read.
      const state = error instanceof AppError ? STATES[error.code] : undefined;
      if (!state) throw error;
      const file = this.deps.paths.cacheFile(profileId);
      return {
        state,
        message: (error as AppError).message,
        file,
        folder: path.dirname(file),
        journalMode: 'unknown',
        synchronous: 'unknown',
      };
    }
  }
}

const STATES: Partial<Record<string, CacheHealth['state']>> = {
  CORRUPT: 'corrupt',
  DISK_FULL: 'disk_full',
  READ_ONLY: 'read_only',
};
