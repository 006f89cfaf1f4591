import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { PROVIDER_TRAITS } from '../../shared/provider-traits';
import type { Supplier } from '../../shared/domain';
import type {
  QuarantineReply,
  ExportProgress,
  HistoryFilter,
  HistoryOrderDetail,
  HistoryPage,
  HistoryQuery,
  HistoryRow,
} from '../../shared/history';
import type { SupplierOrder } from '../../shared/orders';
import type { Placement } from '../../shared/placement';
import {
  correctionSubject,
  type FailureFilter,
  type FailureRow,
  type PointsCorrection,
} from '../../shared/failures';
import type { CatalogueEntry, CatalogueItem, Option, ReferenceListName } from '../../shared/catalogue';
import type { BalanceAlert, BalanceSnapshot, NewBalanceAlert } from '../../shared/balance';
import { editDistance, type NearMatch } from '../../shared/lookup';
import type { AuditFilter } from '../../shared/audit';
import type { BulkBatch, BulkBatchState, BulkRow, BulkRowState } from '../../shared/bulk';
import { formatDateTime } from '../../shared/format';
import type { OrderNote } from '../../shared/notes';
import type { PlacementState } from '../../shared/placement';
import type { RefundEntry } from '../../shared/refunds';
import { AuditLog, type AuditEntry } from './audit-log';
import { BulkStore, type RowChange } from './bulk-store';
import { OrderNotes } from './order-notes';
import { ProfileState } from './profile-state';
import { ReconciliationQueries } from './reconciliation-queries';
import { RefundLedger, type NewRefundEntry } from './refund-ledger';
import { WorkQueries, type QueuePage } from './work-queries';
import { BalanceStore, type UnsettledPlacement } from './balance-store';
import { CatalogueStore } from './catalogue-store';
import type { LoyaltyProgram, ProgramEntry } from '../../shared/transfers';
import {
  AUDIT_TABLE,
  CSV_TABLES,
  FAILURES_TABLE,
  HISTORY_TABLE,
  writeCsv,
  type CsvRowOf,
  type CsvTable,
  type CsvTableName,
  neutralise,
} from './csv-export';
import { FailuresStore, type FailureSubset, type StoredFailure } from './failures-store';
import type { CacheHealth } from '../../shared/health';
import { corrupt, namedFault } from './fault-errors';
import { LATEST_SCHEMA, openCache, type CacheAccess } from './open-database';
import { OrdersStore } from './orders-store';
import { PlacementsStore, type NewPlacement, type PlacementChange } from './placements-store';
import { QuarantineStore, type QuarantineEntry } from './quarantine-store';
import { SyncCursors, type SyncCursor } from './sync-cursors';

/** What a deleted profile leaves behind, readable in Lookup. */
export const ARCHIVED_TABLES = [
  'placements',
  'placement_events',
  'placement_revisions',
  'audit_log',
  'failure_handling',
  'points_corrections',
  'refund_ledger',
  'order_notes',
] as const;

/** Failure states that owe the member a refund, and so may be recorded in the ledger. */
const OWING = new Set(['failed', 'cancelled', 'not_ours']);

/**
 * Everything the desk does with one profile's cache, as plain synchronous calls on plain data, so it can run
 * in a worker thread (the desk's default: a single writer off the main thread) or inline (tests).
 */
export class StoreEngine {
  private readonly db: Database.Database;
  private readonly access: CacheAccess;
  /** Set once the cache is known to be damaged: from then on nothing is written to it (and so nothing sent). */
  private damage: string | null = null;
  /** The last write the disk refused for want of space, until a write succeeds again. */
  private diskFull: AppError | null = null;
  private readonly orders: OrdersStore;
  private readonly cursors: SyncCursors;
  private readonly auditLog: AuditLog;
  private readonly placements: PlacementsStore;
  private readonly failures: FailuresStore;
  private readonly catalogue: CatalogueStore;
  private readonly balances: BalanceStore;
  private readonly quarantine: QuarantineStore;
  private readonly ledger: RefundLedger;
  private readonly notes: OrderNotes;
  private readonly state: ProfileState;
  private readonly bulk: BulkStore;
  private readonly work: WorkQueries;
  private readonly recon: ReconciliationQueries;
  private readonly newest: Database.Statement;
  private readonly nearOrders: Database.Statement;
  private readonly nearPlacements: Database.Statement;

  constructor(private readonly file: string) {
    ({ db: this.db, access: this.access } = openCache(file));
    this.orders = new OrdersStore(this.db);
    this.cursors = new SyncCursors(this.db);
    this.auditLog = new AuditLog(this.db);
    this.placements = new PlacementsStore(this.db);
    this.failures = new FailuresStore(this.db);
    this.catalogue = new CatalogueStore(this.db);
    this.balances = new BalanceStore(this.db);
    this.quarantine = new QuarantineStore(this.db);
    this.ledger = new RefundLedger(this.db);
    this.notes = new OrderNotes(this.db);
    this.state = new ProfileState(this.db);
    this.bulk = new BulkStore(this.db);
    this.work = new WorkQueries(this.db);
    this.recon = new ReconciliationQueries(this.db);
    this.newest = this.db.prepare('SELECT max(created_at) AS newest FROM orders WHERE supplier = ?');
    // The references sorted next to the typed one (same first three characters), a bounded scan each side on
    // the reference index: a typo past the first characters sorts close by, and the check never reads the
    // whole cache.
    const near = (table: string) =>
      this.db.prepare(`SELECT * FROM (SELECT id, supplier, reference FROM ${table}
        WHERE reference >= @text AND reference < @upper ORDER BY reference LIMIT 400)
        UNION ALL SELECT * FROM (SELECT id, supplier, reference FROM ${table}
        WHERE reference < @text AND reference >= @prefix ORDER BY reference DESC LIMIT 400)`);
    this.nearOrders = near('orders');
    this.nearPlacements = near('placements');
  }

  /**
   * One synced page and the cursor after it, in one transaction: after a crash either both are there or
   * neither. The page's unreadable orders go to the quarantine; orders read fine leave it. Completing a run moves
   * the watermark to the newest order cached. Returns the cursor saved.
   */
  applyPage(
    supplier: Supplier,
    orders: SupplierOrder[],
    cursor: SyncCursor,
    syncedAt: string,
    unreadable: readonly QuarantineEntry[] = [],
  ): SyncCursor {
    return this.db.transaction(() => {
      this.orders.upsert(orders, syncedAt);
      this.quarantine.clear(
        supplier,
        orders.map((o) => o.id),
      );
      this.quarantine.add(supplier, unreadable, syncedAt);
      const saved =
        cursor.status === 'done'
          ? {
              ...cursor,
              watermark: (this.newest.get(supplier) as { newest: string | null }).newest ?? cursor.watermark,
            }
          : cursor;
      this.cursors.save(saved);
      return saved;
    })();
  }

  cursor(supplier: Supplier): SyncCursor {
    return this.cursors.get(supplier);
  }

  saveCursor(cursor: SyncCursor): void {
    this.cursors.save(cursor);
  }

  /** The orders a sync could not read, newest first (capped), and how many there are. */
  quarantined(limit = 200): QuarantineReply {
    return this.quarantine.list(limit);
  }

  countOrders(): number {
    return this.orders.count();
  }

  query(query: HistoryQuery): HistoryPage {
    return this.orders.query(query);
  }

  findByReference(reference: string): HistoryRow[] {
    return this.orders.findByReference(reference);
  }

  detail(id: number): HistoryOrderDetail | null {
    return this.orders.detail(id);
  }

  exportCsv(
    file: string,
    filter: HistoryFilter,
    sort: HistoryQuery['sort'],
    exportId: string,
    report: (progress: ExportProgress) => void = () => {},
  ): ExportProgress {
    // One read transaction: the export is a consistent snapshot even while sync keeps writing.
    return this.db.transaction(() =>
      writeCsv(
        file,
        HISTORY_TABLE,
        this.orders.iterate(filter, sort),
        this.orders.countMatching(filter),
        exportId,
        report,
      ),
    )();
  }

  /** Journals a new placement and its audit line in one transaction (durable before anything is sent). */
  placementCreate(input: NewPlacement): { placement: Placement; created: boolean } {
    return this.db.transaction(() => {
      const result = this.placements.create(input);
      if (result.created) {
        this.auditLog.append(
          input.agent,
          'placement journaled',
          input.reference,
          {
            supplier: input.supplier,
            placementId: result.placement.id,
            memberId: input.memberId,
            ...(input.intentOverride ? { intentOverride: input.intentOverride } : {}),
          },
          input.at,
        );
      }
      return result;
    })();
  }

  /** A transition, its timeline line and its audit line, in one transaction. */
  placementChange(id: number, change: PlacementChange): Placement {
    return this.db.transaction(() => {
      const placement = this.placements.change(id, change);
      if (change.audit) {
        this.auditLog.append(
          change.audit.agent,
          change.audit.action,
          placement.reference,
          {
            placementId: id,
            state: placement.state,
            ...change.audit.details,
          },
          change.at,
        );
      }
      return placement;
    })();
  }

  /** Every placement under a reference, whichever supplier: the reference-hygiene check. */
  placementsWithReference(reference: string): Placement[] {
    return this.placements.withReference(reference);
  }

  /** The duplicate-intent guard's evidence: the member's recent or in-doubt placements and cached orders. */
  similarIntents(query: {
    memberId: string | null;
    email: string | null;
    phone: string | null;
    productId: string;
    value: number;
    since: string;
    inDoubtStates: readonly string[];
  }): { placements: Placement[]; orders: HistoryRow[] } {
    return {
      placements: this.placements.forMember(
        { memberId: query.memberId, email: query.email, sms: query.phone },
        query.since,
        query.inDoubtStates,
      ),
      orders: this.orders.similar(query, query.productId, query.value, query.since),
    };
  }

  /**
   * References in the cache and the journal close to a typed one: the same first three characters and at most
   * two characters off (a typo), or the one a longer text starts with. Shown before "not found anywhere".
   */
  nearReferences(text: string, limit = 8): NearMatch[] {
    if (text.length < 3) return [];
    const range = { text, prefix: text.slice(0, 3), upper: `${text.slice(0, 3)}\u{10FFFF}` };
    type Row = { id: number; supplier: Supplier; reference: string };
    const orders = this.nearOrders.all(range) as Row[];
    const placements = this.nearPlacements.all(range) as Row[];
    const close = (reference: string) =>
      reference !== text &&
      (editDistance(reference, text) <= 2 ||
        (text.startsWith(reference) && text.length - reference.length <= 3));
    const matches: NearMatch[] = [
      ...placements
        .filter((p) => close(p.reference))
        .map((p) => ({
          source: 'journal' as const,
          supplier: p.supplier,
          reference: p.reference,
          placementId: p.id,
          orderId: null,
        })),
      ...orders
        .filter((o) => close(o.reference))
        .map((o) => ({
          source: 'cache' as const,
          supplier: o.supplier,
          reference: o.reference,
          placementId: null,
          orderId: o.id,
        })),
    ];
    const seen = new Set<string>();
    return matches
      .filter((m) => !seen.has(`${m.supplier}:${m.reference}`) && seen.add(`${m.supplier}:${m.reference}`))
      .sort((a, b) => editDistance(a.reference, text, 3) - editDistance(b.reference, text, 3))
      .slice(0, limit);
  }

  /**
   * Copies the journal (placements, their timelines and revisions), the audit log, failure handling and points
   * corrections into a new file, for a profile about to be deleted. Refuses to overwrite an existing file.
   */
  archiveJournal(
    file: string,
    meta: { profileId: string; profileName: string; archivedAt: string; agent: string },
  ): void {
    if (existsSync(file))
      throw new AppError('CONFLICT', `An archive already exists at ${file}; nothing was overwritten.`);
    this.db.prepare('ATTACH DATABASE ? AS archive').run(file);
    try {
      this.db.transaction(() => {
        for (const table of ARCHIVED_TABLES)
          this.db.exec(`CREATE TABLE archive.${table} AS SELECT * FROM main.${table}`);
        this.db.exec('CREATE TABLE archive.archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
        const put = this.db.prepare('INSERT INTO archive.archive_meta (key, value) VALUES (?, ?)');
        for (const [key, value] of Object.entries(meta)) put.run(key, value);
      })();
    } finally {
      this.db.exec('DETACH DATABASE archive');
    }
  }

  /** Placements not finished (in flight, in doubt or waiting for Ops). */
  unfinishedPlacements(): Placement[] {
    return this.placements.unfinishedList();
  }

  placementReschedule(id: number, nextCheckAt: string): void {
    this.placements.reschedule(id, nextCheckAt);
  }

  placement(id: number): Placement | null {
    return this.placements.get(id);
  }

  placementByReference(supplier: Supplier, reference: string): Placement | null {
    return this.placements.byReference(supplier, reference);
  }

  openPlacementIds(): number[] {
    return this.placements.openIds();
  }

  recentPlacements(limit = 50): Placement[] {
    return this.placements.recent(limit);
  }

  /** A lookup in the cache and the journal: the matching orders in full, and the matching placements. */
  lookup(
    text: string,
    limit: number,
  ): {
    orders: Array<{ order: HistoryOrderDetail; match: 'exact' | 'prefix' }>;
    placements: Array<{ placement: Placement; match: 'exact' | 'prefix' }>;
  } {
    // One read transaction: the whole answer from one snapshot, and the WAL read lock taken once, not per read.
    return this.db.transaction(() => this.lookupIn(text, limit))();
  }

  private lookupIn(
    text: string,
    limit: number,
  ): {
    orders: Array<{ order: HistoryOrderDetail; match: 'exact' | 'prefix' }>;
    placements: Array<{ placement: Placement; match: 'exact' | 'prefix' }>;
  } {
    const orders = this.orders
      .lookup(text, limit)
      .map(({ id, match }) => ({ order: this.orders.detail(id)!, match }));
    const placements = this.placements.search(text, limit);
    // A placement's order is looked up too, so the two meet in one result even when only one matched the text.
    for (const { placement } of placements) {
      if (
        !placement.supplierOrderId ||
        orders.some((o) => o.order.supplierOrderId === placement.supplierOrderId)
      )
        continue;
      for (const row of this.orders.findByReference(placement.reference))
        if (row.supplier === placement.supplier)
          orders.push({ order: this.orders.detail(row.id)!, match: 'exact' });
    }
    return { orders, placements };
  }

  /** Failures with the latest points correction of each order they belong to. */
  failureList(
    filter: FailureFilter,
    limit: number,
    offset = 0,
    only?: FailureSubset,
  ): { rows: StoredFailure[]; corrections: Record<string, PointsCorrection> } {
    const rows = this.failures.list(filter, limit, undefined, offset, only);
    const corrections = this.failures.pointsCorrections([...new Set(rows.map(correctionSubject))]);
    return { rows, corrections: Object.fromEntries(corrections) };
  }

  /** Failures as the service priced them, to a CSV file. */
  failureExportCsv(file: string, rows: FailureRow[]): ExportProgress {
    return writeCsv(file, FAILURES_TABLE, rows, rows.length, file, () => {});
  }

  /** How many refunds are owed and not recorded, and how many items are in an unknown status. */
  failureCounts(): { refundOwed: number; unknownStatus: number } {
    return this.failures.counts();
  }

  failureCount(filter: FailureFilter, only?: FailureSubset): number {
    return this.failures.count(filter, only);
  }

  /**
   * Writes a ledger entry and its audit line in one transaction. A recording of a refund already recorded (or a
   * reversal of one that is not) is refused with who recorded it and when; so is a loyalty transaction id already
   * recorded for another order's refund. Null when the cache has no such refund.
   */
  refundWrite(entry: NewRefundEntry): RefundEntry | null {
    return this.db.transaction(() => {
      const row = this.failures.byKey(entry.key);
      if (!row || !OWING.has(row.state)) return null;
      const latest = this.ledger.latest(entry.key);
      const recorded = latest ? latest.action !== 'reopened' : row.legacyHandled !== null;
      const when = (iso: string) => formatDateTime(iso);
      if (entry.action !== 'reopened' && recorded) {
        const by = latest ?? { agent: row.legacyHandled!.agent, at: row.legacyHandled!.at };
        const what = latest
          ? latest.action === 'refunded'
            ? `refunded, transaction ${latest.transactionId}`
            : `not owed: ${latest.reason}`
          : `marked handled before the ledger: ${row.legacyHandled!.note}`;
        throw new AppError(
          'CONFLICT',
          `Already recorded by ${by.agent} at ${when(by.at)} (${what}); nothing was written. Reopen it with a reason to change it.`,
          latest ?? row.legacyHandled,
        );
      }
      if (entry.action === 'reopened' && !recorded)
        throw new AppError(
          'CONFLICT',
          'This refund is not recorded, so there is nothing to reopen; nothing was written.',
        );
      if (entry.action === 'refunded' && entry.transactionId) {
        const other = this.ledger
          .byTransaction(entry.transactionId)
          .find((e) => e.supplier !== entry.supplier || e.reference !== entry.reference);
        if (other)
          throw new AppError(
            'CONFLICT',
            `Transaction ${entry.transactionId} is already recorded for the refund of ${other.reference} by ${other.agent} at ${when(other.at)}: check the transaction id; nothing was written.`,
            other,
          );
      }
      const written = this.ledger.append(entry);
      const action =
        entry.action === 'refunded'
          ? 'refund recorded'
          : entry.action === 'not_owed'
            ? 'refund recorded as not owed'
            : 'refund reopened';
      this.auditLog.append(
        entry.agent,
        action,
        entry.reference,
        {
          key: entry.key,
          transactionId: entry.transactionId,
          reason: entry.reason,
          points: entry.points,
          value: entry.value,
          currency: entry.currency,
          ...(entry.action === 'reopened' && latest ? { reversed: latest.id } : {}),
        },
        entry.at,
      );
      return written;
    })();
  }

  /** Recordings standing now, written in [from, to), and the reversals written then: what the totals count. */
  refundEntries(from?: string, to?: string): { standing: RefundEntry[]; reopened: RefundEntry[] } {
    return { standing: this.ledger.standing(from, to), reopened: this.ledger.reopened(from, to) };
  }

  /** Any table of rows the service built, to a CSV file (refunds, bulk results, reconciliation). */
  exportRows<K extends CsvTableName>(file: string, table: K, rows: Array<CsvRowOf<K>>): ExportProgress {
    return writeCsv(file, CSV_TABLES[table] as CsvTable<CsvRowOf<K>>, rows, rows.length, file, () => {});
  }

  /** A CSV of a header and rows of plain text (the bulk templates). */
  exportTemplate(file: string, header: string[], rows: string[][]): ExportProgress {
    return writeCsv(
      file,
      { header, cells: (row: string[]) => row.map(neutralise) },
      rows,
      rows.length,
      file,
      () => {},
    );
  }

  noteAdd(note: Omit<OrderNote, 'id'>): OrderNote {
    return this.db.transaction(() => {
      const written = this.notes.add(note);
      this.auditLog.append(
        note.agent,
        'note added',
        note.reference,
        { supplier: note.supplier, note: note.text },
        note.at,
      );
      return written;
    })();
  }

  notesOf(supplier: Supplier, reference: string): OrderNote[] {
    return this.notes.of(supplier, reference);
  }

  notesFor(
    orders: Array<{ supplier: Supplier; reference: string }>,
    memberId: string | null = null,
  ): OrderNote[] {
    return this.notes.forOrders(orders, memberId);
  }

  auditQuery(filter: AuditFilter, offset: number, limit: number) {
    return { ...this.auditLog.query(filter, offset, limit), ...this.auditLog.facets() };
  }

  auditExportCsv(file: string, filter: AuditFilter): ExportProgress {
    return this.db.transaction(() =>
      writeCsv(file, AUDIT_TABLE, this.auditLog.iterate(filter), this.auditLog.count(filter), file, () => {}),
    )();
  }

  stateGet(key: string): unknown {
    return this.state.get(key);
  }

  stateSet(key: string, value: unknown, at: string): void {
    this.state.set(key, value, at);
  }

  leaseAcquire(name: string, holder: string, until: string, now: string) {
    return this.state.acquire(name, holder, until, now);
  }

  leaseRelease(name: string, holder: string): void {
    this.state.release(name, holder);
  }

  bulkCreate(batch: Parameters<BulkStore['create']>[0], rows: Parameters<BulkStore['create']>[1]): BulkBatch {
    return this.db.transaction(() => {
      const created = this.bulk.create(batch, rows);
      this.auditLog.append(
        batch.agent,
        'bulk batch validated',
        batch.fileName,
        {
          batchId: created.id,
          rows: rows.length,
          totals: batch.totals,
        },
        batch.at,
      );
      return created;
    })();
  }

  bulkBatch(id: number): BulkBatch | null {
    return this.bulk.batch(id);
  }

  bulkBatches(limit = 20): BulkBatch[] {
    return this.bulk.batches(limit);
  }

  bulkRows(batchId: number): BulkRow[] {
    return this.bulk.rows(batchId);
  }

  bulkRow(batchId: number, line: number): BulkRow | null {
    return this.bulk.row(batchId, line);
  }

  bulkRowsInState(batchId: number, states: BulkRowState[], limit: number): BulkRow[] {
    return this.bulk.rowsInState(batchId, states, limit);
  }

  /** A batch's state; with `audit`, the agent's action is written to the audit log in the same transaction. */
  bulkSetState(
    id: number,
    state: BulkBatchState,
    lastError: string | null,
    at: string,
    audit?: { agent: string; action: string; details?: unknown },
  ): BulkBatch {
    return this.db.transaction(() => {
      const batch = this.bulk.setState(id, state, lastError, at);
      if (audit)
        this.auditLog.append(
          audit.agent,
          audit.action,
          batch.fileName,
          { batchId: id, ...(audit.details ?? {}) },
          at,
        );
      return batch;
    })();
  }

  bulkUpdateRow(
    batchId: number,
    line: number,
    change: RowChange,
    at: string,
    expect?: BulkRowState[],
  ): BulkRow {
    return this.bulk.updateRow(batchId, line, change, at, expect);
  }

  queuePlacements(states: readonly PlacementState[], page: QueuePage) {
    return this.work.placementsIn(states, page);
  }

  queueStuck(cutoffs: Record<string, string>, page: QueuePage) {
    return this.work.stuck(cutoffs, page);
  }

  /** A member's placements and cached orders (in full), by member id or recipient email. */
  memberRecords(member: { memberId: string | null; email: string | null }) {
    const placements = this.work.memberPlacements(member);
    const ids = this.work.memberOrderIds({ ...member, references: placements.map((p) => p.reference) });
    return { placements, orders: ids.map((id) => this.orders.detail(id)!).filter(Boolean) };
  }

  memberOf(text: string) {
    return this.work.memberOf(text);
  }

  reconciliationData(from: string, to: string) {
    return {
      orders: this.recon.orders(from, to),
      placements: this.recon.placements(from, to).map((p) => ({
        ...p,
        foreignOrders: p.foreignOrders.filter((o) => !this.recon.cached(p.supplier, o.id)),
      })),
    };
  }

  /** Records an agent's correction of the points an order owes, and audits it, in one transaction. */
  failureCorrectPoints(
    key: string,
    correction: { points: number; reason: string; agent: string; at: string },
  ): StoredFailure | null {
    return this.db.transaction(() => {
      const row = this.failures.byKey(key);
      if (!row) return null;
      const subject = correctionSubject(row);
      this.failures.correctPoints(
        subject,
        correction.points,
        row.currency,
        correction.reason,
        correction.agent,
        correction.at,
      );
      this.auditLog.append(
        correction.agent,
        'points corrected',
        subject,
        {
          key,
          points: correction.points,
          reason: correction.reason,
        },
        correction.at,
      );
      return row;
    })();
  }

  /** One order from a supplier read (lookup, refresh), written like a synced one. */
  upsertOrders(orders: SupplierOrder[], syncedAt: string): void {
    this.db.transaction(() => this.orders.upsert(orders, syncedAt))();
  }

  catalogueReplace(
    supplier: Supplier,
    items: CatalogueItem[],
    fetchedAt: string,
    keep: string[] = [],
  ): number {
    return this.db.transaction(() => {
      const vanished = this.catalogue.replace(supplier, items, fetchedAt, keep);
      if (PROVIDER_TRAITS[supplier].linesWithoutNames) this.orders.nameProducts();
      return vanished;
    })();
  }

  catalogueList(): CatalogueEntry[] {
    return this.catalogue.list();
  }

  catalogueItem(supplier: Supplier, id: string): CatalogueEntry | null {
    return this.catalogue.get(supplier, id);
  }

  referenceListsSave(lists: Partial<Record<ReferenceListName, Option[]>>, fetchedAt: string): void {
    this.catalogue.saveReferenceLists(lists, fetchedAt);
  }

  referenceLists(): Partial<Record<ReferenceListName, Option[]>> {
    return this.catalogue.referenceLists();
  }

  programsReplace(programs: LoyaltyProgram[], fetchedAt: string, keep: string[] = []): number {
    return this.catalogue.replacePrograms(programs, fetchedAt, keep);
  }

  programsList(): ProgramEntry[] {
    return this.catalogue.programs();
  }

  program(id: string): ProgramEntry | null {
    return this.catalogue.program(id);
  }

  balanceAdd(snapshot: BalanceSnapshot): void {
    this.balances.add(snapshot);
  }

  balanceLatest(): BalanceSnapshot | null {
    return this.balances.latest();
  }

  balanceReadings(sinceIso: string): BalanceSnapshot[] {
    return this.balances.readingsSince(sinceIso);
  }

  balanceFirstCurrency(): string | null {
    return this.balances.firstCurrency();
  }

  balanceAlertRecord(alert: NewBalanceAlert): BalanceAlert {
    return this.balances.recordAlert(alert);
  }

  balanceAlertClear(id: number, at: string, reason: string): boolean {
    return this.balances.clearAlert(id, at, reason);
  }

  balanceAlertsActive(): BalanceAlert[] {
    return this.balances.active();
  }

  balanceLastRaised(): Record<string, string> {
    return this.balances.lastRaised();
  }

  balanceAlerts(limit = 20): BalanceAlert[] {
    return this.balances.recent(limit);
  }

  balanceUnsettledPlacements(): UnsettledPlacement[] {
    return this.balances.unsettledPlacements();
  }

  audit(agent: string, action: string, subject: string | null, details: unknown = null, at?: string): void {
    this.auditLog.append(agent, action, subject, details, at);
  }

  auditLatest(limit = 50): AuditEntry[] {
    return this.auditLog.latest(limit);
  }

  /**
   * Runs one engine call as the store clients make them: writes are refused on a read-only or damaged cache,
   * and a machine fault comes back named (disk full, read-only, corrupt) instead of as SQLite's own error.
   */
  run(method: StoreMethod, args: unknown[]): unknown {
    const write = WRITES[method as keyof typeof WRITES];
    if (write && this.damage !== null) throw corrupt(this.file, this.damage);
    if (write && this.access.mode !== 'read-write') {
      throw new AppError(
        'READ_ONLY',
        `Read-only: could not ${write}, because ${this.access.reason}. Reading still works; make the folder writable to save again.`,
        { file: this.file, folder: path.dirname(this.file) },
      );
    }
    try {
      const result = (this as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(
        this,
        args,
      );
      if (write) this.diskFull = null;
      return result;
    } catch (error) {
      const exporting = method === 'exportCsv' || method === 'failureExportCsv';
      const target = exporting ? String(args[0]) : this.file;
      const action = write ?? (exporting ? 'write the export' : 'read the cache');
      const named = namedFault(error, { file: target, action });
      if (named?.code === 'CORRUPT' && target === this.file) this.damage ??= problemOf(named);
      if (named?.code === 'DISK_FULL' && target === this.file) this.diskFull = named;
      throw named ?? error;
    }
  }

  /** What the agent is told about this cache: read-only, damaged, disk full, or fine; and its durability. */
  health(): CacheHealth {
    const durability = {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'unknown',
    };
    const base = { file: this.file, folder: path.dirname(this.file), ...durability };
    if (this.damage !== null)
      return { ...base, state: 'corrupt', message: corrupt(this.file, this.damage).message };
    if (this.access.mode !== 'read-write') {
      const older =
        this.schemaVersion() < LATEST_SCHEMA
          ? ' It was written by an older desk, so some screens may be incomplete until it can be upgraded.'
          : '';
      const copy =
        this.access.mode === 'read-only' && this.access.from !== this.file
          ? ' It is read from a private copy, because SQLite cannot read it in place without writing beside it.'
          : '';
      const what =
        this.access.mode === 'empty'
          ? 'This profile has no cache in it yet, and none can be made.'
          : `The cache ${this.file} is open read-only.${copy}${older}`;
      return {
        ...base,
        state: 'read_only',
        message: `Read-only: ${this.access.reason}. ${what} History, look-up and exports still work; syncing, placing orders and handling failures are off until the folder can be written.`,
      };
    }
    if (this.diskFull) return { ...base, state: 'disk_full', message: this.diskFull.message };
    return { ...base, state: 'ok', message: null };
  }

  /** The full check (every page, every index): minutes on a huge cache, so only ever after the first screen. */
  verify(): CacheHealth {
    const rows = this.db.pragma('integrity_check(20)', { simple: false }) as Array<{
      integrity_check: string;
    }>;
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) this.markCorrupt(`the full check found: ${problems.slice(0, 3).join('; ')}`);
    return this.health();
  }

  /** Latches a damage found elsewhere (the full check runs on its own connection in the worker build). */
  markCorrupt(problem: string): void {
    this.damage ??= problem;
  }

  private schemaVersion(): number {
    try {
      return (
        (this.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null })
          .v ?? 0
      );
    } catch {
      return 0;
    }
  }

  close(): void {
    this.db.close();
    // A read-only cache read from a private copy: the copy goes with the connection.
    if (this.access.mode === 'read-only' && this.access.from !== this.file)
      rmSync(path.dirname(this.access.from), { recursive: true, force: true });
  }
}

const SYNCHRONOUS: Record<number, CacheHealth['synchronous']> = {
  0: 'off',
  1: 'normal',
  2: 'full',
  3: 'extra',
};

const problemOf = (error: AppError) => (error.details as { problem: string }).problem;

/** The calls that write, and what each is doing (named in a refusal). Exports write a file, not the cache. */
const WRITES = {
  applyPage: 'save a page of order history',
  saveCursor: 'save the sync position',
  audit: 'write to the audit log',
  placementCreate: 'journal the order (nothing was sent)',
  placementChange: 'update the placement journal',
  placementReschedule: 'update the placement journal',
  failureCorrectPoints: 'record the points correction',
  refundWrite: 'record the refund in the ledger',
  noteAdd: 'save the note',
  stateSet: 'save the profile’s views and settings',
  leaseAcquire: 'take the history sync lease',
  leaseRelease: 'release the history sync lease',
  bulkCreate: 'save the bulk batch',
  bulkSetState: 'update the bulk batch',
  bulkUpdateRow: 'update the bulk batch',
  archiveJournal: 'archive the journal',
  catalogueReplace: 'save the catalogue',
  referenceListsSave: 'save the reference lists',
  programsReplace: 'save the loyalty programmes',
  balanceAdd: 'save the balance reading',
  balanceAlertRecord: 'record the balance alert',
  balanceAlertClear: 'clear the balance alert',
  upsertOrders: 'cache the order',
} as const satisfies Partial<Record<StoreMethod, string>>;

/** The engine calls a store client may make; the worker refuses anything else. */
export const STORE_METHODS = [
  'applyPage',
  'cursor',
  'saveCursor',
  'quarantined',
  'countOrders',
  'query',
  'findByReference',
  'detail',
  'exportCsv',
  'audit',
  'auditLatest',
  'placementCreate',
  'placementChange',
  'placementReschedule',
  'placement',
  'placementByReference',
  'placementsWithReference',
  'similarIntents',
  'unfinishedPlacements',
  'nearReferences',
  'archiveJournal',
  'openPlacementIds',
  'recentPlacements',
  'lookup',
  'failureList',
  'failureCounts',
  'failureCount',
  'failureExportCsv',
  'refundWrite',
  'refundEntries',
  'exportRows',
  'exportTemplate',
  'noteAdd',
  'notesOf',
  'notesFor',
  'auditQuery',
  'auditExportCsv',
  'stateGet',
  'stateSet',
  'leaseAcquire',
  'leaseRelease',
  'bulkCreate',
  'bulkBatch',
  'bulkBatches',
  'bulkRows',
  'bulkRow',
  'bulkRowsInState',
  'bulkSetState',
  'bulkUpdateRow',
  'queuePlacements',
  'queueStuck',
  'memberRecords',
  'memberOf',
  'reconciliationData',
  'failureCorrectPoints',
  'catalogueReplace',
  'catalogueList',
  'catalogueItem',
  'referenceListsSave',
  'referenceLists',
  'programsReplace',
  'programsList',
  'program',
  'balanceAdd',
  'balanceLatest',
  'balanceReadings',
  'balanceFirstCurrency',
  'balanceAlertRecord',
  'balanceAlertClear',
  'balanceAlertsActive',
  'balanceLastRaised',
  'balanceAlerts',
  'balanceUnsettledPlacements',
  'upsertOrders',
  'health',
  'verify',
  'markCorrupt',
] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];
