import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { callKind, streams } from '../protocol/calls';
import type { CheckReply, WorkerReply, WorkerRequest } from '../protocol/messages';
import { StoreEngine } from './store-engine';

/**
 * The worker-thread entry that owns one profile's cache: the single writer, so bulk sync writes, full-text
 * search and exports never stall the Electron main thread. It speaks the store protocol's messages
 * (`protocol/messages.ts`): calls in; results, errors, progress reports and log lines out.
 */
const port = parentPort;
if (!port) throw new Error('store-worker must run in a worker thread');
const { file, check } = workerData as { file: string; check?: boolean };
const reply = (message: WorkerReply | CheckReply) => port!.postMessage(message);

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
    reply({ problems: rows.map((row) => row.integrity_check).filter((line) => line !== 'ok') });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const corrupt = typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
    reply(corrupt ? { problems: [(error as Error).message] } : { error: (error as Error).message });
  }
}

function serve(target: string): void {
  let engine: StoreEngine | null = null;
  let openError: Error | null = null;
  try {
    engine = new StoreEngine(target);
    const health = engine.api.cache.health();
    if (health.state !== 'ok')
      reply({ kind: 'log', level: 'warn', message: 'cache opened', fields: { state: health.state } });
  } catch (error) {
    openError = error as Error;
    reply({
      kind: 'log',
      level: 'error',
      message: 'cache could not be opened',
      fields: { error: openError.message },
    });
  }

  port!.on('message', (request: WorkerRequest) => {
    const started = performance.now();
    const ms = () => performance.now() - started;
    try {
      if (request.call === 'close') {
        engine?.close();
        engine = null;
        return reply({ id: request.id, kind: 'result', value: undefined, ms: ms() });
      }
      if (!engine) throw openError ?? new Error('the cache is not open');
      const { id, namespace, method, args } = request;
      const report = (value: unknown) => reply({ id, kind: 'progress', value });
      const value = engine.run(
        namespace,
        method,
        streams(callKind(namespace, method)) ? [...args, report] : args,
      );
      reply({ id, kind: 'result', value, ms: ms() });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      // A named fault keeps its code across the thread boundary, so the agent sees it named.
      const named = error instanceof AppError ? { code: error.code, details: error.details } : {};
      reply({ id: request.id, kind: 'error', error: { name, message, ...named }, ms: ms() });
    }
  });
}
