import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PlacementState } from '../../../shared/placement';
import type { DeletionBlocker, DeletionCheck } from '../../../shared/profile-deletion';
import type { Logger } from '../../log/logger';
import type { SecretStore } from '../../secrets/secret-store';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { FailuresService } from '../failures/failures';
import type { ProfileService } from './profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';
import type { DataPaths } from '../../environment/data-paths';

/** What each unfinished state means, as the deletion dialog lists it. */
const UNFINISHED_WORDS: Partial<Record<PlacementState, string>> = {
  journaled: 'being sent',
  unknown: 'outcome unknown: being checked with the supplier',
  unverified: 'unverified: not provably ours',
  mismatch: 'mismatch: not provably ours',
  needs_ops: 'needs Ops',
  confirmed: 'placed, being tracked to the end',
};

export interface ProfileDeletionDeps {
  paths: DataPaths;
  profiles: ProfileService;
  secrets: SecretStore;
  clients: SupplierClients;
  stores: CacheStores;
  failures: FailuresService;
  logger: Logger;
  clock?: Clock;
}

/**
 * Deleting a profile never erases the journal (ARCHITECTURE "Money-safe outcomes"): it is refused while any
 * placement is unfinished or any refund is owed and not recorded in the ledger, and otherwise the journal and audit log are archived
 * (readable in Lookup, read-only) before the cache, the keychain entries and the profile go.
 */
export class ProfileDeletion {
  private readonly clock: Clock;

  constructor(private readonly deps: ProfileDeletionDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** What stands in the way of deleting the profile (empty: it may go). */
  async check(id: string): Promise<DeletionCheck> {
    const profile = this.deps.profiles.get(id);
    if (profile.builtIn) return { profileId: id, blockers: [], builtIn: true };
    const store = this.deps.stores.for(id);
    const [unfinished, refunds] = await Promise.all([
      store.placements.unfinished(),
      this.deps.failures.rows(profile, {}),
    ]);
    const blockers: DeletionBlocker[] = [
      ...unfinished.map((p) => ({
        kind: 'placement' as const,
        supplier: p.supplier,
        reference: p.reference,
        placementId: p.id,
        state: UNFINISHED_WORDS[p.state] ?? p.state,
      })),
      ...refunds
        .filter((row) => row.ledger?.status === 'owed')
        .map((row) => ({
          kind: 'refund' as const,
          supplier: row.supplier,
          reference: row.reference,
          placementId: row.placementId,
          state: `${row.state.replace('_', ' ')}, refund owed, not recorded`,
        })),
    ];
    return { profileId: id, blockers, builtIn: false };
  }

  async delete(id: string): Promise<{ secretsCleared: number; archive: string }> {
    const profile = this.deps.profiles.get(id);
    if (profile.builtIn) {
      throw new AppError('VALIDATION', 'The Sandbox profile is built in and cannot be deleted.');
    }
    const { blockers } = await this.check(id);
    if (blockers.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${profile.name} still has ${blockers.length} ${blockers.length === 1 ? 'thing' : 'things'} to finish (${blockers
          .slice(0, 3)
          .map((b) => `${b.reference}: ${b.state}`)
          .join(
            '; ',
          )}${blockers.length > 3 ? '; …' : ''}). Finish or hand them over first; nothing was deleted.`,
        blockers,
      );
    }
    const store = this.deps.stores.for(id);
    const at = isoNow(this.clock);
    const folder = this.deps.paths.archive;
    mkdirSync(folder, { recursive: true });
    const archive = path.join(folder, `${id}-${at.replace(/[:.]/g, '-')}.sqlite`);
    await store.audit.append(profile.agentName, 'profile deleted', profile.name, {
      archive: path.basename(archive),
    });
    // The archive is written and closed before anything is removed: a failure here leaves the profile whole.
    await store.placements.archive(archive, {
      profileId: id,
      profileName: profile.name,
      archivedAt: at,
      agent: profile.agentName,
    });
    // Keychain next: if it fails the profile stays, so its credentials are never orphaned.
    const secretsCleared = await this.deps.secrets.clearProfile(id);
    this.deps.profiles.remove(id);
    this.deps.clients.invalidate(id);
    await this.deps.stores.close(id);
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${this.deps.paths.cacheFile(id)}${suffix}`, { force: true });
    this.deps.logger.info('profile deleted, journal archived', { profileId: id, secretsCleared, archive });
    return { secretsCleared, archive };
  }
}
