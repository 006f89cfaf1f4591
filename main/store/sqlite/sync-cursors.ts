import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import type { SyncState } from '../../../shared/history';
import type { SyncCursor } from '../protocol/records';

interface CursorRecord {
  supplier: Supplier;
  status: SyncState;
  next_page: number;
  total_pages: number | null;
  orders_synced: number;
  since: string | null;
  watermark: string | null;
  run_started_at: string | null;
  last_synced_at: string | null;
  last_error: string | null;
  offline: number;
}

const blank = (supplier: Supplier): SyncCursor => ({
  supplier,
  status: 'idle',
  nextPage: 1,
  totalPages: null,
  ordersSynced: 0,
  since: null,
  watermark: null,
  runStartedAt: null,
  lastSyncedAt: null,
  lastError: null,
  offline: false,
});

/** One cursor per supplier: saved in the same transaction as each page, so a crash resumes exactly there. */
export class SyncCursors {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT * FROM sync_cursors WHERE supplier = ?');
    this.write = db.prepare(`
      INSERT INTO sync_cursors (supplier, status, next_page, total_pages, orders_synced, since, watermark,
        run_started_at, last_synced_at, last_error, offline)
      VALUES (@supplier, @status, @nextPage, @totalPages, @ordersSynced, @since, @watermark, @runStartedAt,
        @lastSyncedAt, @lastError, @offline)
      ON CONFLICT (supplier) DO UPDATE SET status = excluded.status, next_page = excluded.next_page,
        total_pages = excluded.total_pages, orders_synced = excluded.orders_synced, since = excluded.since,
        watermark = excluded.watermark, run_started_at = excluded.run_started_at,
        last_synced_at = excluded.last_synced_at, last_error = excluded.last_error, offline = excluded.offline`);
  }

  get(supplier: Supplier): SyncCursor {
    const row = this.read.get(supplier) as CursorRecord | undefined;
    if (!row) return blank(supplier);
    return {
      supplier,
      status: row.status,
      nextPage: row.next_page,
      totalPages: row.total_pages,
      ordersSynced: row.orders_synced,
      since: row.since,
      watermark: row.watermark,
      runStartedAt: row.run_started_at,
      lastSyncedAt: row.last_synced_at,
      lastError: row.last_error,
      offline: row.offline === 1,
    };
  }

  save(cursor: SyncCursor): void {
    this.write.run({ ...cursor, offline: cursor.offline ? 1 : 0 });
  }
}
