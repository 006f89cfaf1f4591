import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/sqlite/open-database';
import { ftsQuery, SEARCH_COUNT_CAP } from '../../main/store/sqlite/order-search';
import { OrdersStore } from '../../main/store/sqlite/orders-store';
import type { HistoryQuery } from '../../shared/history';
import { makeOrder } from '../support/orders';

function seeded() {
  const db = openDatabase(':memory:');
  const store = new OrdersStore(db);
  const orders = Array.from({ length: 60 }, (_, i) =>
    makeOrder(i + 1, {
      state: i % 10 === 0 ? 'failed' : i % 10 === 1 ? 'pending' : 'fulfilled',
      errors: i % 10 === 0 ? [{ code: 'NN1301', message: 'Member identifier was rejected' }] : [],
      email: i === 7 ? 'zoë.o’brien@example.com' : undefined,
      name: i === 7 ? 'Zoë O’Brien' : undefined,
      product: i % 3 === 0 ? 'Cobalt Cinemas' : 'Harbor Kitchen',
    }),
  );
  store.upsert(orders, new Date().toISOString());
  return store;
}

const q = (filter: HistoryQuery['filter'], extra: Partial<HistoryQuery> = {}): HistoryQuery => ({
  filter,
  sort: { column: 'createdAt', direction: 'desc' },
  offset: 0,
  limit: 100,
  ...extra,
});

describe('cached order queries', () => {
  it('upserts: syncing the same orders again changes nothing but what changed', () => {
    const store = seeded();
    store.upsert(
      [makeOrder(5, { state: 'failed', errors: [{ code: 'NN0001', message: 'late failure' }] })],
      new Date().toISOString(),
    );
    expect(store.count()).toBe(60);
    const row = store.findByReference('ref-000005')[0]!;
    expect(row).toMatchObject({ state: 'failed', errorCount: 1 });
  });

  it('searches by prefix across reference, order id, recipient and product, ignoring accents and case', () => {
    const store = seeded();
    expect(
      store
        .query(q({ search: 'ref-00004' }))
        .rows.map((r) => r.reference)
        .sort(),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `ref-00004${i}`));
    expect(store.query(q({ search: 'ORD-12' })).rows.map((r) => r.supplierOrderId)).toEqual(['ord-12']);
    expect(store.query(q({ search: 'zoe' })).rows.map((r) => r.reference)).toEqual(['ref-000008']);
    expect(store.query(q({ search: 'cobalt cin' })).total).toBe(20);
    expect(store.query(q({ search: 'cobalt harbor' })).total).toBe(0);
    expect(store.query(q({ search: '"; DROP TABLE orders; --' })).total).toBe(0);
    expect(store.count()).toBe(60);
  });

  it('filters by supplier, state, errors and date range, and counts the whole match', () => {
    const store = seeded();
    expect(store.query(q({ supplier: 'ascenda' })).total).toBe(30);
    expect(
      store.query(q({ state: 'failed' })).rows.every((r) => r.state === 'failed' && r.errorCount === 1),
    ).toBe(true);
    expect(store.query(q({ hasErrors: true })).total).toBe(6);
    expect(store.query(q({ hasErrors: false })).total).toBe(54);
    const from = new Date(Date.UTC(2026, 0, 1) + 10 * 60_000).toISOString();
    const to = new Date(Date.UTC(2026, 0, 1) + 20 * 60_000).toISOString();
    const window = store.query(q({ from, to }));
    expect(window.rows.map((r) => r.reference).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `ref-0000${10 + i}`),
    );
    expect(
      store
        .query(q({ supplier: 'gcp', state: 'failed', search: 'harbor' }))
        .rows.every((r) => r.supplier === 'gcp' && r.state === 'failed'),
    ).toBe(true);
  });

  it('sorts on each column both ways, with a stable tie-break, and pages by offset', () => {
    const store = seeded();
    const asc = store.query(q({}, { sort: { column: 'reference', direction: 'asc' }, limit: 5 }));
    expect(asc.rows.map((r) => r.reference)).toEqual([
      'ref-000001',
      'ref-000002',
      'ref-000003',
      'ref-000004',
      'ref-000005',
    ]);
    const second = store.query(
      q({}, { sort: { column: 'reference', direction: 'asc' }, limit: 5, offset: 5 }),
    );
    expect(second.rows[0]!.reference).toBe('ref-000006');
    const byState = store
      .query(q({}, { sort: { column: 'state', direction: 'asc' } }))
      .rows.map((r) => r.state);
    expect(byState).toEqual([...byState].sort());
    expect(
      store.query(q({}, { sort: { column: 'createdAt', direction: 'desc' }, limit: 1 })).rows[0]!.reference,
    ).toBe('ref-000060');
  });

  it('returns an order’s detail with its items and errors', () => {
    const store = seeded();
    const row = store.findByReference('ref-000001')[0]!;
    const detail = store.detail(row.id)!;
    expect(detail.items[0]).toMatchObject({
      state: 'failed',
      errors: [{ code: 'NN1301', message: 'Member identifier was rejected' }],
    });
    expect(detail.items[0]!.recipient?.email).toBe('member1@example.com');
    expect(store.detail(999_999)).toBeNull();
  });

  it('turns free text into a safe prefix query', () => {
    expect(ftsQuery('  ref-12  ana ')).toBe('"ref-12"* "ana"*');
    expect(ftsQuery('"')).toBeNull();
    expect(ftsQuery('---')).toBeNull();
  });
});

describe('broad searches', () => {
  it('give the same rows and count whichever plan the size of the match picks', () => {
    const db = openDatabase(':memory:');
    const store = new OrdersStore(db);
    // 25,000 matches: above the broad-search threshold, so the date index is walked.
    store.upsert(
      Array.from({ length: 25_010 }, (_, i) =>
        makeOrder(i + 1, { product: i < 25_000 ? 'Juniper Spa' : 'Other' }),
      ),
      new Date().toISOString(),
    );
    const broad = store.query(q({ search: 'juniper' }, { limit: 5 }));
    // A search alone is counted up to 10,000 past the page, and says so.
    expect(broad).toMatchObject({ total: SEARCH_COUNT_CAP, capped: true });
    expect(broad.rows.map((r) => r.reference)).toEqual([
      'ref-025000',
      'ref-024999',
      'ref-024998',
      'ref-024997',
      'ref-024996',
    ]);
    expect(store.query(q({ search: 'juniper' }, { offset: 20_000, limit: 5 }))).toMatchObject({
      total: 25_000,
      capped: false,
    });
    const withFilter = store.query(q({ search: 'juniper', supplier: 'gcp' }, { limit: 2 }));
    expect(withFilter).toMatchObject({ total: 12_500, capped: false });
    expect(withFilter.rows.map((r) => r.reference)).toEqual(['ref-024999', 'ref-024997']);
  });

  it('page exactly as a plain sort of every match would, when ids do not follow dates', () => {
    const db = openDatabase(':memory:');
    const store = new OrdersStore(db);
    const old = (n: number) => new Date(Date.UTC(2024, 0, 1) + (n % 5000) * 60_000).toISOString();
    store.upsert(
      Array.from({ length: 26_000 }, (_, i) => {
        const n = i + 1;
        return makeOrder(n, {
          // Most orders are common; "saffron" only in the oldest 12,000; a block synced late is dated years back;
          // some orders have no date at all (they sort last, newest first).
          product: n <= 12_000 ? 'Saffron Noodle Bar' : n % 10 < 7 ? 'Juniper Spa' : 'Cobalt Audio',
          createdAt:
            n % 997 === 0
              ? null
              : n > 21_000 && n <= 23_000
                ? old(n)
                : new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
        });
      }),
      new Date().toISOString(),
    );
    const plain = (search: string, sort: HistoryQuery['sort'], offset: number, limit: number) => {
      const match = ftsQuery(search);
      const column = { createdAt: 'created_at', reference: 'reference', total: 'total' }[
        sort.column as 'createdAt' | 'reference' | 'total'
      ];
      const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
      const inSearch = 'id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)';
      return {
        ids: db
          .prepare(
            `SELECT id FROM orders WHERE ${inSearch} ORDER BY ${column} ${direction}, id ${direction} LIMIT ? OFFSET ?`,
          )
          .pluck()
          .all(match, limit, offset),
        count: db.prepare(`SELECT count(*) FROM orders WHERE ${inSearch}`).pluck().get(match) as number,
      };
    };
    const sorts: Array<HistoryQuery['sort']> = [
      { column: 'createdAt', direction: 'desc' },
      { column: 'createdAt', direction: 'asc' },
      { column: 'reference', direction: 'asc' },
    ];
    for (const search of ['juniper', 'saffron', 'cobalt', 'member 2', 'ref-0210', 'ref-0225'])
      for (const sort of sorts)
        for (const offset of [0, 150, 9_950, 12_000]) {
          const page = store.query(q({ search }, { sort, offset, limit: 100 }));
          const expected = plain(search, sort, offset, 100);
          const at = JSON.stringify({ search, sort, offset });
          expect(
            page.rows.map((r) => r.id),
            at,
          ).toEqual(expected.ids);
          if (page.capped) {
            expect(page.total, at).toBe(offset + SEARCH_COUNT_CAP);
            expect(expected.count, at).toBeGreaterThan(page.total);
          } else expect(page.total, at).toBe(expected.count);
        }
  });
});
