/**
 * Business time: Monday to Friday, no holidays (the desk knows none), counted in a programme's time zone where
 * known, else UTC. A transfer made on a weekend starts counting on Monday at midnight; five business days from a
 * Saturday end as Friday ends. Holidays unknown to the desk make a transfer due over one look due a day early,
 * never late.
 */

const DAY = 24 * 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A zone's formatter, or null for UTC and for a name the platform does not know (counted as UTC). */
function formatter(timeZone: string | null): Intl.DateTimeFormat | null {
  if (!timeZone || timeZone === 'UTC') return null;
  let cached = formatters.get(timeZone);
  if (cached === undefined) {
    try {
      cached = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      cached = null;
    }
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
function offset(at: number, zone: Intl.DateTimeFormat | null): number {
  if (!zone) return 0;
  const part = Object.fromEntries(zone.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

const isWeekend = (local: number) => {
  const day = new Date(local).getUTCDay();
  return day === 0 || day === 6;
};
const dayStart = (local: number) => local - (((local % DAY) + DAY) % DAY);

/** The instant at which `days` business days have passed since `since`, in the zone (UTC when unknown). */
export function businessDaysAfter(since: number, days: number, timeZone: string | null): number {
  const zone = formatter(timeZone);
  // Walked on the zone's wall clock, where every day has 24 hours; converted back at the end.
  let at = since + offset(since, zone);
  let left = days * DAY;
  for (;;) {
    const next = dayStart(at) + DAY;
    if (!isWeekend(at)) {
      if (next - at >= left) {
        at += left;
        break;
      }
      left -= next - at;
    }
    at = next;
  }
  const guess = at - offset(since, zone);
  return at - offset(guess, zone);
}

/** The same walked backwards: the latest start from which `days` business days have passed by `end`. */
export function businessDaysBefore(end: number, days: number, timeZone: string | null): number {
  const zone = formatter(timeZone);
  let at = end + offset(end, zone);
  let left = days * DAY;
  for (;;) {
    // The day `at` belongs to, taking a midnight as the end of the day before.
    const start = dayStart(at - 1);
    if (!isWeekend(start)) {
      if (at - start >= left) {
        at -= left;
        break;
      }
      left -= at - start;
    }
    at = start;
  }
  const guess = at - offset(end, zone);
  return at - offset(guess, zone);
}
