import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { Store } from '../protocol/api';
import { callKind, streams } from '../protocol/calls';
import { storeOver, type StoreHooks } from '../protocol/client';
import type { CheckReply, WireError, WorkerCall, WorkerReply, WorkerRequest } from '../protocol/messages';

interface Pending {
  resolve(reply: { value: unknown; insideMs: number | null }): void;
  reject(error: Error): void;
  progress?: (value: unknown) => void;
}

const toError = ({ name, message, code, details }: WireError): Error => {
  if (code) return new AppError(code, message, details);
  const error = new Error(message);
  error.name = name;
  return error;
};

/** A `Store` whose engine lives in its own worker thread (`store-worker.cjs` in the build). */
export function workerStore(script: string, file: string, hooks: StoreHooks = {}): Store {
  const worker = new Worker(script, { workerData: { file } });
  const pending = new Map<number, Pending>();
  let next = 0;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.kind === 'log') return hooks.logger?.[reply.level](reply.message, { file, ...reply.fields });
    const call = pending.get(reply.id);
    if (!call) return;
    if (reply.kind === 'progress') return call.progress?.(reply.value);
    pending.delete(reply.id);
    if (reply.kind === 'error') call.reject(toError(reply.error));
    else call.resolve({ value: reply.value, insideMs: reply.ms });
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the cache worker stopped (exit code ${code})`)));

  const post = (request: WorkerCall, progress?: (value: unknown) => void) => {
    if (dead) return Promise.reject(dead);
    return new Promise<{ value: unknown; insideMs: number | null }>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject, progress });
      worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
  };

  // The full check runs in a thread of its own (same script, check mode); damage found is latched in the engine.
  const verify = async () => {
    const found = await new Promise<CheckReply>((resolve) => {
      const checker = new Worker(script, { workerData: { file, check: true } });
      checker.once('message', resolve);
      checker.once('error', (error) => resolve({ error: error.message }));
      checker.once('exit', (code) => resolve({ error: `the check stopped (exit code ${code})` }));
    });
    if ('problems' in found && found.problems.length > 0) {
      const problem = `the full check found: ${found.problems.slice(0, 3).join('; ')}`;
      await post({ call: 'invoke', namespace: 'cache', method: 'markCorrupt', args: [problem] });
    }
    return post({ call: 'invoke', namespace: 'cache', method: 'health', args: [] });
  };

  return storeOver(
    (namespace, method, args) => {
      if (namespace === 'cache' && method === 'verify') return verify();
      // A streaming call's last argument is its listener: it stays here, and the worker's reports reach it.
      const progress = streams(callKind(namespace, method))
        ? (args.at(-1) as (value: unknown) => void)
        : undefined;
      const sent = progress ? args.slice(0, -1) : args;
      return post({ call: 'invoke', namespace, method, args: sent }, progress);
    },
    async () => {
      if (dead) return;
      await post({ call: 'close' });
      await worker.terminate();
    },
    hooks,
  );
}
