import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import type { QuarantinedOrder, QuarantineReply } from '../../../shared/history';
import type { QuarantineEntry } from '../protocol/records';

interface QuarantineRecord {
  supplier: Supplier;
  record_key: string;
  supplier_order_id: string | null;
  field_path: string;
  problem: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** Orders a sync could not read: kept per supplier and id (or place), cleared when the order reads fine. */
export class QuarantineStore {
  private readonly upsert: Database.Statement;
  private readonly release: Database.Statement;
  private readonly page: Database.Statement;
  private readonly count: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO quarantined_orders (supplier, record_key, supplier_order_id, field_path, problem, first_seen_at,
        last_seen_at)
      VALUES (@supplier, @key, @id, @path, @problem, @at, @at)
      ON CONFLICT (supplier, record_key) DO UPDATE SET field_path = excluded.field_path,
        problem = excluded.problem, last_seen_at = excluded.last_seen_at`);
    this.release = db.prepare('DELETE FROM quarantined_orders WHERE supplier = ? AND record_key = ?');
    this.page = db.prepare(
      'SELECT * FROM quarantined_orders ORDER BY last_seen_at DESC, supplier, record_key LIMIT ?',
    );
    this.count = db.prepare('SELECT count(*) AS n FROM quarantined_orders');
  }

  /** Records what could not be read; the caller wraps it in the page's transaction. */
  add(supplier: Supplier, entries: readonly QuarantineEntry[], at: string): void {
    for (const entry of entries) {
      this.upsert.run({
        supplier,
        key: entry.id ?? placeOf(entry),
        id: entry.id,
        path: entry.path,
        problem: entry.problem,
        at,
      });
    }
  }

  /** Orders read fine now leave the quarantine. */
  clear(supplier: Supplier, orderIds: readonly string[]): void {
    for (const id of orderIds) this.release.run(supplier, id);
  }

  list(limit: number): QuarantineReply {
    const rows = this.page.all(limit) as QuarantineRecord[];
    return {
      total: (this.count.get() as { n: number }).n,
      orders: rows.map((r): QuarantinedOrder => ({
        supplier: r.supplier,
        supplierOrderId: r.supplier_order_id,
        where: r.supplier_order_id === null ? r.record_key : null,
        fieldPath: r.field_path,
        problem: r.problem,
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
      })),
    };
  }
}

const placeOf = (entry: QuarantineEntry) => `page ${entry.page}, record ${entry.position}`;
