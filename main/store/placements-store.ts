import type Database from 'better-sqlite3';
import type { Supplier } from '../../shared/domain';
import type { SupplierOrder } from '../../shared/orders';
import type {
  Placement,
  PlacementEvent,
  PlacementOrder,
  PlacementOutcome,
  PlacementState,
} from '../../shared/placement';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';

export interface NewPlacement {
  profileId: string;
  supplier: Supplier;
  reference: string;
  order: PlacementOrder;
  agent: string;
}

/** A state change and the timeline line that explains it, written together. */
export interface PlacementChange {
  state: PlacementState;
  outcome?: PlacementOutcome | null;
  attempts?: number;
  resends?: number;
  supplierOrderId?: string | null;
  supplierOrder?: SupplierOrder | null;
  lastError?: SupplierErrorInfo | null;
  nextCheckAt?: string | null;
  event: Omit<PlacementEvent, 'at' | 'state'>;
}

interface PlacementRecord {
  id: number;
  profile_id: string;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  outcome: PlacementOutcome | null;
  request: string;
  agent: string;
  attempts: number;
  resends: number;
  supplier_order_id: string | null;
  supplier_order: string | null;
  last_error: string | null;
  next_check_at: string | null;
  created_at: string;
  updated_at: string;
}

interface EventRecord {
  at: string;
  kind: PlacementEvent['kind'];
  attempt: number;
  state: PlacementState;
  http_status: number | null;
  supplier_code: string | null;
  request_id: string | null;
  message: string;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/** The placement journal: one row per (supplier, reference), every transition appended to its timeline. */
export class PlacementsStore {
  private readonly insert: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly update: Database.Statement;
  private readonly rescheduleStmt: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byReferenceStmt: Database.Statement;
  private readonly events: Database.Statement;
  private readonly openOnes: Database.Statement;
  private readonly recentOnes: Database.Statement;
  private readonly searchStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert =
      db.prepare(`INSERT INTO placements (profile_id, supplier, reference, state, request, agent, created_at, updated_at)
      VALUES (@profileId, @supplier, @reference, 'journaled', @request, @agent, @now, @now)`);
    this.insertEvent =
      db.prepare(`INSERT INTO placement_events (placement_id, at, kind, attempt, state, http_status, supplier_code, request_id, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.update = db.prepare(
      `UPDATE placements SET state = @state, outcome = @outcome, attempts = @attempts, resends = @resends,
       supplier_order_id = @supplier_order_id, supplier_order = @supplier_order, last_error = @last_error,
       next_check_at = @next_check_at, updated_at = @now WHERE id = @id`,
    );
    this.rescheduleStmt = db.prepare('UPDATE placements SET next_check_at = ? WHERE id = ?');
    this.byId = db.prepare('SELECT * FROM placements WHERE id = ?');
    this.byReferenceStmt = db.prepare('SELECT * FROM placements WHERE supplier = ? AND reference = ?');
    this.events = db.prepare('SELECT * FROM placement_events WHERE placement_id = ? ORDER BY id');
    this.openOnes = db.prepare(
      "SELECT id FROM placements WHERE state IN ('journaled', 'unknown') OR (state = 'confirmed' AND outcome = 'tracking') ORDER BY id",
    );
    this.recentOnes = db.prepare('SELECT * FROM placements ORDER BY id DESC LIMIT ?');
    this.searchStmt = db.prepare(
      `SELECT * FROM placements WHERE reference >= @text AND reference < @upper
       UNION SELECT * FROM placements WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id = @text
       ORDER BY id DESC LIMIT @limit`,
    );
  }

  /** Journals a new placement; if the reference was used before, returns that placement instead (never two). */
  create(input: NewPlacement): { placement: Placement; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byReferenceStmt.get(input.supplier, input.reference) as
        PlacementRecord | undefined;
      if (existing) return { placement: this.hydrate(existing), created: false };
      const now = new Date().toISOString();
      const { lastInsertRowid } = this.insert.run({ ...input, request: JSON.stringify(input.order), now });
      const id = Number(lastInsertRowid);
      this.insertEvent.run(
        id,
        now,
        'journaled',
        0,
        'journaled',
        null,
        null,
        null,
        `Journaled by ${input.agent}`,
      );
      return { placement: this.get(id)!, created: true };
    })();
  }

  change(id: number, change: PlacementChange): Placement {
    return this.db.transaction(() => {
      const current = this.byId.get(id) as PlacementRecord | undefined;
      if (!current) throw new Error(`no placement ${id}`);
      const now = new Date().toISOString();
      const next = {
        state: change.state,
        outcome: change.outcome === undefined ? current.outcome : change.outcome,
        attempts: change.attempts ?? current.attempts,
        resends: change.resends ?? current.resends,
        supplier_order_id:
          change.supplierOrderId === undefined ? current.supplier_order_id : change.supplierOrderId,
        supplier_order:
          change.supplierOrder === undefined
            ? current.supplier_order
            : change.supplierOrder && JSON.stringify(change.supplierOrder),
        last_error:
          change.lastError === undefined
            ? current.last_error
            : change.lastError && JSON.stringify(change.lastError),
        next_check_at: change.nextCheckAt === undefined ? current.next_check_at : change.nextCheckAt,
      };
      this.update.run({ ...next, now, id });
      const e = change.event;
      this.insertEvent.run(
        id,
        now,
        e.kind,
        e.attempt,
        change.state,
        e.httpStatus,
        e.supplierCode,
        e.requestId,
        e.message,
      );
      return this.get(id)!;
    })();
  }

  /** When to look at a confirmed order's items next: bookkeeping, not a transition, so no timeline line. */
  reschedule(id: number, nextCheckAt: string): void {
    this.rescheduleStmt.run(nextCheckAt, id);
  }

  get(id: number): Placement | null {
    const row = this.byId.get(id) as PlacementRecord | undefined;
    return row ? this.hydrate(row) : null;
  }

  byReference(supplier: Supplier, reference: string): Placement | null {
    const row = this.byReferenceStmt.get(supplier, reference) as PlacementRecord | undefined;
    return row ? this.hydrate(row) : null;
  }

  /** Placements whose reference or supplier order id is the text, or starts with it. */
  search(text: string, limit: number): Array<{ placement: Placement; match: 'exact' | 'prefix' }> {
    const rows = this.searchStmt.all({ text, upper: `${text}\u{10FFFF}`, limit }) as PlacementRecord[];
    return rows.map((row) => ({
      placement: this.hydrate(row),
      match: row.reference === text || row.supplier_order_id === text ? 'exact' : 'prefix',
    }));
  }

  /** Placements that are not finished: to reconcile at start, and to keep tracking. */
  openIds(): number[] {
    return (this.openOnes.all() as Array<{ id: number }>).map((r) => r.id);
  }

  recent(limit: number): Placement[] {
    return (this.recentOnes.all(limit) as PlacementRecord[]).map((row) => this.hydrate(row));
  }

  private hydrate(row: PlacementRecord): Placement {
    const events = this.events.all(row.id) as EventRecord[];
    return {
      id: row.id,
      profileId: row.profile_id,
      supplier: row.supplier,
      reference: row.reference,
      state: row.state,
      outcome: row.outcome,
      order: JSON.parse(row.request) as PlacementOrder,
      agent: row.agent,
      attempts: row.attempts,
      resends: row.resends,
      supplierOrderId: row.supplier_order_id,
      supplierOrder: parse<SupplierOrder>(row.supplier_order),
      lastError: parse<SupplierErrorInfo>(row.last_error),
      nextCheckAt: row.next_check_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      timeline: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        attempt: e.attempt,
        state: e.state,
        httpStatus: e.http_status,
        supplierCode: e.supplier_code,
        requestId: e.request_id,
        message: e.message,
      })),
    };
  }
}
