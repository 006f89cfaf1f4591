/** The GiftCard Partners deposit account over time, and what it means for the next days. */

import { PROVIDER_TRAITS } from './provider-traits';
import type { PlacementState } from './placement';
import type { Supplier } from './domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One reading of the deposit, as it arrived. `currency` is '' when the supplier did not say. */
export interface BalanceSnapshot {
  at: string;
  available: number;
  pending: number;
  currency: string;
}

/** The spending rate is measured over the last week when the desk has read that much history. */
export const RUNWAY_WINDOW_MS = 7 * DAY;
/** With less history than this the desk makes no forecast: a burst of orders is not a daily rate. */
export const RUNWAY_MIN_HISTORY_MS = DAY;
/** A threshold alerts at most once in this long. */
export const ALERT_QUIET_MS = DAY;

/**
 * Times to order readings by, one per reading in arrival order: the stamp, but never before the previous
 * reading's and never after `now`. A reading stamped by a clock that was wrong therefore neither reorders history
 * nor stretches the window a forecast measures.
 */
export function arrivalTimes(readings: readonly BalanceSnapshot[], now: number): number[] {
  const times: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const reading of readings) {
    const stamped = Date.parse(reading.at);
    const t = Math.max(previous, Math.min(Number.isNaN(stamped) ? previous : stamped, now));
    times.push(t);
    previous = t;
  }
  return times;
}

/**
 * Money that left Available between two readings: the fall in Available plus any funding that moved in from
 * Pending meanwhile (so an order paid in the same minute as a funding still counts). A rise that Pending does not
 * explain (a refunded line, or funding requested and received between two readings) is not netted against
 * spending: the forecast errs short, never long.
 */
function spentBetween(before: BalanceSnapshot, after: BalanceSnapshot): number {
  const funded = Math.max(0, before.pending - after.pending);
  return Math.max(0, before.available + funded - after.available);
}

export type Runway =
  /** Spending observed over `windowMs`: the rate, and how long Available less money in flight lasts at it. */
  | {
      kind: 'forecast';
      windowMs: number;
      spent: number;
      spendPerDay: number;
      spendable: number;
      daysLeft: number;
    }
  /** History long enough, and nothing was spent in it. */
  | { kind: 'no_spending'; windowMs: number }
  /** Less than RUNWAY_MIN_HISTORY_MS of readings: no number is honest yet. */
  | { kind: 'not_enough_history'; historyMs: number; neededMs: number }
  /** The readings are not in the profile's deposit currency (or it is not known): nothing is compared. */
  | { kind: 'paused'; reason: string };

/**
 * The runway from evidence: spending over the observed window (the last 7 days when the readings cover them,
 * otherwise all of them, and at least 24 hours), divided by that window. `readings` are in arrival order and all
 * in one currency; `inFlight` is money about to leave (orders sent, not yet confirmed), in the same currency.
 */
export function runway(
  readings: readonly BalanceSnapshot[],
  now: number,
  inFlight: number,
  windowMs = RUNWAY_WINDOW_MS,
): Runway {
  const times = arrivalTimes(readings, now);
  const historyMs = times.length > 1 ? times.at(-1)! - times[0]! : 0;
  const end = times.at(-1) ?? now;
  const start = Math.max(times[0] ?? end, end - windowMs);
  const covered = end - start;
  if (covered < RUNWAY_MIN_HISTORY_MS)
    return { kind: 'not_enough_history', historyMs, neededMs: RUNWAY_MIN_HISTORY_MS };
  let spent = 0;
  for (let i = 1; i < readings.length; i++) {
    const from = times[i - 1]!;
    const to = times[i]!;
    if (to <= start) continue;
    const amount = spentBetween(readings[i - 1]!, readings[i]!);
    // A gap that straddles the window's start counts for the part of it inside the window.
    spent += from >= start || to === from ? amount : (amount * (to - start)) / (to - from);
  }
  spent = Math.round(spent * 100) / 100;
  if (spent <= 0) return { kind: 'no_spending', windowMs: covered };
  const spendPerDay = (spent / covered) * DAY;
  const spendable = readings.at(-1)!.available - inFlight;
  return {
    kind: 'forecast',
    windowMs: covered,
    spent,
    spendPerDay,
    spendable,
    daysLeft: Math.max(0, spendable) / spendPerDay,
  };
}

/** "the last 7 days", "the last 26 hours", "the last 3.5 days": the window a rate was measured over. */
export function describeWindow(ms: number): string {
  if (ms >= RUNWAY_WINDOW_MS - 60_000) return 'the last 7 days';
  const hours = Math.round(ms / HOUR);
  if (hours < 72) return `the last ${hours} hours`;
  return `the last ${(ms / DAY).toFixed(1)} days`;
}

/**
 * The readings a chart needs to draw the same lines: the first and last, and both ends of every run of equal
 * readings (a week of one value is two points, not ten thousand).
 */
export function changePoints(readings: readonly BalanceSnapshot[]): BalanceSnapshot[] {
  const same = (a: BalanceSnapshot, b: BalanceSnapshot) =>
    a.available === b.available && a.pending === b.pending && a.currency === b.currency;
  return readings.filter(
    (reading, i) =>
      i === 0 ||
      i === readings.length - 1 ||
      !same(readings[i - 1]!, reading) ||
      !same(reading, readings[i + 1]!),
  );
}

/** Funding that moved from Pending to Available, seen between two consecutive readings. */
export interface FundingMove {
  amount: number;
  currency: string;
  /** The last reading that still had it in Pending, and the first that had it in Available. */
  from: string;
  to: string;
}

/** A reading where Pending fell and Available rose: funding received (readings in arrival order, one currency). */
export function fundingMoves(readings: readonly BalanceSnapshot[]): FundingMove[] {
  const moves: FundingMove[] = [];
  for (let i = 1; i < readings.length; i++) {
    const before = readings[i - 1]!;
    const after = readings[i]!;
    const applied = Math.round((before.pending - after.pending) * 100) / 100;
    if (applied > 0 && after.available > before.available)
      moves.push({ amount: applied, currency: after.currency, from: before.at, to: after.at });
  }
  return moves;
}

/**
 * Placement states whose money may be on its way out of the deposit: written but not yet sent, or sent without a
 * clear answer (the supplier may already have debited it, so the runway must not count on it until Ops answers).
 */
const IN_FLIGHT_STATES: ReadonlySet<PlacementState> = new Set([
  'journaled',
  'unknown',
  'unverified',
  'mismatch',
  'needs_ops',
]);

/** Whether a placement's money is in flight: a deposit-funded order the desk has no settled answer for. */
export function isMoneyInFlight(placement: { supplier: Supplier; state: PlacementState }): boolean {
  return PROVIDER_TRAITS[placement.supplier].keepsDeposit && IN_FLIGHT_STATES.has(placement.state);
}

/** Money about to leave the deposit, in the deposit currency. */
export interface InFlight {
  amount: number;
  orders: number;
  /** Orders counted at face value because the desk does not know the product's discount and fee. */
  atFaceValue: number;
  /** Orders for a product priced in another currency: not added to `amount`, never mixed. */
  otherCurrency: number;
}

export interface BalanceAlert {
  /** The store's id: alerts are told apart by it (the same key fires again on another day). */
  id: number;
  kind: 'low_balance' | 'insufficient_funds';
  /** `low:<threshold>` or `insufficient_funds:<reference>`. */
  key: string;
  at: string;
  title: string;
  body: string;
  currency: string;
  /** A low-balance alert's threshold. */
  threshold: number | null;
  /** For a refused order: how much more the deposit needed, and the Available that covers the order. */
  missing: number | null;
  cover: number | null;
  reference: string | null;
  /** When it cleared by itself (back above the threshold, shortfall covered), and why; null while active. */
  clearedAt: string | null;
  clearedReason: string | null;
}

export const lowBalanceKey = (threshold: number) => `low:${threshold}`;

/** An alert before it is stored (the store gives it an id). */
export type NewBalanceAlert = Omit<BalanceAlert, 'id' | 'clearedAt' | 'clearedReason'>;

/**
 * Whether a quiet period that began at `lastAt` has ended. A stamp in the future (the clock was wrong when it was
 * written) has a negative age and counts as due: a wrong clock never silences an alert.
 */
export function quietPeriodOver(lastAt: string | undefined, now: number): boolean {
  if (lastAt === undefined) return true;
  const age = now - Date.parse(lastAt);
  return Number.isNaN(age) || age < 0 || age >= ALERT_QUIET_MS;
}

export interface AlertChanges {
  /** Thresholds to raise a low-balance alert for now. */
  raise: number[];
  /** Active alerts that cleared by themselves, with why. */
  clear: Array<{ id: number; reason: string }>;
}

/**
 * The alert lifecycle for one reading in the deposit currency. A threshold alert is raised when Available is below
 * it, none is active, and its last one (by arrival) is at least a day old; it clears by itself once Available is
 * back at or above it, stays cleared, and is raised again once crossed again (still at most one a day). A refused
 * order's alert clears when Available covers that order (or, when the order could not be priced, when funding
 * arrives).
 */
export function alertChanges(
  reading: Pick<BalanceSnapshot, 'available'>,
  thresholds: readonly number[],
  active: readonly BalanceAlert[],
  lastRaised: Record<string, string | undefined>,
  now: number,
  format: (amount: number) => string,
  /** This reading shows funding moved from Pending to Available since the previous one. */
  fundingArrived: boolean,
): AlertChanges {
  const clear: AlertChanges['clear'] = [];
  const raise: number[] = [];
  for (const alert of active) {
    if (alert.kind === 'low_balance' && alert.threshold !== null) {
      if (!thresholds.includes(alert.threshold))
        clear.push({ id: alert.id, reason: 'the threshold was removed in Settings' });
      else if (reading.available >= alert.threshold)
        clear.push({ id: alert.id, reason: `Available is back at ${format(reading.available)}` });
    } else if (alert.kind === 'insufficient_funds') {
      if (alert.cover !== null && reading.available >= alert.cover)
        clear.push({ id: alert.id, reason: `Available (${format(reading.available)}) now covers the order` });
      // An order the desk could not price has no amount to wait for: funding arriving is what it said it waits for.
      else if (alert.cover === null && fundingArrived)
        clear.push({ id: alert.id, reason: 'funding reached Available (the refused order was not priced)' });
    }
  }
  const stillActive = new Set(active.filter((a) => !clear.some((c) => c.id === a.id)).map((a) => a.key));
  for (const threshold of thresholds) {
    const key = lowBalanceKey(threshold);
    if (reading.available < threshold && !stillActive.has(key) && quietPeriodOver(lastRaised[key], now))
      raise.push(threshold);
  }
  return { raise, clear };
}

export interface BalanceStatus {
  /** The last reading to arrive (never one that merely carries a later stamp). */
  latest: BalanceSnapshot | null;
  /** The profile's deposit currency; null until set in Settings or adopted from the first reading. */
  depositCurrency: string | null;
  /** Why readings and the profile disagree on currency ("currency changed: check Settings"); alerts pause. */
  currencyProblem: string | null;
  /** Readings of the last 30 days in the deposit currency, in arrival order, as change points (for the chart). */
  history: BalanceSnapshot[];
  /** Readings of those 30 days in another currency: shown as such in Latest, never charted with these. */
  otherCurrencyReadings: number;
  fundings: FundingMove[];
  inFlight: InFlight;
  runway: Runway;
  thresholds: number[];
  fundingPortalUrl: string;
  /** Why the last read failed, in plain words, and when the monitor looks again. */
  error: string | null;
  nextCheckAt: string | null;
  /** Alerts still in force, newest first: what the banner shows on every screen. */
  active: BalanceAlert[];
  /** The last alerts raised, newest first, with when and why each cleared. */
  recent: BalanceAlert[];
}

/**
 * What a quote says about the deposit: whether Available covers an order's cost, compared only within the
 * profile's deposit currency. A reading without a currency is taken to be in the deposit currency; a product
 * without one is priced by the deposit.
 */
export function depositCoverWarning(quote: {
  cost: number;
  costCurrency: string | null;
  available: number;
  balanceCurrency: string | null;
  depositCurrency: string | null;
  format(amount: number, currency: string): string;
}): string | null {
  const deposit = quote.depositCurrency || quote.balanceCurrency;
  if (!deposit)
    return 'The deposit’s currency is not known (set it in Settings): this order’s cost is not compared with Available.';
  const reading = quote.balanceCurrency || deposit;
  if (reading !== deposit)
    return `The deposit now reports ${reading} but this profile’s deposit currency is ${deposit} (currency changed: check Settings); this order’s cost is not compared with Available.`;
  if (quote.costCurrency && quote.costCurrency !== deposit)
    return `This product is priced in ${quote.costCurrency} and the deposit holds ${deposit}: the desk cannot tell whether it covers this order.`;
  if (quote.cost > quote.available)
    return `The deposit holds ${quote.format(quote.available, deposit)} but this order costs ${quote.format(quote.cost, deposit)}: GiftCard Partners will refuse it (insufficient funds).`;
  return null;
}
