/**
 * When an item still pending or processing is stuck: the one place that knows each kind's horizon. A gift card
 * is stuck after 24 hours (outcomes can take a day, CONFIRMED); a points transfer after 5 business days. Business
 * time is Monday to Friday in UTC: a transfer made on a weekend starts counting on Monday, and public holidays are
 * not known to the desk (a transfer due over one shows as stuck a day early, never late).
 */
export type ItemKind = 'gift_card' | 'points_transfer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TRANSFER_BUSINESS_TIME = 5 * DAY;

export const STUCK_HORIZON_TEXT: Record<ItemKind, string> = {
  gift_card: '24 h',
  points_transfer: '5 business days',
};

const isWeekend = (ms: number) => {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
};
const dayStart = (ms: number) => ms - (((ms % DAY) + DAY) % DAY);

/** Business (weekday, UTC) time that passes from `start` on, until `amount` of it has passed. */
function addBusinessTime(start: number, amount: number): number {
  let at = start;
  let left = amount;
  for (;;) {
    const next = dayStart(at) + DAY;
    if (!isWeekend(at)) {
      if (next - at >= left) return at + left;
      left -= next - at;
    }
    at = next;
  }
}

/** The same walked backwards: the latest start from which `amount` of business time has passed by `end`. */
function subtractBusinessTime(end: number, amount: number): number {
  let at = end;
  let left = amount;
  for (;;) {
    // The day `at` belongs to, taking a midnight as the end of the day before.
    const start = dayStart(at - 1);
    if (!isWeekend(start)) {
      if (at - start >= left) return at - left;
      left -= at - start;
    }
    at = start;
  }
}

/** When an item of this kind that has been open since `since` (epoch ms) becomes stuck. */
export function stuckAt(kind: ItemKind, since: number): number {
  switch (kind) {
    case 'gift_card':
      return since + DAY;
    case 'points_transfer':
      return addBusinessTime(since, TRANSFER_BUSINESS_TIME);
  }
}

/** Whether an item of this kind, open since `since`, is stuck at `now`. A start in the future is never stuck. */
export const isStuck = (kind: ItemKind, since: number, now: number): boolean =>
  Number.isFinite(since) && since <= now && now >= stuckAt(kind, since);

/**
 * The latest opening time that is stuck at `now`, for queries over many items of one kind: an item is stuck
 * exactly when it opened at or before this instant.
 */
export function stuckCutoff(kind: ItemKind, now: number): number {
  switch (kind) {
    case 'gift_card':
      return now - DAY;
    case 'points_transfer':
      return subtractBusinessTime(now, TRANSFER_BUSINESS_TIME);
  }
}
