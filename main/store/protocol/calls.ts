import type { Namespace, Progress, StoreApi } from './api';

/**
 * How a call touches the store: a read; a write (named in a refusal on a read-only or damaged store, as what
 * could not be done); an export (writes a file of its own, so its faults name that file, never the store); or
 * control of the store itself.
 */
export type CallKind = { read: true } | { write: string } | { export: string } | { control: true };

/** A call whose last argument is a `Progress` stream: its reports cross the worker boundary as they happen. */
export type StreamKind = { export: string; streams: true };

type EndsInProgress<F> = F extends (...args: [...infer _A, infer Last]) => unknown
  ? Last extends Progress<infer _T>
    ? true
    : false
  : false;

const read = { read: true } as const;
const write = (what: string) => ({ write: what });
const exportTo = (what: string) => ({ export: what });
const exportStreaming = (what: string) => ({ export: what, streams: true }) as const;

/**
 * Every call of the protocol and its kind. The type makes it complete: a call added to `StoreApi` without a kind
 * here does not compile, and the worker answers nothing that is not listed.
 */
export const STORE_CALLS: {
  readonly [N in Namespace]: {
    readonly [M in keyof StoreApi[N]]: EndsInProgress<StoreApi[N][M]> extends true ? StreamKind : CallKind;
  };
} = {
  orders: {
    applyPage: write('save a page of order history'),
    cursor: read,
    saveCursor: write('save the sync position'),
    quarantined: read,
    count: read,
    query: read,
    findByReference: read,
    detail: read,
    upsert: write('cache the order'),
    exportCsv: exportStreaming('write the export'),
  },
  lookup: { search: read, near: read },
  placements: {
    create: write('journal the order (nothing was sent)'),
    change: write('update the placement journal'),
    reschedule: write('update the placement journal'),
    get: read,
    byReference: read,
    withReference: read,
    unfinished: read,
    openIds: read,
    recent: read,
    archive: write('archive the journal'),
  },
  intents: { similar: read },
  failures: {
    list: read,
    counts: read,
    count: read,
    exportCsv: exportTo('write the export'),
    correctPoints: write('record the points correction'),
  },
  ledger: { write: write('record the refund in the ledger'), entries: read },
  exports: { rows: exportTo('write the export'), template: exportTo('write the template') },
  notes: { add: write('save the note'), of: read, forOrders: read },
  audit: {
    append: write('write to the audit log'),
    latest: read,
    query: read,
    exportCsv: exportTo('write the export'),
  },
  state: { get: read, set: write('save the profile’s views and settings') },
  leases: { acquire: write('take the history sync lease'), release: write('release the history sync lease') },
  bulk: {
    create: write('save the bulk batch'),
    batch: read,
    batches: read,
    rows: read,
    row: read,
    rowsInState: read,
    setState: write('update the bulk batch'),
    updateRow: write('update the bulk batch'),
  },
  queues: { placements: read, stuck: read },
  members: { records: read, of: read },
  reconciliation: { period: read },
  catalogue: {
    replace: write('save the catalogue'),
    list: read,
    item: read,
    saveReferenceLists: write('save the reference lists'),
    referenceLists: read,
  },
  programs: { replace: write('save the loyalty programmes'), list: read, get: read },
  balance: {
    add: write('save the balance reading'),
    latest: read,
    readings: read,
    firstCurrency: read,
    recordAlert: write('record the balance alert'),
    clearAlert: write('clear the balance alert'),
    activeAlerts: read,
    lastRaised: read,
    alerts: read,
    unsettledPlacements: read,
  },
  cache: { health: { control: true }, verify: { control: true }, markCorrupt: { control: true } },
};

/** The kind of a call named on the wire, or null when the protocol has no such call. */
export function callKind(namespace: string, method: string): CallKind | StreamKind | null {
  const calls = Object.hasOwn(STORE_CALLS, namespace)
    ? (STORE_CALLS[namespace as Namespace] as Record<string, CallKind | StreamKind>)
    : null;
  return calls && Object.hasOwn(calls, method) ? calls[method]! : null;
}

export const streams = (kind: CallKind | StreamKind | null): kind is StreamKind =>
  kind !== null && 'streams' in kind;
