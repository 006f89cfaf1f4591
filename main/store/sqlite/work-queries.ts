import type Database from 'better-sqlite3';
import type { PlacementState } from '../../../shared/placement';
import { StatementCache } from './statement-cache';
import type { PlacementBrief, OpenItem, QueuePage } from '../protocol/records';

/**
 * Open items with what kind they are and, for a points transfer, the time zone its business days are counted in
 * (the journaled programme's, else the cached programme's; null for UTC).
 */
const OPEN_ITEMS = `WITH open_items AS (
    SELECT o.supplier, o.reference, o.supplier_order_id, i.item_id, p.id AS placement_id,
      COALESCE(p.member_id, o.member_id) AS member_id, i.kind, i.state, i.supplier_status,
      COALESCE(i.product_name, c.name, lp.name, i.product_id) AS product, i.value,
      COALESCE(i.currency, json_extract(c.payload, '$.currency')) AS currency, o.created_at,
      COALESCE(json_extract(p.request, '$.programTimeZone'), json_extract(lp.payload, '$.timeZone')) AS zone
    FROM order_items i INDEXED BY order_items_open JOIN orders o ON o.id = i.order_id
    LEFT JOIN catalogue_items c ON c.supplier = o.supplier AND c.item_id = i.product_id
    LEFT JOIN loyalty_programs lp ON i.kind = 'points_transfer' AND lp.program_id = i.product_id
    LEFT JOIN placements p INDEXED BY placements_by_order
      ON p.supplier = o.supplier AND p.supplier_order_id = o.supplier_order_id
    WHERE i.state IN ('pending', 'processing')
    UNION ALL
    SELECT p.supplier, p.reference, p.supplier_order_id, json_extract(it.value, '$.id'), p.id, p.member_id,
      COALESCE(json_extract(it.value, '$.kind'), 'gift_card'), json_extract(it.value, '$.state'),
      json_extract(it.value, '$.supplierStatus'),
      COALESCE(json_extract(it.value, '$.productName'), json_extract(p.request, '$.giftCardName'),
        json_extract(p.request, '$.productName'), json_extract(p.request, '$.programName'),
        json_extract(it.value, '$.productId')),
      json_extract(it.value, '$.value'),
      COALESCE(json_extract(it.value, '$.currency'), json_extract(p.request, '$.currency')),
      COALESCE(json_extract(p.supplier_order, '$.createdAt'), p.created_at),
      json_extract(p.request, '$.programTimeZone')
    FROM placements p, json_each(p.supplier_order, '$.items') it
    WHERE p.state = 'confirmed' AND p.outcome = 'tracking' AND p.supplier_order IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.supplier = p.supplier AND o.supplier_order_id = p.supplier_order_id)
      AND json_extract(it.value, '$.state') IN ('pending', 'processing')
  )`;

/**
 * The cutoff an open item is held to: its kind's, and for a transfer its zone's (a zone the service did not
 * price, e.g. a programme no longer cached, is held to UTC's).
 */
const CUTOFF = `COALESCE(
    json_extract(@cutoffs, '$."' || kind || ':' || COALESCE(zone, 'UTC') || '"'),
    json_extract(@cutoffs, '$."' || kind || ':UTC"'))`;

/** A placement's order as the journal holds it, read into the columns a queue shows. */
const BRIEF = `SELECT p.id, p.supplier, p.reference, p.state, p.outcome, p.supplier_order_id AS supplierOrderId,
    p.member_id AS memberId, COALESCE(json_extract(p.request, '$.kind'), 'gift_card') AS kind,
    COALESCE(json_extract(p.request, '$.giftCardName'), json_extract(p.request, '$.productName'),
      json_extract(p.request, '$.programName'), json_extract(p.request, '$.giftCardId'),
      json_extract(p.request, '$.productId'), json_extract(p.request, '$.programId')) AS product,
    COALESCE(json_extract(p.request, '$.value'), json_extract(p.request, '$.amount')) AS value,
    json_extract(p.request, '$.currency') AS currency,
    COALESCE(json_extract(p.request, '$.quantity'), 1) AS quantity, p.created_at AS createdAt,
    (SELECT message FROM placement_events e WHERE e.placement_id = p.id ORDER BY e.id DESC LIMIT 1) AS lastMessage
  FROM placements p`;

const TEXT_MATCH = (alias: string) =>
  `(@text IS NULL OR (${alias}reference >= @text AND ${alias}reference < @upper)
    OR ${alias}supplier_order_id = @text OR ${alias}member_id = @text)`;
const pageParams = (page: QueuePage) => ({
  text: page.text,
  upper: page.text === null ? null : `${page.text}\u{10FFFF}`,
  limit: page.limit,
  offset: page.offset,
});

/** The reads behind the work queues and the member view. */
export class WorkQueries {
  private readonly sql: StatementCache;

  constructor(db: Database.Database) {
    this.sql = new StatementCache(db);
  }

  placementsIn(
    states: readonly PlacementState[],
    page: QueuePage,
  ): { rows: PlacementBrief[]; total: number } {
    const params = { ...pageParams(page), states: JSON.stringify(states) };
    const where = `WHERE p.state IN (SELECT value FROM json_each(@states)) AND ${TEXT_MATCH('p.')}`;
    const rows = this.sql
      .get(`${BRIEF} ${where} ORDER BY p.created_at, p.id LIMIT @limit OFFSET @offset`)
      .all(params) as PlacementBrief[];
    const { n } = this.sql.get(`SELECT count(*) AS n FROM placements p ${where}`).get(params) as {
      n: number;
    };
    return { rows, total: n };
  }

  /**
   * Open items that opened at or before their cutoff (ISO, keyed `kind:zone`, every kind with a `kind:UTC`):
   * stuck, oldest first.
   */
  stuck(cutoffs: Record<string, string>, page: QueuePage): { rows: OpenItem[]; total: number } {
    const where = `WHERE created_at IS NOT NULL AND created_at <= ${CUTOFF} AND ${TEXT_MATCH('')}`;
    const params = { ...pageParams(page), cutoffs: JSON.stringify(cutoffs) };
    const rows = this.sql
      .get(
        `${OPEN_ITEMS} SELECT supplier, reference, supplier_order_id AS supplierOrderId, item_id AS itemId,
          placement_id AS placementId, member_id AS memberId, kind, state, supplier_status AS supplierStatus,
          product, value, currency, created_at AS createdAt
        FROM open_items ${where} ORDER BY created_at, supplier_order_id LIMIT @limit OFFSET @offset`,
      )
      .all(params) as OpenItem[];
    const { n } = this.sql.get(`${OPEN_ITEMS} SELECT count(*) AS n FROM open_items ${where}`).get(params) as {
      n: number;
    };
    return { rows, total: n };
  }

  /** The member's placements (by member id, or by the recipient's email for drafts without one). */
  memberPlacements(member: { memberId: string | null; email: string | null }): PlacementBrief[] {
    return this.sql
      .get(
        `${BRIEF} WHERE (p.member_id = @memberId)
          OR (@email IS NOT NULL AND lower(COALESCE(json_extract(p.request, '$.email'),
            json_extract(p.request, '$.recipient.email'))) = lower(@email))
         ORDER BY p.created_at DESC LIMIT 500`,
      )
      .all({ memberId: member.memberId ?? '\u0000', email: member.email }) as PlacementBrief[];
  }

  /**
   * The member's cached orders: by the member id the supplier returned, by the reference of one of the member's
   * placements (GiftCard Partners returns no member), or by the recipient's email.
   */
  memberOrderIds(member: { memberId: string | null; email: string | null; references: string[] }): number[] {
    return (
      this.sql
        .get(
          `SELECT id FROM orders WHERE member_id = @memberId
           UNION SELECT o.id FROM orders o JOIN json_each(@references) r ON o.reference = r.value
           UNION SELECT DISTINCT order_id FROM order_items
             WHERE @email IS NOT NULL AND recipient_email IN (@email, lower(@email))
           LIMIT 500`,
        )
        .all({
          memberId: member.memberId ?? '\u0000',
          email: member.email,
          references: JSON.stringify(member.references),
        }) as Array<{ id: number }>
    ).map((r) => r.id);
  }

  /** The member an order or placement belongs to, for a reference or supplier order id. */
  memberOf(text: string): { memberId: string | null; email: string | null } | null {
    const placement = this.sql
      .get(
        `SELECT member_id AS memberId, COALESCE(json_extract(request, '$.email'),
           json_extract(request, '$.recipient.email')) AS email
         FROM placements WHERE reference = @text OR supplier_order_id = @text ORDER BY id DESC LIMIT 1`,
      )
      .get({ text }) as { memberId: string | null; email: string | null } | undefined;
    if (placement && (placement.memberId || placement.email)) return placement;
    const order = this.sql
      .get(
        `SELECT o.member_id AS memberId, (SELECT recipient_email FROM order_items i WHERE i.order_id = o.id
           AND recipient_email IS NOT NULL LIMIT 1) AS email
         FROM orders o WHERE o.reference = @text OR (o.supplier IN ('ascenda', 'gcp') AND o.supplier_order_id = @text)
         ORDER BY o.id DESC LIMIT 1`,
      )
      .get({ text }) as { memberId: string | null; email: string | null } | undefined;
    return order && (order.memberId || order.email) ? order : null;
  }
}
