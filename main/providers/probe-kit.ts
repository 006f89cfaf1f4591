import type { ConformanceCheck } from '../../shared/conformance';
import type { Supplier } from '../../shared/domain';
import type { ItemState } from '../../shared/orders';
import { isSupplierError } from './supplier-error';
import type { ExchangeSpec, RawAnswer, SupplierHttp } from './supplier-http';
import type { TokenCache } from './token-cache';

/** Why a setting only a create shows was not checked. */
export const TEST_ORDER_ONLY = 'only a create shows it: run with --place-test-order';
/** How many pages of 100 orders the status check reads (the newest are often all still pending). */
export const STATUS_PAGES = 3;

/** A value as the probe prints it: strings bare, everything else as compact JSON. */
export const printable = (value: unknown): string =>
  value === null || value === undefined
    ? 'none'
    : typeof value === 'string'
      ? value || '(empty)'
      : JSON.stringify(value);

/** Collects one line per setting, in the order the probe asks, each setting once. */
export class Checks {
  readonly list: ConformanceCheck[] = [];

  constructor(private readonly supplier: Supplier) {}

  /** Observed equals configured (or the configured value is among those the supplier accepts). */
  match(setting: string, configured: unknown, note: string | null = null): void {
    this.add({
      setting,
      verdict: 'match',
      configured: printable(configured),
      observed: printable(configured),
      suggest: null,
      note,
    });
  }

  /** The supplier does otherwise; `suggested` is what to set (undefined: no value follows, fix by hand). */
  differs(
    setting: string,
    configured: unknown,
    observed: string,
    suggested?: unknown,
    note: string | null = null,
  ): void {
    this.add({
      setting,
      verdict: 'differs',
      configured: printable(configured),
      observed,
      suggest: suggested === undefined ? null : printable(suggested),
      ...(suggested === undefined ? {} : { suggestedValue: suggested }),
      note,
    });
  }

  /** Compares and records `match` or `differs` in one step. */
  compare(setting: string, configured: unknown, observed: unknown, note: string | null = null): void {
    if (JSON.stringify(configured) === JSON.stringify(observed)) this.match(setting, configured, note);
    else this.differs(setting, configured, printable(observed), observed, note);
  }

  notObservable(setting: string, configured: unknown, why: string): void {
    this.add({
      setting,
      verdict: 'not_observable',
      configured: printable(configured),
      observed: null,
      suggest: null,
      note: why,
    });
  }

  has(setting: string): boolean {
    return this.list.some((c) => c.setting === setting);
  }

  private add(check: Omit<ConformanceCheck, 'supplier'>): void {
    if (this.has(check.setting)) return;
    this.list.push({ supplier: this.supplier, ...check });
  }
}

/**
 * One raw exchange for the probe. A connection failure is an answer too (status 0, the reason in `text`), so one
 * unreachable path never ends the whole probe.
 */
export async function rawAnswer(
  http: SupplierHttp,
  spec: ExchangeSpec & { bearer?: TokenCache },
): Promise<RawAnswer> {
  try {
    return await http.raw(spec);
  } catch (error) {
    if (!isSupplierError(error)) throw error;
    return { status: 0, headers: {}, text: error.message, body: undefined };
  }
}

export const isOk = (answer: RawAnswer) => answer.status >= 200 && answer.status < 300;
/** The route exists (anything but 404/405 and a connection failure). */
export const routeExists = (answer: RawAnswer) =>
  answer.status !== 0 && answer.status !== 404 && answer.status !== 405;

/** The first candidate for which `test` holds, trying them in order (each at most once). */
export async function firstThat<T>(
  candidates: readonly T[],
  test: (candidate: T) => Promise<boolean>,
): Promise<T | null> {
  for (const candidate of unique(candidates)) if (await test(candidate)) return candidate;
  return null;
}

export const unique = <T>(values: readonly T[]): T[] =>
  values.filter((v, i) => values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field names only (never values): what a redacted report may say about a record. */
export const keysOf = (value: unknown): string =>
  isRecord(value) ? Object.keys(value).sort().join(', ') : typeof value;

/** Item state a supplier's status word most likely means, by common spellings; null when unsure. */
export function likelyState(status: string): Exclude<ItemState, 'unknown'> | null {
  const word = status.toLowerCase().replace(/[\s_-]/g, '');
  const table: Array<[Exclude<ItemState, 'unknown'>, string[]]> = [
    [
      'fulfilled',
      [
        'fulfilled',
        'fulfiled',
        'completed',
        'complete',
        'success',
        'succeeded',
        'successful',
        'delivered',
        'done',
        'issued',
      ],
    ],
    ['cancelled', ['cancelled', 'canceled', 'void', 'voided', 'revoked']],
    ['failed', ['failed', 'failure', 'error', 'errored', 'rejected', 'declined', 'partiallycomplete']],
    ['processing', ['processing', 'inprogress', 'submitted', 'started', 'running']],
    ['pending', ['pending', 'queued', 'new', 'created', 'accepted', 'received']],
  ];
  return table.find(([, words]) => words.includes(word))?.[0] ?? null;
}

/** A status table with the unknown words added where `likelyState` places them; null when one cannot be placed. */
export function extendStatuses(
  table: Record<string, readonly string[]>,
  unknown: readonly string[],
): Record<string, string[]> | null {
  const next = Object.fromEntries(Object.entries(table).map(([state, names]) => [state, [...names]]));
  for (const word of unknown) {
    const state = likelyState(word);
    if (!state || !next[state]) return null;
    next[state].push(word);
  }
  return next;
}

/** Header names the supplier may carry its request id under, most common first. */
export const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-amzn-requestid',
  'x-trace-id',
];

/** Which request-id header the answers carried, compared with the configured list. */
export function checkRequestIdHeader(checks: Checks, configured: string[], answers: RawAnswer[]): void {
  const seen = REQUEST_ID_HEADERS.filter((name) => answers.some((a) => typeof a.headers[name] === 'string'));
  if (seen.length === 0) {
    checks.notObservable('requestIdHeaders', configured, 'no answer carried a request-id header');
  } else if (seen.some((name) => configured.includes(name))) checks.match('requestIdHeaders', configured);
  else checks.differs('requestIdHeaders', configured, seen.join(', '), [seen[0]!]);
}
