/**
 * The one clock the main process reads (ARCHITECTURE "Time"). Services, jobs, the placement runner and the
 * recommendations take it by injection, so tests and the e2e bridge can move wall time; intervals use the
 * monotonic reading, which a wall clock set back or forward never disturbs.
 */
export interface Clock {
  /** Wall time, epoch milliseconds: what timestamps are written with. May jump when the clock is moved. */
  now(): number;
  /** Milliseconds that only move forward, for measuring intervals. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** ISO-8601 UTC text of the clock's wall time. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();

/**
 * Real time shifted by an offset that only tests (and the e2e bridge's test-only option) move. Moving it forward
 * moves the monotonic reading too, so a staged "three days later" also counts as three days elapsed.
 */
export class OffsetClock implements Clock {
  private offsetMs: number;
  /** The sum of forward moves only: setting the wall clock back never runs monotonic time backwards. */
  private forwardMs: number;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
    this.forwardMs = Math.max(0, offsetMs);
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  monotonic(): number {
    return performance.now() + this.forwardMs;
  }

  /** Moves wall time by `ms` (negative: back, as a wrongly set machine clock would). Returns the offset. */
  advance(ms: number): number {
    this.offsetMs += ms;
    if (ms > 0) this.forwardMs += ms;
    return this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
