import { FaultInterceptor, type FaultErrors, type FaultPlan } from './faults';
import { startSimServer, type Route, type SimResponse, type SimServer } from './http-kit';

/** How a supplier phrases every error the host itself produces (faults, bad JSON, unknown paths). */
export interface HostErrors extends FaultErrors {
  malformedBody(): SimResponse;
  notFound(): SimResponse;
}

/**
 * Runs one simulator: its routes behind the fault plan on 127.0.0.1, plus a ticker for time-driven work
 * (status progression, webhooks). Token and control routes are exempt from faults unless a fault names them.
 */
export async function hostSimulator(options: {
  routes: Route[];
  faults: FaultPlan;
  errors: HostErrors;
  tokenPath: string;
  tick: () => void;
  port?: number;
}): Promise<SimServer> {
  const { errors } = options;
  const server = await startSimServer({
    routes: options.routes,
    port: options.port,
    interceptor: new FaultInterceptor(
      options.faults,
      errors,
      (route) => route.path === options.tokenPath || route.path.startsWith('/__sandbox'),
    ),
    malformedBody: () => errors.malformedBody(),
    notFound: () => errors.notFound(),
  });
  const ticker = setInterval(options.tick, 100);
  ticker.unref();
  return {
    ...server,
    close: async () => {
      clearInterval(ticker);
      await server.close();
    },
  };
}
