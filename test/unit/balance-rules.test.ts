import { describe, expect, it } from 'vitest';
import { ALERT_QUIET_MS, runway, thresholdsToAlert, type BalanceSnapshot } from '../../shared/balance';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
const snap = (dayOffset: number, available: number, pending = 0): BalanceSnapshot => ({
  at: new Date(T0 + dayOffset * DAY).toISOString(),
  available,
  pending,
  currency: 'USD',
});

describe('runway forecast', () => {
  it('spends the falls in Available over the time covered, and counts funding as no spend', () => {
    // Falls of 100, 100 and 600 (800 in 3 days); the rise of 500 is funding and does not count.
    const history = [snap(0, 1300), snap(1, 1200), snap(1.5, 1700), snap(2, 1600), snap(3, 1000)];
    const r = runway(history, T0 + 3 * DAY);
    expect(r.spendPerDay).toBeCloseTo(800 / 3, 6);
    expect(r.daysLeft).toBeCloseTo(1000 / (800 / 3), 6);
  });

  it('has no forecast without spending, or with a single snapshot', () => {
    expect(runway([snap(0, 500)], T0)).toEqual({ spendPerDay: 0, daysLeft: null });
    expect(runway([snap(0, 500), snap(1, 900)], T0 + DAY)).toEqual({ spendPerDay: 0, daysLeft: null });
  });

  it('reads a burst of orders within a minute as spending over an hour, not as a daily rate', () => {
    const minute = 60_000 / DAY;
    const r = runway([snap(0, 2500), snap(minute, 900)], T0 + 60_000);
    expect(r.spendPerDay).toBeCloseTo(1600 * 24, 6);
    expect(r.daysLeft).toBeCloseTo(900 / (1600 * 24), 6);
  });

  it('looks only at the recent window', () => {
    const history = [snap(0, 5000), snap(1, 1000), snap(9, 1000), snap(10, 900)];
    const r = runway(history, T0 + 10 * DAY);
    // Only days 9 to 10 are in the 7-day window: 100 a day, 9 days left.
    expect(r.spendPerDay).toBeCloseTo(100, 6);
    expect(r.daysLeft).toBeCloseTo(9, 6);
  });
});

describe('low-balance alerts', () => {
  const now = T0 + 10 * DAY;
  it('alerts each threshold Available is below, once in 24 hours', () => {
    expect(thresholdsToAlert(900, [1000, 250], {}, now)).toEqual([1000]);
    expect(thresholdsToAlert(200, [1000, 250], {}, now)).toEqual([1000, 250]);
    const justAlerted = { 'low:1000': new Date(now - 60_000).toISOString() };
    expect(thresholdsToAlert(200, [1000, 250], justAlerted, now)).toEqual([250]);
    const yesterday = { 'low:1000': new Date(now - ALERT_QUIET_MS).toISOString() };
    expect(thresholdsToAlert(900, [1000], yesterday, now)).toEqual([1000]);
  });

  it('does not alert at or above a threshold', () => {
    expect(thresholdsToAlert(1000, [1000], {}, now)).toEqual([]);
    expect(thresholdsToAlert(5000, [1000, 250], {}, now)).toEqual([]);
  });
});
