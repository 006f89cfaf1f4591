import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Redactor } from '../../main/log/redactor';
import { proxyFromEnvironment, type ProxyChoice } from '../../main/net/proxy-resolution';
import { SupplierAgent } from '../../main/net/supplier-agent';
import { SupplierHttp } from '../../main/providers/supplier-http';
import { explainSupplierError } from '../../shared/error-catalogue';
import { failure, memoryLogger } from '../support/clients';

/**
 * Supplier calls through a real HTTP CONNECT proxy on loopback. The supplier is `supplier.test`, a name only the
 * proxy can reach (it tunnels every CONNECT to the local TLS server), so an answer proves the proxy was used.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-proxy-'));
let supplier: https.Server;
let supplierPort = 0;
let proxy: http.Server;
let proxyUrl = '';
const tunnels: string[] = [];
let silent: net.Server;
let silentUrl = '';
/** Sockets the servers' close() does not end by itself: tunnels and the silent proxy's connections. */
const hung = new Set<net.Socket>();
const savedEnv = { ...process.env };

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=supplier.test',
      '-addext',
      'subjectAltName=DNS:supplier.test,IP:127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  supplier = https.createServer(
    { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
    (req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { Location: 'https://elsewhere.test/steal' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ pong: req.url }));
    },
  );
  await listen(supplier);
  supplierPort = (supplier.address() as AddressInfo).port;
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    hung.add(client);
    const upstream = net.connect(supplierPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    hung.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await listen(proxy);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  // A proxy that accepts the connection and never answers the CONNECT.
  silent = net.createServer((socket) => hung.add(socket));
  await listen(silent);
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of hung) socket.destroy();
  supplier.closeAllConnections();
  proxy.closeAllConnections();
  for (const server of [supplier, proxy, silent]) await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  tunnels.length = 0;
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

function listen(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

function client(baseUrl: string, agent: SupplierAgent, readMs = 5_000) {
  const redactor = new Redactor();
  return new SupplierHttp({
    supplier: 'ascenda',
    baseUrl,
    policy: {
      timeouts: { readMs, createMs: readMs, tokenMs: readMs },
      rateLimit: { maxRetries: 0, maxWaitMs: 0, backoffMs: 0 },
      requestIdHeaders: [],
    },
    classifyStatus: () => ({ kind: 'INDETERMINATE' }),
    logger: memoryLogger(redactor),
    redactor,
    httpsAgent: agent,
  });
}
const ping = (path = '/v1/ping') => ({
  operation: 'ping',
  method: 'GET' as const,
  path,
  timeout: 'readMs' as const,
  schema: z.object({ pong: z.string() }),
  bearer: null,
});
const trusted = () => [readFileSync(path.join(dir, 'cert.pem'), 'utf8')];
const via = (choice: () => ProxyChoice) => ({ resolve: choice });

describe('supplier calls through a corporate proxy', () => {
  it('tunnel through the proxy the URL resolves to, with the extra trusted certificate', async () => {
    const agent = new SupplierAgent({ ...via(() => ({ kind: 'proxy', url: proxyUrl })), ca: trusted() });
    const reply = await client('https://supplier.test', agent).call(ping());
    expect(reply.data).toEqual({ pong: '/v1/ping' });
    expect(tunnels).toEqual(['supplier.test:443']);
  });

  it('take the proxy from HTTPS_PROXY in the browser bridge, and honour NO_PROXY', async () => {
    process.env.HTTPS_PROXY = proxyUrl;
    const agent = new SupplierAgent({ resolve: proxyFromEnvironment, ca: trusted() });
    expect((await client('https://supplier.test', agent).call(ping())).data.pong).toBe('/v1/ping');
    expect(tunnels).toEqual(['supplier.test:443']);
    process.env.NO_PROXY = '.test';
    // Not proxied: supplier.test is then looked up directly, and no DNS knows it.
    const info = await failure(client('https://supplier.test', agent).call(ping()));
    expect(info).toMatchObject({
      kind: 'UNREACHABLE',
      networkCode: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/),
    });
    expect(tunnels).toEqual(['supplier.test:443']);
  });

  it('never send the loopback simulators through a proxy, whatever the settings say', async () => {
    process.env.HTTPS_PROXY = proxyUrl;
    const agent = new SupplierAgent({ resolve: () => ({ kind: 'proxy', url: proxyUrl }), ca: trusted() });
    const reply = await client(`https://127.0.0.1:${supplierPort}`, agent).call(ping());
    expect(reply.data.pong).toBe('/v1/ping');
    expect(tunnels).toEqual([]);
  });

  it('refuse a certificate the machine does not trust, and say it may be the proxy and what to ask IT', async () => {
    const agent = new SupplierAgent(via(() => ({ kind: 'proxy', url: proxyUrl })));
    const info = await failure(client('https://supplier.test', agent).call(ping()));
    expect(info).toMatchObject({
      kind: 'TLS',
      networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      orderMayExist: false,
    });
    const told = explainSupplierError(info);
    expect(told.explanation).toMatch(/corporate network .* proxy that inspects HTTPS/);
    expect(told.action).toMatch(/ask IT to install the proxy’s root certificate/);
  });

  it('still follow no redirect through the tunnel', async () => {
    const agent = new SupplierAgent({ ...via(() => ({ kind: 'proxy', url: proxyUrl })), ca: trusted() });
    const info = await failure(client('https://supplier.test', agent).call(ping('/moved')));
    expect(info).toMatchObject({ httpStatus: 302 });
  });

  it('keep the deadline when the proxy never answers', async () => {
    const agent = new SupplierAgent({ ...via(() => ({ kind: 'proxy', url: silentUrl })), ca: trusted() });
    const info = await failure(client('https://supplier.test', agent, 300).call(ping()));
    expect(info).toMatchObject({ kind: 'INDETERMINATE', networkCode: 'TIMEOUT' });
  });
});
