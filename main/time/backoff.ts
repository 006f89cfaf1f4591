/**
 * The main process's one backoff and one sleep: every retry, poll and reschedule waits through these, so a
 * change to how the desk backs off is made once.
 */

/** Where a jittered wait falls, as fractions of the exponential step: the upper half by default. */
export interface Jitter {
  from: number;
  to: number;
}
const UPPER_HALF: Jitter = { from: 0.5, to: 1 };

/**
 * Exponential from `baseMs` (step 0 is `baseMs`), capped at `capMs`. With `random`, the wait is jittered over
 * `jitter` of that (the upper half unless said), so many placements or pages backing off together do not retry
 * in step.
 */
export function backoff(
  baseMs: number,
  step: number,
  capMs = Number.POSITIVE_INFINITY,
  random: (() => number) | null = Math.random,
  jitter: Jitter = UPPER_HALF,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(step, 40));
  return random ? ceiling * (jitter.from + random() * (jitter.to - jitter.from)) : ceiling;
}

/** Waits `ms`, or stops waiting at once when `signal` aborts; the listener goes when the timer fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
