import { STORE_METHODS, StoreEngine, type StoreMethod } from './store-engine';

type Engine = Pick<StoreEngine, StoreMethod>;

/** The engine's calls, asynchronous: the same API whether the engine runs in a worker or inline. */
export type StoreClient = {
  [K in StoreMethod]: (...args: Parameters<Engine[K]>) => Promise<ReturnType<Engine[K]>>;
} & { close(): Promise<void> };

/**
 * The engine on the calling thread: for tests and tools, where blocking the event loop does not matter. A cache
 * that cannot be opened (damaged, unreadable) answers every call with the reason, as the worker build does.
 */
export function inlineStore(file: string): StoreClient {
  let engine: StoreEngine | null = null;
  let openError: unknown = null;
  try {
    engine = new StoreEngine(file);
  } catch (error) {
    openError = error;
  }
  const client: Record<string, unknown> = {
    close: async () => engine?.close(),
  };
  for (const method of STORE_METHODS) {
    client[method] = async (...args: unknown[]) => {
      if (!engine) throw openError;
      return engine.run(method, args);
    };
  }
  return client as StoreClient;
}
