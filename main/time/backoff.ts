/**
 * The main process's one backoff and one sleep: every retry, poll and reschedule waits through these, so a
 * change to how the desk backs off is made once.
 */

/**
 * Exponential from `baseMs` (step 0 is `baseMs`), capped at `capMs`. With `random`, the wait is jittered over
 * the upper half of that, so many placements or pages backing off together do not retry in step.
 */
export function backoff(
  baseMs: number,
  step: number,
  capMs = Number.POSITIVE_INFINITY,
  random: (() => number) | null = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(step, 40));
  return random ? ceiling / 2 + random() * (ceiling / 2) : ceiling;
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
