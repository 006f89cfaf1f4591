import type Database from 'better-sqlite3';
import type { Supplier } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { SupplierOrder } from '../../../shared/orders';
import type {
  Placement,
  PlacementEvent,
  PlacementOrder,
  PlacementOutcome,
  PlacementRevision,
  PlacementState,
  PointsAtRate,
} from '../../../shared/placement';
import type { SupplierErrorInfo } from '../../../shared/supplier-errors';
import type { NewPlacement, PlacementChange } from '../protocol/records';

interface PlacementRecord {
  id: number;
  profile_id: string;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  outcome: PlacementOutcome | null;
  request: string;
  member_id: string | null;
  agent: string;
  attempts: number;
  resends: number;
  lookups: number;
  revision: number;
  transacted_at: string | null;
  points: string | null;
  supplier_order_id: string | null;
  supplier_order: string | null;
  candidate: string | null;
  foreign_orders: string;
  last_error: string | null;
  next_check_at: string | null;
  intent_override: string | null;
  unknown_status_since: string | null;
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

interface RevisionRecord {
  revision: number;
  request: string;
  transacted_at: string;
  at: string;
  agent: string;
  reason: string | null;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The placement journal: one row per (supplier, reference), every transition appended to its timeline, every
 * earlier revision of the request kept. Nothing here erases a line.
 */
export class PlacementsStore {
  private readonly insert: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly insertRevision: Database.Statement;
  private readonly update: Database.Statement;
  private readonly rescheduleStmt: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byReferenceStmt: Database.Statement;
  private readonly anySupplier: Database.Statement;
  private readonly events: Database.Statement;
  private readonly revisions: Database.Statement;
  private readonly openOnes: Database.Statement;
  private readonly recentOnes: Database.Statement;
  private readonly searchParts: Database.Statement[];
  private readonly byIds: Database.Statement;
  private readonly byMember: Database.Statement;
  private readonly byRecipient: Database.Statement;
  private readonly unfinished: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert =
      db.prepare(`INSERT INTO placements (profile_id, supplier, reference, state, request, member_id,
      agent, transacted_at, points, intent_override, created_at, updated_at)
      VALUES (@profileId, @supplier, @reference, 'journaled', @request, @memberId, @agent, @transactedAt, @points,
      @intentOverride, @at, @at)`);
    this.insertEvent =
      db.prepare(`INSERT INTO placement_events (placement_id, at, kind, attempt, state, http_status, supplier_code, request_id, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertRevision = db.prepare(`INSERT INTO placement_revisions
      (placement_id, revision, request, transacted_at, at, agent, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.update = db.prepare(
      `UPDATE placements SET state = @state, outcome = @outcome, attempts = @attempts, resends = @resends,
       lookups = @lookups, revision = @revision, request = @request, member_id = @member_id,
       transacted_at = @transacted_at,
       points = @points, supplier_order_id = @supplier_order_id, supplier_order = @supplier_order,
       candidate = @candidate, foreign_orders = @foreign_orders, last_error = @last_error,
       next_check_at = @next_check_at, unknown_status_since = @unknown_status_since, updated_at = @now
       WHERE id = @id`,
    );
    this.rescheduleStmt = db.prepare('UPDATE placements SET next_check_at = ? WHERE id = ?');
    this.byId = db.prepare('SELECT * FROM placements WHERE id = ?');
    this.byReferenceStmt = db.prepare('SELECT * FROM placements WHERE supplier = ? AND reference = ?');
    this.anySupplier = db.prepare('SELECT * FROM placements WHERE reference = ? ORDER BY id');
    this.events = db.prepare('SELECT * FROM placement_events WHERE placement_id = ? ORDER BY id');
    this.revisions = db.prepare('SELECT * FROM placement_revisions WHERE placement_id = ? ORDER BY revision');
    this.openOnes = db.prepare(
      `SELECT id FROM placements WHERE state IN ('journaled', 'unknown', 'unverified', 'mismatch')
       OR (state = 'confirmed' AND outcome = 'tracking') ORDER BY id`,
    );
    this.recentOnes = db.prepare('SELECT * FROM placements ORDER BY id DESC LIMIT ?');
    // Each way of matching reads its own index, newest first; merged here, since one statement uniting them
    // costs several times the three index reads (measured in bench/).
    this.searchParts = [
      `SELECT id FROM placements WHERE supplier IN ('ascenda', 'gcp') AND reference >= @text AND reference < @upper
       ORDER BY id DESC LIMIT @limit`,
      `SELECT id FROM placements WHERE supplier IN ('ascenda', 'gcp') AND supplier_order_id = @text
       ORDER BY id DESC LIMIT @limit`,
      'SELECT id FROM placements WHERE member_id = @text ORDER BY id DESC LIMIT @limit',
    ].map((sql) => db.prepare(sql).pluck());
    this.byIds = db.prepare(
      'SELECT * FROM placements WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC',
    );
    this.byMember = db.prepare(
      'SELECT * FROM placements WHERE member_id = ? AND (created_at >= ? OR state IN (SELECT value FROM json_each(?))) ORDER BY id DESC LIMIT 50',
    );
    this.byRecipient = db.prepare(
      `SELECT * FROM placements WHERE member_id IS NULL
       AND (lower(json_extract(request, '$.email')) = lower(@email) OR json_extract(request, '$.sms') = @sms)
       AND (created_at >= @since OR state IN (SELECT value FROM json_each(@states))) ORDER BY id DESC LIMIT 50`,
    );
    this.unfinished = db.prepare(
      `SELECT * FROM placements WHERE state IN ('journaled', 'unknown', 'unverified', 'mismatch', 'needs_ops')
       OR (state = 'confirmed' AND outcome = 'tracking') ORDER BY id`,
    );
  }

  /** Journals a new placement; if the reference was used before, returns that placement instead (never two). */
  create(input: NewPlacement): { placement: Placement; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byReferenceStmt.get(input.supplier, input.reference) as
        PlacementRecord | undefined;
      if (existing) return { placement: this.hydrate(existing), created: false };
      const { lastInsertRowid } = this.insert.run({
        profileId: input.profileId,
        supplier: input.supplier,
        reference: input.reference,
        request: JSON.stringify(input.order),
        memberId: input.memberId,
        agent: input.agent,
        transactedAt: input.transactedAt,
        points: json(input.points),
        intentOverride: input.intentOverride,
        at: input.at,
      });
      const id = Number(lastInsertRowid);
      const override = input.intentOverride
        ? ` despite a similar order (reason: ${input.intentOverride})`
        : '';
      this.insertEvent.run(
        id,
        input.at,
        'journaled',
        0,
        'journaled',
        null,
        null,
        null,
        `Journaled by ${input.agent}${override}`,
      );
      return { placement: this.get(id)!, created: true };
    })();
  }

  /** Applies a change; the caller wraps it in a transaction together with its audit line. */
  change(id: number, change: PlacementChange): Placement {
    const current = this.byId.get(id) as PlacementRecord | undefined;
    if (!current) throw new AppError('NOT_FOUND', `No placement #${id}.`);
    if (change.expect && !change.expect.includes(current.state)) {
      throw new AppError(
        'CONFLICT',
        `Placement #${id} is ${current.state.replace('_', ' ')} now (it changed meanwhile); nothing was done.`,
        { placementId: id, state: current.state },
      );
    }
    let revision = current.revision;
    let request = current.request;
    let transactedAt = current.transacted_at ?? current.created_at;
    let points = current.points;
    if (change.revise || change.bumpRevision) {
      // The revision being replaced is kept whole, with who replaced it and why.
      const by = change.audit?.agent ?? current.agent;
      const reason = change.revise?.reason ?? change.bumpRevision?.reason ?? null;
      this.insertRevision.run(id, current.revision, current.request, transactedAt, change.at, by, reason);
      revision += 1;
      transactedAt = change.revise?.transactedAt ?? change.bumpRevision!.transactedAt;
      if (change.revise) {
        request = JSON.stringify(change.revise.order);
        points = json(change.revise.points);
      }
    }
    const foreign = JSON.parse(current.foreign_orders) as SupplierOrder[];
    if (change.foreignOrder && !foreign.some((o) => o.id === change.foreignOrder!.id))
      foreign.push(change.foreignOrder);
    const next = {
      state: change.state,
      outcome: change.outcome === undefined ? current.outcome : change.outcome,
      attempts: change.attempts ?? current.attempts,
      resends: change.resends ?? current.resends,
      lookups: change.lookups ?? current.lookups,
      revision,
      request,
      member_id: change.revise ? (change.revise.order.memberId ?? null) : current.member_id,
      transacted_at: transactedAt,
      points,
      supplier_order_id:
        change.supplierOrder === undefined ? current.supplier_order_id : (change.supplierOrder?.id ?? null),
      supplier_order:
        change.supplierOrder === undefined ? current.supplier_order : json(change.supplierOrder),
      candidate: change.candidate === undefined ? current.candidate : json(change.candidate),
      foreign_orders: JSON.stringify(foreign),
      last_error: change.lastError === undefined ? current.last_error : json(change.lastError),
      next_check_at: change.nextCheckAt === undefined ? current.next_check_at : change.nextCheckAt,
      unknown_status_since:
        change.unknownStatusSince === undefined ? current.unknown_status_since : change.unknownStatusSince,
    };
    this.update.run({ ...next, now: change.at, id });
    const e = change.event;
    if (e) {
      this.insertEvent.run(
        id,
        change.at,
        e.kind,
        e.attempt,
        change.state,
        e.httpStatus,
        e.supplierCode,
        e.requestId,
        e.message,
      );
    }
    return this.get(id)!;
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

  /** Every placement under this reference, whichever supplier it went to. */
  withReference(reference: string): Placement[] {
    return (this.anySupplier.all(reference) as PlacementRecord[]).map((row) => this.hydrate(row));
  }

  /** Placements whose reference or supplier order id is the text, or starts with it; or of the member with that id. */
  search(text: string, limit: number): Array<{ placement: Placement; match: 'exact' | 'prefix' }> {
    const params = { text, upper: `${text}\u{10FFFF}`, limit };
    const ids = new Set<number>();
    for (const part of this.searchParts) for (const id of part.all(params) as number[]) ids.add(id);
    const newest = [...ids].sort((a, b) => b - a).slice(0, limit);
    const rows = newest.length ? (this.byIds.all(JSON.stringify(newest)) as PlacementRecord[]) : [];
    return rows.map((row) => ({
      placement: this.hydrate(row),
      match:
        row.reference === text || row.supplier_order_id === text || row.member_id === text
          ? 'exact'
          : 'prefix',
    }));
  }

  /**
   * A member's placements journaled since `since`, and any of theirs in one of `states` whenever journaled. A
   * GiftCard Partners draft without a member id is matched by its recipient email or phone instead.
   */
  forMember(
    member: { memberId: string | null; email: string | null; sms: string | null },
    since: string,
    states: readonly string[],
  ): Placement[] {
    const rows: PlacementRecord[] = [];
    if (member.memberId)
      rows.push(...(this.byMember.all(member.memberId, since, JSON.stringify(states)) as PlacementRecord[]));
    if (member.email || member.sms) {
      rows.push(
        ...(this.byRecipient.all({
          email: member.email ?? '\u0000',
          sms: member.sms ?? '\u0000',
          since,
          states: JSON.stringify(states),
        }) as PlacementRecord[]),
      );
    }
    const seen = new Set<number>();
    return rows.filter((row) => !seen.has(row.id) && seen.add(row.id)).map((row) => this.hydrate(row));
  }

  /** Placements that are not finished: to reconcile at start, and to keep tracking. */
  openIds(): number[] {
    return (this.openOnes.all() as Array<{ id: number }>).map((r) => r.id);
  }

  /** Placements still in doubt, in flight or waiting for Ops: what must not be lost with a profile. */
  unfinishedList(): Placement[] {
    return (this.unfinished.all() as PlacementRecord[]).map((row) => this.hydrate(row));
  }

  recent(limit: number): Placement[] {
    return (this.recentOnes.all(limit) as PlacementRecord[]).map((row) => this.hydrate(row));
  }

  private hydrate(row: PlacementRecord): Placement {
    const events = this.events.all(row.id) as EventRecord[];
    const revisions = this.revisions.all(row.id) as RevisionRecord[];
    return {
      id: row.id,
      profileId: row.profile_id,
      supplier: row.supplier,
      reference: row.reference,
      state: row.state,
      outcome: row.outcome,
      order: JSON.parse(row.request) as PlacementOrder,
      memberId: row.member_id,
      agent: row.agent,
      attempts: row.attempts,
      resends: row.resends,
      lookups: row.lookups,
      revision: row.revision,
      transactedAt: row.transacted_at ?? row.created_at,
      points: parse<PointsAtRate>(row.points),
      supplierOrderId: row.supplier_order_id,
      supplierOrder: parse<SupplierOrder>(row.supplier_order),
      candidate: parse<Placement['candidate']>(row.candidate),
      foreignOrders: JSON.parse(row.foreign_orders) as SupplierOrder[],
      lastError: parse<SupplierErrorInfo>(row.last_error),
      nextCheckAt: row.next_check_at,
      intentOverride: row.intent_override,
      unknownStatusSince: row.unknown_status_since,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      revisions: revisions.map((r): PlacementRevision => ({
        revision: r.revision,
        order: JSON.parse(r.request) as PlacementOrder,
        transactedAt: r.transacted_at,
        at: r.at,
        agent: r.agent,
        reason: r.reason,
      })),
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
