import { businessDaysAfter, businessDaysBefore } from './business-time';
import type { ItemKind } from './orders';
import { TRANSFER_BUSINESS_DAYS } from './transfers';

export type { ItemKind };

/**
 * When an item still pending or processing is stuck: the one place that knows each kind's horizon. A gift card
 * is stuck after 24 hours (outcomes can take a day, CONFIRMED); a points transfer after 5 business days in its
 * programme's time zone, else UTC (some transfers take that long, CONFIRMED, api-notes §17).
 */
const DAY = 24 * 3_600_000;

export const STUCK_HORIZON_TEXT: Record<ItemKind, string> = {
  gift_card: '24 h',
  points_transfer: `${TRANSFER_BUSINESS_DAYS} business days`,
};

/** When an item of this kind that has been open since `since` (epoch ms) becomes stuck. */
export function stuckAt(kind: ItemKind, since: number, timeZone: string | null = null): number {
  switch (kind) {
    case 'gift_card':
      return since + DAY;
    case 'points_transfer':
      return businessDaysAfter(since, TRANSFER_BUSINESS_DAYS, timeZone);
  }
}

/** Whether an item of this kind, open since `since`, is stuck at `now`. A start in the future is never stuck. */
export const isStuck = (
  kind: ItemKind,
  since: number,
  now: number,
  timeZone: string | null = null,
): boolean => Number.isFinite(since) && since <= now && now >= stuckAt(kind, since, timeZone);

/**
 * The latest opening time that is stuck at `now`, for queries over many items of one kind: an item is stuck
 * exactly when it opened at or before this instant (in UTC business time for transfers; a caller with the
 * programme's zone confirms each with `isStuck`).
 */
export function stuckCutoff(kind: ItemKind, now: number, timeZone: string | null = null): number {
  switch (kind) {
    case 'gift_card':
      return now - DAY;
    case 'points_transfer':
      return businessDaysBefore(now, TRANSFER_BUSINESS_DAYS, timeZone);
  }
}
