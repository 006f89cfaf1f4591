import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { BulkBatch, BulkBatchState, BulkRow, BulkRowState } from '../../../shared/bulk';
import type { Supplier } from '../../../shared/domain';
import type { IntentMatch } from '../../../shared/intents';
import type { PlacementOrder } from '../../../shared/placement';
import type { PerCurrency } from '../../../shared/refunds';
import type { RowChange } from '../protocol/records';

interface BatchRecord {
  id: number;
  supplier: Supplier;
  file_name: string;
  state: BulkBatchState;
  row_count: number;
  totals: string;
  agent: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

interface RowRecord {
  line: number;
  reference: string;
  member_id: string | null;
  request: string;
  state: BulkRowState;
  placement_id: number | null;
  message: string | null;
  held: string | null;
  override: string | null;
  placement_state: string | null;
  placement_outcome: string | null;
}

const EMPTY_COUNTS = (): Record<BulkRowState, number> => ({
  pending: 0,
  placing: 0,
  placed: 0,
  held: 0,
  failed: 0,
});

/** Bulk batches and each row's state, so a batch paused, stopped or killed resumes where it was. */
export class BulkStore {
  private readonly insertBatch: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly batchById: Database.Statement;
  private readonly batchList: Database.Statement;
  private readonly countsOf: Database.Statement;
  private readonly rowsOf: Database.Statement;
  private readonly rowOf: Database.Statement;
  private readonly rowsIn: Database.Statement;
  private readonly setBatch: Database.Statement;
  private readonly setRow: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertBatch =
      db.prepare(`INSERT INTO bulk_batches (supplier, file_name, state, row_count, totals, agent,
      created_at, updated_at) VALUES (?, ?, 'ready', ?, ?, ?, ?, ?)`);
    this.insertRow = db.prepare(`INSERT INTO bulk_rows (batch_id, line, reference, member_id, request, state,
      updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`);
    this.batchById = db.prepare('SELECT * FROM bulk_batches WHERE id = ?');
    this.batchList = db.prepare('SELECT * FROM bulk_batches ORDER BY id DESC LIMIT ?');
    this.countsOf = db.prepare(
      'SELECT state, count(*) AS n FROM bulk_rows WHERE batch_id = ? GROUP BY state',
    );
    const select = `SELECT r.*, p.state AS placement_state, p.outcome AS placement_outcome
      FROM bulk_rows r LEFT JOIN placements p ON p.id = r.placement_id`;
    this.rowsOf = db.prepare(`${select} WHERE r.batch_id = ? ORDER BY r.line`);
    this.rowOf = db.prepare(`${select} WHERE r.batch_id = ? AND r.line = ?`);
    this.rowsIn = db.prepare(
      `${select} WHERE r.batch_id = ? AND r.state IN (SELECT value FROM json_each(?)) ORDER BY r.line LIMIT ?`,
    );
    this.setBatch = db.prepare(
      'UPDATE bulk_batches SET state = ?, last_error = ?, updated_at = ? WHERE id = ?',
    );
    this.setRow = db.prepare(`UPDATE bulk_rows SET state = @state, placement_id = @placementId,
      message = @message, held = @held, override = @override, updated_at = @at WHERE batch_id = @batchId AND line = @line`);
  }

  create(
    batch: { supplier: Supplier; fileName: string; totals: PerCurrency; agent: string; at: string },
    rows: Array<{ line: number; order: PlacementOrder }>,
  ): BulkBatch {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.insertBatch.run(
        batch.supplier,
        batch.fileName,
        rows.length,
        JSON.stringify(batch.totals),
        batch.agent,
        batch.at,
        batch.at,
      );
      const id = Number(lastInsertRowid);
      for (const { line, order } of rows)
        this.insertRow.run(
          id,
          line,
          order.reference,
          order.memberId ?? null,
          JSON.stringify(order),
          batch.at,
        );
      return this.batch(id)!;
    })();
  }

  batch(id: number): BulkBatch | null {
    const row = this.batchById.get(id) as BatchRecord | undefined;
    return row ? this.hydrate(row) : null;
  }

  batches(limit: number): BulkBatch[] {
    return (this.batchList.all(limit) as BatchRecord[]).map((row) => this.hydrate(row));
  }

  rows(batchId: number): BulkRow[] {
    return (this.rowsOf.all(batchId) as RowRecord[]).map(toRow);
  }

  row(batchId: number, line: number): BulkRow | null {
    const row = this.rowOf.get(batchId, line) as RowRecord | undefined;
    return row ? toRow(row) : null;
  }

  rowsInState(batchId: number, states: BulkRowState[], limit: number): BulkRow[] {
    return (this.rowsIn.all(batchId, JSON.stringify(states), limit) as RowRecord[]).map(toRow);
  }

  setState(id: number, state: BulkBatchState, lastError: string | null, at: string): BulkBatch {
    if (this.setBatch.run(state, lastError, at, id).changes === 0)
      throw new AppError('NOT_FOUND', `No bulk batch #${id} on this profile.`);
    return this.batch(id)!;
  }

  /** A row's next state; a change of a row that is not in one of `expect` is refused (it moved meanwhile). */
  updateRow(batchId: number, line: number, change: RowChange, at: string, expect?: BulkRowState[]): BulkRow {
    return this.db.transaction(() => {
      const current = this.row(batchId, line);
      if (!current) throw new AppError('NOT_FOUND', `No line ${line} in bulk batch #${batchId}.`);
      if (expect && !expect.includes(current.state))
        throw new AppError('CONFLICT', `Line ${line} is ${current.state} now; nothing was done.`);
      this.setRow.run({
        batchId,
        line,
        at,
        state: change.state,
        placementId: change.placementId === undefined ? current.placementId : change.placementId,
        message: change.message === undefined ? current.message : change.message,
        held:
          change.held === undefined
            ? current.held && JSON.stringify(current.held)
            : change.held && JSON.stringify(change.held),
        override: change.override === undefined ? current.override : change.override,
      });
      return this.row(batchId, line)!;
    })();
  }

  private hydrate(row: BatchRecord): BulkBatch {
    const counts = EMPTY_COUNTS();
    for (const { state, n } of this.countsOf.all(row.id) as Array<{ state: BulkRowState; n: number }>)
      counts[state] = n;
    return {
      id: row.id,
      supplier: row.supplier,
      fileName: row.file_name,
      state: row.state,
      rowCount: row.row_count,
      totals: JSON.parse(row.totals) as PerCurrency,
      agent: row.agent,
      lastError: row.last_error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      counts,
    };
  }
}

const toRow = (r: RowRecord): BulkRow => ({
  line: r.line,
  reference: r.reference,
  memberId: r.member_id,
  state: r.state,
  order: JSON.parse(r.request) as PlacementOrder,
  placementId: r.placement_id,
  placement: r.placement_state
    ? {
        state: r.placement_state as NonNullable<BulkRow['placement']>['state'],
        outcome: r.placement_outcome as NonNullable<BulkRow['placement']>['outcome'],
      }
    : null,
  message: r.message,
  held: r.held === null ? null : (JSON.parse(r.held) as IntentMatch[]),
  override: r.override,
});
