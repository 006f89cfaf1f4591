import type Database from 'better-sqlite3';
import type { AuditEntry, AuditFilter } from '../../../shared/audit';
import { StatementCache } from './statement-cache';

export type { AuditEntry } from '../../../shared/audit';

type AuditRecord = Omit<AuditEntry, 'details'> & { details: string | null };

const toEntry = (row: AuditRecord): AuditEntry => ({
  ...row,
  details: row.details === null ? null : (JSON.parse(row.details) as unknown),
});

/** Every manual action with the agent's name. Append-only: the schema's triggers refuse updates and deletes. */
export class AuditLog {
  private readonly insert: Database.Statement;
  private readonly recent: Database.Statement;
  private readonly sql: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, agent, action, subject, details) VALUES (?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
    this.sql = new StatementCache(db);
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
    return (this.recent.all(limit) as AuditRecord[]).map(toEntry);
  }

  /** A window of the log, newest first, with how many lines match in all. */
  query(filter: AuditFilter, offset: number, limit: number): { entries: AuditEntry[]; total: number } {
    const { where, params } = whereOf(filter);
    const total = (this.sql.get(`SELECT count(*) AS n FROM audit_log ${where}`).get(params) as { n: number })
      .n;
    const entries = (
      this.sql
        .get(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset }) as AuditRecord[]
    ).map(toEntry);
    return { entries, total };
  }

  /** Every matching line, newest first, without loading them all (exports). */
  *iterate(filter: AuditFilter): Generator<AuditEntry> {
    const { where, params } = whereOf(filter);
    const statement = this.db.prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC`);
    for (const row of statement.iterate(params) as IterableIterator<AuditRecord>) yield toEntry(row);
  }

  count(filter: AuditFilter): number {
    const { where, params } = whereOf(filter);
    return (this.sql.get(`SELECT count(*) AS n FROM audit_log ${where}`).get(params) as { n: number }).n;
  }

  facets(): { agents: string[]; actions: string[] } {
    const pick = (column: 'agent' | 'action') =>
      (
        this.sql.get(`SELECT DISTINCT ${column} AS v FROM audit_log ORDER BY 1`).all() as Array<{ v: string }>
      ).map((r) => r.v);
    return { agents: pick('agent'), actions: pick('action') };
  }
}

function whereOf(filter: AuditFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.agent) {
    clauses.push('agent = @agent');
    params.agent = filter.agent;
  }
  if (filter.action) {
    clauses.push('action = @action');
    params.action = filter.action;
  }
  if (filter.subject) {
    // A range scan on the subject index: the exact subject or any starting with the text.
    clauses.push('subject >= @subject AND subject < @upper');
    params.subject = filter.subject;
    params.upper = `${filter.subject}\u{10FFFF}`;
  }
  if (filter.from) {
    clauses.push('at >= @from');
    params.from = new Date(filter.from).toISOString();
  }
  if (filter.to) {
    clauses.push('at < @to');
    params.to = new Date(filter.to).toISOString();
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
