import type { Clock } from '../time/clock';
import { backoff } from '../time/backoff';

/** How often the deposit balance is read, and how the monitor backs off while reads fail. */
export interface MonitorPolicy {
  /** The first reading after start: start-up work (reconciling placements, opening the cache) goes first. */
  firstCheckMs: number;
  intervalMs: number;
  /** After a failed read: intervalMs × 2^failures, capped here. */
  maxBackoffMs: number;
}

export const DEFAULT_MONITOR_POLICY: MonitorPolicy = {
  firstCheckMs: 3_000,
  intervalMs: 60_000,
  maxBackoffMs: 15 * 60_000,
};

/**
 * Runs `check` on an interval, one at a time; a failing check waits longer each time (exponential, capped),
 * and `poke()` runs one now (after an order, or when the agent asks). Stops cleanly between checks.
 */
export class BalanceMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  nextCheckAt: string | null = null;

  constructor(
    private readonly check: () => Promise<void>,
    private readonly policy: MonitorPolicy,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.schedule(this.policy.firstCheckMs);
  }

  /** A check now, sharing one already in flight. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer) clearTimeout(this.timer);
    this.running ??= this.check()
      .then(
        () => {
          this.failures = 0;
        },
        () => {
          this.failures++;
        },
      )
      .finally(() => {
        this.running = null;
        this.schedule(
          this.failures
            ? backoff(this.policy.intervalMs, this.failures, this.policy.maxBackoffMs, null)
            : this.policy.intervalMs,
        );
      });
    return this.running;
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    // Waiting uses timers (monotonic); only the time shown to the agent comes from the desk's clock.
    this.nextCheckAt = new Date(this.clock.now() + ms).toISOString();
    this.timer = setTimeout(() => void this.poke(), ms);
    // The monitor never keeps a process alive on its own (tests, a quitting desk).
    this.timer.unref();
  }
}
