import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
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
} from '../../../shared/failures';
import type { ItemKind } from '../../../shared/orders';
import type { PointsAtRate } from '../../../shared/placement';
import type { RefundEntry } from '../../../shared/refunds';
import { StatementCache } from './statement-cache';
import type { StoredFailure, FailureSubset } from '../protocol/records';

interface FailureRecord {
  supplier: Supplier;
  reference: string;
  supplier_order_id: string | null;
  item_id: string | null;
  placement_id: number | null;
  member_id: string | null;
  state: FailureRow['state'];
  code: string | null;
  message: string | null;
  product: string | null;
  product_id: string | null;
  value: number | null;
  currency: string | null;
  quantity: number | null;
  created_at: string | null;
  kind: ItemKind;
  journaled_points: string | null;
  handled_agent: string | null;
  handled_note: string | null;
  handled_at: string | null;
  ledger_entry: string | null;
  failure_key: string;
}

const cached = `EXISTS (SELECT 1 FROM orders o WHERE o.supplier = p.supplier AND o.supplier_order_id = p.supplier_order_id)`;

/**
 * Every failure as one row: failed, cancelled and unknown-status items from the cache, the journal's placements a
 * person must settle, and the items of confirmed placements not yet in the cache. The item's first error names
 * the failure; an item without one is grouped as NO_CODE, one in a status the desk does not know under that status.
 */
const FAILURES_CTE = `WITH items AS (
          SELECT i.*, o.supplier, o.reference, o.supplier_order_id, o.created_at, o.member_id
          FROM order_items i INDEXED BY order_items_failed JOIN orders o ON o.id = i.order_id
          WHERE i.state IN ('failed', 'cancelled')
          UNION ALL
          SELECT i.*, o.supplier, o.reference, o.supplier_order_id, o.created_at, o.member_id
          FROM order_items i INDEXED BY order_items_unknown JOIN orders o ON o.id = i.order_id
          WHERE i.state = 'unknown'
        ), failures AS (
          SELECT it.supplier, it.reference, it.supplier_order_id, it.item_id, p.id AS placement_id,
            COALESCE(p.member_id, it.member_id) AS member_id, it.state,
            CASE WHEN it.state = 'unknown' THEN '${UNKNOWN_STATUS_PREFIX}' || it.supplier_status
                 ELSE COALESCE(e.code, '${NO_CODE}') END AS code,
            COALESCE(e.message, '') AS message,
            COALESCE(it.product_name, c.name, lp.name, it.product_id) AS product, it.product_id, it.value,
            it.currency, it.quantity,
            it.created_at, it.kind,
            p.points AS journaled_points,
            'item:' || it.supplier || ':' || it.supplier_order_id || ':' || it.item_id AS failure_key
          FROM items it
          LEFT JOIN item_errors e ON e.order_id = it.order_id AND e.item_id = it.item_id AND e.position = 0
          LEFT JOIN catalogue_items c ON c.supplier = it.supplier AND c.item_id = it.product_id
          LEFT JOIN loyalty_programs lp ON it.kind = 'points_transfer' AND lp.program_id = it.product_id
          LEFT JOIN placements p INDEXED BY placements_by_order
            ON p.supplier = it.supplier AND p.supplier_order_id = it.supplier_order_id
          UNION ALL
          SELECT p.supplier, p.reference, p.supplier_order_id, NULL, p.id, p.member_id,
            CASE p.state WHEN 'not_found' THEN 'not_ours' ELSE p.state END,
            CASE p.state WHEN 'needs_ops' THEN '${NEEDS_OPS}' WHEN 'mismatch' THEN '${MISMATCH}'
              WHEN 'unverified' THEN '${UNVERIFIED}' ELSE '${NOT_OURS}' END,
            COALESCE(json_extract(p.last_error, '$.supplierMessage'), ''),
            COALESCE(json_extract(p.request, '$.giftCardName'), json_extract(p.request, '$.productName'),
              json_extract(p.request, '$.programName'), json_extract(p.request, '$.giftCardId'),
              json_extract(p.request, '$.productId'), json_extract(p.request, '$.programId')),
            COALESCE(json_extract(p.request, '$.giftCardId'), json_extract(p.request, '$.productId'),
              json_extract(p.request, '$.programId')),
            COALESCE(json_extract(p.request, '$.value'), json_extract(p.request, '$.amount')),
            json_extract(p.request, '$.currency'),
            COALESCE(json_extract(p.request, '$.quantity'), 1), p.created_at,
            COALESCE(json_extract(p.request, '$.kind'), 'gift_card'), p.points,
            'placement:' || p.supplier || ':' || p.reference
          FROM placements p WHERE p.state IN ('needs_ops', 'mismatch', 'unverified', 'not_found')
          UNION ALL
          SELECT p.supplier, p.reference, p.supplier_order_id, json_extract(it.value, '$.id'), p.id,
            p.member_id, json_extract(it.value, '$.state'),
            CASE WHEN json_extract(it.value, '$.state') = 'unknown'
                 THEN '${UNKNOWN_STATUS_PREFIX}' || json_extract(it.value, '$.supplierStatus')
                 ELSE COALESCE(json_extract(it.value, '$.errors[0].code'), '${NO_CODE}') END,
            COALESCE(json_extract(it.value, '$.errors[0].message'), ''),
            COALESCE(json_extract(it.value, '$.productName'), json_extract(it.value, '$.productId')),
            json_extract(it.value, '$.productId'),
            json_extract(it.value, '$.value'), json_extract(it.value, '$.currency'),
            json_extract(it.value, '$.quantity'), p.created_at,
            COALESCE(json_extract(it.value, '$.kind'), 'gift_card'), p.points,
            'item:' || p.supplier || ':' || p.supplier_order_id || ':' || json_extract(it.value, '$.id')
          FROM placements p, json_each(p.supplier_order, '$.items') it
          WHERE p.state = 'confirmed' AND p.supplier_order IS NOT NULL AND NOT ${cached}
            AND json_extract(it.value, '$.state') IN ('failed', 'cancelled', 'unknown')
        )`;

const toStored = (r: FailureRecord): StoredFailure => ({
  key: r.failure_key,
  supplier: r.supplier,
  reference: r.reference,
  supplierOrderId: r.supplier_order_id,
  itemId: r.item_id,
  placementId: r.placement_id,
  memberId: r.member_id,
  kind: r.kind,
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
  ledgerEntry: r.ledger_entry === null ? null : (JSON.parse(r.ledger_entry) as RefundEntry),
  legacyHandled:
    r.handled_at === null ? null : { agent: r.handled_agent!, note: r.handled_note!, at: r.handled_at },
});

/** A refund is recorded when its latest ledger entry records it, or (before any entry) a pre-ledger note settled it. */
const RECORDED_SQL = `((l.id IS NOT NULL AND l.action IN ('refunded', 'not_owed')) OR (l.id IS NULL AND h.at IS NOT NULL))`;

/** The latest ledger entry of a row as the RefundEntry it is, built in SQL so the list needs no second query. */
const LEDGER_JSON = `CASE WHEN l.id IS NULL THEN NULL ELSE json_object('id', l.id, 'key', l.refund_key,
  'action', l.action, 'transactionId', l.transaction_id, 'reason', l.reason, 'supplier', l.supplier,
  'reference', l.reference, 'memberId', l.member_id, 'reasonCode', l.reason_code, 'points', l.points,
  'pointsBasis', l.points_basis, 'value', l.value, 'currency', l.currency, 'agent', l.agent, 'at', l.at) END`;

/**
 * What a person must settle, read from the cache and the journal: failed and cancelled items, items in a status
 * the desk does not know (grouped under that status), and placements that need Ops, are mismatched or
 * unverified, or were resolved "not ours". A placement's own order, when cached, appears once, as its items.
 */
export class FailuresStore {
  private readonly sql: StatementCache;
  private readonly correct: Database.Statement;
  private readonly corrections: Database.Statement;

  constructor(db: Database.Database) {
    this.sql = new StatementCache(db);
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
    return this.list({ includeRecorded: true }, 1, key)[0] ?? null;
  }

  list(
    filter: FailureFilter,
    limit: number,
    key?: string,
    offset = 0,
    only?: FailureSubset,
  ): StoredFailure[] {
    const { where, params } = this.where(filter, key, only);
    const rows = this.sql
      .get(
        `${FAILURES_CTE}
        SELECT f.*, h.agent AS handled_agent, h.note AS handled_note, h.at AS handled_at,
          ${LEDGER_JSON} AS ledger_entry
        FROM failures f LEFT JOIN failure_handling h ON h.failure_key = f.failure_key
          LEFT JOIN refund_ledger l ON l.id = (SELECT max(id) FROM refund_ledger WHERE refund_key = f.failure_key)
        ${where}
        ORDER BY f.created_at ${filter.order === 'oldest' ? 'ASC' : 'DESC'}, f.failure_key LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as FailureRecord[];
    return rows.map(toStored);
  }

  /** How many failures match (the same filter as the list, without its limit). */
  count(filter: FailureFilter, only?: FailureSubset): number {
    const { where, params } = this.where(filter, undefined, only);
    return (
      this.sql
        .get(
          `${FAILURES_CTE}
          SELECT count(*) AS n FROM failures f LEFT JOIN failure_handling h ON h.failure_key = f.failure_key
            LEFT JOIN refund_ledger l ON l.id = (SELECT max(id) FROM refund_ledger WHERE refund_key = f.failure_key)
          ${where}`,
        )
        .get(params) as { n: number }
    ).n;
  }

  private where(
    filter: FailureFilter,
    key: string | undefined,
    only: FailureSubset | undefined,
  ): { where: string; params: Record<string, unknown> } {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    if (only === 'refund_owed')
      clauses.push(`f.state IN ('failed', 'cancelled', 'not_ours') AND NOT ${RECORDED_SQL}`);
    if (only === 'unknown_status') clauses.push("f.state = 'unknown'");
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
    if (filter.text) {
      clauses.push(
        '((f.reference >= @text AND f.reference < @upper) OR f.supplier_order_id = @text OR f.member_id = @text)',
      );
      params.text = filter.text;
      params.upper = `${filter.text}\u{10FFFF}`;
    }
    // Only refunds are recorded: rows that owe nothing (Ops, mismatches, unknown statuses) always show.
    if (!filter.includeRecorded)
      clauses.push(`NOT (f.state IN ('failed', 'cancelled', 'not_ours') AND ${RECORDED_SQL})`);
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** How many refunds are owed and not recorded, and how many items are in a status the desk does not know. */
  counts(): { refundOwed: number; unknownStatus: number } {
    return this.sql
      .get(
        `${FAILURES_CTE}
        SELECT count(*) FILTER (WHERE f.state IN ('failed', 'cancelled', 'not_ours') AND NOT ${RECORDED_SQL})
            AS refundOwed,
          count(*) FILTER (WHERE f.state = 'unknown') AS unknownStatus
        FROM failures f LEFT JOIN failure_handling h ON h.failure_key = f.failure_key
          LEFT JOIN refund_ledger l ON l.id = (SELECT max(id) FROM refund_ledger WHERE refund_key = f.failure_key)`,
      )
      .get() as { refundOwed: number; unknownStatus: number };
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
