import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type BridgeServer } from '../../main/ipc/bridge-server';
import { createBackend, type Backend } from '../../main/services/backend';

let bridge: BridgeServer;
let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-bridge-data-'));
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'desk-bridge-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  backend = createBackend({ dataDir, version: '1.2.3', logToConsole: false });
  bridge = await startBridge({ ...backend, rendererDir });
});
afterAll(async () => {
  await bridge.close();
  await backend.close();
});

/** Opens a socket; resolves with it once open, or with the HTTP status the server refused it with. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function request(
  ws: WebSocket,
  message: unknown,
): Promise<{ id: unknown; envelope: Record<string, unknown> }> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser bridge', () => {
  it('prints a 127.0.0.1 URL carrying the token in the fragment', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
    expect(await connect(`?token=${bridge.token}x`)).toBe(401);
    expect(await connect(`?token=${bridge.token}`, { Origin: 'https://evil.example' })).toBe(401);
  });

  it('answers a channel call through the same router, reporting the bridge transport', async () => {
    const ws = (await connect(`?token=${bridge.token}`)) as WebSocket;
    const reply = await request(ws, { id: 7, channel: 'app.info' });
    expect(reply.id).toBe(7);
    expect(reply.envelope).toMatchObject({
      ok: true,
      value: {
        name: 'Fulfillment Desk',
        version: '1.2.3',
        dataDir,
        transport: 'bridge',
        activeProfile: { id: 'sandbox' },
      },
    });
    ws.close();
  });

  it('returns a VALIDATION envelope for a wrong input, and for a malformed message', async () => {
    const ws = (await connect(`?token=${bridge.token}`)) as WebSocket;
    const wrongInput = await request(ws, { id: 1, channel: 'app.info', input: { surprise: true } });
    expect(wrongInput).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'VALIDATION' } } });
    expect(await request(ws, '{not json')).toMatchObject({
      id: null,
      envelope: { error: { code: 'VALIDATION' } },
    });
    expect(await request(ws, { id: 'x', channel: 5 })).toMatchObject({
      envelope: { error: { code: 'VALIDATION' } },
    });
    const unknown = await request(ws, { id: 2, channel: 'orders.deleteAll' });
    expect(unknown).toMatchObject({ id: 2, envelope: { error: { code: 'UNKNOWN_CHANNEL' } } });
    // The connection survives bad input.
    expect((await request(ws, { id: 3, channel: 'profiles.list' })).envelope.ok).toBe(true);
    ws.close();
  });

  it('starts the Sandbox profile simulators in-process on demand and answers with their loopback URLs', async () => {
    const ws = (await connect(`?token=${bridge.token}`)) as WebSocket;
    const reply = await request(ws, { id: 9, channel: 'sandbox.endpoints' });
    ws.close();
    const { ascenda, gcp } = (reply.envelope as { value: { ascenda: string; gcp: string } }).value;
    expect(ascenda).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await fetch(`${gcp}/v1/Tokens`, {
      method: 'POST',
      headers: { Email: 'sandbox@desk.example', AccessToken: 'sandbox-gcp-access-token' },
    });
    expect(token.status).toBe(200);
    const cards = await fetch(`${ascenda}/gift_cards`);
    expect(cards.status).toBe(401);
  });

  it('pushes main events to connected clients', async () => {
    const ws = (await connect(`?token=${bridge.token}`)) as WebSocket;
    const received = new Promise((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    backend.bus.emit('profiles.changed', { activeProfileId: 'sandbox' });
    expect(await received).toEqual({ event: 'profiles.changed', payload: { activeProfileId: 'sandbox' } });
    ws.close();
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect((await fetch(`${bridge.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${bridge.origin}/`, { method: 'POST' })).status).toBe(405);
  });
});
