import type Database from 'better-sqlite3';
import type { BalanceAlert, BalanceSnapshot } from '../../shared/balance';

/** The deposit balance as read over time, and the alerts raised about it. */
export class BalanceStore {
  private readonly insert: Database.Statement;
  private readonly since: Database.Statement;
  private readonly insertAlert: Database.Statement;
  private readonly lastAlerts: Database.Statement;
  private readonly recentAlerts: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      "INSERT INTO balance_snapshots (supplier, available, pending, currency, taken_at) VALUES ('gcp', ?, ?, ?, ?)",
    );
    this.since = db.prepare(
      "SELECT available, pending, currency, taken_at AS at FROM balance_snapshots WHERE supplier = 'gcp' AND taken_at >= ? ORDER BY taken_at, id",
    );
    this.insertAlert = db.prepare('INSERT INTO balance_alerts (alert_key, at, payload) VALUES (?, ?, ?)');
    this.lastAlerts = db.prepare('SELECT alert_key, max(at) AS at FROM balance_alerts GROUP BY alert_key');
    this.recentAlerts = db.prepare('SELECT payload FROM balance_alerts ORDER BY id DESC LIMIT ?');
  }

  add(snapshot: BalanceSnapshot): void {
    this.insert.run(snapshot.available, snapshot.pending, snapshot.currency, snapshot.at);
  }

  history(sinceIso: string): BalanceSnapshot[] {
    return this.since.all(sinceIso) as BalanceSnapshot[];
  }

  recordAlert(alert: BalanceAlert): void {
    this.insertAlert.run(alert.key, alert.at, JSON.stringify(alert));
  }

  lastAlerted(): Record<string, string> {
    const rows = this.lastAlerts.all() as Array<{ alert_key: string; at: string }>;
    return Object.fromEntries(rows.map((r) => [r.alert_key, r.at]));
  }

  alerts(limit: number): BalanceAlert[] {
    return (this.recentAlerts.all(limit) as Array<{ payload: string }>).map(
      (r) => JSON.parse(r.payload) as BalanceAlert,
    );
  }
}
