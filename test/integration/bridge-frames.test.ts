import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type BridgeServer } from '../../main/ipc/bridge-server';
import { createBackend, type Backend } from '../../main/services/backend';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../shared/desk-api';

let bridge: BridgeServer;
let backend: Backend;
/** A well-behaved tab that stays connected through every bad frame the others send. */
let bystander: WebSocket;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-frames-data-'));
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'desk-frames-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  backend = createBackend({ dataDir, version: '1.0.0', logToConsole: false });
  bridge = await startBridge({ ...backend, rendererDir });
  bystander = await open();
});
afterAll(async () => {
  bystander.close();
  await bridge.close();
  await backend.close();
});

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call(ws: WebSocket, channel: string): Promise<{ ok: boolean }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; envelope?: { ok: boolean } };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.envelope!);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel }));
  });
}

/** A raw TCP client that completes the WebSocket handshake by hand, then writes whatever bytes it is given. */
async function rawSocket(): Promise<{ socket: net.Socket; received: () => Buffer; closed: Promise<void> }> {
  const socket = net.connect(bridge.port, '127.0.0.1');
  let data = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    [
      `GET /bridge?token=${bridge.token} HTTP/1.1`,
      `Host: 127.0.0.1:${bridge.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  await expect.poll(() => data.toString('latin1')).toContain('\r\n\r\n');
  expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
  data = data.subarray(data.indexOf('\r\n\r\n') + 4);
  return { socket, received: () => data, closed };
}

/** One client frame: FIN + opcode, masked unless told otherwise, with the right length encoding. */
function frame(
  opcode: number,
  payload: Buffer,
  options: { mask?: boolean; fin?: boolean; rsv1?: boolean; length?: number } = {},
) {
  const { mask = true, fin = true, rsv1 = false } = options;
  const length = options.length ?? payload.length;
  const head = [(fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = mask ? payload.map((byte, i) => byte ^ key[i % 4]!) : payload;
  return Buffer.concat([Buffer.from(head), extended, key, Buffer.from(body)]);
}

/** The close code of the server's close frame (servers never mask), or null when it sent none. */
function closeCode(bytes: Buffer): number | null {
  const at = bytes.findIndex((byte, i) => byte === 0x88 && i + 3 < bytes.length);
  return at < 0 ? null : bytes.readUInt16BE(at + 2);
}

const text = (value: string) => Buffer.from(value, 'utf8');

describe('browser bridge under bad WebSocket frames', () => {
  const cases: Array<{ name: string; bytes: () => Buffer; code: number }> = [
    { name: 'an unmasked frame', bytes: () => frame(0x1, text('{"id":1}'), { mask: false }), code: 1002 },
    {
      name: 'an oversized frame',
      bytes: () => frame(0x1, Buffer.alloc(16), { length: MAX_BRIDGE_MESSAGE_BYTES + 1 }),
      code: 1009,
    },
    {
      name: 'a text frame that is not UTF-8',
      bytes: () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
      code: 1007,
    },
    { name: 'a reserved opcode', bytes: () => frame(0x3, text('x')), code: 1002 },
    {
      name: 'a reserved bit without an extension',
      bytes: () => frame(0x1, text('{}'), { rsv1: true }),
      code: 1002,
    },
    { name: 'a fragmented control frame', bytes: () => frame(0x9, text('ping'), { fin: false }), code: 1002 },
    { name: 'a binary frame', bytes: () => frame(0x2, Buffer.from([1, 2, 3])), code: 1003 },
    { name: 'a continuation with nothing to continue', bytes: () => frame(0x0, text('tail')), code: 1002 },
  ];

  for (const { name, bytes, code } of cases) {
    it(`${name} closes that connection (${code}); the server and the other tab carry on`, async () => {
      const raw = await rawSocket();
      raw.socket.write(bytes());
      await raw.closed;
      expect(closeCode(raw.received())).toBe(code);
      expect(await call(bystander, 'profiles.list')).toMatchObject({ ok: true });
      const fresh = await open();
      expect(await call(fresh, 'app.info')).toMatchObject({ ok: true });
      fresh.close();
    });
  }

  it('garbage after the handshake, and garbage instead of HTTP, cost only their own sockets', async () => {
    const raw = await rawSocket();
    raw.socket.write(randomBytes(4096));
    await raw.closed;
    const notHttp = net.connect(bridge.port, '127.0.0.1');
    notHttp.on('error', () => {});
    let reply = '';
    notHttp.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    notHttp.write(randomBytes(512));
    await new Promise<void>((resolve) => notHttp.on('close', () => resolve()));
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const reset = net.connect(bridge.port, '127.0.0.1');
    reset.on('error', () => {});
    reset.write(
      `GET /bridge?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    );
    reset.resetAndDestroy();
    expect(await call(bystander, 'profiles.list')).toMatchObject({ ok: true });
  });

  it('events still reach the tab that behaved', async () => {
    const received = new Promise((resolve) =>
      bystander.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    backend.bus.emit('profiles.changed', { activeProfileId: 'sandbox' });
    expect(await received).toEqual({ event: 'profiles.changed', payload: { activeProfileId: 'sandbox' } });
  });
});
