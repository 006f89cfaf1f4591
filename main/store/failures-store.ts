import type Database from 'better-sqlite3';
import type { Supplier } from '../../shared/domain';
import { NEEDS_OPS, NO_CODE, type FailureFilter, type FailureRow } from '../../shared/failures';
import { StatementCache } from './statement-cache';

interface FailureRecord {
  supplier: Supplier;
  reference: string;
  supplier_order_id: string | null;
  item_id: string | null;
  state: FailureRow['state'];
  code: string | null;
  message: string | null;
  product: string | null;
  value: number | null;
  currency: string | null;
  quantity: number;
  created_at: string | null;
  handled_agent: string | null;
  handled_note: string | null;
  handled_at: string | null;
}

/** Failed and cancelled items from the cached history, and the journal's needs_ops placements. */
export class FailuresStore {
  private readonly sql: StatementCache;
  private readonly handle: Database.Statement;

  constructor(db: Database.Database) {
    this.sql = new StatementCache(db);
    this.handle = db.prepare(
      `INSERT INTO failure_handling (failure_key, agent, note, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (failure_key) DO UPDATE SET agent = excluded.agent, note = excluded.note, at = excluded.at`,
    );
  }

  /** One failure by its key, handled or not; null when the cache has no such failure. */
  byKey(key: string): FailureRow | null {
    return this.list({ includeHandled: true }, 1, key)[0] ?? null;
  }

  list(filter: FailureFilter, limit: number, key?: string): FailureRow[] {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { limit };
    if (key !== undefined) {
      clauses.push('f.failure_key = @key');
      params.key = key;
    }
    if (filter.supplier) {
      clauses.push('f.supplier = @supplier');
      params.supplier = filter.supplier;
    }
    if (filter.from) {
      clauses.push('f.created_at >= @from');
      params.from = new Date(filter.from).toISOString();
    }
    if (filter.to) {
      clauses.push('f.created_at < @to');
      params.to = new Date(filter.to).toISOString();
    }
    if (filter.code) {
      clauses.push('f.code = @code');
      params.code = filter.code;
    }
    if (!filter.includeHandled) clauses.push('h.at IS NULL');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    // The item's first error names the failure; an item without one is grouped as NO_CODE.
    const rows = this.sql
      .get(
        `WITH failures AS (
          SELECT o.supplier, o.reference, o.supplier_order_id, i.item_id, i.state,
            COALESCE(e.code, '${NO_CODE}') AS code, COALESCE(e.message, '') AS message,
            COALESCE(i.product_name, i.product_id) AS product, i.value, i.currency, i.quantity, o.created_at,
            'item:' || o.supplier || ':' || o.supplier_order_id || ':' || i.item_id AS failure_key
          FROM order_items i INDEXED BY order_items_failed
          JOIN orders o ON o.id = i.order_id
          LEFT JOIN item_errors e ON e.order_id = i.order_id AND e.item_id = i.item_id AND e.position = 0
          WHERE i.state IN ('failed', 'cancelled')
          UNION ALL
          SELECT p.supplier, p.reference, p.supplier_order_id, NULL, 'needs_ops', '${NEEDS_OPS}',
            COALESCE(json_extract(p.last_error, '$.supplierMessage'), ''), NULL, NULL, NULL, 1, p.created_at,
            'placement:' || p.supplier || ':' || p.reference
          FROM placements p WHERE p.state = 'needs_ops'
        )
        SELECT f.*, h.agent AS handled_agent, h.note AS handled_note, h.at AS handled_at
        FROM failures f LEFT JOIN failure_handling h ON h.failure_key = f.failure_key
        ${where}
        ORDER BY f.created_at DESC LIMIT @limit`,
      )
      .all(params) as Array<FailureRecord & { failure_key: string }>;
    return rows.map((r) => ({
      key: r.failure_key,
      supplier: r.supplier,
      reference: r.reference,
      supplierOrderId: r.supplier_order_id,
      itemId: r.item_id,
      state: r.state,
      code: r.code ?? NO_CODE,
      message: r.message ?? '',
      product: r.product,
      value: r.value,
      currency: r.currency,
      quantity: r.quantity,
      createdAt: r.created_at,
      handled:
        r.handled_at === null ? null : { agent: r.handled_agent!, note: r.handled_note!, at: r.handled_at },
    }));
  }

  markHandled(key: string, agent: string, note: string, at: string = new Date().toISOString()): void {
    this.handle.run(key, agent, note, at);
  }
}
