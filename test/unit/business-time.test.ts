import { describe, expect, it } from 'vitest';
import { businessDaysAfter, businessDaysBefore } from '../../shared/business-time';
import { isStuck, stuckAt } from '../../shared/stuck';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('business days (Monday to Friday, no holidays, in the programme’s time zone)', () => {
  it('five business days from a Tuesday afternoon end the next Tuesday afternoon', () => {
    expect(iso(businessDaysAfter(at('2026-11-24T15:00:00Z'), 5, null))).toBe('2026-12-01T15:00:00.000Z');
  });

  it('a weekend does not count: from Friday afternoon the horizon is the next Friday afternoon', () => {
    expect(iso(businessDaysAfter(at('2026-11-27T15:00:00Z'), 5, null))).toBe('2026-12-04T15:00:00.000Z');
  });

  it('a transfer made on a Saturday starts counting on Monday and is due as Friday ends', () => {
    expect(iso(businessDaysAfter(at('2026-11-28T10:00:00Z'), 5, null))).toBe('2026-12-05T00:00:00.000Z');
  });

  it('counts in the programme’s zone: Saturday in Singapore is still Friday in UTC', () => {
    // 2026-11-27T20:00Z is Saturday 04:00 in Singapore (UTC+8): counting starts Monday 00:00 there.
    const start = at('2026-11-27T20:00:00Z');
    expect(iso(businessDaysAfter(start, 5, 'Asia/Singapore'))).toBe('2026-12-04T16:00:00.000Z');
    // In UTC the same instant is Friday evening: 4 h of Friday count, so it is due earlier.
    expect(iso(businessDaysAfter(start, 5, null))).toBe('2026-12-04T20:00:00.000Z');
  });

  it('follows a zone across a daylight-saving change (New York, early November)', () => {
    // Friday 2026-10-30 12:00 EDT (16:00Z); the clocks go back on Sunday 1 November; due Friday 12:00 EST.
    expect(iso(businessDaysAfter(at('2026-10-30T16:00:00Z'), 5, 'America/New_York'))).toBe(
      '2026-11-06T17:00:00.000Z',
    );
  });

  it('an unknown zone name counts as UTC, never a crash', () => {
    const start = at('2026-11-24T15:00:00Z');
    expect(businessDaysAfter(start, 5, 'Mars/Olympus')).toBe(businessDaysAfter(start, 5, null));
  });

  it('walking back gives the latest start that is due by then', () => {
    const end = at('2026-12-04T16:00:00Z');
    const start = businessDaysBefore(end, 5, 'Asia/Singapore');
    expect(businessDaysAfter(start, 5, 'Asia/Singapore')).toBe(end);
  });
});

describe('stuck horizons', () => {
  it('a gift card is stuck after 24 hours; a transfer not before five business days', () => {
    const since = at('2026-11-26T09:00:00Z');
    expect(isStuck('gift_card', since, since + 24 * 3_600_000)).toBe(true);
    expect(isStuck('points_transfer', since, since + 6 * 24 * 3_600_000)).toBe(false);
    expect(iso(stuckAt('points_transfer', since))).toBe('2026-12-03T09:00:00.000Z');
    expect(isStuck('points_transfer', since, at('2026-12-03T09:00:00Z'))).toBe(true);
  });

  it('a start in the future (a clock that was wrong) is never stuck', () => {
    expect(isStuck('points_transfer', at('2027-01-01T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBe(false);
  });
});
