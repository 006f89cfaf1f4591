import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ascendaClient, failure, gcpClient } from '../support/clients';

/** A loopback server that answers every request with whatever the current test sets: hostile suppliers. */
let reply: { status: number; body: string } = { status: 200, body: '{}' };
const TOKEN = JSON.stringify({ access_token: 'tok-abcdef', token_type: 'Bearer', expires_at: 4_102_444_800 });
const handler: http.RequestListener = (req, res) => {
  const isToken = req.url === '/oauth/token' || req.url === '/v1/Tokens';
  const answer = isToken
    ? { status: 200, body: req.url === '/v1/Tokens' ? '{"Value":"tok-abcdef","ExpiresIn":3600}' : TOKEN }
    : reply;
  res.writeHead(answer.status, { 'Content-Type': 'application/json' });
  res.end(answer.body);
};
const server = http.createServer(handler);
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const order = (extra: Record<string, unknown> = {}) => ({
  id: 'ord_1',
  reference_id: 'ref-1',
  status: 'accepted',
  order_items: [{ id: 'oi_1', status: 'fulfilled', gift_card: { id: 'gc', value: 50, currency: 'USD' } }],
  ...extra,
});

describe('supplier answers the desk must survive', () => {
  it('tolerates unknown fields, at the top and nested', async () => {
    reply = {
      status: 200,
      body: JSON.stringify(
        order({ loyalty_tier: 'gold', order_items: [{ ...order().order_items[0], new_field: [1, 2] }] }),
      ),
    };
    const got = await ascendaClient(base).client.getOrder('ord_1');
    expect(got).toMatchObject({
      id: 'ord_1',
      reference: 'ref-1',
      items: [{ id: 'oi_1', state: 'fulfilled', value: 50 }],
    });
  });

  it('treats an unknown item status as unknown, never as final', async () => {
    reply = {
      status: 200,
      body: JSON.stringify(order({ order_items: [{ id: 'oi_1', status: 'on_hold' }] })),
    };
    const got = await ascendaClient(base).client.getOrder('ord_1');
    expect(got.items[0]).toMatchObject({ state: 'unknown', supplierStatus: 'on_hold' });
  });

  it('reads an order that lacks the reference, items and statuses: absent facts are null, never guessed', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ id: 'ord_bare', order_items: [{ gift_card: { id: 'gc' } }] }),
    };
    const got = await ascendaClient(base).client.getOrder('ord_bare');
    expect(got).toMatchObject({ id: 'ord_bare', reference: null, supplierStatus: '' });
    expect(got.items[0]).toMatchObject({
      id: 'ord_bare#1',
      state: 'unknown',
      productId: 'gc',
      value: null,
      currency: null,
      quantity: null,
    });
  });

  it('unwraps a single resource sent as { "data": … }, from both suppliers', async () => {
    reply = { status: 200, body: JSON.stringify({ data: order() }) };
    expect(await ascendaClient(base).client.getOrder('ord_1')).toMatchObject({
      id: 'ord_1',
      reference: 'ref-1',
    });
    reply = {
      status: 200,
      body: JSON.stringify({ data: { Id: 'GCP-1', PONumber: 'PO-1', Status: 'Completed', LineItems: [] } }),
    };
    expect(await gcpClient(base).client.getOrder('GCP-1')).toMatchObject({ id: 'GCP-1', reference: 'PO-1' });
  });

  it('reads the readable orders of a page and names each unreadable one by its id and field path', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        data: [
          order({ id: 'ord_ok' }),
          order({
            id: 'ord_bad',
            order_items: [{ id: 'oi', status: 'fulfilled', gift_card: { value: '50' } }],
          }),
          { reference_id: 'no-id' },
        ],
        meta: { page: 1, per_page: 3, total_count: 3, total_pages: 1 },
      }),
    };
    const page = await ascendaClient(base).client.listOrders({ pageSize: 3 });
    expect(page.items.map((o) => o.id)).toEqual(['ord_ok']);
    expect(page.unreadable).toEqual([
      { id: 'ord_bad', path: 'order_items.0.gift_card.value', problem: expect.any(String), position: 2 },
      { id: null, path: 'id', problem: expect.any(String), position: 3 },
    ]);
  });

  it.each([
    ['an ill-typed item list', JSON.stringify(order({ order_items: 'none' }))],
    [
      'an item value that is a string',
      JSON.stringify(
        order({ order_items: [{ id: 'x', status: 'fulfilled', gift_card: { id: 'g', value: '50' } }] }),
      ),
    ],
    ['a JSON null', 'null'],
    ['an HTML error page', '<html>Bad gateway</html>'],
    ['an empty body', ''],
  ])('turns %s into MALFORMED_RESPONSE naming the problem', async (_name, body) => {
    reply = { status: 200, body };
    const info = await failure(ascendaClient(base).client.getOrder('ord_1'));
    expect(info.kind).toBe('MALFORMED_RESPONSE');
    expect(info.supplierMessage).not.toBe('');
  });

  it('marks an unreadable create answer as "the order may exist"', async () => {
    reply = { status: 201, body: '{"id": 42}' };
    const info = await failure(
      gcpClient(base).client.createPoOrder({
        reference: 'PO-1',
        deliveryType: 'Links',
        lines: [{ productId: 'P', value: 5, quantity: 1 }],
      }),
    );
    expect(info).toMatchObject({ kind: 'MALFORMED_RESPONSE', orderMayExist: true });
  });

  it('reads RFC 7807 problem details as GiftCard Partners field errors', async () => {
    reply = { status: 400, body: JSON.stringify({ title: 'Invalid', errors: { PONumber: ['Too long'] } }) };
    const info = await failure(
      gcpClient(base).client.createPoOrder({
        reference: 'PO-1',
        deliveryType: 'Links',
        lines: [{ productId: 'P', value: 5, quantity: 1 }],
      }),
    );
    expect(info).toMatchObject({
      kind: 'DEFINITE_REJECTION',
      supplierMessage: 'Invalid',
      fieldErrors: [{ field: 'PONumber', message: 'Too long' }],
    });
  });

  it('reads a 409 that carries only the original Id', async () => {
    reply = { status: 409, body: JSON.stringify({ Id: 'GCP-ORIGINAL' }) };
    const info = await failure(
      gcpClient(base).client.createPoOrder({
        reference: 'PO-1',
        deliveryType: 'Links',
        lines: [{ productId: 'P', value: 5, quantity: 1 }],
      }),
    );
    expect(info).toMatchObject({ kind: 'DUPLICATE', originalOrderId: 'GCP-ORIGINAL' });
  });

  it('never follows a redirect (it would carry the bearer token elsewhere)', async () => {
    reply = { status: 302, body: '' };
    const info = await failure(ascendaClient(base).client.getOrder('ord_1'));
    expect(info).toMatchObject({ kind: 'MALFORMED_RESPONSE', httpStatus: 302 });
    expect(info.supplierMessage).toMatch(/redirect/);
  });

  it('never calls a redirect after a create "refused": the order may exist and is looked up', async () => {
    reply = { status: 303, body: '' };
    const info = await failure(
      gcpClient(base).client.createPoOrder({
        reference: 'PO-303',
        deliveryType: 'Links',
        lines: [{ productId: 'P', value: 5, quantity: 1 }],
      }),
    );
    expect(info).toMatchObject({ kind: 'INDETERMINATE', httpStatus: 303, orderMayExist: true });
  });
});

describe('connection-level failures', () => {
  it('reports a closed port as UNREACHABLE: nothing was sent, so nothing may exist', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const info = await failure(
      gcpClient(`http://127.0.0.1:${port}`).client.createPoOrder({
        reference: 'PO-1',
        deliveryType: 'Links',
        lines: [{ productId: 'P', value: 5, quantity: 1 }],
      }),
    );
    expect(info).toMatchObject({ kind: 'UNREACHABLE', networkCode: 'ECONNREFUSED', orderMayExist: false });
  });

  describe('TLS', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-tls-'));
    let tlsServer: https.Server;
    let tlsBase = '';
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
          '/CN=127.0.0.1',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      tlsServer = https.createServer(
        { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
        handler,
      );
      await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
      tlsBase = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => tlsServer.close(resolve)));

    it('refuses a self-signed certificate as TLS before sending the credentials', async () => {
      const info = await failure(ascendaClient(tlsBase).client.listGiftCards());
      expect(info).toMatchObject({
        kind: 'TLS',
        networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        operation: 'get access token',
      });
    });
  });
});
