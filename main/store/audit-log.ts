import type Database from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: string;
  agent: string;
  action: string;
  subject: string | null;
  details: unknown;
}

/** Every manual action with the agent's name. Append-only: the schema's triggers refuse updates and deletes. */
export class AuditLog {
  private readonly insert: Database.Statement;
  private readonly recent: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, agent, action, subject, details) VALUES (?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  }

  /** `at` is the main process's clock (the one tests move); callers that pass none get this thread's. */
  append(agent: string, action: string, subject: string | null, details: unknown = null, at?: string): void {
    this.insert.run(
      at ?? new Date().toISOString(),
      agent,
      action,
      subject,
      details === null ? null : JSON.stringify(details),
    );
  }

  latest(limit = 50): AuditEntry[] {
    return (this.recent.all(limit) as Array<Omit<AuditEntry, 'details'> & { details: string | null }>).map(
      (row) => ({
        ...row,
        details: row.details === null ? null : (JSON.parse(row.details) as unknown),
      }),
    );
  }
}
