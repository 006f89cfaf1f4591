import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../main/store/sqlite/open-database';
import { ftsQuery } from '../../main/store/sqlite/order-search';
import { OrdersStore } from '../../main/store/sqlite/orders-store';
import { makeOrder } from '../support/orders';

/** The lookup as first written: exact, prefix, then the search index asked for the whole phrase. */
function plainLookup(db: Database.Database, text: string, limit: number) {
  const params = { text, upper: `${text}\u{10FFFF}`, limit };
  const exact = db
    .prepare(
      `SELECT id FROM orders WHERE reference = @text
       UNION SELECT id FROM orders WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id = @text LIMIT @limit`,
    )
    .all(params) as Array<{ id: number }>;
  const prefix = db
    .prepare(
      `SELECT id, created_at FROM orders WHERE reference > @text AND reference < @upper
       UNION SELECT id, created_at FROM orders
         WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id > @text AND supplier_order_id < @upper
       ORDER BY created_at DESC LIMIT @limit`,
    )
    .all(params) as Array<{ id: number }>;
  const match = ftsQuery(text);
  const words = match
    ? (db
        .prepare(
          `SELECT id, recipient FROM orders WHERE id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)
           ORDER BY created_at DESC LIMIT @limit`,
        )
        .all({ match, limit }) as Array<{ id: number; recipient: string | null }>)
    : [];
  const found = new Map<number, 'exact' | 'prefix'>();
  for (const { id } of exact) found.set(id, 'exact');
  for (const { id } of prefix) if (!found.has(id)) found.set(id, 'prefix');
  for (const { id, recipient } of words)
    if (!found.has(id)) found.set(id, recipient?.toLowerCase() === text.toLowerCase() ? 'exact' : 'prefix');
  return [...found].slice(0, limit).map(([id, how]) => ({ id, match: how }));
}

describe('lookup in the cache', () => {
  it('answers exactly as the search index would, for references, ids, emails and words of every shape', () => {
    const db = openDatabase(':memory:');
    const store = new OrdersStore(db);
    const names = ['Ana Lim', 'Zoë O’Brien', 'MATEO silva', 'Priya_Okafor', 'Jun Tanaka-Lim', 'Chloé Novak'];
    const products = ['Harbor Kitchen', 'Saffron Noodle Bar', 'Café Olé', 'gift_card 25', 'Juniper Spa 2'];
    store.upsert(
      Array.from({ length: 400 }, (_, i) => {
        const n = i + 1;
        const name = names[n % names.length]!;
        return makeOrder(n, {
          // References of several shapes, some repeating a token, some sharing a prefix with an order id.
          reference: [`ref-${n % 37}-${n}`, `PO${n}x${n % 7}`, `ord-${n}-ref`, `ref.ref-${n % 5}.${n}`][
            n % 4
          ]!,
          id: n % 9 === 0 ? `ref-${n % 37}-${n + 1}` : `ord-${n}`,
          name,
          email: `${name.split(' ')[0]!.toLowerCase()}.${n % 11}@example.com`,
          product: products[n % products.length]!,
          createdAt: n % 13 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + (n % 50) * 60_000).toISOString(),
        });
      }),
      new Date().toISOString(),
    );
    // Orders the phrase check reads itself (few candidates, ASCII but for the middle dot), and one it must not.
    const own = (n: number, reference: string, name: string, email: string, product: string) =>
      makeOrder(n, { id: `own-${n}`, reference, name, email, product });
    store.upsert(
      [
        own(1001, 'ref-k7q2z-451', 'Ana Lim', 'ana@example.com', 'Harbor Kitchen'),
        own(1002, 'ref-k7q2z-9', 'Ben Lim', 'ben@example.com', 'Harbor Kitchen'),
        own(1003, 'PO-1003', 'K7Q2Z 45', 'k7q2z_45@example.com', 'Harbor Kitchen'),
        own(1004, 'PO-1004', 'Zed Zee', 'zz.k7q2z_45x@example.com', 'Harbor Kitchen'),
        own(1005, 'PO-1005', 'Ana Lim', 'ana@example.com', 'Café-q9w8e 45'),
        own(1006, 'PO-1006', 'Ana Lim', 'ana@example.com', 'Cafe-k7q2z 46'),
      ],
      new Date().toISOString(),
    );
    const texts = [
      'ref-k7q2z-45',
      'k7q2z-45',
      'K7Q2Z-4',
      'k7q2z_45x',
      'k7q2z-45-k7q2z',
      'zee-zz-k7q2z',
      'cafe-q9w8e',
      'cafe-k7q2z',
      'café-q9w8e',
      'k7q2z.example',
      'ref-3-40',
      'ref-3-4',
      'ref-3-',
      'ref-3',
      'REF-12-49',
      'ref.ref-1.1',
      'ref-ref-2',
      'ord-10-ref',
      'ord-1',
      'PO17x3',
      'po1',
      'ana.3@example.com',
      'ana.3@ex',
      'zoë.5@example',
      'zoe.5@example',
      'o’brien',
      'priya_okafor',
      'okafor.2@',
      'tanaka-lim',
      'lim-ana',
      'gift_card 25',
      'juniper spa-2',
      'café-olé',
      'cafe-ole',
      'example.com',
      '"ref-1"-2',
      'x-y',
      'ref-36-36',
      '3-40',
    ];
    for (const text of texts)
      for (const limit of [1, 5, 20])
        expect(store.lookup(text, limit), JSON.stringify({ text, limit })).toEqual(
          plainLookup(db, text, limit),
        );
  });
});
