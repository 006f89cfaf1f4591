import type Database from 'better-sqlite3';
import type { Supplier } from '../../shared/domain';
import {
  MISMATCH,
  NEEDS_OPS,
  NOT_OURS,
  NO_CODE,
  UNKNOWN_STATUS_PREFIX,
  UNVERIFIED,
  type FailureFilter,
  type FailureRow,
  type PointsCorrection,
} from '../../shared/failures';
import type { PointsAtRate } from '../../shared/placement';
import { StatementCache } from './statement-cache';

interface FailureRecord {
  supplier: Supplier;
  reference: string;
  supplier_order_id: string | null;
  item_id: string | null;
  placement_id: number | null;
  state: FailureRow['state'];
  code: string | null;
  message: string | null;
  product: string | null;
  product_id: string | null;
  value: number | null;
  currency: string | null;
  quantity: number | null;
  created_at: string | null;
  journaled_points: string | null;
  handled_agent: string | null;
  handled_note: string | null;
  handled_at: string | null;
  failure_key: string;
}

/** A failure row as the store reads it; the service prices its refund (rates live in the profile). */
export type StoredFailure = Omit<FailureRow, 'refund' | 'pointsCorrection'> & {
  journaledPoints: PointsAtRate | null;
  /** The product's id (the row shows its name): the key to its currency when the supplier gave none. */
  productId: string | null;
};

/**
 * What a person must settle, read from the cache and the journal: failed and cancelled items, items in a status
 * the desk does not know (grouped under that status), and placements that need Ops, are mismatched or
 * unverified, or were resolved "not ours". A placement's own order, when cached, appears once, as its items.
 */
export class FailuresStore {
  private readonly sql: StatementCache;
  private readonly handle: Database.Statement;
  private readonly correct: Database.Statement;
  private readonly corrections: Database.Statement;

  constructor(db: Database.Database) {
    this.sql = new StatementCache(db);
    this.handle = db.prepare(
      `INSERT INTO failure_handling (failure_key, agent, note, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (failure_key) DO UPDATE SET agent = excluded.agent, note = excluded.note, at = excluded.at`,
    );
    this.correct = db.prepare(
      'INSERT INTO points_corrections (subject, points, currency, reason, agent, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.corrections = db.prepare(
      `SELECT subject, points, reason, agent, at FROM points_corrections WHERE id IN
       (SELECT max(id) FROM points_corrections WHERE subject IN (SELECT value FROM json_each(?)) GROUP BY subject)`,
    );
  }

  /** One failure by its key, handled or not; null when the cache has no such failure. */
  byKey(key: string): StoredFailure | null {
    return this.list({ includeHandled: true }, 1, key)[0] ?? null;
  }

  list(filter: FailureFilter, limit: number, key?: string): StoredFailure[] {
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
    const cached = `EXISTS (SELECT 1 FROM orders o WHERE o.supplier = p.supplier AND o.supplier_order_id = p.supplier_order_id)`;
    // The item's first error names the failure; an item without one is grouped as NO_CODE, one in a status the
    // desk does not know under that status.
    const rows = this.sql
      .get(
        `WITH items AS (
          SELECT i.*, o.supplier, o.reference, o.supplier_order_id, o.created_at
          FROM order_items i INDEXED BY order_items_failed JOIN orders o ON o.id = i.order_id
          WHERE i.state IN ('failed', 'cancelled')
          UNION ALL
          SELECT i.*, o.supplier, o.reference, o.supplier_order_id, o.created_at
          FROM order_items i INDEXED BY order_items_unknown JOIN orders o ON o.id = i.order_id
          WHERE i.state = 'unknown'
        ), failures AS (
          SELECT it.supplier, it.reference, it.supplier_order_id, it.item_id, p.id AS placement_id, it.state,
            CASE WHEN it.state = 'unknown' THEN '${UNKNOWN_STATUS_PREFIX}' || it.supplier_status
                 ELSE COALESCE(e.code, '${NO_CODE}') END AS code,
            COALESCE(e.message, '') AS message,
            COALESCE(it.product_name, it.product_id) AS product, it.product_id, it.value, it.currency, it.quantity,
            it.created_at,
            p.points AS journaled_points,
            'item:' || it.supplier || ':' || it.supplier_order_id || ':' || it.item_id AS failure_key
          FROM items it
          LEFT JOIN item_errors e ON e.order_id = it.order_id AND e.item_id = it.item_id AND e.position = 0
          LEFT JOIN placements p INDEXED BY placements_by_order
            ON p.supplier = it.supplier AND p.supplier_order_id = it.supplier_order_id
          UNION ALL
          SELECT p.supplier, p.reference, p.supplier_order_id, NULL, p.id,
            CASE p.state WHEN 'not_found' THEN 'not_ours' ELSE p.state END,
            CASE p.state WHEN 'needs_ops' THEN '${NEEDS_OPS}' WHEN 'mismatch' THEN '${MISMATCH}'
              WHEN 'unverified' THEN '${UNVERIFIED}' ELSE '${NOT_OURS}' END,
            COALESCE(json_extract(p.last_error, '$.supplierMessage'), ''),
            COALESCE(json_extract(p.request, '$.giftCardName'), json_extract(p.request, '$.productName'),
              json_extract(p.request, '$.giftCardId'), json_extract(p.request, '$.productId')),
            COALESCE(json_extract(p.request, '$.giftCardId'), json_extract(p.request, '$.productId')),
            json_extract(p.request, '$.value'), json_extract(p.request, '$.currency'),
            COALESCE(json_extract(p.request, '$.quantity'), 1), p.created_at, p.points,
            'placement:' || p.supplier || ':' || p.reference
          FROM placements p WHERE p.state IN ('needs_ops', 'mismatch', 'unverified', 'not_found')
          UNION ALL
          SELECT p.supplier, p.reference, p.supplier_order_id, json_extract(it.value, '$.id'), p.id,
            json_extract(it.value, '$.state'),
            CASE WHEN json_extract(it.value, '$.state') = 'unknown'
                 THEN '${UNKNOWN_STATUS_PREFIX}' || json_extract(it.value, '$.supplierStatus')
                 ELSE COALESCE(json_extract(it.value, '$.errors[0].code'), '${NO_CODE}') END,
            COALESCE(json_extract(it.value, '$.errors[0].message'), ''),
            COALESCE(json_extract(it.value, '$.productName'), json_extract(it.value, '$.productId')),
            json_extract(it.value, '$.productId'),
            json_extract(it.value, '$.value'), json_extract(it.value, '$.currency'),
            json_extract(it.value, '$.quantity'), p.created_at, p.points,
            'item:' || p.supplier || ':' || p.supplier_order_id || ':' || json_extract(it.value, '$.id')
          FROM placements p, json_each(p.supplier_order, '$.items') it
          WHERE p.state = 'confirmed' AND p.supplier_order IS NOT NULL AND NOT ${cached}
            AND json_extract(it.value, '$.state') IN ('failed', 'cancelled', 'unknown')
        )
        SELECT f.*, h.agent AS handled_agent, h.note AS handled_note, h.at AS handled_at
        FROM failures f LEFT JOIN failure_handling h ON h.failure_key = f.failure_key
        ${where}
        ORDER BY f.created_at DESC LIMIT @limit`,
      )
      .all(params) as FailureRecord[];
    return rows.map((r) => ({
      key: r.failure_key,
      supplier: r.supplier,
      reference: r.reference,
      supplierOrderId: r.supplier_order_id,
      itemId: r.item_id,
      placementId: r.placement_id,
      state: r.state,
      code: r.code ?? NO_CODE,
      message: r.message ?? '',
      product: r.product,
      productId: r.product_id,
      value: r.value,
      currency: r.currency,
      quantity: r.quantity,
      createdAt: r.created_at,
      journaledPoints: r.journaled_points === null ? null : (JSON.parse(r.journaled_points) as PointsAtRate),
      handled:
        r.handled_at === null ? null : { agent: r.handled_agent!, note: r.handled_note!, at: r.handled_at },
    }));
  }

  markHandled(key: string, agent: string, note: string, at: string): void {
    this.handle.run(key, agent, note, at);
  }

  correctPoints(
    subject: string,
    points: number,
    currency: string | null,
    reason: string,
    agent: string,
    at: string,
  ): void {
    this.correct.run(subject, points, currency, reason, agent, at);
  }

  /** The latest correction of each subject asked for. */
  pointsCorrections(subjects: string[]): Map<string, PointsCorrection> {
    const rows = this.corrections.all(JSON.stringify(subjects)) as Array<
      PointsCorrection & { subject: string }
    >;
    return new Map(rows.map(({ subject, ...correction }) => [subject, correction]));
  }
}
