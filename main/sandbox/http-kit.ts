import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One parsed request as a simulator route sees it. */
export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON or form body; undefined when there was none. */
  body: unknown;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  /** Path with `:name` segments, e.g. `/orders/:id`. */
  path: string;
  handler: RouteHandler;
}

/** Thrown by a handler to answer with a specific status and body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Lets a simulator intercept a request around its handler (fault injection). */
export interface Interceptor {
  handle(
    req: SimRequest,
    res: http.ServerResponse,
    route: Route,
    run: () => Promise<SimResponse>,
  ): Promise<void>;
}

const compile = (path: string) => new RegExp(`^${path.replace(/\/:(\w+)/g, '/(?<$1>[^/]+)')}/?$`);

export function writeResponse(res: http.ServerResponse, response: SimResponse): void {
  const body = response.body === undefined ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...response.headers,
  });
  res.end(body);
}

export async function runHandler(handler: RouteHandler, req: SimRequest): Promise<SimResponse> {
  try {
    return await handler(req);
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return JSON.parse(raw) as unknown;
}

export interface SimServer {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP server for a simulator: matches routes, parses JSON/form bodies, and hands each request to the
 * interceptor (faults) around the route handler. `malformedBody` answers unparseable bodies.
 */
export async function startSimServer(options: {
  routes: Route[];
  interceptor: Interceptor;
  malformedBody: () => SimResponse;
  notFound: () => SimResponse;
  port?: number;
  /** The simulator's clock: every answer's `Date` header reads it, so moving the clock moves the header. */
  now?: () => number;
}): Promise<SimServer> {
  const compiled = options.routes.map((route) => ({ route, regex: compile(route.path) }));
  const server = http.createServer((req, res) => {
    if (options.now) res.setHeader('Date', new Date(options.now()).toUTCString());
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://sim');
        const method = req.method ?? 'GET';
        const match = compiled
          .filter((c) => c.route.method === method)
          .map((c) => ({ route: c.route, match: c.regex.exec(url.pathname) }))
          .find((m) => m.match !== null);
        if (!match) {
          writeResponse(res, options.notFound());
          return;
        }
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = parseBody(rawBody, req.headers['content-type']);
        } catch {
          writeResponse(res, options.malformedBody());
          return;
        }
        const simReq: SimRequest = {
          method,
          path: url.pathname,
          params: Object.fromEntries(
            Object.entries(match.match?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
          ),
          query: url.searchParams,
          headers: req.headers,
          body,
          rawBody,
        };
        try {
          await options.interceptor.handle(simReq, res, match.route, () =>
            runHandler(match.route.handler, simReq),
          );
        } catch (error) {
          if (!res.headersSent) {
            writeResponse(res, { status: 500, body: { message: `simulator bug: ${String(error)}` } });
          }
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
