import { describe, expect, it } from 'vitest';
import { backoff, sleep } from '../../main/time/backoff';

describe('the one backoff and sleep of the main process', () => {
  it('doubles from the base, stops at the cap, and without jitter is exact', () => {
    expect([0, 1, 2, 3].map((step) => backoff(500, step, undefined, null))).toEqual([500, 1000, 2000, 4000]);
    expect(backoff(500, 10, 15_000, null)).toBe(15_000);
    // A step far past the cap (a placement that has failed for days) still waits the cap, never Infinity or NaN.
    expect(backoff(500, 5_000, 60_000, null)).toBe(60_000);
  });

  it('jitters over the upper half of the wait, so placements backing off together spread out', () => {
    expect(backoff(1000, 2, undefined, () => 0)).toBe(2000);
    expect(backoff(1000, 2, undefined, () => 0.999)).toBeCloseTo(3998);
    const waits = Array.from({ length: 200 }, () => backoff(1000, 2));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...waits)).toBeLessThan(4000);
    expect(new Set(waits.map((w) => Math.round(w))).size).toBeGreaterThan(100);
  });

  it('jitters over another range when asked (history pages: half to one and a half times the step)', () => {
    const spread = { from: 0.5, to: 1.5 };
    expect(backoff(1000, 2, undefined, () => 0, spread)).toBe(2000);
    expect(backoff(1000, 2, undefined, () => 0.5, spread)).toBe(4000);
    expect(backoff(1000, 2, undefined, () => 0.999, spread)).toBeCloseTo(5996);
  });

  it('stops sleeping as soon as its signal aborts, and does not sleep at all when it already has', async () => {
    const stop = new AbortController();
    let woke = false;
    const waiting = sleep(60_000, stop.signal).then(() => (woke = true));
    await sleep(5);
    expect(woke).toBe(false);
    stop.abort();
    await waiting;
    expect(woke).toBe(true);
    await sleep(60_000, stop.signal);
  });
});
