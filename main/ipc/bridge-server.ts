import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../shared/desk-api';
import { fail } from '../../shared/envelope';
import type { EventBus } from './event-bus';
import type { Router } from './router';
import { rendererResponse } from './renderer-response';

export const BRIDGE_PATH = '/bridge';
/** How long a client refused by a close frame may take to answer it before its socket is cut. */
const CLOSE_GRACE_MS = 1_000;

/** One request from the bridge client. Anything else on the socket is answered with VALIDATION. */
const requestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  input: z.unknown().optional(),
});

export interface BridgeOptions {
  router: Router;
  bus: EventBus;
  /** Folder holding the built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed only by tests that need to know it in advance; normally random per run. */
  token?: string;
}

export interface BridgeServer {
  /** The URL to open: carries the token in the fragment, so it never reaches an HTTP log or a Referer. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser bridge: the same router as Electron's ipcMain binding, bound to a WebSocket on 127.0.0.1,
 * plus the built renderer over HTTP. Connections without the per-run token are refused.
 */
export async function startBridge(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });
  // The server itself has no error of a client's making to report; it must never take the process down.
  wss.on('error', () => {});
  let origin = '';
  // Only our own page may talk to us: no cross-site WebSocket hijacking, no DNS rebinding.
  let allowedOrigins = new Set<string>();

  server.on('request', (req, res) => {
    void serveStatic(req, res, options.rendererDir, origin, allowedOrigins);
  });
  server.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must cost only its own socket (an unheard 'error' would end the process).
    socket.on('error', () => socket.destroy());
    if (!isAuthorisedUpgrade(req, token, origin, allowedOrigins)) {
      refuse(socket);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedOrigins = new Set([origin, `http://localhost:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One tab's connection. A frame the protocol forbids (unmasked, oversized, invalid UTF-8 text, a bad opcode or
 * reserved bit) makes `ws` fail the connection with the matching close code and report an 'error' on this
 * socket: that closes this connection only, and the server and every other tab carry on. A binary frame is
 * not part of the bridge's JSON protocol and closes the connection with 1003 (unsupported data).
 */
function attach(ws: WebSocket, { router, bus }: BridgeOptions): void {
  const send = (message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribeAll((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', () => {
    unsubscribe();
    ws.terminate();
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(1003, 'The bridge speaks JSON text frames only');
      // A client that never answers the close must not keep its socket for ws's 30 s close timeout.
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    void (async () => {
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        send({ id: null, envelope: fail({ code: 'VALIDATION', message: 'Message is not JSON' }) });
        return;
      }
      const request = requestSchema.safeParse(raw);
      if (!request.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
        const envelope = fail({ code: 'VALIDATION', message: 'Message must be { id, channel, input }' });
        send({ id, envelope });
        return;
      }
      const { id, channel, input } = request.data;
      send({ id, envelope: await router.dispatch(channel, input, { transport: 'bridge' }) });
    })();
  });
}

function isAuthorisedUpgrade(
  req: http.IncomingMessage,
  token: string,
  origin: string,
  allowedOrigins: Set<string>,
): boolean {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname !== BRIDGE_PATH) return false;
  if (!allowedOrigins.has(`http://${req.headers.host}`)) return false;
  // Browsers always send Origin; a non-browser client (tests, tools) may omit it but still needs the token.
  if (req.headers.origin !== undefined && !allowedOrigins.has(req.headers.origin)) return false;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuse(socket: Duplex): void {
  socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rendererDir: string,
  origin: string,
  allowedOrigins: Set<string>,
): Promise<void> {
  if (!allowedOrigins.has(`http://${req.headers.host}`)) {
    res.writeHead(421).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const page = await rendererResponse(rendererDir, new URL(req.url ?? '/', origin).pathname, {
    connectSrc: `ws://${req.headers.host}`,
  });
  if (!page) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...page.headers,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
