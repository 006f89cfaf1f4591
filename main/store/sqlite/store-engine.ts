import { rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { CacheHealth } from '../../../shared/health';
import { corrupt, namedFault } from '../../environment/file-faults';
import { LATEST_SCHEMA, openCache, type CacheAccess } from './open-database';
import type { CacheApi, Namespace, StoreApi } from '../protocol/api';
import { callKind } from '../protocol/calls';
import {
  bulkCalls,
  leasesCalls,
  membersCalls,
  notesCalls,
  queuesCalls,
  reconciliationCalls,
  stateCalls,
} from './engine/day-calls';
import { lookupCalls, ordersCalls } from './engine/history-calls';
import { intentsCalls, placementsCalls } from './engine/journal-calls';
import { auditCalls, exportsCalls, failuresCalls, ledgerCalls } from './engine/money-calls';
import { balanceCalls, catalogueCalls, programsCalls } from './engine/supplier-data-calls';
import { openTables } from './engine/tables';

/**
 * The store protocol on SQLite: one profile's cache, every call synchronous on plain data, so it runs in a worker
 * thread (the desk's default: a single writer off the main thread) or inline (tests). `run` is the one door the
 * clients use: it refuses writes on a read-only or damaged cache and names machine faults.
 */
export class StoreEngine {
  private readonly db: Database.Database;
  private readonly access: CacheAccess;
  /** Set once the cache is known to be damaged: from then on nothing is written to it (and so nothing sent). */
  private damage: string | null = null;
  /** The last write the disk refused for want of space, until a write succeeds again. */
  private diskFull: AppError | null = null;
  readonly api: StoreApi;

  constructor(private readonly file: string) {
    ({ db: this.db, access: this.access } = openCache(file));
    const t = openTables(this.db);
    const cache: CacheApi = {
      health: () => this.health(),
      verify: () => this.verify(),
      markCorrupt: (problem) => this.markCorrupt(problem),
    };
    this.api = {
      orders: ordersCalls(t),
      lookup: lookupCalls(t),
      placements: placementsCalls(t),
      intents: intentsCalls(t),
      failures: failuresCalls(t),
      ledger: ledgerCalls(t),
      exports: exportsCalls(),
      notes: notesCalls(t),
      audit: auditCalls(t),
      state: stateCalls(t),
      leases: leasesCalls(t),
      bulk: bulkCalls(t),
      queues: queuesCalls(t),
      members: membersCalls(t),
      reconciliation: reconciliationCalls(t),
      catalogue: catalogueCalls(t),
      programs: programsCalls(t),
      balance: balanceCalls(t),
      cache,
    };
  }

  /**
   * Runs one engine call as the store clients make them: writes are refused on a read-only or damaged cache,
   * and a machine fault comes back named (disk full, read-only, corrupt) instead of as SQLite's own error.
   */
  run(namespace: string, method: string, args: unknown[]): unknown {
    const kind = callKind(namespace, method);
    if (!kind) throw new AppError('INTERNAL', `The store has no call ${namespace}.${method}.`);
    const write = 'write' in kind ? kind.write : undefined;
    if (write && this.damage !== null) throw corrupt(this.file, this.damage);
    if (write && this.access.mode !== 'read-write') {
      throw new AppError(
        'READ_ONLY',
        `Read-only: could not ${write}, because ${this.access.reason}. Reading still works; make the folder writable to save again.`,
        { file: this.file, folder: path.dirname(this.file) },
      );
    }
    try {
      const calls = this.api[namespace as Namespace] as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      >;
      const result = calls[method]!(...args);
      if (write) this.diskFull = null;
      return result;
    } catch (error) {
      // An export's faults are its file's (a full disk there says nothing about the cache).
      const exporting = 'export' in kind ? kind.export : undefined;
      const target = exporting ? String(args[0]) : this.file;
      const action = write ?? exporting ?? 'read the cache';
      const named = namedFault(error, { file: target, action });
      if (named?.code === 'CORRUPT' && target === this.file) this.damage ??= problemOf(named);
      if (named?.code === 'DISK_FULL' && target === this.file) this.diskFull = named;
      throw named ?? error;
    }
  }

  /** What the agent is told about this cache: read-only, damaged, disk full, or fine; and its durability. */
  health(): CacheHealth {
    const durability = {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'unknown',
    };
    const base = { file: this.file, folder: path.dirname(this.file), ...durability };
    if (this.damage !== null)
      return { ...base, state: 'corrupt', message: corrupt(this.file, this.damage).message };
    if (this.access.mode !== 'read-write') {
      const older =
        this.schemaVersion() < LATEST_SCHEMA
          ? ' It was written by an older desk, so some screens may be incomplete until it can be upgraded.'
          : '';
      const copy =
        this.access.mode === 'read-only' && this.access.from !== this.file
          ? ' It is read from a private copy, because SQLite cannot read it in place without writing beside it.'
          : '';
      const what =
        this.access.mode === 'empty'
          ? 'This profile has no cache in it yet, and none can be made.'
          : `The cache ${this.file} is open read-only.${copy}${older}`;
      return {
        ...base,
        state: 'read_only',
        message: `Read-only: ${this.access.reason}. ${what} History, look-up and exports still work; syncing, placing orders and handling failures are off until the folder can be written.`,
      };
    }
    if (this.diskFull) return { ...base, state: 'disk_full', message: this.diskFull.message };
    return { ...base, state: 'ok', message: null };
  }

  /** The full check (every page, every index): minutes on a huge cache, so only ever after the first screen. */
  verify(): CacheHealth {
    const rows = this.db.pragma('integrity_check(20)', { simple: false }) as Array<{
      integrity_check: string;
    }>;
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) this.markCorrupt(`the full check found: ${problems.slice(0, 3).join('; ')}`);
    return this.health();
  }

  /** Latches a damage found elsewhere (the full check runs on its own connection in the worker build). */
  markCorrupt(problem: string): void {
    this.damage ??= problem;
  }

  private schemaVersion(): number {
    try {
      return (
        (this.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null })
          .v ?? 0
      );
    } catch {
      return 0;
    }
  }

  close(): void {
    this.db.close();
    // A read-only cache read from a private copy: the copy goes with the connection.
    if (this.access.mode === 'read-only' && this.access.from !== this.file)
      rmSync(path.dirname(this.access.from), { recursive: true, force: true });
  }
}

const SYNCHRONOUS: Record<number, CacheHealth['synchronous']> = {
  0: 'off',
  1: 'normal',
  2: 'full',
  3: 'extra',
};

const problemOf = (error: AppError) => (error.details as { problem: string }).problem;
