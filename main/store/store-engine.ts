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
import type { BalanceAlert, BalanceSnapshot, NewBalanceAlert } from '../../shared/balance';
import { AuditLog, type AuditEntry } from './audit-log';
import { BalanceStore, type UnsettledPlacement } from './balance-store';
import { CatalogueStore } from './catalogue-store';
import { FAILURES_TABLE, HISTORY_TABLE, writeCsv } from './csv-export';
import { FailuresStore } from './failures-store';
import { openDatabase } from './open-database';
import { OrdersStore } from './orders-store';
import { PlacementsStore, type NewPlacement, type PlacementChange } from './placements-store';
import { SyncCursors, type SyncCursor } from './sync-cursors';

/**
 * Everything the desk does with one profile's cache, as plain synchronous calls on plain data, so it can run
 * in a worker thread (the desk's default: a single writer off the main thread) or inline (tests).
 */
export class StoreEngine {
  private readonly db: Database.Database;
  private readonly orders: OrdersStore;
  private readonly cursors: SyncCursors;
  private readonly auditLog: AuditLog;
  private readonly placements: PlacementsStore;
  private readonly failures: FailuresStore;
  private readonly catalogue: CatalogueStore;
  private readonly balances: BalanceStore;
  private readonly newest: Database.Statement;

  constructor(file: string) {
    this.db = openDatabase(file);
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
  failureHandle(key: string, agent: string, note: string): FailureRow | null {
    return this.db.transaction(() => {
      if (!this.failures.byKey(key)) return null;
      this.failures.markHandled(key, agent, note);
      this.auditLog.append(agent, 'failure handled', key, { note });
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

  audit(agent: string, action: string, subject: string | null, details: unknown = null): void {
    this.auditLog.append(agent, action, subject, details);
  }

  auditLatest(limit = 50): AuditEntry[] {
    return this.auditLog.latest(limit);
  }

  close(): void {
    this.db.close();
  }
}

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
] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];
