import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { STORE_METHODS, StoreEngine } from './store-engine';

/**
 * The worker-thread entry that owns one profile's cache: the single writer, so bulk sync writes, full-text
 * search and exports never stall the Electron main thread. Messages: { id, method, args } in; { id, result }
 * or { id, error } out, plus { id, progress } for calls that report progress.
 */
const port = parentPort;
if (!port) throw new Error('store-worker must run in a worker thread');
const { file } = workerData as { file: string };

let engine: StoreEngine | null = null;
let openError: Error | null = null;
try {
  engine = new StoreEngine(file);
} catch (error) {
  openError = error as Error;
}

const allowed = new Set<string>([...STORE_METHODS, 'close']);

port.on('message', (message: { id: number; method: string; args: unknown[] }) => {
  const { id, method, args } = message;
  try {
    if (!engine) throw openError ?? new Error('the cache is not open');
    if (!allowed.has(method)) throw new Error(`unknown store call ${method}`);
    const report = (progress: unknown) => port.postMessage({ id, progress });
    const fn = (engine as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
    const result = method === 'exportCsv' ? fn.apply(engine, [...args, report]) : fn.apply(engine, args);
    if (method === 'close') engine = null;
    port.postMessage({ id, result });
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : new Error(String(error));
    // An AppError keeps its code across the thread boundary, so the agent still sees e.g. CONFLICT.
    const code = error instanceof AppError ? error.code : undefined;
    const details = error instanceof AppError ? error.details : undefined;
    port.postMessage({ id, error: { name, message: text, code, details } });
  }
});
