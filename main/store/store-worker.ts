import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { STORE_METHODS, StoreEngine, type StoreMethod } from './store-engine';

/**
 * The worker-thread entry that owns one profile's cache: the single writer, so bulk sync writes, full-text
 * search and exports never stall the Electron main thread. Messages: { id, method, args } in; { id, result }
 * or { id, error } out, plus { id, progress } for calls that report progress.
 */
const port = parentPort;
if (!port) throw new Error('store-worker must run in a worker thread');
const { file, check } = workerData as { file: string; check?: boolean };

if (check) fullCheck(file);
else serve(file);

/**
 * The full integrity check, in a thread of its own on its own read-only connection, so the cache worker keeps
 * answering the screens while every page and index is read. Posts the problems found (none: an empty list).
 */
function fullCheck(target: string): void {
  // It starts as the first screen shows: on Linux a thread has its own nice value, so the check yields the CPU
  // to the screens (elsewhere the call would lower the whole desk, so it is not made).
  if (process.platform === 'linux') os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  try {
    const db = new Database(target, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
    db.close();
    port!.postMessage({ problems: rows.map((row) => row.integrity_check).filter((line) => line !== 'ok') });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const corrupt = typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
    port!.postMessage(
      corrupt ? { problems: [(error as Error).message] } : { error: (error as Error).message },
    );
  }
}

function serve(target: string): void {
  let engine: StoreEngine | null = null;
  let openError: Error | null = null;
  try {
    engine = new StoreEngine(target);
  } catch (error) {
    openError = error as Error;
  }

  const allowed = new Set<string>(STORE_METHODS);

  port!.on('message', (message: { id: number; method: string; args: unknown[] }) => {
    const { id, method, args } = message;
    try {
      if (method === 'close') {
        engine?.close();
        engine = null;
        return port!.postMessage({ id, result: undefined });
      }
      if (!engine) throw openError ?? new Error('the cache is not open');
      if (!allowed.has(method)) throw new Error(`unknown store call ${method}`);
      const report = (progress: unknown) => port!.postMessage({ id, progress });
      const result = engine.run(method as StoreMethod, method === 'exportCsv' ? [...args, report] : args);
      port!.postMessage({ id, result });
    } catch (error) {
      const { name, message: text } = error instanceof Error ? error : new Error(String(error));
      // A named fault keeps its code across the thread boundary, so the agent sees it named.
      const named = error instanceof AppError ? { code: error.code, details: error.details } : {};
      port!.postMessage({ id, error: { name, message: text, ...named } });
    }
  });
}
