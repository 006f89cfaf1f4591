import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import type { RefundAction, RefundEntry } from '../../../shared/refunds';
import type { NewRefundEntry } from '../protocol/records';

interface EntryRecord {
  id: number;
  refund_key: string;
  action: RefundAction;
  transaction_id: string | null;
  reason: string | null;
  supplier: Supplier;
  reference: string;
  member_id: string | null;
  reason_code: string;
  points: number | null;
  points_basis: RefundEntry['pointsBasis'];
  value: number | null;
  currency: string | null;
  agent: string;
  at: string;
}

const toEntry = (r: EntryRecord): RefundEntry => ({
  id: r.id,
  key: r.refund_key,
  action: r.action,
  transactionId: r.transaction_id,
  reason: r.reason,
  supplier: r.supplier,
  reference: r.reference,
  memberId: r.member_id,
  reasonCode: r.reason_code,
  points: r.points,
  pointsBasis: r.points_basis,
  value: r.value,
  currency: r.currency,
  agent: r.agent,
  at: r.at,
});

/** The refund ledger: append-only entries (the schema's triggers refuse updates and deletes). */
export class RefundLedger {
  private readonly insert: Database.Statement;
  private readonly latestOne: Database.Statement;
  private readonly current: Database.Statement;
  private readonly reopenedIn: Database.Statement;
  private readonly withTransaction: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO refund_ledger (refund_key, action, transaction_id, reason, supplier,
      reference, member_id, reason_code, points, points_basis, value, currency, agent, at)
      VALUES (@key, @action, @transactionId, @reason, @supplier, @reference, @memberId, @reasonCode, @points,
      @pointsBasis, @value, @currency, @agent, @at)`);
    this.latestOne = db.prepare('SELECT * FROM refund_ledger WHERE refund_key = ? ORDER BY id DESC LIMIT 1');
    // The recordings still standing: each refund's latest entry, when it records the refund.
    this.current = db.prepare(`SELECT l.* FROM refund_ledger l
      WHERE l.id IN (SELECT max(id) FROM refund_ledger GROUP BY refund_key)
        AND l.action IN ('refunded', 'not_owed') AND l.at >= @from AND l.at < @to ORDER BY l.id`);
    this.reopenedIn = db.prepare(
      "SELECT * FROM refund_ledger WHERE action = 'reopened' AND at >= @from AND at < @to ORDER BY id",
    );
    this.withTransaction = db.prepare(
      `SELECT l.* FROM refund_ledger l WHERE l.transaction_id = ? AND l.action = 'refunded'
        AND l.id IN (SELECT max(id) FROM refund_ledger GROUP BY refund_key) ORDER BY l.id`,
    );
  }

  append(entry: NewRefundEntry): RefundEntry {
    const { lastInsertRowid } = this.insert.run(entry);
    return { ...entry, id: Number(lastInsertRowid) };
  }

  latest(key: string): RefundEntry | null {
    const row = this.latestOne.get(key) as EntryRecord | undefined;
    return row ? toEntry(row) : null;
  }

  /** Recordings standing now that were written in [from, to): what the totals count as refunded or not owed. */
  standing(from = '', to = '\uffff'): RefundEntry[] {
    return (this.current.all({ from, to }) as EntryRecord[]).map(toEntry);
  }

  reopened(from = '', to = '\uffff'): RefundEntry[] {
    return (this.reopenedIn.all({ from, to }) as EntryRecord[]).map(toEntry);
  }

  /** Other refunds currently recorded with this loyalty transaction id. */
  byTransaction(transactionId: string): RefundEntry[] {
    return (this.withTransaction.all(transactionId) as EntryRecord[]).map(toEntry);
  }
}
