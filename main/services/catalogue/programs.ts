import { CATALOGUE_TTL_MS, isStale } from '../../../shared/catalogue';
import { AppError } from '../../../shared/errors';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { TRANSFER_SUPPLIER } from '../../../shared/provider-traits';
import {
  amountProblem,
  type LoyaltyProgram,
  type Membership,
  type MembershipCheck,
  type ProgramEntry,
  type ProgramSnapshot,
} from '../../../shared/transfers';
import type { Logger } from '../../log/logger';
import type { SupplierPort } from '../../providers/supplier-port';
import type { Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { SupplierClients } from '../suppliers/supplier-clients';
import { Refreshes } from './refreshes';

export interface ProgramServiceDeps {
  profiles: ProfileService;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
  /** The cached programmes changed or a refresh ended (the Catalogue screen reloads). */
  onUpdated(profileId: string): void;
  clock: Clock;
}

const SUPPLIER = SUPPLIER_NAMES[TRANSFER_SUPPLIER];

/**
 * The loyalty programmes points can be transferred to, cached per profile with the gift-card catalogue's rule for
 * this supplier (never shown fresh after an hour, refetched in the background when read stale), and the
 * membership check made before any transfer.
 */
export class ProgramService {
  private readonly refreshes = new Refreshes();
  /** Monotonic time of each refresh this session made: a clock set back cannot keep the list fresh. */
  private readonly fetchedAt = new Map<string, number>();

  constructor(private readonly deps: ProgramServiceDeps) {}

  /** What is cached now; a stale or empty list starts refreshing in the background. */
  async snapshot(): Promise<ProgramSnapshot> {
    const profileId = this.deps.profiles.active().id;
    const snapshot = await this.read(profileId);
    if (snapshot.freshness.stale && !snapshot.freshness.refreshing) {
      void this.refreshOne(profileId);
      snapshot.freshness.refreshing = true;
    }
    return snapshot;
  }

  /** Reads the full programme list now, and answers with the cache after. */
  async refresh(): Promise<ProgramSnapshot> {
    const profileId = this.deps.profiles.active().id;
    await this.refreshOne(profileId);
    return this.read(profileId);
  }

  /**
   * The programme a transfer goes to, with its rules, checked before anything is journaled: one never listed is
   * read again first; one withdrawn from the listing, or an amount outside its rules, is refused.
   */
  async forTransfer(programId: string, amount: number): Promise<LoyaltyProgram> {
    const profileId = this.deps.profiles.active().id;
    const store = this.deps.stores.for(profileId);
    let entry = await store.programs.get(programId);
    if (!entry) {
      await this.refreshOne(profileId);
      entry = await store.programs.get(programId);
      if (!entry) {
        const failed = this.refreshes.error(profileId);
        throw new AppError(
          failed ? 'UNAVAILABLE' : 'VALIDATION',
          failed
            ? `${SUPPLIER}'s loyalty programmes could not be read (${failed}), so the rules of ${programId} are not known. Nothing was sent.`
            : `${programId} is not one of ${SUPPLIER}'s loyalty programmes for this profile. Pick another programme; nothing was sent.`,
        );
      }
    }
    if (!entry.available) throw new AppError('VALIDATION', withdrawnMessage(entry));
    const problem = amountProblem(entry.program, amount);
    if (problem) throw new AppError('VALIDATION', `${problem}. Nothing was sent.`);
    return entry.program;
  }

  /**
   * Asks the programme (through the supplier) whether this membership number belongs to this name. A refusal is
   * an answer with its code explained; failing to ask at all throws, as any supplier call does.
   */
  async checkMembership(programId: string, membership: Membership): Promise<MembershipCheck> {
    const profileId = this.deps.profiles.active().id;
    const entry = await this.deps.stores.for(profileId).programs.get(programId);
    if (entry && !entry.available) throw new AppError('VALIDATION', withdrawnMessage(entry));
    const port = await this.port(profileId);
    if (!port.validateMembership) {
      throw new AppError('UNAVAILABLE', `${SUPPLIER} cannot check memberships through this desk.`);
    }
    const check = await port.validateMembership(programId, membership);
    this.deps.logger.info('membership checked', {
      profileId,
      programId,
      valid: check.valid,
      code: check.code,
    });
    return check;
  }

  private async read(profileId: string): Promise<ProgramSnapshot> {
    const entries = await this.deps.stores.for(profileId).programs.list();
    const fetchedAt = newest(entries);
    const mono = this.fetchedAt.get(profileId);
    const monoStale =
      mono !== undefined && this.deps.clock.monotonic() - mono >= CATALOGUE_TTL_MS[TRANSFER_SUPPLIER];
    return {
      entries,
      freshness: {
        fetchedAt,
        stale: monoStale || isStale(TRANSFER_SUPPLIER, fetchedAt, this.deps.clock.now()),
        refreshing: this.refreshes.isRunning(profileId),
        error: this.refreshes.error(profileId),
      },
    };
  }

  private async port(profileId: string): Promise<SupplierPort> {
    return this.deps.clients.port(profileId, TRANSFER_SUPPLIER);
  }

  /** One refresh per profile at a time; callers share it. A failure is kept as words for the screen. */
  private refreshOne(profileId: string): Promise<void> {
    return this.refreshes.run(profileId, () => this.fetch(profileId), {
      failed: (error) => this.deps.logger.warn('loyalty programmes refresh failed', { profileId, error }),
      settled: () => {
        this.deps.onUpdated(profileId);
      },
    });
  }

  private async fetch(profileId: string): Promise<void> {
    const fetchedAt = new Date(this.deps.clock.now()).toISOString();
    const started = this.deps.clock.monotonic();
    const port = await this.port(profileId);
    if (!port.listPrograms) throw new Error(`${SUPPLIER} lists no loyalty programmes through this desk`);
    const { programs, unreadable } = await port.listPrograms();
    const keep = unreadable.map((u) => u.id).filter((id): id is string => id !== null);
    const vanished = await this.deps.stores.for(profileId).programs.replace(programs, fetchedAt, keep);
    this.fetchedAt.set(profileId, started);
    if (unreadable.length > 0)
      this.deps.logger.warn('loyalty programmes unreadable', { profileId, unreadable });
    this.deps.logger.info('loyalty programmes refreshed', {
      profileId,
      programs: programs.length,
      unreadable: unreadable.length,
      vanished,
    });
  }
}

function newest(entries: ProgramEntry[]): string | null {
  let latest: string | null = null;
  for (const e of entries) if (latest === null || e.fetchedAt > latest) latest = e.fetchedAt;
  return latest;
}

const withdrawnMessage = (entry: ProgramEntry) =>
  `${entry.program.name} (${entry.program.id}) is no longer offered by ${SUPPLIER}: it was missing from the programme list read after ${new Date(entry.fetchedAt).toUTCString()}. Offer the member another programme; nothing was sent.`;
