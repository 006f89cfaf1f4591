import { Redactor } from '../log/redactor';
import { channelHandlers } from './handlers';
import { createServices, type ServiceOptions, type Services } from './services';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';

export type BackendOptions = ServiceOptions;
export type { Services } from './services';

export interface Backend {
  router: Router;
  bus: EventBus;
  services: Services;
  /** Stops whatever the backend started: syncs, cache workers, the sandbox simulators. */
  close(): Promise<void>;
}

/**
 * The composition root both transports (Electron IPC, browser bridge) bind: the services, their channel table
 * behind the router, and the event bus they push to. It wires; the services hold the behaviour.
 */
export function createBackend(options: BackendOptions): Backend {
  const redactor = new Redactor();
  const bus = new EventBus((payload) => redactor.value(payload));
  const { services, close } = createServices(options, {
    emit: (event, payload) => bus.emit(event, payload),
    redactor,
  });
  const router = createRouter(channelHandlers(services), {
    onInternalError: (channel, error, errorId) =>
      services.logger.error('channel failed', { channel, errorId, error }),
  });
  return {
    // Belt and braces: whatever a service returns, no credential the desk knows of crosses to the renderer.
    router: {
      dispatch: async (channel, input, ctx) => redactor.value(await router.dispatch(channel, input, ctx)),
    },
    bus,
    services,
    close,
  };
}
