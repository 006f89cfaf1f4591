import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { profileIdSchema } from '../../shared/profile-schema';
import { migrate } from './migrate';

/** Where a profile's cache lives: one SQLite file per profile, so profiles never mix their orders. */
export function cacheFile(dataDir: string, profileId: string): string {
  return path.join(dataDir, 'cache', `${profileIdSchema.parse(profileId)}.sqlite`);
}

/** Where deleted profiles' journals and audit logs are kept, read-only, one SQLite file each. */
export function archiveDir(dataDir: string): string {
  return path.join(dataDir, 'archive');
}

/** Opens (creating if needed) and migrates a cache database with the desk's pragmas. */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
