import type { Logger } from '../../log/logger';
import type { Namespace, Store } from './api';
import { STORE_CALLS, type CallKind } from './calls';

/** What a store's owner hears: slow calls in its log, and each call's outcome (null, or the error). */
export interface StoreHooks {
  logger?: Logger;
  /** Every data call's outcome, so health follows a disk that fills up and frees again. */
  outcome?(error: unknown): void;
  /** Calls slower than this are logged (SLOW_CALL_MS by default). */
  slowCallMs?: number;
}

/** A call that takes longer than this (queue wait included) is logged with its name and times. */
export const SLOW_CALL_MS = 200;

/**
 * Opens one profile's store: the SQLite one by default; the team's PostgreSQL store is another function of this
 * type, and no service changes for it.
 */
export type OpenStore = (profileId: string, hooks: StoreHooks) => Store;

/** One protocol call as a transport makes it; `inside` is the time the store itself took, when it knows. */
export type Transport = (
  namespace: Namespace,
  method: string,
  args: unknown[],
) => Promise<{ value: unknown; insideMs: number | null }>;

/**
 * A `Store` over a transport (a worker thread, or the engine inline): every call of the protocol, each timed,
 * and a slow one logged as `namespace.method` with its time. Built from the protocol's one declaration.
 */
export function storeOver(transport: Transport, close: () => Promise<void>, hooks: StoreHooks = {}): Store {
  const { logger, outcome, slowCallMs = SLOW_CALL_MS } = hooks;
  const store: Record<string, unknown> = { close };
  for (const [namespace, calls] of Object.entries(STORE_CALLS) as Array<
    [Namespace, Record<string, CallKind>]
  >) {
    const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const [method, kind] of Object.entries(calls)) {
      const observed = !('control' in kind);
      methods[method] = async (...args: unknown[]) => {
        const started = performance.now();
        let insideMs: number | null = null;
        try {
          const reply = await transport(namespace, method, args);
          insideMs = reply.insideMs;
          if (observed) outcome?.(null);
          return reply.value;
        } catch (error) {
          if (observed) outcome?.(error);
          throw error;
        } finally {
          const ms = performance.now() - started;
          // The store's own checks (the full integrity check) are slow by design.
          if (observed && ms >= slowCallMs && logger)
            logger.warn('slow store call', {
              call: `${namespace}.${method}`,
              ms: Math.round(ms),
              ...(insideMs === null ? {} : { storeMs: Math.round(insideMs) }),
            });
        }
      };
    }
    store[namespace] = methods;
  }
  return store as Store;
}
