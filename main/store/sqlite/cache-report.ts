import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationStatus } from './migrate';

/** The SQLite the caches run on, for a support ticket. */
export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** Each profile cache's migrations, read-only: a cache the desk cannot open is reported, not repaired. */
export function migrationReport(cacheDir: string, notes: string[]): Record<string, unknown> {
  if (!existsSync(cacheDir)) return {};
  const result: Record<string, unknown> = {};
  for (const name of readdirSync(cacheDir)
    .filter((n) => n.endsWith('.sqlite'))
    .sort()) {
    try {
      const db = new Database(path.join(cacheDir, name), { readonly: true, fileMustExist: true });
      try {
        result[name] = migrationStatus(db);
      } finally {
        db.close();
      }
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      result[name] = { unreadable: problem };
      notes.push(`cache/${name} could not be read: ${problem}`);
    }
  }
  return result;
}
