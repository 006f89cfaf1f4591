import type Database from 'better-sqlite3';
import type { BalanceAlert, BalanceSnapshot, NewBalanceAlert } from '../../../shared/balance';
import type { PlacementOrder, PlacementState } from '../../../shared/placement';
import type { UnsettledPlacement } from '../protocol/records';

interface AlertRow {
  id: number;
  payload: string;
  cleared_at: string | null;
  cleared_reason: string | null;
}

/**
 * The deposit balance as read over time, and the alerts raised about it. Readings are ordered by arrival (row id),
 * never by their stamp: a reading stamped by a wrong clock must not become the latest.
 */
export class BalanceStore {
  private readonly insert: Database.Statement;
  private readonly latestOne: Database.Statement;
  private readonly firstInWindow: Database.Statement;
  private readonly lastBefore: Database.Statement;
  private readonly fromId: Database.Statement;
  private readonly firstCurrencyOne: Database.Statement;
  private readonly insertAlert: Database.Statement;
  private readonly clearAlertStmt: Database.Statement;
  private readonly activeAlerts: Database.Statement;
  private readonly lastAlerts: Database.Statement;
  private readonly recentAlerts: Database.Statement;
  private readonly unsettled: Database.Statement;

  constructor(db: Database.Database) {
    const columns = 'available, pending, currency, taken_at AS at';
    this.insert = db.prepare(
      "INSERT INTO balance_snapshots (supplier, available, pending, currency, taken_at) VALUES ('gcp', ?, ?, ?, ?)",
    );
    this.latestOne = db.prepare(
      `SELECT ${columns} FROM balance_snapshots WHERE supplier = 'gcp' ORDER BY id DESC LIMIT 1`,
    );
    this.firstInWindow = db.prepare(
      "SELECT min(id) AS id FROM balance_snapshots WHERE supplier = 'gcp' AND taken_at >= ?",
    );
    this.lastBefore = db.prepare(
      "SELECT max(id) AS id FROM balance_snapshots WHERE supplier = 'gcp' AND id < ?",
    );
    this.fromId = db.prepare(
      `SELECT ${columns} FROM balance_snapshots WHERE supplier = 'gcp' AND id >= ? ORDER BY id`,
    );
    this.firstCurrencyOne = db.prepare(
      "SELECT currency FROM balance_snapshots WHERE supplier = 'gcp' AND currency != '' ORDER BY id LIMIT 1",
    );
    this.insertAlert = db.prepare('INSERT INTO balance_alerts (alert_key, at, payload) VALUES (?, ?, ?)');
    this.clearAlertStmt = db.prepare(
      'UPDATE balance_alerts SET cleared_at = ?, cleared_reason = ? WHERE id = ? AND cleared_at IS NULL',
    );
    this.activeAlerts = db.prepare(
      'SELECT id, payload, cleared_at, cleared_reason FROM balance_alerts WHERE cleared_at IS NULL ORDER BY id DESC',
    );
    this.lastAlerts = db.prepare(
      'SELECT alert_key, at FROM balance_alerts WHERE id IN (SELECT max(id) FROM balance_alerts GROUP BY alert_key)',
    );
    this.recentAlerts = db.prepare(
      'SELECT id, payload, cleared_at, cleared_reason FROM balance_alerts ORDER BY id DESC LIMIT ?',
    );
    this.unsettled = db.prepare(
      "SELECT reference, state, request FROM placements WHERE supplier = 'gcp' AND state NOT IN ('confirmed', 'rejected') ORDER BY id",
    );
  }

  add(snapshot: BalanceSnapshot): void {
    this.insert.run(snapshot.available, snapshot.pending, snapshot.currency, snapshot.at);
  }

  /** The last reading to arrive. */
  latest(): BalanceSnapshot | null {
    return (this.latestOne.get() as BalanceSnapshot | undefined) ?? null;
  }

  /**
   * Readings in arrival order from the first one stamped at or after `sinceIso`, with the one that arrived just
   * before it (a forecast counts the part of that gap inside its window). Only the latest when none is that recent.
   */
  readingsSince(sinceIso: string): BalanceSnapshot[] {
    const first = (this.firstInWindow.get(sinceIso) as { id: number | null }).id;
    if (first === null) {
      const latest = this.latest();
      return latest ? [latest] : [];
    }
    const before = (this.lastBefore.get(first) as { id: number | null }).id;
    return this.fromId.all(before ?? first) as BalanceSnapshot[];
  }

  /** The currency of the first reading that named one: a profile's deposit currency by default. */
  firstCurrency(): string | null {
    return (this.firstCurrencyOne.get() as { currency: string } | undefined)?.currency ?? null;
  }

  recordAlert(alert: NewBalanceAlert): BalanceAlert {
    const { lastInsertRowid } = this.insertAlert.run(alert.key, alert.at, JSON.stringify(alert));
    return { ...alert, id: Number(lastInsertRowid), clearedAt: null, clearedReason: null };
  }

  /** Clears an alert still in force; false when it was already cleared. */
  clearAlert(id: number, at: string, reason: string): boolean {
    return this.clearAlertStmt.run(at, reason, id).changes > 0;
  }

  /** Alerts still in force, newest first. */
  active(): BalanceAlert[] {
    return (this.activeAlerts.all() as AlertRow[]).map(hydrate);
  }

  /** When each alert key was last raised, by arrival (not by the latest stamp). */
  lastRaised(): Record<string, string> {
    const rows = this.lastAlerts.all() as Array<{ alert_key: string; at: string }>;
    return Object.fromEntries(rows.map((r) => [r.alert_key, r.at]));
  }

  recent(limit: number): BalanceAlert[] {
    return (this.recentAlerts.all(limit) as AlertRow[]).map(hydrate);
  }

  unsettledPlacements(): UnsettledPlacement[] {
    return (this.unsettled.all() as Array<{ reference: string; state: PlacementState; request: string }>).map(
      (row) => ({
        reference: row.reference,
        state: row.state,
        order: JSON.parse(row.request) as PlacementOrder,
      }),
    );
  }
}

/** Alerts written before the lifecycle (migration 7) lack `threshold` and `cover`: the key gives the threshold. */
function hydrate(row: AlertRow): BalanceAlert {
  const payload = JSON.parse(row.payload) as Partial<NewBalanceAlert> & Pick<NewBalanceAlert, 'key' | 'kind'>;
  const threshold = payload.key.startsWith('low:') ? Number(payload.key.slice(4)) : null;
  return {
    kind: payload.kind,
    key: payload.key,
    at: payload.at ?? '',
    title: payload.title ?? '',
    body: payload.body ?? '',
    currency: payload.currency ?? '',
    threshold: payload.threshold ?? (Number.isFinite(threshold) ? threshold : null),
    missing: payload.missing ?? null,
    cover: payload.cover ?? null,
    reference: payload.reference ?? null,
    id: row.id,
    clearedAt: row.cleared_at,
    clearedReason: row.cleared_reason,
  };
}
