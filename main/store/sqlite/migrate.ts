import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { coreSchema } from './migrations/001-core';
import { orderSearchSchema } from './migrations/002-order-search';
import { placementJournalSchema } from './migrations/003-placement-journal';
import { failureHandlingSchema } from './migrations/004-failure-handling';
import { catalogueCacheSchema } from './migrations/005-catalogue-cache';
import { balanceAlertsSchema } from './migrations/006-balance-alerts';
import { balanceAlertLifecycleSchema } from './migrations/007-balance-alert-lifecycle';
import { moneySafeJournalSchema } from './migrations/008-money-safe-journal';
import { quarantinedOrdersSchema } from './migrations/009-quarantined-orders';
import { pointsTransfersSchema } from './migrations/010-points-transfers';
import { agentDaySchema } from './migrations/011-agent-day';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. A new schema change is a new entry; an applied one is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'core tables', sql: coreSchema },
  { version: 2, name: 'offline order search', sql: orderSearchSchema },
  { version: 3, name: 'placement journal', sql: placementJournalSchema },
  { version: 4, name: 'failure handling', sql: failureHandlingSchema },
  { version: 5, name: 'catalogue cache', sql: catalogueCacheSchema },
  { version: 6, name: 'balance alerts', sql: balanceAlertsSchema },
  { version: 7, name: 'balance alert lifecycle', sql: balanceAlertLifecycleSchema },
  { version: 8, name: 'money-safe journal', sql: moneySafeJournalSchema },
  { version: 9, name: 'quarantined orders', sql: quarantinedOrdersSchema },
  { version: 10, name: 'points transfers', sql: pointsTransfersSchema },
  { version: 11, name: "the agent's day", sql: agentDaySchema },
];

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const hash = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Brings the database to the newest version, one transaction per migration. Refuses to run if an applied
 * migration's text changed since it ran (its hash no longer matches) or the file is from a newer desk.
 * Returns the versions applied now.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db
    .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
    .all() as Array<{
    version: number;
    name: string;
    sha256: string;
  }>;
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new MigrationError(
        `This cache was written by a newer desk (migration ${row.version}, “${row.name}”). Update the desk to open it.`,
      );
    }
    if (hash(migration.sql) !== row.sha256) {
      throw new MigrationError(
        `Migration ${row.version} (“${row.name}”) was edited after it was applied; refusing to touch the cache. Add a new migration instead.`,
      );
    }
  }
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)',
  );
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, hash(migration.sql), new Date().toISOString());
    })();
    ran.push(migration.version);
  }
  return ran;
}

/** One migration as a cache file holds it, for diagnostics: applied (and intact) or still pending. */
export interface MigrationStatus {
  version: number;
  name: string;
  state: 'applied' | 'pending' | 'edited_after_applying' | 'unknown_to_this_desk';
  appliedAt: string | null;
}

/** What `migrate` would find in this database, without changing it (it may be opened read-only). */
export function migrationStatus(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationStatus[] {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const applied = table
    ? (db
        .prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version')
        .all() as Array<{ version: number; name: string; sha256: string; applied_at: string }>)
    : [];
  const rows = new Map(applied.map((row) => [row.version, row]));
  const known: MigrationStatus[] = migrations.map((migration) => {
    const row = rows.get(migration.version);
    if (!row) return { version: migration.version, name: migration.name, state: 'pending', appliedAt: null };
    const state = hash(migration.sql) === row.sha256 ? 'applied' : 'edited_after_applying';
    return { version: migration.version, name: migration.name, state, appliedAt: row.applied_at };
  });
  const unknown: MigrationStatus[] = applied
    .filter((row) => !migrations.some((m) => m.version === row.version))
    .map((row) => ({
      version: row.version,
      name: row.name,
      state: 'unknown_to_this_desk',
      appliedAt: row.applied_at,
    }));
  return [...known, ...unknown].sort((a, b) => a.version - b.version);
}
