/*
 * Over 400 lines: the orders table's whole life (sync upserts, lookups, History pages, exports, order detail)
 * shares its row shapes (ROW_COLUMNS, SHOWN_COLUMNS, toRow); how the search index is asked is in order-search.ts.
 */
import type Database from 'better-sqlite3';
import type {
  HistoryFilter,
  HistoryOrderDetail,
  HistoryPage,
  HistoryQuery,
  HistoryRow,
} from '../../../shared/history';
import type { ItemKind, ItemState, OrderItem, SupplierOrder } from '../../../shared/orders';
import type { Supplier } from '../../../shared/domain';
import { PROVIDER_TRAITS } from '../../../shared/provider-traits';
import {
  datePage,
  ftsQuery,
  phraseMatches,
  SEARCH_COUNT_CAP,
  searchMatches,
  sortedIds,
} from './order-search';
import { StatementCache } from './statement-cache';

/** Worst first: an order is as bad as its worst item, which is what an agent filters on. */
const SEVERITY: ItemState[] = ['failed', 'cancelled', 'unknown', 'pending', 'processing', 'fulfilled'];

export function orderState(items: OrderItem[]): ItemState {
  if (items.length === 0) return 'unknown';
  return SEVERITY.find((state) => items.some((item) => item.state === state)) ?? 'unknown';
}

const SORT_SQL: Record<HistoryQuery['sort']['column'], string> = {
  createdAt: 'created_at',
  reference: 'reference',
  supplier: 'supplier',
  state: 'state',
  total: 'total',
};

/** Above this many matches a date-sorted search walks the date index instead of sorting the matches. */
const BROAD_SEARCH = 20_000;

const ROW_COLUMNS = `id, supplier, supplier_order_id, reference, state, supplier_status, created_at, total, currency,
  deposit_cost, item_count, error_count, recipient, products`;

/**
 * A row as shown: GiftCard Partners lines carry no currency, so the cached catalogue names the product's (a display
 * field only; verification and refunds read the items as the supplier returned them).
 */
const SHOWN_COLUMNS = `o.id, o.supplier, o.supplier_order_id, o.reference, o.state, o.supplier_status, o.created_at,
  o.total, COALESCE(o.currency, (SELECT json_extract(c.payload, '$.currency') FROM order_items i
    JOIN catalogue_items c ON c.supplier = o.supplier AND c.item_id = i.product_id WHERE i.order_id = o.id LIMIT 1))
    AS currency,
  o.deposit_cost, o.item_count, o.error_count, o.recipient, o.products`;

/**
 * The products of GiftCard Partners orders by name (its lines carry ids only): searchable and shown as names once
 * the catalogue knows them. Run after a catalogue refresh for orders still listed by id.
 */
export const NAME_GCP_PRODUCTS = `UPDATE orders SET products = COALESCE((SELECT group_concat(name, ', ') FROM (
    SELECT DISTINCT COALESCE(i.product_name, c.name, i.product_id) AS name FROM order_items i
    LEFT JOIN catalogue_items c ON c.supplier = 'gcp' AND c.item_id = i.product_id WHERE i.order_id = orders.id
  )), products)
  WHERE supplier = 'gcp' AND EXISTS (SELECT 1 FROM order_items i JOIN catalogue_items c
    ON c.supplier = 'gcp' AND c.item_id = i.product_id
    WHERE i.order_id = orders.id AND i.product_name IS NULL AND instr(orders.products, c.name) = 0)`;

interface OrderRecord {
  id: number;
  supplier: Supplier;
  supplier_order_id: string;
  reference: string;
  state: ItemState;
  supplier_status: string;
  created_at: string | null;
  total: number | null;
  currency: string | null;
  deposit_cost: number | null;
  item_count: number;
  error_count: number;
  recipient: string | null;
  products: string;
}

const toRow = (r: OrderRecord): HistoryRow => ({
  id: r.id,
  supplier: r.supplier,
  supplierOrderId: r.supplier_order_id,
  reference: r.reference,
  state: r.state,
  supplierStatus: r.supplier_status,
  createdAt: r.created_at,
  total: r.total,
  currency: r.currency,
  depositCost: r.deposit_cost,
  itemCount: r.item_count,
  errorCount: r.error_count,
  recipient: r.recipient,
  products: r.products,
});

const isoOrNull = (value: string | null): string | null => {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
};

/** The items' face value, or null when an item's value was not returned (a partial sum would be a lie). */
function faceTotal(order: SupplierOrder): number | null {
  let total = 0;
  for (const item of order.items) {
    // A transfer's amount is in programme units (miles, grams of CO2), never money.
    if (item.value === null || item.kind === 'points_transfer') return null;
    total += item.value * (item.quantity ?? 1);
  }
  return Math.round(total * 100) / 100;
}

/** Cached orders: idempotent upserts from sync, lookups, filtered and sorted windows, and order detail. */
export class OrdersStore {
  private readonly sql: StatementCache;
  private readonly upsertOrder: Database.Statement;
  private readonly deleteItems: Database.Statement;
  private readonly insertItem: Database.Statement;
  private readonly insertError: Database.Statement;
  private readonly catalogueName: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = new StatementCache(db);
    this.upsertOrder = db.prepare(`
      INSERT INTO orders (supplier, supplier_order_id, reference, supplier_status, state, created_at, transacted_at,
        member_id, delivery_type, total, currency, deposit_cost, item_count, error_count, recipient, products, synced_at)
      VALUES (@supplier, @supplierOrderId, @reference, @supplierStatus, @state, @createdAt, @transactedAt,
        @memberId, @deliveryType, @total, @currency, @depositCost, @itemCount, @errorCount, @recipient, @products,
        @syncedAt)
      ON CONFLICT (supplier, supplier_order_id) DO UPDATE SET
        reference = excluded.reference, supplier_status = excluded.supplier_status, state = excluded.state,
        created_at = excluded.created_at, transacted_at = excluded.transacted_at, member_id = excluded.member_id,
        delivery_type = excluded.delivery_type, total = excluded.total, currency = excluded.currency,
        deposit_cost = excluded.deposit_cost, item_count = excluded.item_count, error_count = excluded.error_count, recipient = excluded.recipient,
        products = excluded.products, synced_at = excluded.synced_at
      RETURNING id`);
    this.deleteItems = db.prepare('DELETE FROM order_items WHERE order_id = ?');
    this.insertItem = db.prepare(`
      INSERT INTO order_items (order_id, item_id, position, state, supplier_status, product_id, product_name, value,
        currency, quantity, recipient_email, recipient_phone, recipient_name, rewards_issued, kind, membership_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertError = db.prepare(
      'INSERT INTO item_errors (order_id, item_id, position, code, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.catalogueName = db.prepare('SELECT name FROM catalogue_items WHERE supplier = ? AND item_id = ?');
  }

  /**
   * Writes orders (new or changed) with their items and errors; the caller wraps it in a transaction. An order
   * the supplier returned without our reference cannot be found by one, so it is not cached.
   */
  upsert(orders: SupplierOrder[], syncedAt: string): void {
    for (const order of orders) {
      if (order.reference === null) continue;
      const first = order.items.find((item) => item.recipient)?.recipient ?? null;
      // A line without a name (GiftCard Partners) is listed by its catalogue name, so a search by name finds it.
      const products = [
        ...new Set(
          order.items.map((item) => {
            const name =
              item.productName ??
              (item.productId &&
                (this.catalogueName.get(order.supplier, item.productId) as { name: string } | undefined)
                  ?.name) ??
              item.productId;
            return item.kind === 'points_transfer'
              ? `${name ?? 'programme not returned'} (points transfer)`
              : name;
          }),
        ),
      ].join(', ');
      const { id } = this.upsertOrder.get({
        supplier: order.supplier,
        supplierOrderId: order.id,
        reference: order.reference,
        supplierStatus: order.supplierStatus,
        state: orderState(order.items),
        createdAt: isoOrNull(order.createdAt),
        transactedAt: isoOrNull(order.transactedAt),
        memberId: order.memberId,
        deliveryType: order.deliveryType,
        // "Total" is face value for both suppliers; GiftCard Partners' own total is what the deposit paid.
        // A supplier paid from the deposit reports what the deposit paid as the order's total: the face value
        // is the lines' sum, and its total is the deposit cost.
        total: PROVIDER_TRAITS[order.supplier].keepsDeposit
          ? faceTotal(order)
          : (order.total ?? faceTotal(order)),
        depositCost: PROVIDER_TRAITS[order.supplier].keepsDeposit ? order.total : null,
        currency: order.items.find((item) => item.currency)?.currency ?? null,
        itemCount: order.items.length,
        errorCount: order.items.reduce((sum, item) => sum + item.errors.length, 0),
        recipient: first ? [first.name, first.email, first.phone].filter(Boolean).join(' · ') || null : null,
        products,
        syncedAt,
      }) as { id: number };
      this.deleteItems.run(id);
      order.items.forEach((item, position) => {
        this.insertItem.run(
          id,
          item.id,
          position,
          item.state,
          item.supplierStatus,
          item.productId,
          item.productName,
          item.value,
          item.currency,
          item.quantity,
          item.recipient?.email ?? null,
          item.recipient?.phone ?? null,
          item.recipient?.name ?? null,
          item.rewardsIssued,
          item.kind,
          item.membershipId,
        );
        item.errors.forEach((error, i) => this.insertError.run(id, item.id, i, error.code, error.message));
      });
    }
  }

  /**
   * Cached orders of the same member for the same product and face value since `since`: what the
   * duplicate-intent guard shows before a second payment. The member is their id where the supplier returns
   * one, else the recipient's email or phone (GiftCard Partners returns no member).
   */
  similar(
    member: { memberId: string | null; email: string | null; phone: string | null },
    productId: string,
    value: number,
    since: string,
  ): HistoryRow[] {
    const rows = this.sql
      .get(
        `SELECT DISTINCT ${ROW_COLUMNS.split(',')
          .map((c) => `o.${c.trim()}`)
          .join(', ')} FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE i.product_id = @productId AND abs(i.value - @value) < 0.005 AND o.created_at >= @since
           AND (o.member_id = @memberId OR lower(i.recipient_email) = lower(@email) OR i.recipient_phone = @phone)
         ORDER BY o.created_at DESC LIMIT 20`,
      )
      .all({
        productId,
        value,
        since,
        memberId: member.memberId ?? '\u0000',
        email: member.email ?? '\u0000',
        phone: member.phone ?? '\u0000',
      }) as OrderRecord[];
    return rows.map(toRow);
  }

  /** After a catalogue refresh: GiftCard Partners orders still listed by product id get the names. */
  nameProducts(): number {
    return this.db.prepare(NAME_GCP_PRODUCTS).run().changes;
  }

  count(): number {
    return (this.sql.get('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  }

  /** The cached orders with exactly this reference (`reference_id` / `PONumber`). */
  findByReference(reference: string): HistoryRow[] {
    const rows = this.sql
      .get(`SELECT ${ROW_COLUMNS} FROM orders WHERE reference = ? ORDER BY supplier`)
      .all(reference) as OrderRecord[];
    return rows.map(toRow);
  }

  /**
   * Orders a lookup box means: an exact reference or supplier order id, then those starting with the text
   * (index range scans), then the search index (recipient email, words), newest first within each.
   */
  lookup(text: string, limit: number): Array<{ id: number; match: 'exact' | 'prefix' }> {
    const params = { text, upper: `${text}\u{10FFFF}`, limit };
    const exact = this.sql
      .get(
        `SELECT id FROM orders WHERE reference = @text
         UNION SELECT id FROM orders WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id = @text
         LIMIT @limit`,
      )
      .all(params) as Array<{ id: number }>;
    const prefix = this.sql
      .get(
        `SELECT id, created_at FROM orders WHERE reference > @text AND reference < @upper
         UNION SELECT id, created_at FROM orders
           WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id > @text AND supplier_order_id < @upper
         ORDER BY created_at DESC LIMIT @limit`,
      )
      .all(params) as Array<{ id: number }>;
    const match = ftsQuery(text);
    const ids = match ? phraseMatches(this.sql, text) : [];
    const words = (
      ids === null
        ? this.sql
            .get(
              `SELECT id, recipient FROM orders WHERE id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)
               ORDER BY created_at DESC LIMIT @limit`,
            )
            .all({ match, limit })
        : ids.length === 0
          ? []
          : this.sql
              .get(
                `SELECT id, recipient FROM orders WHERE id IN (SELECT value FROM json_each(@ids))
                 ORDER BY created_at DESC LIMIT @limit`,
              )
              .all({ ids: JSON.stringify(ids), limit })
    ) as Array<{ id: number; recipient: string | null }>;
    const found = new Map<number, 'exact' | 'prefix'>();
    for (const { id } of exact) found.set(id, 'exact');
    for (const { id } of prefix) if (!found.has(id)) found.set(id, 'prefix');
    for (const { id, recipient } of words) {
      if (found.has(id)) continue;
      found.set(id, recipient?.toLowerCase() === text.toLowerCase() ? 'exact' : 'prefix');
    }
    return [...found].slice(0, limit).map(([id, how]) => ({ id, match: how }));
  }

  query({ filter, sort, offset, limit }: HistoryQuery): HistoryPage {
    const { where, params, searchOnly } = this.where(filter);
    const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
    if (searchOnly) {
      const { ids, capped } = searchMatches(
        this.sql,
        params.match as string,
        direction,
        offset + SEARCH_COUNT_CAP,
      );
      const broad = sort.column === 'createdAt' && (capped || ids.length > BROAD_SEARCH);
      // Every match is in hand unless capped: its page is sorted from them without searching again.
      const order = `${SORT_SQL[sort.column]} ${direction}, id ${direction}`;
      const pageIds =
        (broad ? datePage(this.sql, ids, capped, direction, offset, limit) : null) ??
        (capped ? null : sortedIds(this.sql, ids, order, offset, limit));
      const rows = pageIds ? this.rowsById(pageIds) : this.page(where, params, sort, offset, limit, broad);
      return { rows, total: ids.length, capped, offset };
    }
    const total = (this.sql.get(`SELECT count(*) AS n FROM orders ${where}`).get(params) as { n: number }).n;
    const broad = params.match !== undefined && sort.column === 'createdAt' && total > BROAD_SEARCH;
    return { rows: this.page(where, params, sort, offset, limit, broad), total, capped: false, offset };
  }

  /**
   * A broad search sorted by date is fastest walking the date index and stopping at the page (measured in
   * bench/); a narrow one is fastest sorting its few matches.
   */
  private page(
    where: string,
    params: Record<string, unknown>,
    sort: HistoryQuery['sort'],
    offset: number,
    limit: number,
    broad: boolean,
  ): HistoryRow[] {
    const source = broad ? 'orders AS o INDEXED BY orders_by_created' : 'orders AS o';
    const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const rows = this.sql
      .get(
        `SELECT ${SHOWN_COLUMNS} FROM ${source} ${where} ORDER BY ${SORT_SQL[sort.column]} ${direction}, id ${direction} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as OrderRecord[];
    return rows.map(toRow);
  }

  /** These orders as rows, in the order given. */
  private rowsById(ids: number[]): HistoryRow[] {
    const records = this.sql
      .get(`SELECT ${SHOWN_COLUMNS} FROM orders AS o WHERE o.id IN (SELECT value FROM json_each(@ids))`)
      .all({ ids: JSON.stringify(ids) }) as OrderRecord[];
    const byId = new Map(records.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? [toRow(record)] : [];
    });
  }

  /** Every matching row in order, for exports; iterates without loading them all. */
  *iterate(filter: HistoryFilter, sort: HistoryQuery['sort']): Generator<HistoryRow> {
    const { where, params } = this.where(filter);
    const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const statement = this.db.prepare(
      `SELECT ${SHOWN_COLUMNS} FROM orders AS o ${where} ORDER BY ${SORT_SQL[sort.column]} ${direction}, id ${direction}`,
    );
    for (const record of statement.iterate(params) as IterableIterator<OrderRecord>) yield toRow(record);
  }

  countMatching(filter: HistoryFilter): number {
    const { where, params } = this.where(filter);
    return (this.sql.get(`SELECT count(*) AS n FROM orders ${where}`).get(params) as { n: number }).n;
  }

  detail(id: number): HistoryOrderDetail | null {
    const order = this.sql
      .get(
        `SELECT ${SHOWN_COLUMNS}, transacted_at, member_id, delivery_type, synced_at FROM orders AS o WHERE id = ?`,
      )
      .get(id) as
      | (OrderRecord & {
          transacted_at: string | null;
          member_id: string | null;
          delivery_type: string | null;
          synced_at: string;
        })
      | undefined;
    if (!order) return null;
    const items = this.sql
      // A line without a product name (GiftCard Partners) is named from the cached catalogue.
      .get(
        `SELECT i.*, COALESCE(i.product_name, c.name) AS product_name FROM order_items i
         LEFT JOIN catalogue_items c ON c.supplier = (SELECT supplier FROM orders WHERE id = i.order_id)
           AND c.item_id = i.product_id
         WHERE i.order_id = ? ORDER BY i.position`,
      )
      .all(id) as Array<Record<string, unknown>>;
    const errors = this.sql
      .get('SELECT item_id, code, message FROM item_errors WHERE order_id = ? ORDER BY item_id, position')
      .all(id) as Array<{ item_id: string; code: string; message: string }>;
    return {
      ...toRow(order),
      transactedAt: order.transacted_at,
      memberId: order.member_id,
      deliveryType: order.delivery_type,
      syncedAt: order.synced_at,
      items: items.map((item) => ({
        id: item.item_id as string,
        kind: item.kind as ItemKind,
        state: item.state as ItemState,
        supplierStatus: item.supplier_status as string,
        productId: item.product_id as string | null,
        productName: item.product_name as string | null,
        value: item.value as number | null,
        currency: item.currency as string | null,
        quantity: item.quantity as number | null,
        recipient:
          item.recipient_email || item.recipient_phone || item.recipient_name
            ? {
                email: item.recipient_email as string | null,
                phone: item.recipient_phone as string | null,
                name: item.recipient_name as string | null,
              }
            : null,
        errors: errors
          .filter((e) => e.item_id === item.item_id)
          .map((e) => ({ code: e.code, message: e.message })),
        rewardsIssued: item.rewards_issued as number,
        membershipId: item.membership_id as string | null,
      })),
    };
  }

  private where(filter: HistoryFilter): {
    where: string;
    params: Record<string, unknown>;
    searchOnly: boolean;
  } {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const match = ftsQuery(filter.search);
    if (filter.supplier) {
      clauses.push('supplier = @supplier');
      params.supplier = filter.supplier;
    }
    if (filter.state) {
      clauses.push('state = @state');
      params.state = filter.state;
    }
    if (filter.from) {
      clauses.push('created_at >= @from');
      params.from = new Date(filter.from).toISOString();
    }
    if (filter.to) {
      clauses.push('created_at < @to');
      params.to = new Date(filter.to).toISOString();
    }
    if (filter.hasErrors !== undefined)
      clauses.push(filter.hasErrors ? 'error_count > 0' : 'error_count = 0');
    if (match) {
      clauses.unshift('id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)');
      params.match = match;
    }
    return {
      where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
      params,
      searchOnly: match !== null && clauses.length === 1,
    };
  }
}
