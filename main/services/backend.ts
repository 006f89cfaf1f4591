import { mkdirSync } from 'node:fs';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';
import { APP_NAME } from './data-dir';
import { AppError } from '../../shared/errors';
import { ProfileService } from './profiles';
import { SandboxRuntime } from './sandbox-runtime';

export interface BackendOptions {
  dataDir: string;
  version: string;
  /** Where unexpected service failures go (the console by default). */
  log?: (message: string, error: unknown) => void;
}

export interface Backend {
  router: Router;
  bus: EventBus;
  /** Stops whatever the backend started (the sandbox simulators). */
  close(): Promise<void>;
}

/** Composes every service behind the router. Both transports (Electron IPC, browser bridge) bind its result. */
export function createBackend({ dataDir, version, log = console.error }: BackendOptions): Backend {
  mkdirSync(dataDir, { recursive: true });
  const bus = new EventBus();
  const profiles = new ProfileService();
  const sandbox = new SandboxRuntime();

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
      'sandbox.endpoints': () => {
        if (profiles.active().environment !== 'sandbox') {
          throw new AppError(
            'NOT_FOUND',
            'The active profile is not the Sandbox; it has no local simulators.',
          );
        }
        return sandbox.endpoints();
      },
    },
    { onInternalError: (channel, error) => log(`[router] ${channel} failed`, error) },
  );
  return { router, bus, close: () => sandbox.stop() };
}
