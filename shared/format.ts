/**
 * How the desk writes amounts, points and times, in one place for main (messages, CSV, notifications) and the
 * renderer. Amounts always carry their currency and times their time zone (developers' guide, UI rules).
 */

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string, locale: string | undefined): Intl.NumberFormat | null {
  const key = `${locale ?? ''}|${currency}`;
  if (!moneyFormats.has(key)) {
    let format: Intl.NumberFormat | null = null;
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
    } catch {
      // Not an ISO-4217 code Intl knows: written as number and code below.
    }
    moneyFormats.set(key, format);
  }
  return moneyFormats.get(key)!;
}

/**
 * An amount with its ISO currency code, e.g. "USD 1,710.00" or "JPY 5,000" (the currency's own minor units).
 * Without a currency the amount says so rather than passing for one.
 */
export function formatMoney(
  amount: number | null | undefined,
  currency: string | null | undefined,
  locale?: string,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const code = currency?.trim().toUpperCase();
  if (!code) return `${plainNumber(amount, locale)} (currency unknown)`;
  const format = moneyFormat(code, locale);
  // Intl puts a no-break space between code and number; a plain space reads and copies the same everywhere.
  return format ? format.format(amount).replace(/\u00a0/g, ' ') : `${plainNumber(amount, locale)} ${code}`;
}

function plainNumber(amount: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** Whole points with grouping, e.g. "12,500 points". */
export function formatPoints(points: number, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(points)} ${points === 1 ? 'point' : 'points'}`;
}

/**
 * One date format for the whole desk, with the time zone named: "26 Nov 2026, 14:05 UTC". `timeZone` defaults
 * to the machine's; an unparseable value is shown as such, never passed off as a time.
 */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone?: string,
  locale?: string,
  options: { seconds?: boolean } = {},
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `unparseable date (${iso.slice(0, 40)})`;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** How long ago (or from now) an instant is, in days and hours: "3 h ago", "2 d 5 h ago", "in 12 min". */
export function formatRelative(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ms = now - at;
  if (Math.abs(ms) < 60_000) return 'just now';
  return ms > 0 ? `${formatDuration(ms)} ago` : `in ${formatDuration(-ms)}`;
}

/** A duration in days and hours (or minutes under an hour): "2 d 5 h", "3 h", "12 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}
