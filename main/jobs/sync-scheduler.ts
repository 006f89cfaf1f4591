import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import type { Supplier } from '../../shared/domain';
import type { SyncProgress } from '../../shared/history';
import type { SyncSchedule } from '../../shared/schedule';
import type { Logger } from '../log/logger';
import { isoNow, systemClock, type Clock } from '../time/clock';

/** The history service calls the scheduler makes (its public API, unchanged). */
export interface HistoryRuns {
  sync(suppliers: readonly Supplier[] | undefined, by: 'agent' | 'schedule'): Promise<SyncProgress[]>;
  status(): Promise<SyncProgress[]>;
  settled(): Promise<void>;
}

/**
 * One holder at a time per profile. The local SQLite lease serves one desk; a shared team store implements the
 * same two calls, so the lease then passes between desks (an expired one is taken over).
 */
export interface SyncLease {
  acquire(
    profileId: string,
    holder: string,
    ttlMs: number,
  ): Promise<{ acquired: boolean; holder: string; expiresAt: string }>;
  release(profileId: string, holder: string): Promise<void>;
}

/** Whether a profile's background sync is paused, kept with the profile so a restart does not undo it. */
export interface PauseStore {
  get(profileId: string): Promise<{ by: string; at: string } | null>;
  set(profileId: string, paused: { by: string; at: string } | null): Promise<void>;
}

export interface SyncSchedulerOptions {
  history: HistoryRuns;
  activeProfile(): { id: string; agentName: string };
  lease: SyncLease;
  pauses: PauseStore;
  audit(profileId: string, agent: string, action: string): Promise<void>;
  onStatus(status: SyncSchedule): void;
  logger: Logger;
  clock?: Clock;
  /** Five minutes by default. */
  intervalMs?: number;
  /** The share of the interval the start moves by at random (0.2: ±10%), so desks do not sync in step. */
  jitter?: number;
  random?: () => number;
}

export const DEFAULT_SYNC_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Keeps the active profile's history current in the background: an incremental sync every interval (jittered)
 * while the desk is open, visible as a status and pausable. Every sync of a profile, background or asked for,
 * runs under the profile's one sync lease, so two never run at once.
 */
export class SyncScheduler {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private profileId: string | null = null;
  private paused: SyncSchedule['paused'] = null;
  private running: Promise<void> | null = null;
  private nextRunAt: string | null = null;
  private lastRun: SyncSchedule['lastRun'] = null;
  private stopped = false;
  /** The last (re)start: status waits for it, so a pause kept with the profile is never reported as running. */
  private starting: Promise<void> = Promise.resolve();

  constructor(private readonly options: SyncSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.jitter = options.jitter ?? 0.2;
    this.random = options.random ?? Math.random;
  }

  /** Starts (or, after a profile switch, restarts) the schedule for the active profile. */
  start(): Promise<void> {
    this.starting = this.begin();
    return this.starting;
  }

  private async begin(): Promise<void> {
    this.clearTimer();
    const profileId = this.options.activeProfile().id;
    if (profileId !== this.profileId) {
      this.profileId = profileId;
      this.lastRun = null;
    }
    this.paused = await this.options.pauses.get(profileId);
    this.schedule();
    this.emit();
  }

  /** Stops scheduling; a sync in flight finishes (or is cancelled by the history service) and frees the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  async status(): Promise<SyncSchedule> {
    await this.starting.catch(() => undefined);
    return this.snapshot();
  }

  private snapshot(): SyncSchedule {
    return {
      profileId: this.profileId ?? this.options.activeProfile().id,
      intervalMs: this.intervalMs,
      paused: this.paused,
      running: this.running !== null,
      nextRunAt: this.nextRunAt,
      lastRun: this.lastRun,
    };
  }

  async pause(): Promise<SyncSchedule> {
    await this.starting.catch(() => undefined);
    const profile = this.options.activeProfile();
    this.paused = { by: profile.agentName, at: isoNow(this.clock) };
    await this.options.pauses.set(profile.id, this.paused);
    await this.options.audit(profile.id, profile.agentName, 'background sync paused');
    this.clearTimer();
    this.emit();
    return this.snapshot();
  }

  async resume(): Promise<SyncSchedule> {
    await this.starting.catch(() => undefined);
    const profile = this.options.activeProfile();
    this.paused = null;
    await this.options.pauses.set(profile.id, null);
    await this.options.audit(profile.id, profile.agentName, 'background sync resumed');
    this.schedule();
    this.emit();
    return this.snapshot();
  }

  /**
   * A sync the agent asked for: under the same lease, so it never runs beside a background one (here or, with a
   * shared store, on another desk). Answers at once; progress follows as the history service's events.
   */
  async syncNow(suppliers?: readonly Supplier[]): Promise<SyncProgress[]> {
    if (this.running) {
      // A run still reading pages answers with its progress; one only finishing its bookkeeping (status, lease
      // release) is waited for, so "Sync now" just after a run ends starts a new one instead of being ignored.
      const statuses = await this.options.history.status();
      if (statuses.some((s) => s.state === 'running')) return statuses;
      await this.running;
    }
    const profileId = this.options.activeProfile().id;
    const lease = await this.options.lease.acquire(profileId, this.holder, this.leaseMs);
    if (!lease.acquired)
      throw new AppError(
        'CONFLICT',
        `Another desk is syncing this profile's history (its lease runs until ${formatDateTime(lease.expiresAt)}); the history will be current when it finishes.`,
      );
    const started = await this.options.history.sync(suppliers, 'agent');
    this.hold(profileId, 'agent', isoNow(this.clock));
    this.emit();
    return started;
  }

  /** Lease time: a sync longer than this renews it; a desk that died releases it by expiry. */
  private get leaseMs(): number {
    return Math.max(2 * this.intervalMs, 10 * 60 * 1000);
  }

  private schedule(): void {
    this.clearTimer();
    if (this.stopped || this.paused || this.running) return;
    const delay = Math.round(this.intervalMs * (1 - this.jitter / 2 + this.random() * this.jitter));
    this.nextRunAt = new Date(this.clock.now() + delay).toISOString();
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.nextRunAt = null;
    const profileId = this.options.activeProfile().id;
    if (this.stopped || this.paused || profileId !== this.profileId) return;
    const startedAt = isoNow(this.clock);
    const skip = (detail: string) => {
      this.lastRun = { startedAt, finishedAt: startedAt, outcome: 'skipped', detail };
      this.schedule();
      this.emit();
    };
    try {
      if ((await this.options.history.status()).some((p) => p.state === 'running'))
        return skip('A sync was already running.');
      const lease = await this.options.lease.acquire(profileId, this.holder, this.leaseMs);
      if (!lease.acquired)
        return skip(`Another desk holds this profile's sync lease until ${formatDateTime(lease.expiresAt)}.`);
      await this.options.history.sync(undefined, 'schedule');
      this.hold(profileId, 'schedule', startedAt);
      this.emit();
    } catch (error) {
      this.options.logger.warn('background sync could not start', { error });
      skip(`The sync could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Keeps the lease (renewed) until the runs settle, then records how they ended and schedules the next. */
  private hold(profileId: string, by: 'agent' | 'schedule', startedAt: string): void {
    const renew = setInterval(
      () =>
        void this.options.lease
          .acquire(profileId, this.holder, this.leaseMs)
          .catch((error: unknown) => this.options.logger.warn('sync lease renewal failed', { error })),
      this.leaseMs / 3,
    );
    renew.unref?.();
    this.clearTimer();
    this.nextRunAt = null;
    this.running = this.options.history
      .settled()
      .then(() => this.options.history.status())
      .then((statuses) => {
        const failed = statuses.filter((s) => s.state === 'failed');
        const synced = statuses.reduce((sum, s) => sum + s.ordersSynced, 0);
        this.lastRun = {
          startedAt,
          finishedAt: isoNow(this.clock),
          outcome: failed.length ? 'failed' : 'done',
          detail: failed.length
            ? failed.map((s) => `${s.supplier}: ${s.error ?? 'failed'}`).join('; ')
            : `${by === 'agent' ? 'Asked for by the agent' : 'Background'}: ${synced.toLocaleString('en-US')} orders read.`,
        };
      })
      .catch((error: unknown) => this.options.logger.warn('sync status after run failed', { error }))
      .finally(async () => {
        clearInterval(renew);
        await this.options.lease
          .release(profileId, this.holder)
          .catch((error: unknown) => this.options.logger.warn('sync lease release failed', { error }));
        this.running = null;
        // The next run is for whichever profile is active now (a switch during the run waited for it).
        this.schedule();
        this.emit();
      });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private emit(): void {
    this.options.onStatus(this.snapshot());
  }
}
