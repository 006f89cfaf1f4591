/**
 * The store protocol, declared once: every call a service may make on a profile's store, by namespace, with the
 * desk's own types. The SQLite engine implements `StoreApi` synchronously (in its worker thread, or inline in
 * tests); services hold a `Store`, the same calls answering promises, so a second implementation (the team's
 * PostgreSQL store) implements `Store` directly and no service changes.
 */
import type { AuditEntry, AuditFilter, AuditPage } from '../../../shared/audit';
import type { BalanceAlert, BalanceSnapshot, NewBalanceAlert } from '../../../shared/balance';
import type { BulkBatch, BulkBatchState, BulkRow, BulkRowState } from '../../../shared/bulk';
import type { CatalogueEntry, CatalogueItem, Option, ReferenceListName } from '../../../shared/catalogue';
import type { Supplier } from '../../../shared/domain';
import type { FailureFilter, FailureRow, PointsCorrection } from '../../../shared/failures';
import type { CacheHealth } from '../../../shared/health';
import type {
  ExportProgress,
  HistoryFilter,
  HistoryOrderDetail,
  HistoryPage,
  HistoryQuery,
  HistoryRow,
  QuarantineReply,
} from '../../../shared/history';
import type { NearMatch } from '../../../shared/lookup';
import type { OrderNote } from '../../../shared/notes';
import type { SupplierOrder } from '../../../shared/orders';
import type { Placement, PlacementOrder, PlacementState } from '../../../shared/placement';
import type { PerCurrency, RefundEntry } from '../../../shared/refunds';
import type { LoyaltyProgram, ProgramEntry } from '../../../shared/transfers';
import type { CsvRowOf, CsvTableName } from '../csv-export';
import type {
  FailureSubset,
  NewPlacement,
  NewRefundEntry,
  OpenItem,
  PeriodOrder,
  PeriodPlacement,
  PlacementBrief,
  PlacementChange,
  QuarantineEntry,
  QueuePage,
  RowChange,
  StoredFailure,
  SyncCursor,
  UnsettledPlacement,
} from './records';

export type * from './records';

/** A call's progress reports: a stream the caller listens to while the call runs (exports of 100k rows). */
export type Progress<T> = (update: T) => void;

export interface OrdersApi {
  /**
   * One synced page and the cursor after it, in one transaction: after a crash either both are there or
   * neither. Unreadable orders go to the quarantine; orders read fine leave it. Returns the cursor saved.
   */
  applyPage(
    supplier: Supplier,
    orders: SupplierOrder[],
    cursor: SyncCursor,
    syncedAt: string,
    unreadable?: readonly QuarantineEntry[],
  ): SyncCursor;
  cursor(supplier: Supplier): SyncCursor;
  saveCursor(cursor: SyncCursor): void;
  /** The orders a sync could not read, newest first (capped), and how many there are. */
  quarantined(limit?: number): QuarantineReply;
  count(): number;
  query(query: HistoryQuery): HistoryPage;
  findByReference(reference: string): HistoryRow[];
  detail(id: number): HistoryOrderDetail | null;
  /** Orders from a supplier read (lookup, refresh), written like synced ones. */
  upsert(orders: SupplierOrder[], syncedAt: string): void;
  /** The filtered history to a CSV file, as one consistent snapshot, reporting progress as it goes. */
  exportCsv(
    file: string,
    filter: HistoryFilter,
    sort: HistoryQuery['sort'],
    exportId: string,
    progress: Progress<ExportProgress>,
  ): ExportProgress;
}

export interface LookupMatches {
  orders: Array<{ order: HistoryOrderDetail; match: 'exact' | 'prefix' }>;
  placements: Array<{ placement: Placement; match: 'exact' | 'prefix' }>;
}

export interface LookupApi {
  /** The matching orders in full and the matching placements; a placement's order joins it in the result. */
  search(text: string, limit: number): LookupMatches;
  /** References close to a typed one (a typo, or the one a longer text starts with): before "not found". */
  near(text: string, limit?: number): NearMatch[];
}

export interface PlacementsApi {
  /** Journals a new placement and its audit line in one transaction (durable before anything is sent). */
  create(input: NewPlacement): { placement: Placement; created: boolean };
  /** A transition, its timeline line and its audit line, in one transaction. */
  change(id: number, change: PlacementChange): Placement;
  reschedule(id: number, nextCheckAt: string): void;
  get(id: number): Placement | null;
  byReference(supplier: Supplier, reference: string): Placement | null;
  /** Every placement under a reference, whichever supplier: the reference-hygiene check. */
  withReference(reference: string): Placement[];
  /** Placements not finished (in flight, in doubt or waiting for Ops). */
  unfinished(): Placement[];
  openIds(): number[];
  recent(limit?: number): Placement[];
  /** Copies the journal, audit log, failure handling and ledger into a new file; never overwrites one. */
  archive(
    file: string,
    meta: { profileId: string; profileName: string; archivedAt: string; agent: string },
  ): void;
}

export interface IntentQuery {
  memberId: string | null;
  email: string | null;
  phone: string | null;
  productId: string;
  value: number;
  since: string;
  inDoubtStates: readonly string[];
}

export interface IntentsApi {
  /** The duplicate-intent guard's evidence: the member's recent or in-doubt placements and cached orders. */
  similar(query: IntentQuery): { placements: Placement[]; orders: HistoryRow[] };
}

export interface FailuresApi {
  /** Failures with the latest points correction of each order they belong to. */
  list(
    filter: FailureFilter,
    limit: number,
    offset?: number,
    only?: FailureSubset,
  ): { rows: StoredFailure[]; corrections: Record<string, PointsCorrection> };
  /** How many refunds are owed and not recorded, and how many items are in an unknown status. */
  counts(): { refundOwed: number; unknownStatus: number };
  count(filter: FailureFilter, only?: FailureSubset): number;
  /** Failures as the service priced them, to a CSV file. */
  exportCsv(file: string, rows: FailureRow[]): ExportProgress;
  /** An agent's correction of the points an order owes, audited in the same transaction; null: no such row. */
  correctPoints(
    key: string,
    correction: { points: number; reason: string; agent: string; at: string },
  ): StoredFailure | null;
}

export interface LedgerApi {
  /**
   * A ledger entry and its audit line in one transaction; a second recording (or a reversal of nothing, or a
   * transaction id recorded for another order) is refused with who and when. Null: no such refund owed.
   */
  write(entry: NewRefundEntry): RefundEntry | null;
  /** Recordings standing now, written in [from, to), and the reversals written then. */
  entries(from?: string, to?: string): { standing: RefundEntry[]; reopened: RefundEntry[] };
}

export interface ExportsApi {
  /** Any table of rows a service built, to a CSV file (refunds, bulk results, reconciliation). */
  rows<K extends CsvTableName>(file: string, table: K, rows: Array<CsvRowOf<K>>): ExportProgress;
  /** A CSV of a header and rows of plain text (the bulk templates). */
  template(file: string, header: string[], rows: string[][]): ExportProgress;
}

export interface NotesApi {
  /** A note and its audit line, in one transaction. */
  add(note: Omit<OrderNote, 'id'>): OrderNote;
  of(supplier: Supplier, reference: string): OrderNote[];
  forOrders(orders: Array<{ supplier: Supplier; reference: string }>, memberId?: string | null): OrderNote[];
}

export interface AuditApi {
  append(agent: string, action: string, subject: string | null, details?: unknown, at?: string): void;
  latest(limit?: number): AuditEntry[];
  query(filter: AuditFilter, offset: number, limit: number): Omit<AuditPage, 'offset'>;
  exportCsv(file: string, filter: AuditFilter): ExportProgress;
}

export interface StateApi {
  /** What the profile remembers under a key (saved views, the sync's pause), or null. */
  get(key: string): unknown;
  set(key: string, value: unknown, at: string): void;
}

export interface LeasesApi {
  /** Takes or renews a named lease until `until`; answers who holds it afterwards. */
  acquire(
    name: string,
    holder: string,
    until: string,
    now: string,
  ): { acquired: boolean; holder: string; expiresAt: string };
  release(name: string, holder: string): void;
}

export interface NewBulkBatch {
  supplier: Supplier;
  fileName: string;
  totals: PerCurrency;
  agent: string;
  at: string;
}

export interface BulkApi {
  /** A validated batch and its rows, audited in the same transaction. */
  create(batch: NewBulkBatch, rows: Array<{ line: number; order: PlacementOrder }>): BulkBatch;
  batch(id: number): BulkBatch | null;
  batches(limit?: number): BulkBatch[];
  rows(batchId: number): BulkRow[];
  row(batchId: number, line: number): BulkRow | null;
  rowsInState(batchId: number, states: BulkRowState[], limit: number): BulkRow[];
  /** A batch's state; with `audit`, the agent's action is written to the audit log in the same transaction. */
  setState(
    id: number,
    state: BulkBatchState,
    lastError: string | null,
    at: string,
    audit?: { agent: string; action: string; details?: unknown },
  ): BulkBatch;
  updateRow(batchId: number, line: number, change: RowChange, at: string, expect?: BulkRowState[]): BulkRow;
}

export interface QueuesApi {
  placements(states: readonly PlacementState[], page: QueuePage): { rows: PlacementBrief[]; total: number };
  stuck(cutoffs: Record<string, string>, page: QueuePage): { rows: OpenItem[]; total: number };
}

export interface MembersApi {
  /** A member's placements and cached orders (in full), by member id or recipient email. */
  records(member: { memberId: string | null; email: string | null }): {
    placements: PlacementBrief[];
    orders: HistoryOrderDetail[];
  };
  /** Who a reference, order id or member id belongs to, when the cache or journal knows. */
  of(text: string): { memberId: string | null; email: string | null } | null;
}

export interface ReconciliationApi {
  /** One period's history and journal, each placement's foreign orders limited to those not cached. */
  period(from: string, to: string): { orders: PeriodOrder[]; placements: PeriodPlacement[] };
}

export interface CatalogueApi {
  /** Replaces a supplier's catalogue (keeping `keep`); answers how many items vanished. */
  replace(supplier: Supplier, items: CatalogueItem[], fetchedAt: string, keep?: string[]): number;
  list(): CatalogueEntry[];
  item(supplier: Supplier, id: string): CatalogueEntry | null;
  saveReferenceLists(lists: Partial<Record<ReferenceListName, Option[]>>, fetchedAt: string): void;
  referenceLists(): Partial<Record<ReferenceListName, Option[]>>;
}

export interface ProgramsApi {
  replace(programs: LoyaltyProgram[], fetchedAt: string, keep?: string[]): number;
  list(): ProgramEntry[];
  get(id: string): ProgramEntry | null;
}

export interface BalanceApi {
  add(snapshot: BalanceSnapshot): void;
  latest(): BalanceSnapshot | null;
  readings(sinceIso: string): BalanceSnapshot[];
  firstCurrency(): string | null;
  recordAlert(alert: NewBalanceAlert): BalanceAlert;
  clearAlert(id: number, at: string, reason: string): boolean;
  activeAlerts(): BalanceAlert[];
  lastRaised(): Record<string, string>;
  alerts(limit?: number): BalanceAlert[];
  unsettledPlacements(): UnsettledPlacement[];
}

export interface CacheApi {
  /** What the agent is told about this store: read-only, damaged, disk full, or fine; and its durability. */
  health(): CacheHealth;
  /** The full check (every page, every index): minutes on a huge cache, so only ever after the first screen. */
  verify(): CacheHealth;
  /** Latches a damage found elsewhere (the full check runs on its own connection). */
  markCorrupt(problem: string): void;
}

export interface StoreApi {
  orders: OrdersApi;
  lookup: LookupApi;
  placements: PlacementsApi;
  intents: IntentsApi;
  failures: FailuresApi;
  ledger: LedgerApi;
  exports: ExportsApi;
  notes: NotesApi;
  audit: AuditApi;
  state: StateApi;
  leases: LeasesApi;
  bulk: BulkApi;
  queues: QueuesApi;
  members: MembersApi;
  reconciliation: ReconciliationApi;
  catalogue: CatalogueApi;
  programs: ProgramsApi;
  balance: BalanceApi;
  cache: CacheApi;
}

export type Namespace = keyof StoreApi;
export type CallName<N extends Namespace> = keyof StoreApi[N] & string;

type Remote<T> = {
  [M in keyof T]: T[M] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A deleted profile's journal, as archived: who it was and when it went. */
export interface ArchiveInfo {
  file: string;
  profileId: string;
  profileName: string;
  archivedAt: string;
}

/** The journals of deleted profiles, searched like the live journal (Lookup answers for a profile that is gone). */
export interface ArchiveSearch {
  search(
    text: string,
    limit: number,
  ): Array<{ archive: ArchiveInfo; placement: Placement; match: 'exact' | 'prefix' }>;
  close(): void;
}

/** What services hold: every protocol call answering a promise, and the store's close. */
export type Store = { [N in Namespace]: Remote<StoreApi[N]> } & { close(): Promise<void> };
