/**
 * What a date input's day (YYYY-MM-DD) means as an instant. The desk's screens use two calendars: the agent's
 * own days (History, Audit, Reconciliation) and UTC days (the refund ledger and Failures, whose totals are per
 * UTC day). `next` (or `plusDays`) gives an exclusive end.
 */
export function localDayStart(day: string, next = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

const DAY_MS = 86_400_000;

/** A date input's day as the start of that day in UTC, or nothing when empty. */
export const utcDayStart = (day: string, plusDays = 0): string | undefined =>
  day ? new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS).toISOString() : undefined;

/** The UTC day a stored bound starts, for the date input ('' when unset). */
export const utcDayOf = (iso: string | undefined, minusDays = 0): string =>
  iso ? new Date(Date.parse(iso) - minusDays * DAY_MS).toISOString().slice(0, 10) : '';
