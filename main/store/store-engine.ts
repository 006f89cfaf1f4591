import { rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Supplier } from '../../shared/domain';
import type {
  ExportProgress,
  HistoryFilter,
  HistoryOrderDetail,
  HistoryPage,
  HistoryQuery,
  HistoryRow,
} from '../../shared/history';
import type { SupplierOrder } from '../../shared/orders';
import type { Placement } from '../../shared/placement';
import type { FailureFilter, FailureRow } from '../../shared/failures';
import type { CatalogueEntry, CatalogueItem, Option, ReferenceListName } from '../../shared/catalogue';
import type { BalanceAlert, BalanceSnapshot } from '../../shared/balance';
import { AuditLog, type AuditEntry } from './audit-log';
import { BalanceStore } from './balance-store';
import { CatalogueStore } from './catalogue-store';
import { FAILURES_TABLE, HISTORY_TABLE, writeCsv } from './csv-export';
import { FailuresStore } from './failures-store';
import { AppError } from '../../shared/errors';
import type { CacheHealth } from '../../shared/health';
import { corrupt, namedFault } from './fault-errors';
import { LATEST_SCHEMA, openCache, type CacheAccess } from './open-database';
import { OrdersStore } from './orders-store';
import { PlacementsStore, type NewPlacement, type PlacementChange } from './placements-store';
import { SyncCursors, type SyncCursor } from './sync-cursors';

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
  private readonly newest: Database.Statement;

  constructor(private readonly file: string) {
    ({ db: this.db, access: this.access } = openCache(file));
    this.orders = new OrdersStore(this.db);
    this.cursors = new SyncCursors(this.db);
    this.auditLog = new AuditLog(this.db);
    this.placements = new PlacementsStore(this.db);
    this.failures = new FailuresStore(this.db);
    this.catalogue = new CatalogueStore(this.db);
    this.balances = new BalanceStore(this.db);
    this.newest = this.db.prepare('SELECT max(created_at) AS newest FROM orders WHERE supplier = ?');
  }

  /**
   * One synced page and the cursor after it, in one transaction: after a crash either both are there or
   * neither. Completing a run moves the watermark to the newest order cached. Returns the cursor saved.
   */
  applyPage(supplier: Supplier, orders: SupplierOrder[], cursor: SyncCursor, syncedAt: string): SyncCursor {
    return this.db.transaction(() => {
      this.orders.upsert(orders, syncedAt);
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

  placementCreate(input: NewPlacement): { placement: Placement; created: boolean } {
    return this.placements.create(input);
  }

  placementChange(id: number, change: PlacementChange): Placement {
    return this.placements.change(id, change);
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

  failureList(filter: FailureFilter, limit: number): FailureRow[] {
    return this.failures.list(filter, limit);
  }

  /** The failures as listed (one consistent read), to a CSV file. */
  failureExportCsv(file: string, filter: FailureFilter, limit: number): ExportProgress {
    const rows = this.failures.list(filter, limit);
    return writeCsv(file, FAILURES_TABLE, rows, rows.length, file, () => {});
  }

  /** Marks a failure handled and audits it, in one transaction; null when the cache has no such failure. */
  failureHandle(key: string, agent: string, note: string, at?: string): FailureRow | null {
    return this.db.transaction(() => {
      if (!this.failures.byKey(key)) return null;
      this.failures.markHandled(key, agent, note, at);
      this.auditLog.append(agent, 'failure handled', key, { note }, at);
      return this.failures.byKey(key);
    })();
  }

  /** One order from a supplier read (lookup, refresh), written like a synced one. */
  upsertOrders(orders: SupplierOrder[], syncedAt: string): void {
    this.db.transaction(() => this.orders.upsert(orders, syncedAt))();
  }

  catalogueReplace(supplier: Supplier, items: CatalogueItem[], fetchedAt: string): number {
    return this.catalogue.replace(supplier, items, fetchedAt);
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

  balanceAdd(snapshot: BalanceSnapshot): void {
    this.balances.add(snapshot);
  }

  balanceHistory(sinceIso: string): BalanceSnapshot[] {
    return this.balances.history(sinceIso);
  }

  balanceAlertRecord(alert: BalanceAlert): void {
    this.balances.recordAlert(alert);
  }

  balanceLastAlerted(): Record<string, string> {
    return this.balances.lastAlerted();
  }

  balanceAlerts(limit = 20): BalanceAlert[] {
    return this.balances.alerts(limit);
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
  failureHandle: 'mark the failure handled',
  catalogueReplace: 'save the catalogue',
  referenceListsSave: 'save the reference lists',
  balanceAdd: 'save the balance reading',
  balanceAlertRecord: 'record the balance alert',
  upsertOrders: 'cache the order',
} as const satisfies Partial<Record<StoreMethod, string>>;

/** The engine calls a store client may make; the worker refuses anything else. */
export const STORE_METHODS = [
  'applyPage',
  'cursor',
  'saveCursor',
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
  'openPlacementIds',
  'recentPlacements',
  'lookup',
  'failureList',
  'failureHandle',
  'failureExportCsv',
  'catalogueReplace',
  'catalogueList',
  'catalogueItem',
  'referenceListsSave',
  'referenceLists',
  'balanceAdd',
  'balanceHistory',
  'balanceAlertRecord',
  'balanceLastAlerted',
  'balanceAlerts',
  'upsertOrders',
  'health',
  'verify',
  'markCorrupt',
] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];
