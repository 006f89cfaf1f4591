import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import type { SupplierOrder } from '../../../shared/orders';
import { StatementCache } from './statement-cache';
import type { PeriodOrder, PeriodPlacement } from '../protocol/records';

/** The reads behind the reconciliation: one period of history, journal and deposit. */
export class ReconciliationQueries {
  private readonly sql: StatementCache;

  constructor(db: Database.Database) {
    this.sql = new StatementCache(db);
  }

  orders(from: string, to: string): PeriodOrder[] {
    return this.sql
      .get(
        `SELECT o.supplier, o.reference, o.supplier_order_id AS supplierOrderId, o.created_at AS createdAt,
           o.state, o.total, o.deposit_cost AS depositCost, o.currency, p.id AS placementId
         FROM orders o INDEXED BY orders_by_created
         LEFT JOIN placements p ON p.supplier = o.supplier AND p.reference = o.reference
         WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.created_at`,
      )
      .all(from, to) as PeriodOrder[];
  }

  placements(from: string, to: string): PeriodPlacement[] {
    const rows = this.sql
      .get(
        `SELECT p.id, p.supplier, p.reference, p.state, p.supplier_order_id AS supplierOrderId,
           p.created_at AS createdAt, json_extract(p.request, '$.value') * COALESCE(json_extract(p.request,
           '$.quantity'), 1) AS value, json_extract(p.request, '$.currency') AS currency,
           (SELECT o.supplier_order_id FROM orders o WHERE o.supplier = p.supplier AND o.reference = p.reference
            LIMIT 1) AS orderInHistory, p.foreign_orders AS foreignOrders
         FROM placements p WHERE p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at`,
      )
      .all(from, to) as Array<Omit<PeriodPlacement, 'foreignOrders'> & { foreignOrders: string }>;
    return rows.map((row) => ({ ...row, foreignOrders: JSON.parse(row.foreignOrders) as SupplierOrder[] }));
  }

  /** Whether the history cache holds this supplier order (a foreign order may have been synced since). */
  cached(supplier: Supplier, supplierOrderId: string): boolean {
    return (
      this.sql
        .get('SELECT 1 FROM orders WHERE supplier = ? AND supplier_order_id = ?')
        .get(supplier, supplierOrderId) !== undefined
    );
  }
}
