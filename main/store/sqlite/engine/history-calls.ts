import { editDistance, type NearMatch } from '../../../../shared/lookup';
import type { Supplier } from '../../../../shared/domain';
import { HISTORY_TABLE, writeCsv } from '../../csv-export';
import type { LookupApi, LookupMatches, OrdersApi } from '../../protocol/api';
import type { Tables } from './tables';

/** The cached order history: sync pages and cursors, the History screen's queries, exports. */
export function ordersCalls(t: Tables): OrdersApi {
  const newest = t.db.prepare('SELECT max(created_at) AS newest FROM orders WHERE supplier = ?');
  return {
    applyPage: (supplier, orders, cursor, syncedAt, unreadable = []) =>
      t.db.transaction(() => {
        t.orders.upsert(orders, syncedAt);
        t.quarantine.clear(
          supplier,
          orders.map((o) => o.id),
        );
        t.quarantine.add(supplier, unreadable, syncedAt);
        // Completing a run moves the watermark to the newest order cached.
        const saved =
          cursor.status === 'done'
            ? {
                ...cursor,
                watermark: (newest.get(supplier) as { newest: string | null }).newest ?? cursor.watermark,
              }
            : cursor;
        t.cursors.save(saved);
        return saved;
      })(),
    cursor: (supplier) => t.cursors.get(supplier),
    saveCursor: (cursor) => t.cursors.save(cursor),
    quarantined: (limit = 200) => t.quarantine.list(limit),
    count: () => t.orders.count(),
    query: (query) => t.orders.query(query),
    findByReference: (reference) => t.orders.findByReference(reference),
    detail: (id) => t.orders.detail(id),
    upsert: (orders, syncedAt) => t.db.transaction(() => t.orders.upsert(orders, syncedAt))(),
    // One read transaction: the export is a consistent snapshot even while sync keeps writing.
    exportCsv: (file, filter, sort, exportId, progress) =>
      t.db.transaction(() =>
        writeCsv(
          file,
          HISTORY_TABLE,
          t.orders.iterate(filter, sort),
          t.orders.countMatching(filter),
          exportId,
          progress,
        ),
      )(),
  };
}

/** The Lookup box's cache answer: orders and placements by reference, id or text, and near references. */
export function lookupCalls(t: Tables): LookupApi {
  // The references sorted next to the typed one (same first three characters), a bounded scan each side on the
  // reference index: a typo past the first characters sorts close by, and the check never reads the whole cache.
  const near = (table: string) =>
    t.db.prepare(`SELECT * FROM (SELECT id, supplier, reference FROM ${table}
      WHERE reference >= @text AND reference < @upper ORDER BY reference LIMIT 400)
      UNION ALL SELECT * FROM (SELECT id, supplier, reference FROM ${table}
      WHERE reference < @text AND reference >= @prefix ORDER BY reference DESC LIMIT 400)`);
  const nearOrders = near('orders');
  const nearPlacements = near('placements');
  const searchIn = (text: string, limit: number): LookupMatches => {
    const orders = t.orders
      .lookup(text, limit)
      .map(({ id, match }) => ({ order: t.orders.detail(id)!, match }));
    const placements = t.placements.search(text, limit);
    // A placement's order is looked up too, so the two meet in one result even when only one matched the text.
    for (const { placement } of placements) {
      if (
        !placement.supplierOrderId ||
        orders.some((o) => o.order.supplierOrderId === placement.supplierOrderId)
      )
        continue;
      for (const row of t.orders.findByReference(placement.reference))
        if (row.supplier === placement.supplier)
          orders.push({ order: t.orders.detail(row.id)!, match: 'exact' });
    }
    return { orders, placements };
  };
  return {
    // One read transaction: the whole answer from one snapshot, and the WAL read lock taken once, not per read.
    search: (text, limit) => t.db.transaction(() => searchIn(text, limit))(),
    // The same first three characters and at most two characters off (a typo), or the one a longer text starts with.
    near(text, limit = 8) {
      if (text.length < 3) return [];
      const range = { text, prefix: text.slice(0, 3), upper: `${text.slice(0, 3)}\u{10FFFF}` };
      type Row = { id: number; supplier: Supplier; reference: string };
      const orders = nearOrders.all(range) as Row[];
      const placements = nearPlacements.all(range) as Row[];
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
    },
  };
}
