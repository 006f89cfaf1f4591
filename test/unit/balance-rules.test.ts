import { describe, expect, it } from 'vitest';
import {
  ALERT_QUIET_MS,
  alertChanges,
  changePoints,
  depositCoverWarning,
  describeWindow,
  fundingMoves,
  isMoneyInFlight,
  runway,
  type BalanceAlert,
  type BalanceSnapshot,
} from '../../shared/balance';
import { formatMoney } from '../../shared/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-20T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const reading = (ms: number, available: number, pending = 0): BalanceSnapshot => ({
  at: at(ms),
  available,
  pending,
  currency: 'USD',
});

/** Hourly readings from `fromMs` to `toMs`, Available falling `perDay` a day from `start`. */
function steady(fromMs: number, toMs: number, start: number, perDay: number): BalanceSnapshot[] {
  const out: BalanceSnapshot[] = [];
  for (let t = fromMs; t <= toMs; t += HOUR)
    out.push(reading(t, Math.round((start - (perDay * (t - fromMs)) / DAY) * 100) / 100));
  return out;
}

/** A burst of orders: one reading a minute, each order taking `each` from Available. */
function burst(fromMs: number, available: number, orders: number[]): BalanceSnapshot[] {
  let left = available;
  return orders.map((each, i) => {
    left = Math.round((left - each) * 100) / 100;
    return reading(fromMs + (i + 1) * 3 * 60_000, left);
  });
}

describe('runway forecast over synthetic histories', () => {
  it('a steady week: the rate is what the week spent, over the last 7 days', () => {
    const history = steady(0, 8 * DAY, 5000, 231);
    const r = runway(history, T0 + 8 * DAY, 0);
    expect(r.kind).toBe('forecast');
    if (r.kind !== 'forecast') return;
    expect(r.windowMs).toBe(7 * DAY);
    expect(describeWindow(r.windowMs)).toBe('the last 7 days');
    expect(r.spendPerDay).toBeCloseTo(231, 0);
    expect(r.daysLeft).toBeCloseTo(history.at(-1)!.available / r.spendPerDay, 6);
  });

  it('a twelve-minute burst with only minutes of history is not a daily rate: not enough history', () => {
    // The case: four orders, about 1,615 USD, in twelve minutes after the first reading.
    const history = [reading(0, 2500), ...burst(0, 2500, [400, 405, 410, 400])];
    const r = runway(history, T0 + 12 * 60_000, 0);
    expect(r).toEqual({ kind: 'not_enough_history', historyMs: 12 * 60_000, neededMs: DAY });
  });

  it('a burst after a steady week moves the rate by the burst over the week, not by a day’s extrapolation', () => {
    const week = steady(0, 7 * DAY, 5000, 231);
    const before = runway(week, T0 + 7 * DAY, 0);
    const after = [...week, ...burst(7 * DAY, week.at(-1)!.available, [400, 405, 410, 400])];
    const r = runway(after, T0 + 7 * DAY + 12 * 60_000, 0);
    if (before.kind !== 'forecast' || r.kind !== 'forecast') throw new Error('expected forecasts');
    expect(r.windowMs).toBe(7 * DAY);
    // The burst happened, so the runway is shorter, but by the week's evidence: about 231 + 1,615/7 a day.
    expect(r.spendPerDay).toBeCloseTo((r.spent / (7 * DAY)) * DAY, 6);
    expect(r.spendPerDay).toBeGreaterThan(450);
    expect(r.spendPerDay).toBeLessThan(470);
    expect(r.daysLeft).toBeLessThan(before.daysLeft);
    // About 3.8 days: shorter, but not the hours a twelve-minute extrapolation would say.
    expect(r.daysLeft).toBeCloseTo(after.at(-1)!.available / r.spendPerDay, 6);
    expect(r.daysLeft).toBeGreaterThan(3.5);
  });

  it('a quiet week: no spending over the last 7 days, no number', () => {
    const history = steady(0, 9 * DAY, 3000, 0);
    expect(runway(history, T0 + 9 * DAY, 0)).toEqual({ kind: 'no_spending', windowMs: 7 * DAY });
  });

  it('less than a day of history gives no forecast; a day and more uses all of it, named', () => {
    expect(runway(steady(0, 23 * HOUR, 3000, 240), T0 + 23 * HOUR, 0)).toEqual({
      kind: 'not_enough_history',
      historyMs: 23 * HOUR,
      neededMs: DAY,
    });
    const r = runway(steady(0, 30 * HOUR, 3000, 240), T0 + 30 * HOUR, 0);
    if (r.kind !== 'forecast') throw new Error('expected a forecast');
    expect(r.windowMs).toBe(30 * HOUR);
    expect(describeWindow(r.windowMs)).toBe('the last 30 hours');
    expect(r.spent).toBeCloseTo(300, 2);
    expect(r.spendPerDay).toBeCloseTo(240, 6);
  });

  it('a funding in between is not spending, and an order paid in the funding’s minute still counts', () => {
    const plain = steady(0, 3 * DAY, 2000, 100);
    // The same spending, with 5,000 requested (Pending) on day 1 and received on day 2 between two readings
    // in which 4.17 was also spent.
    const funded = plain.map((r, i) => {
      const t = i * HOUR;
      if (t >= 2 * DAY) return { ...r, available: Math.round((r.available + 5000) * 100) / 100 };
      if (t >= DAY) return { ...r, pending: 5000 };
      return r;
    });
    const a = runway(plain, T0 + 3 * DAY, 0);
    const b = runway(funded, T0 + 3 * DAY, 0);
    if (a.kind !== 'forecast' || b.kind !== 'forecast') throw new Error('expected forecasts');
    expect(b.spent).toBeCloseTo(a.spent, 2);
    expect(b.spendPerDay).toBeCloseTo(100, 1);
    expect(b.daysLeft).toBeCloseTo((plain.at(-1)!.available + 5000) / b.spendPerDay, 6);
    expect(fundingMoves(funded)).toEqual([
      { amount: 5000, currency: 'USD', from: at(2 * DAY - HOUR), to: at(2 * DAY) },
    ]);
  });

  it('a rise Pending does not explain (a refunded line) is not netted: the forecast errs short', () => {
    const history = [reading(0, 2000), reading(DAY, 1000), reading(DAY + HOUR, 1300), reading(2 * DAY, 1300)];
    const r = runway(history, T0 + 2 * DAY, 0);
    if (r.kind !== 'forecast') throw new Error('expected a forecast');
    expect(r.spent).toBe(1000);
  });

  it('counts money in flight against Available', () => {
    const r = runway(steady(0, 2 * DAY, 2000, 100), T0 + 2 * DAY, 900);
    if (r.kind !== 'forecast') throw new Error('expected a forecast');
    expect(r.spendable).toBeCloseTo(900, 2);
    expect(r.daysLeft).toBeCloseTo(9, 6);
    const broke = runway(steady(0, 2 * DAY, 2000, 100), T0 + 2 * DAY, 5000);
    expect(broke.kind === 'forecast' && broke.daysLeft).toBe(0);
  });

  it('a gap across the window’s start counts only its part inside the window', () => {
    // The desk was closed for 4 days: 800 went over days 5–9, of which days 6–9 are in the 7-day window (600).
    const history = [
      reading(0, 3000),
      reading(5 * DAY, 3000),
      reading(9 * DAY, 2200),
      reading(13 * DAY, 2200),
    ];
    const r = runway(history, T0 + 13 * DAY, 0);
    if (r.kind !== 'forecast') throw new Error('expected a forecast');
    expect(r.spent).toBeCloseTo(600, 2);
  });

  it('a reading stamped in the future neither reorders history nor stretches the window', () => {
    // Readings arrive hourly for 30 hours; the machine clock was 3 days ahead for one of them.
    const history = steady(0, 30 * HOUR, 3000, 240);
    history[10] = { ...history[10]!, at: at(10 * HOUR + 3 * DAY) };
    const r = runway(history, T0 + 30 * HOUR, 0);
    if (r.kind !== 'forecast') throw new Error('expected a forecast');
    expect(r.windowMs).toBe(30 * HOUR);
    expect(r.spendPerDay).toBeCloseTo(240, 6);
  });

  it('change points keep the chart’s lines and the forecast exact', () => {
    const history = [...steady(0, 2 * DAY, 2000, 0), ...steady(2 * DAY + HOUR, 4 * DAY, 1900, 0)];
    const points = changePoints(history);
    expect(points.length).toBe(4);
    expect(runway(points, T0 + 4 * DAY, 0)).toEqual(runway(history, T0 + 4 * DAY, 0));
  });
});

describe('alert lifecycle', () => {
  /** A desk in miniature: applies alertChanges to each reading the way the balance service does. */
  function desk(thresholds: number[]) {
    let nextId = 1;
    const alerts: BalanceAlert[] = [];
    const last: Record<string, string> = {};
    return {
      alerts,
      read(ms: number, available: number, fundingArrived = false) {
        const active = alerts.filter((a) => a.clearedAt === null);
        const changes = alertChanges(
          { available },
          thresholds,
          active,
          last,
          T0 + ms,
          (n) => formatMoney(n, 'USD'),
          fundingArrived,
        );
        for (const { id, reason } of changes.clear) {
          const alert = alerts.find((a) => a.id === id)!;
          alert.clearedAt = at(ms);
          alert.clearedReason = reason;
        }
        for (const threshold of changes.raise) {
          const key = `low:${threshold}`;
          alerts.push(lowAlert(nextId++, threshold, at(ms)));
          last[key] = at(ms);
        }
        return changes;
      },
      inForce: () => alerts.filter((a) => a.clearedAt === null).map((a) => a.key),
    };
  }
  const lowAlert = (id: number, threshold: number, raisedAt: string): BalanceAlert => ({
    id,
    kind: 'low_balance',
    key: `low:${threshold}`,
    at: raisedAt,
    title: `Deposit below ${threshold}`,
    body: '',
    currency: 'USD',
    threshold,
    missing: null,
    cover: null,
    reference: null,
    clearedAt: null,
    clearedReason: null,
  });

  it('fall, fund, clear, fall again the same day (quiet), and again the next day (raised)', () => {
    const d = desk([1000, 250]);
    d.read(10 * HOUR, 2500);
    expect(d.inForce()).toEqual([]);
    // Fall: one alert for 1,000, and it stays one while Available stays below.
    d.read(10 * HOUR + 5 * 60_000, 885);
    d.read(10 * HOUR + 6 * 60_000, 880);
    expect(d.inForce()).toEqual(['low:1000']);
    expect(d.alerts).toHaveLength(1);
    // Fund: back above, it clears by itself and says why.
    d.read(11 * HOUR, 5885, true);
    expect(d.inForce()).toEqual([]);
    expect(d.alerts[0]!.clearedReason).toBe('Available is back at USD 5,885.00');
    // Stays cleared above.
    d.read(11 * HOUR + 60_000, 5885);
    expect(d.alerts).toHaveLength(1);
    // Falls again the same day: at most one a day per threshold, so nothing yet.
    d.read(15 * HOUR, 700);
    expect(d.inForce()).toEqual([]);
    // The next day, a day after the first alert, still below: raised again, once.
    d.read(10 * HOUR + 5 * 60_000 + ALERT_QUIET_MS - 60_000, 700);
    expect(d.inForce()).toEqual([]);
    d.read(10 * HOUR + 5 * 60_000 + ALERT_QUIET_MS, 700);
    d.read(10 * HOUR + 6 * 60_000 + ALERT_QUIET_MS, 690);
    expect(d.inForce()).toEqual(['low:1000']);
    expect(d.alerts).toHaveLength(2);
  });

  it('each threshold has its own life: 250 is raised under 250 and cleared at 300 while 1,000 stays', () => {
    const d = desk([1000, 250]);
    d.read(0, 200);
    expect(d.inForce().sort()).toEqual(['low:1000', 'low:250']);
    d.read(HOUR, 300);
    expect(d.inForce()).toEqual(['low:1000']);
  });

  it('a last alert stamped in the future (wrong clock) never starts a quiet period', () => {
    const changes = alertChanges(
      { available: 500 },
      [1000],
      [],
      { 'low:1000': at(3 * DAY) },
      T0,
      String,
      false,
    );
    expect(changes.raise).toEqual([1000]);
    // One stamped an hour ago is quiet.
    expect(
      alertChanges({ available: 500 }, [1000], [], { 'low:1000': at(-HOUR) }, T0, String, false).raise,
    ).toEqual([]);
  });

  it('a threshold removed in Settings clears its alert', () => {
    const changes = alertChanges(
      { available: 500 },
      [250],
      [lowAlert(7, 1000, at(0))],
      {},
      T0,
      String,
      false,
    );
    expect(changes.clear).toEqual([{ id: 7, reason: 'the threshold was removed in Settings' }]);
  });

  it('a refused order’s alert clears when Available covers the order (or, unpriced, when funding arrives)', () => {
    const refused = (id: number, cover: number | null): BalanceAlert => ({
      ...lowAlert(id, 0, at(0)),
      kind: 'insufficient_funds',
      key: `insufficient_funds:PO-${id}`,
      threshold: null,
      cover,
      missing: cover === null ? null : 100,
    });
    const active = [refused(1, 1200), refused(2, null)];
    expect(alertChanges({ available: 1100 }, [], active, {}, T0, String, false).clear).toEqual([]);
    expect(
      alertChanges({ available: 1200 }, [], active, {}, T0, String, false).clear.map((c) => c.id),
    ).toEqual([1]);
    expect(
      alertChanges({ available: 1100 }, [], active, {}, T0, String, true).clear.map((c) => c.id),
    ).toEqual([2]);
  });
});

describe('money in flight and quotes', () => {
  it('counts GiftCard Partners placements without a settled answer, nothing else', () => {
    expect(isMoneyInFlight({ supplier: 'gcp', state: 'journaled' })).toBe(true);
    expect(isMoneyInFlight({ supplier: 'gcp', state: 'unknown' })).toBe(true);
    expect(isMoneyInFlight({ supplier: 'gcp', state: 'needs_ops' })).toBe(true);
    expect(isMoneyInFlight({ supplier: 'gcp', state: 'confirmed' })).toBe(false);
    expect(isMoneyInFlight({ supplier: 'gcp', state: 'rejected' })).toBe(false);
    expect(isMoneyInFlight({ supplier: 'ascenda', state: 'unknown' })).toBe(false);
  });

  it('compares a quote with Available only within the deposit currency', () => {
    const base = {
      cost: 600,
      costCurrency: 'USD',
      available: 500,
      balanceCurrency: 'USD',
      depositCurrency: 'USD',
      format: formatMoney,
    };
    expect(depositCoverWarning(base)).toBe(
      'The deposit holds USD 500.00 but this order costs USD 600.00: GiftCard Partners will refuse it (insufficient funds).',
    );
    expect(depositCoverWarning({ ...base, cost: 400 })).toBeNull();
    expect(depositCoverWarning({ ...base, balanceCurrency: 'EUR' })).toMatch(
      /currency changed: check Settings/,
    );
    expect(depositCoverWarning({ ...base, costCurrency: 'EUR', cost: 1 })).toMatch(/priced in EUR/);
    expect(depositCoverWarning({ ...base, balanceCurrency: null, depositCurrency: null })).toMatch(
      /currency is not known/,
    );
    // A reading that names no currency is in the deposit currency.
    expect(depositCoverWarning({ ...base, balanceCurrency: null })).toMatch(/will refuse it/);
  });
});
