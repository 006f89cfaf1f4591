import { z } from 'zod';
import { formatMoney, formatPoints } from './format';

/** Points for a face value: value ÷ cost per point, rounded up (the member never pays a fraction short). */
export function pointsPrice(value: number, cpp: number): number {
  // Rounded to a micro-point first so 0.07 / 0.01 (7.000000000000001 in binary) is 7, not 8.
  return Math.ceil(Math.round((value / cpp) * 1e6) / 1e6);
}

/**
 * Points are per currency (ARCHITECTURE "Money-safe outcomes"): a profile keeps a cost per point for each
 * currency it prices, and an amount in a currency without one has no points, never a borrowed rate.
 */
export type PointRates = Record<string, number>;

export const currencyCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'A currency is a 3-letter code such as USD')
  .transform((code) => code.toUpperCase());

/** currency → positive number, at most 40 currencies: the rate table and the per-order maximums. */
export const perCurrencySchema = (what: string, max: number) =>
  z
    .record(
      currencyCodeSchema,
      z
        .number({ error: `Enter the ${what} as a number` })
        .positive(`A ${what} is more than 0`)
        .max(max, `A ${what} is at most ${max.toLocaleString('en-US')}`),
    )
    .refine((table) => Object.keys(table).length <= 40, 'At most 40 currencies');

/** Where a points figure comes from: journaled with the order, or the profile's rate today. */
export type PointsBasis = 'journaled' | 'current';

export interface PointsFigure {
  currency: string;
  costPerPoint: number;
  points: number;
  basis: PointsBasis;
}

/** The cost per point for a currency, or null when the profile has none (or the currency is unknown). */
export function rateFor(rates: PointRates, currency: string | null | undefined): number | null {
  if (!currency) return null;
  const rate = rates[currency.toUpperCase()];
  return typeof rate === 'number' && rate > 0 ? rate : null;
}

/** Points for an amount at the profile's current rate for its currency; null without a rate. */
export function pointsAtCurrentRate(
  amount: number | null,
  currency: string | null | undefined,
  rates: PointRates,
): PointsFigure | null {
  const rate = rateFor(rates, currency);
  if (amount === null || rate === null || !currency) return null;
  return {
    currency: currency.toUpperCase(),
    costPerPoint: rate,
    points: pointsPrice(amount, rate),
    basis: 'current',
  };
}

/** What the desk says where points cannot be given: a sentence, never a number. */
export const pointsUnknownText = (currency: string | null | undefined): string =>
  currency ? `points unknown: set a rate for ${currency.toUpperCase()}` : 'points unknown: currency unknown';

/** "12,500 points" with where it comes from when that matters (a rate not journaled with the order). */
export function describePoints(figure: PointsFigure | null, currency: string | null | undefined): string {
  if (!figure) return pointsUnknownText(currency);
  const basis =
    figure.basis === 'current'
      ? ` (current rate, not journaled: ${formatMoney(figure.costPerPoint, figure.currency)} per point)`
      : '';
  return `${formatPoints(figure.points)}${basis}`;
}

/** What a failed or cancelled order owes the member back, and at which rate. */
export interface RefundOwed {
  /** Null when it cannot be priced: no rate for the currency, or an item's value was not returned. */
  points: number | null;
  currency: string | null;
  basis: PointsBasis | null;
}

/**
 * Points owed for the failed and cancelled items of an order. When every item failed the member gets back
 * exactly what was journaled; otherwise the failed items' face value at the journaled rate (or, for an order
 * the desk did not place, the profile's current rate, labelled as such).
 */
export function refundOwed(
  items: ReadonlyArray<{
    state: string;
    value: number | null;
    quantity: number | null;
    currency: string | null;
  }>,
  journaled: { currency: string | null; costPerPoint: number | null; points: number } | null,
  rates: PointRates,
  fallbackCurrency: string | null = null,
): RefundOwed {
  const failed = items.filter((item) => item.state === 'failed' || item.state === 'cancelled');
  const currency =
    journaled?.currency ?? failed.find((i) => i.currency)?.currency?.toUpperCase() ?? fallbackCurrency;
  if (failed.length === 0) return { points: 0, currency, basis: journaled ? 'journaled' : null };
  if (journaled && failed.length === items.length)
    return { points: journaled.points, currency: journaled.currency, basis: 'journaled' };
  // Points redeemed for a transfer have no rate to split them by: a partial failure cannot be priced.
  if (journaled && journaled.costPerPoint === null) return { points: null, currency, basis: null };
  // An item that does not say how many cards it holds is one card: Ascenda's items are single cards
  // (CONFIRMED, one item per order) and GiftCard Partners returns its Quantity.
  const amounts = failed.map((item) => (item.value === null ? null : item.value * (item.quantity ?? 1)));
  if (amounts.some((amount) => amount === null)) return { points: null, currency, basis: null };
  const total = Math.round(amounts.reduce<number>((sum, amount) => sum + amount!, 0) * 100) / 100;
  if (journaled?.costPerPoint)
    return { points: pointsPrice(total, journaled.costPerPoint), currency, basis: 'journaled' };
  const figure = pointsAtCurrentRate(total, currency, rates);
  return { points: figure?.points ?? null, currency, basis: figure ? 'current' : null };
}

/** "refund 5,000 points", "refund 5,000 points (current rate, not journaled)" or "refund the member: points unknown…". */
export function refundText(owed: RefundOwed): string {
  if (owed.points === null) return `refund the member (${pointsUnknownText(owed.currency)})`;
  return `refund ${formatPoints(owed.points)}${owed.basis === 'current' ? ' (current rate, not journaled)' : ''}`;
}
