import type Database from 'better-sqlite3';

/**
 * Prepared statements, compiled once per distinct SQL text. Queries are assembled only from fixed fragments
 * (filters, sort columns); every value is bound, never spliced in.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
