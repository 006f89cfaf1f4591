import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../main/store/sqlite/migrate';
import { openDatabase } from '../../main/store/sqlite/open-database';
import { OrdersStore } from '../../main/store/sqlite/orders-store';
import { makeOrder } from '../support/orders';

const file = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-cache-')), 'cache.sqlite');
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

describe('cache migrations', () => {
  it('builds every table from an empty file, with WAL and foreign keys on', () => {
    const db = openDatabase(file());
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'orders',
        'order_items',
        'item_errors',
        'catalogue_items',
        'placements',
        'balance_snapshots',
        'audit_log',
        'sync_cursors',
        'orders_fts',
        'failure_handling',
        'reference_lists',
        'balance_alerts',
        'placement_revisions',
        'points_corrections',
        'quarantined_orders',
        'refund_ledger',
        'order_notes',
        'profile_state',
        'leases',
        'bulk_batches',
        'bulk_rows',
        'loyalty_programs',
        'schema_migrations',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(
      (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
        (r) => r.version,
      ),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    db.close();
  });

  it('does nothing on a cache that is up to date', () => {
    const f = file();
    openDatabase(f).close();
    const db = new Database(f);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('upgrades a version-1 cache, indexing the orders it already holds for search', () => {
    const f = file();
    const v1 = new Database(f);
    migrate(v1, MIGRATIONS.slice(0, 1));
    // A version-1 cache has orders but no search index yet.
    const now = new Date().toISOString();
    v1.prepare(
      `INSERT INTO orders (supplier, supplier_order_id, reference, supplier_status, state, item_count, error_count, products, synced_at, recipient)
      VALUES ('gcp', 'GCP-1', 'PO-OLD-7', 'Completed', 'fulfilled', 1, 0, 'Quartz Books', ?, 'ana@example.com')`,
    ).run(now);
    v1.close();
    const db = openDatabase(f);
    const found = new OrdersStore(db).query({
      filter: { search: 'quar' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 10,
    });
    expect(found.rows.map((r) => r.reference)).toEqual(['PO-OLD-7']);
    db.close();
  });

  it('refuses a cache whose applied migration was edited since', () => {
    const f = file();
    openDatabase(f).close();
    const db = new Database(f);
    const edited = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- tweak` } : m));
    expect(() => migrate(db, edited)).toThrow(
      /Migration 1 \(“core tables”\) was edited after it was applied/,
    );
    db.close();
  });

  it('refuses a cache written by a newer desk', () => {
    const f = file();
    openDatabase(f).close();
    const db = new Database(f);
    expect(() => migrate(db, MIGRATIONS.slice(0, 1))).toThrow(/written by a newer desk/);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(file());
    db.prepare(
      "INSERT INTO audit_log (at, agent, action) VALUES ('2026-01-01', 'Ana', 'placed order')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET agent = 'Eve'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('keeps the refund ledger and notes append-only', () => {
    const db = openDatabase(file());
    db.prepare(
      `INSERT INTO refund_ledger (refund_key, action, transaction_id, supplier, reference, reason_code, agent, at)
       VALUES ('item:ascenda:o:i', 'refunded', 'LOY-1', 'ascenda', 'ref', 'NN1301', 'Ana', '2026-01-01')`,
    ).run();
    db.prepare(
      "INSERT INTO order_notes (supplier, reference, text, agent, at) VALUES ('gcp', 'PO-1', 'called', 'Ana', '2026-01-01')",
    ).run();
    for (const table of ['refund_ledger', 'order_notes']) {
      expect(() => db.prepare(`UPDATE ${table} SET agent = 'Eve'`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    }
    db.close();
  });

  it('upgrades a version-8 cache: GiftCard Partners totals become face value, the deposit cost its own figure, products named', () => {
    const f = file();
    const v8 = new Database(f);
    migrate(v8, MIGRATIONS.slice(0, 8));
    const now = new Date().toISOString();
    const { lastInsertRowid } = v8
      .prepare(
        `INSERT INTO orders (supplier, supplier_order_id, reference, supplier_status, state, total, item_count,
          error_count, products, synced_at) VALUES ('gcp', 'GCP-9', 'PO-9', 'Completed', 'fulfilled', 47.5, 2, 0,
          'SKU-A', ?)`,
      )
      .run(now);
    const insertItem = v8.prepare(
      `INSERT INTO order_items (order_id, item_id, position, state, supplier_status, product_id, value, quantity,
        rewards_issued) VALUES (?, ?, ?, 'fulfilled', 'Completed', 'SKU-A', ?, ?, 1)`,
    );
    insertItem.run(lastInsertRowid, 'L1', 0, 25, 1);
    insertItem.run(lastInsertRowid, 'L2', 1, 12.5, 2);
    v8.prepare(
      "INSERT INTO catalogue_items (supplier, item_id, name, payload, fetched_at) VALUES ('gcp', 'SKU-A', 'Quartz Books', '{}', ?)",
    ).run(now);
    v8.close();
    const db = openDatabase(f);
    expect(db.prepare('SELECT total, deposit_cost, products FROM orders').get()).toEqual({
      total: 50,
      deposit_cost: 47.5,
      products: 'Quartz Books',
    });
    const found = new OrdersStore(db).query({
      filter: { search: 'quartz' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 10,
    });
    expect(found.rows.map((r) => [r.reference, r.total, r.depositCost])).toEqual([['PO-9', 50, 47.5]]);
    db.close();
  });

  it('removes an order’s items and errors with it (foreign keys)', () => {
    const db = openDatabase(file());
    new OrdersStore(db).upsert(
      [makeOrder(1, { state: 'failed', errors: [{ code: 'NN1301', message: 'x' }] })],
      new Date().toISOString(),
    );
    db.prepare('DELETE FROM orders').run();
    expect(db.prepare('SELECT count(*) AS n FROM item_errors').get()).toEqual({ n: 0 });
    db.close();
  });
});
