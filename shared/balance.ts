/** The GiftCard Partners deposit account over time, and what it means for the next days. */

export interface BalanceSnapshot {
  at: string;
  available: number;
  pending: number;
  currency: string;
}

/** The window the spending rate is measured over. */
export const RUNWAY_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Less history than this is measured as this much, so a burst of orders is not read as a daily rate. */
export const RUNWAY_MIN_SPAN_MS = 3600 * 1000;
/** A threshold alerts at most once in this long. */
export const ALERT_QUIET_MS = 24 * 3600 * 1000;

export interface Runway {
  /** Money leaving Available per day at the recent rate (decreases only; funding does not count). */
  spendPerDay: number;
  /** Days until Available runs out at that rate; null when nothing was spent in the window. */
  daysLeft: number | null;
}

/**
 * Spend is every fall in Available between consecutive snapshots in the window (a rise is funding, or a
 * refunded line, and is not spending), divided by the time the window actually covers.
 */
export function runway(snapshots: BalanceSnapshot[], now: number, windowMs = RUNWAY_WINDOW_MS): Runway {
  const recent = snapshots.filter((s) => now - Date.parse(s.at) <= windowMs);
  let spent = 0;
  for (let i = 1; i < recent.length; i++)
    spent += Math.max(0, recent[i - 1]!.available - recent[i]!.available);
  const span = recent.length > 1 ? Date.parse(recent.at(-1)!.at) - Date.parse(recent[0]!.at) : 0;
  if (spent <= 0 || span <= 0) return { spendPerDay: 0, daysLeft: null };
  const spendPerDay = (spent / Math.max(span, RUNWAY_MIN_SPAN_MS)) * 86_400_000;
  const available = recent.at(-1)!.available;
  return { spendPerDay, daysLeft: Math.max(0, available / spendPerDay) };
}

export interface BalanceAlert {
  /** `low:<threshold>` or `insufficient_funds`. */
  kind: 'low_balance' | 'insufficient_funds';
  key: string;
  at: string;
  title: string;
  body: string;
  currency: string;
  /** For a refused order: how much more the deposit needs. */
  missing: number | null;
  reference: string | null;
}

/** Thresholds Available is now below whose last alert is older than the quiet period (or never was). */
export function thresholdsToAlert(
  available: number,
  thresholds: number[],
  lastAlerted: Record<string, string | undefined>,
  now: number,
): number[] {
  return thresholds.filter((threshold) => {
    if (available >= threshold) return false;
    const last = lastAlerted[`low:${threshold}`];
    return last === undefined || now - Date.parse(last) >= ALERT_QUIET_MS;
  });
}

export interface BalanceStatus {
  latest: BalanceSnapshot | null;
  /** Snapshots of the last 30 days, oldest first, for the chart. */
  history: BalanceSnapshot[];
  /** Face value of GiftCard Partners placements still in flight (journaled or unknown): money about to go. */
  committed: number;
  runway: Runway;
  thresholds: number[];
  fundingPortalUrl: string;
  /** Why the last read failed, in plain words, and when the monitor looks again. */
  error: string | null;
  nextCheckAt: string | null;
  alerts: BalanceAlert[];
}
