import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { CacheHealth } from '../../shared/health';
import { STORE_METHODS } from './store-engine';
import type { StoreClient } from './store-client';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress?: (value: unknown) => void;
}

/** A StoreClient whose engine lives in its own worker thread (`store-worker.cjs` in the build). */
export function workerStore(script: string, file: string): StoreClient {
  const worker = new Worker(script, { workerData: { file } });
  const pending = new Map<number, Pending>();
  let next = 0;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on(
    'message',
    (message: {
      id: number;
      result?: unknown;
      error?: { name: string; message: string; code?: ErrorCode; details?: unknown };
      progress?: unknown;
    }) => {
      const call = pending.get(message.id);
      if (!call) return;
      if ('progress' in message) return call.progress?.(message.progress);
      pending.delete(message.id);
      if (message.error) {
        const { name, message: text, code, details } = message.error;
        const error = code ? new AppError(code, text, details) : new Error(text);
        if (!code) error.name = name;
        call.reject(error);
      } else call.resolve(message.result);
    },
  );
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the cache worker stopped (exit code ${code})`)));

  const call = (method: string, args: unknown[]) => {
    if (dead) return Promise.reject(dead);
    const progress = typeof args.at(-1) === 'function' ? (args.pop() as (value: unknown) => void) : undefined;
    return new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject, progress });
      worker.postMessage({ id, method, args });
    });
  };
  const client: Record<string, unknown> = {
    close: async () => {
      if (dead) return;
      await call('close', []);
      await worker.terminate();
    },
  };
  for (const method of STORE_METHODS) client[method] = (...args: unknown[]) => call(method, args);
  // The full check runs in a thread of its own (same script, check mode); damage found is latched in the engine.
  client.verify = async (): Promise<CacheHealth> => {
    const found = await new Promise<{ problems?: string[]; error?: string }>((resolve) => {
      const checker = new Worker(script, { workerData: { file, check: true } });
      checker.once('message', resolve);
      checker.once('error', (error) => resolve({ error: error.message }));
      checker.once('exit', (code) => resolve({ error: `the check stopped (exit code ${code})` }));
    });
    if (found.problems?.length)
      await call('markCorrupt', [`the full check found: ${found.problems.slice(0, 3).join('; ')}`]);
    return call('health', []) as Promise<CacheHealth>;
  };
  return client as StoreClient;
}
