import { StoreEngine, type StoreMethod } from './store-engine';

type Engine = Pick<StoreEngine, StoreMethod>;

/** The engine's calls, asynchronous: the same API whether the engine runs in a worker or inline. */
export type StoreClient = {
  [K in StoreMethod]: (...args: Parameters<Engine[K]>) => Promise<ReturnType<Engine[K]>>;
} & { close(): Promise<void> };

/** The engine on the calling thread: for tests and tools, where blocking the event loop does not matter. */
export function inlineStore(file: string): StoreClient {
  const engine = new StoreEngine(file);
  const client: Record<string, unknown> = {
    close: async () => engine.close(),
  };
  for (const method of Object.getOwnPropertyNames(StoreEngine.prototype)) {
    if (method === 'constructor' || method === 'close') continue;
    const fn = (engine as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
    client[method] = async (...args: unknown[]) => fn.apply(engine, args);
  }
  return client as StoreClient;
}
