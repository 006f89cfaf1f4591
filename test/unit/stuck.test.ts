import { describe, expect, it } from 'vitest';
import { isStuck, stuckAt, stuckCutoff } from '../../shared/stuck';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('when an item is stuck', () => {
  it('a gift card after 24 hours, to the millisecond', () => {
    const since = at('2026-11-23T10:00:00Z');
    expect(isStuck('gift_card', since, since + 24 * HOUR - 1)).toBe(false);
    expect(isStuck('gift_card', since, since + 24 * HOUR)).toBe(true);
    expect(stuckCutoff('gift_card', since + 24 * HOUR)).toBe(since);
  });

  it.each([
    ['a Monday', '2026-11-23T10:00:00Z', '2026-11-30T10:00:00Z'],
    ['a Wednesday', '2026-11-25T10:00:00Z', '2026-12-02T10:00:00Z'],
    ['a Friday', '2026-11-27T10:00:00Z', '2026-12-04T10:00:00Z'],
    // A weekend start counts from Monday 00:00 UTC: five full business days end Friday at midnight.
    ['a Saturday', '2026-11-28T10:00:00Z', '2026-12-05T00:00:00Z'],
    ['a Sunday', '2026-11-29T23:00:00Z', '2026-12-05T00:00:00Z'],
  ])('a points transfer made on %s is stuck 5 business days later', (_day, start, due) => {
    expect(new Date(stuckAt('points_transfer', at(start))).toISOString()).toBe(new Date(due).toISOString());
    expect(isStuck('points_transfer', at(start), at(due) - 1)).toBe(false);
    expect(isStuck('points_transfer', at(start), at(due))).toBe(true);
  });

  it('the cutoff is exact: stuck exactly when the item opened at or before it', () => {
    const now = at('2026-12-01T09:30:00Z');
    for (const kind of ['gift_card', 'points_transfer'] as const) {
      const cutoff = stuckCutoff(kind, now);
      // Every hour over three weeks before now: the cutoff splits stuck from not stuck without exception.
      for (let since = now - 21 * 24 * HOUR; since <= now; since += HOUR / 4) {
        expect(isStuck(kind, since, now), `${kind} since ${new Date(since).toISOString()}`).toBe(
          since <= cutoff,
        );
      }
    }
  });

  it('an item stamped in the future is never stuck', () => {
    const now = at('2026-11-23T10:00:00Z');
    expect(isStuck('gift_card', now + 48 * HOUR, now)).toBe(false);
    expect(isStuck('points_transfer', Number.NaN, now)).toBe(false);
  });
});
