import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { corrupt, namedFault } from '../../environment/file-faults';
import { migrate, MIGRATIONS } from './migrate';

/** How a cache was opened: normally for writing; read-only when its folder cannot be written. */
export type CacheAccess =
  | { mode: 'read-write' }
  /** `from` is what was actually opened: the file itself, or a private copy (when -wal/-shm cannot be made). */
  | { mode: 'read-only'; reason: string; from: string }
  /** No cache file, and none can be created: an empty, read-only stand-in. */
  | { mode: 'empty'; reason: string };

export interface OpenedCache {
  db: Database.Database;
  access: CacheAccess;
}

/**
 * Opens (creating if needed) and migrates a cache database with the desk's pragmas: WAL, and synchronous=FULL,
 * so a commit (the journal row that proves an order was sent, an audit entry) survives a power cut. A damaged
 * file is refused before SQLite writes anything to it.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(file), { recursive: true });
    checkHeader(file);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw namedFault(error, { file, action: 'open the cache' }) ?? error;
  }
}

/**
 * Opens a profile's cache for the desk: read-write where its folder can be written, otherwise read-only (never
 * migrated, never written). SQLite cannot read a WAL database read-only where it cannot create the -shm file,
 * so then the cache (with its -wal, whose commits would otherwise be missed) is copied to a private temporary
 * folder and the copy is read.
 */
export function openCache(file: string): OpenedCache {
  const folder = path.dirname(file);
  const readOnlyReason = unwritable(folder, file);
  if (!readOnlyReason) return { db: openDatabase(file), access: { mode: 'read-write' } };
  if (!existsSync(file)) {
    const db = new Database(':memory:');
    migrate(db);
    return { db, access: { mode: 'empty', reason: readOnlyReason } };
  }
  checkHeader(file);
  try {
    return { db: openReadOnly(file), access: { mode: 'read-only', reason: readOnlyReason, from: file } };
  } catch (error) {
    const named = namedFault(error, { file, action: 'open the cache read-only' });
    if (named?.code === 'CORRUPT') throw named;
  }
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-read-only-')), path.basename(file));
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    return { db: openReadOnly(copy), access: { mode: 'read-only', reason: readOnlyReason, from: copy } };
  } catch (error) {
    throw namedFault(error, { file, action: 'open the cache read-only' }) ?? error;
  }
}

function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // Opening is lazy: the first read is what needs the -shm file (and meets a damaged schema).
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.pragma('query_only = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Why the cache cannot be written (the folder or the file), or null when it can. */
function unwritable(folder: string, file: string): string | null {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
    if (code === 'EROFS') return `${folder} is on a read-only file system`;
    if (code === 'EACCES' || code === 'EPERM') return `${folder} may not be written by this user`;
    throw namedFault(error, { file, action: 'open the cache' }) ?? error;
  }
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The cheap checks on open, before SQLite touches the file: an SQLite header, and a file as long as its header
 * says. A truncated cache (a copy cut short, a disk that filled mid-write) is named here instead of failing on
 * some later read; damage inside the file is found on first read and by the full check after the first screen.
 */
export function checkHeader(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // not there yet: SQLite creates it
  }
  if (size === 0) return; // an empty file is a new database to SQLite
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const magic = header.subarray(0, Math.min(read, HEADER.length));
  if (!magic.equals(HEADER.subarray(0, magic.length))) throw corrupt(file, 'it is not an SQLite database');
  if (read < 100) throw corrupt(file, `only ${size} bytes: it was cut short`);
  const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // The page count is trustworthy only when the writer that set it also set the "valid for" counter.
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (countValid && pages > 0 && size < pages * pageSize) {
    throw corrupt(
      file,
      `truncated: ${size.toLocaleString('en-US')} bytes of the ${(pages * pageSize).toLocaleString('en-US')} its header records`,
    );
  }
}

/** The newest migration this desk knows: a read-only cache older than that cannot be upgraded in place. */
export const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));
