import path from 'node:path';
import { AppError } from '../../shared/errors';

/** What the desk was writing or reading when the machine refused: named in the agent's message. */
export interface FaultContext {
  /** The file concerned (a cache, an export, profiles.json). */
  file: string;
  /** What the desk was doing, e.g. "save the order history". */
  action: string;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED']);
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB']);

/**
 * A machine fault (disk full, read-only, a damaged database) as an AppError that names it, the file and its
 * folder, and what to do; null for anything else (which stays an unexpected error with an id in the log).
 */
export function namedFault(error: unknown, { file, action }: FaultContext): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const folder = path.dirname(file);
  if (DISK_FULL.has(code)) {
    return new AppError(
      'DISK_FULL',
      `Disk full: could not ${action}, because the disk holding ${folder} has no space left. Nothing was lost: free some space there and try again.`,
      { file, folder },
    );
  }
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY')) {
    return new AppError(
      'READ_ONLY',
      `Read-only: could not ${action}, because ${folder} cannot be written (${code}). Reading still works; make the folder writable to save again.`,
      { file, folder },
    );
  }
  if (CORRUPT.has(code) || code.startsWith('SQLITE_CORRUPT'))
    return corrupt(file, 'SQLite reports it damaged');
  return null;
}

/** A damaged cache: named with the file, what is wrong and what to do; never repaired or overwritten. */
export function corrupt(file: string, problem: string): AppError {
  return new AppError(
    'CORRUPT',
    `The cache ${file} is damaged (${problem}). The desk left it untouched and sends nothing for this profile. Close the desk, keep a copy of the file for support, then restore it from a backup, or move it aside to start the profile's cache afresh (its placement journal lives only in that file).`,
    { file, problem },
  );
}
