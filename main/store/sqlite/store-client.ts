import type { Store } from '../protocol/api';
import { storeOver, type StoreHooks } from '../protocol/client';
import { StoreEngine } from './store-engine';

/**
 * The store on the calling thread: for tests and tools, where blocking the event loop does not matter. A cache
 * that cannot be opened (damaged, unreadable) answers every call with the reason, as the worker build does.
 */
export function inlineStore(file: string, hooks: StoreHooks = {}): Store {
  let engine: StoreEngine | null = null;
  let openError: unknown = null;
  try {
    engine = new StoreEngine(file);
  } catch (error) {
    openError = error;
  }
  return storeOver(
    async (namespace, method, args) => {
      if (!engine) throw openError;
      const started = performance.now();
      const value = engine.run(namespace, method, args);
      return { value, insideMs: performance.now() - started };
    },
    async () => engine?.close(),
    hooks,
  );
}
