import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small, misbehaving stand-in for both suppliers' order endpoints, over real HTTP on loopback: it keeps the
 * orders it really holds, and answers a create the way a broken or hostile supplier might. The tests count
 * what it holds per reference, so "exactly one order per intent" is checked at the supplier, not in the desk.
 */
export type CreateAnswer =
  /** A normal, truthful create. */
  | { kind: 'honest' }
  /** Answers with an order under another reference; `commitOurs` says whether ours was made too. */
  | { kind: 'other_reference'; commitOurs: boolean }
  /** Answers 409 naming an existing order that carries another PONumber (GiftCard Partners). */
  | { kind: 'conflict_other_po' }
  /** Ascenda's idempotency layer: 409 without NN1011 while "the first request is still running"; it commits. */
  | { kind: 'conflict_in_flight' }
  /** A 4xx with no recognised code; `commit` says whether the order was made anyway. */
  | { kind: 'status'; status: number; commit: boolean };

export interface HostileSupplier {
  url: string;
  /** What the next creates answer (one per create; the last one repeats). */
  answers: CreateAnswer[];
  creates: number;
  /** Orders held, per reference. */
  held(reference: string): number;
  stop(): Promise<void>;
}

interface Held {
  id: string;
  reference: string;
  body: Record<string, unknown>;
}

export async function startHostileSupplier(): Promise<HostileSupplier> {
  const orders: Held[] = [];
  let sequence = 0;
  const state: HostileSupplier = {
    url: '',
    answers: [{ kind: 'honest' }],
    creates: 0,
    held: (reference) => orders.filter((o) => o.reference === reference).length,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const hold = (reference: string, body: Record<string, unknown>) => {
    const existing = orders.find((o) => o.reference === reference);
    if (existing) return existing;
    const order = { id: `h_${++sequence}`, reference, body };
    orders.push(order);
    return order;
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      // Token requests come form-encoded (RFC 6749); everything else is JSON.
      const body =
        raw && req.headers['content-type']?.includes('json')
          ? (JSON.parse(raw) as Record<string, unknown>)
          : {};
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const gcp = url.pathname.startsWith('/v1/');
      if (req.method === 'POST' && (url.pathname === '/oauth/token' || url.pathname === '/v1/Tokens')) {
        return gcp
          ? send(200, { Value: 'gcp-token', ExpiresIn: 3600 })
          : send(200, { access_token: 'a-token', expires_at: Math.floor(Date.now() / 1000) + 3600 });
      }
      if (
        req.method === 'POST' &&
        (url.pathname === '/fulfillment_orders/gift_cards' || url.pathname === '/v1/Orders')
      ) {
        state.creates++;
        const answer = state.answers.length > 1 ? state.answers.shift()! : state.answers[0]!;
        const reference = String(gcp ? body.PONumber : body.reference_id);
        const existing = orders.find((o) => o.reference === reference);
        if (existing) {
          return gcp
            ? send(409, { Id: existing.id })
            : send(422, { errors: [{ code: 'NN1011', message: 'Reference ID already exists' }] });
        }
        switch (answer.kind) {
          case 'honest':
            return send(201, wire(gcp, hold(reference, body)));
          case 'other_reference': {
            if (answer.commitOurs) hold(reference, body);
            return send(201, wire(gcp, hold(`${reference}-someone-else`, body)));
          }
          case 'conflict_other_po': {
            const other = hold(`PO-other-${sequence + 1}`, body);
            return send(409, { Id: other.id });
          }
          case 'conflict_in_flight':
            hold(reference, body);
            return send(409, {
              errors: [{ message: 'A concurrent request with the same key is in progress' }],
            });
          case 'status':
            if (answer.commit) hold(reference, body);
            return send(answer.status, answer.status < 400 ? undefined : { errors: [{ message: 'no' }] }, {
              location: 'https://elsewhere.example/orders',
            });
        }
      }
      if (req.method === 'GET' && (url.pathname === '/orders' || url.pathname === '/v1/Orders')) {
        const reference = url.searchParams.get(gcp ? 'PONumber' : 'reference_id');
        const found = orders.filter((o) => o.reference === reference).map((o) => wire(gcp, o));
        return gcp ? send(200, { Items: found, TotalCount: found.length }) : send(200, { data: found });
      }
      const byId = /^\/(?:v1\/Orders|orders)\/(.+)$/.exec(url.pathname);
      if (req.method === 'GET' && byId) {
        const order = orders.find((o) => o.id === decodeURIComponent(byId[1]!));
        return order
          ? send(200, wire(gcp, order))
          : send(404, { errors: [{ code: 'NN1002', message: 'not found' }] });
      }
      send(404, { errors: [{ code: 'NN1002', message: 'no route' }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** The order as each supplier writes it, with every fact the journal can be checked against. */
function wire(gcp: boolean, order: Held) {
  const b = order.body;
  if (gcp) {
    const line = (b.LineItems as Array<Record<string, unknown>>)[0]!;
    return {
      Id: order.id,
      PONumber: order.reference,
      Type: b.Type,
      Status: 'Completed',
      LineItems: [
        {
          Id: `${order.id}-1`,
          ProductId: line.ProductId,
          Value: line.Value,
          Quantity: line.Quantity,
          Status: 'Completed',
          DigitalDeliveryAddress: line.DigitalDeliveryAddress,
        },
      ],
    };
  }
  const card = (b.gift_cards as Array<Record<string, unknown>>)[0]!;
  const user = b.user as Record<string, unknown>;
  return {
    id: order.id,
    reference_id: order.reference,
    status: 'accepted',
    user: { number: user.number },
    order_items: [
      {
        id: `${order.id}-1`,
        status: 'fulfilled',
        gift_card: { id: card.id, value: card.value, currency: card.currency },
      },
    ],
  };
}
