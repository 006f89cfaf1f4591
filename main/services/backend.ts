import { mkdirSync } from 'node:fs';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';
import { APP_NAME } from './data-dir';
import { ProfileService } from './profiles';

export interface BackendOptions {
  dataDir: string;
  version: string;
  /** Where unexpected service failures go (the console by default). */
  log?: (message: string, error: unknown) => void;
}

export interface Backend {
  router: Router;
  bus: EventBus;
}

/** Composes every service behind the router. Both transports (Electron IPC, browser bridge) bind its result. */
export function createBackend({ dataDir, version, log = console.error }: BackendOptions): Backend {
  mkdirSync(dataDir, { recursive: true });
  const bus = new EventBus();
  const profiles = new ProfileService();

  const router = createRouter(
    {
      'app.info': (_input, ctx) => ({
        name: APP_NAME,
        version,
        dataDir,
        activeProfile: profiles.active(),
        transport: ctx.transport,
      }),
      'profiles.list': () => profiles.list(),
    },
    { onInternalError: (channel, error) => log(`[router] ${channel} failed`, error) },
  );
  return { router, bus };
}
