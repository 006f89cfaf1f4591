import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { commonControlRoutes, SimClock } from '../control';
import { FaultPlan } from '../faults';
import { HttpError, type Route, type SimRequest, type SimResponse, type SimServer } from '../http-kit';
import { hostSimulator } from '../sim-host';
import { SeededRandom } from '../random';
import { defaultAscendaSettings, type AscendaSimSettings } from './settings';
import { signWebhook } from './signature';
import { deliverWebhook, type WebhookDelivery } from '../webhook-sender';
import {
  buildGiftCards,
  buildHistory,
  FAILURE_ERRORS,
  itemStatus,
  type ItemStatus,
  type Outcome,
  type SimGiftCard,
  type SimOrder,
} from './world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TERMINAL: ItemStatus[] = ['fulfilled', 'failed', 'cancelled'];

/** Ascenda's error envelope (INFERRED): `{ errors: [{ code, message }] }`. */
const error = (status: number, code: string, message: string) =>
  new HttpError(status, { errors: [{ code, message }] });
const invalid = (message: string) => error(400, 'NN1001', message);

/**
 * A faithful local stand-in for Ascenda's Fulfillment API (../shared/api-notes/ascenda.md), on 127.0.0.1.
 * State is in memory and deterministic from the seed; faults are applied around handlers and never corrupt it.
 */
export class AscendaSimulator {
  readonly settings: AscendaSimSettings;
  readonly faults: FaultPlan;
  readonly cards: SimGiftCard[];
  readonly orders = new Map<string, SimOrder>();
  readonly webhookDeliveries: WebhookDelivery[] = [];
  private readonly byReference = new Map<string, SimOrder>();
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly idempotency = new Map<string, { bodyHash: string; response: SimResponse; at: number }>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly notified = new Set<string>();
  private readonly random: SeededRandom;
  private readonly clock = new SimClock();
  private server: SimServer | null = null;
  /** Token requests received, so tests can prove a client never asks twice at once. */
  tokenRequests = 0;
  private sequence = 0;

  constructor(overrides: Partial<AscendaSimSettings> = {}) {
    this.settings = { ...defaultAscendaSettings(), ...overrides };
    this.faults = new FaultPlan(this.settings.seed);
    this.random = new SeededRandom(this.settings.seed + 2);
    this.cards = buildGiftCards(this.settings);
    for (const order of buildHistory(this.settings, this.cards, this.now())) this.store(order);
  }

  now(): number {
    return this.clock.now();
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('simulator not started');
    return this.server.baseUrl;
  }

  async start(port = 0): Promise<string> {
    const p = this.settings.paths;
    const routes: Route[] = [
      { method: 'POST', path: p.token, handler: (r) => this.createToken(r) },
      { method: 'GET', path: p.giftCards, handler: (r) => this.authed(r, () => this.listGiftCards(r)) },
      {
        method: 'POST',
        path: p.giftCardOrders,
        handler: (r) => this.authed(r, (c) => this.idempotent(r, c, () => this.createGiftCardOrder(r))),
      },
      {
        method: 'POST',
        path: p.fulfillmentOrders,
        handler: (r) => this.authed(r, (c) => this.idempotent(r, c, () => this.createFulfillmentOrder(r))),
      },
      { method: 'GET', path: p.orders, handler: (r) => this.authed(r, () => this.listOrders(r)) },
      { method: 'GET', path: `${p.orders}/:id`, handler: (r) => this.authed(r, () => this.getOrder(r)) },
      ...this.controlRoutes(),
    ];
    this.server = await hostSimulator({
      routes,
      port,
      faults: this.faults,
      tokenPath: p.token,
      tick: () => this.deliverWebhooks(),
      errors: {
        serverError: (status) => ({
          status,
          body: { errors: [{ code: 'NN0001', message: 'Unexpected error' }] },
        }),
        rateLimited: (seconds) => ({
          status: 429,
          headers: { 'Retry-After': String(seconds) },
          body: { errors: [{ code: 'RATE_LIMITED', message: 'Too many requests' }] },
        }),
        unauthorized: () => ({
          status: 401,
          body: { errors: [{ code: 'UNAUTHORIZED', message: 'invalid M2M token' }] },
        }),
        forbidden: () => ({
          status: 403,
          body: { errors: [{ code: 'FORBIDDEN', message: 'API access disabled' }] },
        }),
        malformedBody: () => ({
          status: 400,
          body: { errors: [{ code: 'AF2001', message: 'Body is not valid JSON' }] },
        }),
        notFound: () => ({
          status: 404,
          body: { errors: [{ code: 'NN1002', message: 'Resource not found' }] },
        }),
      },
    });
    return this.server.baseUrl;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  /** Orders with this reference (0 or 1): how tests prove "exactly one supplier order per reference". */
  ordersWithReference(reference: string): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.reference_id === reference);
  }

  // ---- auth, version, rate limit -------------------------------------------------------------------------

  private createToken(req: SimRequest): SimResponse {
    this.tokenRequests += 1;
    const body = (req.body ?? {}) as Record<string, unknown>;
    let clientId = body.client_id;
    let clientSecret = body.client_secret;
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) [clientId, clientSecret] = Buffer.from(basic[1]!, 'base64').toString().split(':');
    if (body.grant_type !== undefined && body.grant_type !== 'client_credentials') {
      throw invalid('grant_type must be client_credentials');
    }
    const known = this.settings.credentials.find(
      (c) => c.clientId === clientId && c.clientSecret === clientSecret,
    );
    if (!known) throw error(401, 'UNAUTHORIZED', 'invalid client credentials');
    if (this.settings.disabledClientIds.includes(known.clientId))
      throw error(403, 'FORBIDDEN', 'API access disabled');
    const token = randomBytes(24).toString('base64url');
    const expiresAt = Math.floor(this.now() / 1000) + this.settings.tokenTtlSeconds;
    this.tokens.set(token, { clientId: known.clientId, expiresAt: expiresAt * 1000 });
    return {
      status: 200,
      body: {
        token_id: randomUUID(),
        token,
        access_token: token,
        token_type: 'Bearer',
        expires_at: expiresAt,
      },
    };
  }

  private async authed(req: SimRequest, run: (clientId: string) => SimResponse | Promise<SimResponse>) {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const session = bearer ? this.tokens.get(bearer) : undefined;
    if (!session || session.expiresAt <= this.now()) throw error(401, 'UNAUTHORIZED', 'invalid M2M token');
    if (this.settings.disabledClientIds.includes(session.clientId))
      throw error(403, 'FORBIDDEN', 'API access disabled');
    const requestId = `req_${randomUUID()}`;
    try {
      this.checkVersion(req);
      this.takeRateToken(session.clientId);
      const response = await run(session.clientId);
      return { ...response, headers: { 'X-Request-Id': requestId, ...response.headers } };
    } catch (failure) {
      // Errors carry the request id too: it is what an agent quotes to Ascenda support.
      if (failure instanceof HttpError)
        throw new HttpError(failure.status, failure.body, { 'X-Request-Id': requestId, ...failure.headers });
      throw failure;
    }
  }

  private checkVersion(req: SimRequest): void {
    const raw = req.headers['x-ascenda-version'];
    if (raw === undefined) return; // missing = latest stable (CONFIRMED)
    const version = String(raw);
    if (!/^\d+\.\d+(\.\d+)?$/.test(version))
      throw error(400, 'AF2001', `Invalid X-Ascenda-Version: ${version}`);
    // Orders belong to the Fulfillment Orders API, which exists only from the minimum version on (CONFIRMED).
    const { fulfillmentOrders, orders } = this.settings.paths;
    const fulfillment = req.path.startsWith(fulfillmentOrders) || req.path.startsWith(orders);
    if (fulfillment && compareVersions(version, this.settings.minVersion) < 0) {
      throw invalid(`Fulfillment orders need X-Ascenda-Version ${this.settings.minVersion} or later`);
    }
  }

  private takeRateToken(clientId: string): void {
    const { perSecond, burst, retryAfterSeconds } = this.settings.rateLimit;
    const now = Date.now();
    const bucket = this.buckets.get(clientId) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(clientId, bucket);
    if (bucket.tokens < 1) {
      throw new HttpError(
        429,
        { errors: [{ code: 'RATE_LIMITED', message: 'Too many requests' }] },
        {
          'Retry-After': String(retryAfterSeconds),
        },
      );
    }
    bucket.tokens -= 1;
  }

  /** Idempotency-Key replay (CONFIRMED): the first successful response is stored for 24 h per client and key. */
  private async idempotent(req: SimRequest, clientId: string, run: () => SimResponse): Promise<SimResponse> {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return run();
    const scope = `${clientId}\u0000${key}`;
    const bodyHash = createHash('sha256').update(req.rawBody).digest('hex');
    const stored = this.idempotency.get(scope);
    if (stored && this.now() - stored.at < this.settings.idempotencyTtlMs) {
      if (stored.bodyHash !== bodyHash)
        throw error(422, 'NN1001', 'Idempotency-Key was used with a different body');
      return { ...stored.response, headers: { ...stored.response.headers, 'Idempotent-Replayed': 'true' } };
    }
    const response = run();
    if (response.status < 300) this.idempotency.set(scope, { bodyHash, response, at: this.now() });
    return response;
  }

  // ---- catalogue ------------------------------------------------------------------------------------------

  private listGiftCards(req: SimRequest): SimResponse {
    const userId = req.query.get('user_id');
    if (userId !== null && !UUID.test(userId)) throw invalid('user_id is not a valid UUID');
    let cards = this.cards;
    const currency = filterValues(req, 'currency');
    if (currency) cards = cards.filter((c) => currency.includes(c.currency));
    const categories = filterValues(req, 'categories');
    if (categories) cards = cards.filter((c) => c.categories.some((cat) => categories.includes(cat)));
    const name = req.query.get('name[contains]') ?? req.query.get('name[eq]');
    if (name) cards = cards.filter((c) => c.name.toLowerCase().includes(name.toLowerCase()));
    const sorts = [...req.query.getAll('sort'), ...req.query.getAll('sort[]')].flatMap((s) => s.split(','));
    for (const sort of sorts.reverse()) {
      const [field, direction = 'asc'] = sort.split(':');
      if (field !== 'name' || (direction !== 'asc' && direction !== 'desc'))
        throw invalid(`Cannot sort by ${sort}`);
      cards = [...cards].sort((a, b) => a.name.localeCompare(b.name) * (direction === 'desc' ? -1 : 1));
    }
    return { status: 200, body: this.page(req, cards) };
  }

  private page<T>(req: SimRequest, items: T[]) {
    const page = integerParam(req, 'page', 1);
    const sizeParam = this.settings.pageSizeParams.find((name) => req.query.has(name));
    const perPage = sizeParam ? integerParam(req, sizeParam, 25) : 25;
    if (page < 1) throw invalid('page must be 1 or more');
    if (perPage < 1 || perPage > 100) throw invalid('page size must be from 1 to 100');
    return {
      data: items.slice((page - 1) * perPage, page * perPage),
      meta: {
        page,
        per_page: perPage,
        total_count: items.length,
        total_pages: Math.ceil(items.length / perPage),
      },
    };
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  private createGiftCardOrder(req: SimRequest): SimResponse {
    const body = objectBody(req);
    if (!Array.isArray(body.gift_cards) || body.gift_cards.length === 0)
      throw invalid('gift_cards is required');
    if (body.gift_cards.length > 1) throw invalid('multiple order items are not supported yet');
    const card = (body.gift_cards[0] ?? {}) as Record<string, unknown>;
    // The member's contact fields travel inside `user` (GC-GUIDE, findings of 2026-11-26); a top-level
    // `recipient` is still read for clients built on the older reading of the notes.
    return this.place(body, card, body.recipient ?? body.user);
  }

  private createFulfillmentOrder(req: SimRequest): SimResponse {
    const body = objectBody(req);
    if (!Array.isArray(body.order_items) || body.order_items.length === 0)
      throw invalid('order_items is required');
    if (body.order_items.length > 1) throw invalid('multiple order items are not supported yet');
    const item = (body.order_items[0] ?? {}) as Record<string, unknown>;
    if (item.type === 'points_transfer')
      throw invalid('redemption of order_item_type points_transfer is not enabled');
    if (item.type !== 'gift_card') throw invalid('invalid order item type');
    return this.place(
      body,
      (item.gift_card ?? {}) as Record<string, unknown>,
      item.recipient ?? body.recipient,
    );
  }

  /** The shared create path: validate in the documented order, then commit exactly one order. */
  private place(
    body: Record<string, unknown>,
    card: Record<string, unknown>,
    recipientRaw: unknown,
  ): SimResponse {
    const user = body.user as { id?: unknown; number?: unknown } | undefined;
    // The member is the client's own user number (any text, CONFIRMED GC-GUIDE); an Ascenda user id still
    // has to be a UUID when one is sent (LIST-GC's NN1001).
    if (user?.id !== undefined && (typeof user.id !== 'string' || !UUID.test(user.id)))
      throw invalid('user_id is not a valid UUID');
    const memberId = typeof user?.number === 'string' ? user.number.trim() : user?.id;
    if (typeof memberId !== 'string' || memberId === '' || memberId.length > 100)
      throw invalid('user.number is required (1 to 100 characters)');
    const reference = body.reference_id;
    if (typeof reference !== 'string' || reference.trim() === '' || reference.length > 128) {
      throw invalid('reference_id is required (1 to 128 characters)');
    }
    if (typeof body.transacted_at !== 'string' || Number.isNaN(Date.parse(body.transacted_at))) {
      throw invalid('transacted_at must be an ISO-8601 date-time');
    }
    if (!recipientRaw || typeof recipientRaw !== 'object')
      throw invalid('recipient is required for gift card order');
    const recipient = recipientRaw as Record<string, unknown>;
    const giftCard = this.cards.find((c) => c.id === card.id);
    if (!giftCard) throw error(404, 'NN1002', `Gift card not found: ${String(card.id)}`);
    const value = card.value ?? card.denomination;
    if (typeof value !== 'number' || !giftCard.denominations.includes(value)) {
      throw invalid(`value must be one of ${giftCard.denominations.join(', ')}`);
    }
    if (card.currency !== undefined && card.currency !== giftCard.currency) {
      throw invalid(`currency must be ${giftCard.currency}`);
    }
    for (const field of giftCard.required_recipient_fields) {
      if (typeof recipient[field] !== 'string' || recipient[field] === '')
        throw invalid(`recipient.${field} is required`);
    }
    if (this.settings.rejectedMemberIds.includes(memberId)) {
      throw error(422, 'NN1301', 'Member identifier was rejected by the validation engine');
    }
    if (this.byReference.has(reference)) {
      throw error(this.settings.duplicateReferenceStatus, 'NN1011', 'Reference ID already exists');
    }
    const order = this.newOrder(reference, body.transacted_at, memberId, giftCard, value, recipient);
    this.store(order);
    return { status: 201, body: this.toWire(order) };
  }

  private newOrder(
    reference: string,
    transactedAt: string,
    memberId: string,
    card: SimGiftCard,
    value: number,
    recipient: Record<string, unknown>,
  ): SimOrder {
    const now = this.now();
    const n = ++this.sequence;
    const outcome: Outcome =
      this.settings.newOrderOutcome === 'random'
        ? this.random.weighted(this.settings.outcomeWeights)
        : this.settings.newOrderOutcome;
    const { processingAfterMs, terminalAfterMs } = this.settings.itemTiming;
    return {
      id: `ord_${now.toString(36)}_${n}`,
      reference_id: reference,
      transacted_at: transactedAt,
      created_at: now,
      user: { number: memberId },
      item: {
        id: `oi_${now.toString(36)}_${n}`,
        type: 'gift_card',
        gift_card: { id: card.id, name: card.name, value, currency: card.currency },
        recipient: Object.fromEntries(
          Object.entries(recipient).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>,
        processingAt: now + processingAfterMs,
        terminalAt: outcome === 'stuck' ? Number.POSITIVE_INFINITY : now + terminalAfterMs,
        outcome,
        errors:
          outcome === 'failed' || outcome === 'cancelled' ? [this.random.pick(FAILURE_ERRORS[outcome])] : [],
      },
    };
  }

  private store(order: SimOrder): void {
    this.orders.set(order.id, order);
    this.byReference.set(order.reference_id, order);
  }

  private listOrders(req: SimRequest): SimResponse {
    const reference = req.query.get('reference_id');
    const status = req.query.get('status');
    let orders =
      reference !== null
        ? [this.byReference.get(reference)].filter((o) => o !== undefined)
        : [...this.orders.values()].sort((a, b) => b.created_at - a.created_at);
    if (status !== null) orders = orders.filter((o) => itemStatus(o.item, this.now()) === status);
    const page = this.page(req, orders);
    return { status: 200, body: { ...page, data: page.data.map((o) => this.toWire(o)) } };
  }

  private getOrder(req: SimRequest): SimResponse {
    const order = this.orders.get(req.params.id ?? '');
    if (!order) throw error(404, 'NN1002', 'Order not found');
    return { status: 200, body: this.toWire(order) };
  }

  /** The INFERRED order object of the notes (§8.3); only the item status carries the outcome. */
  /** Failed and cancelled items now, by their first error code: the truth a Failures view must match. */
  private itemFailuresByCode(): Record<string, number> {
    const now = this.now();
    const tally: Record<string, number> = {};
    for (const order of this.orders.values()) {
      const status = itemStatus(order.item, now);
      if (status !== 'failed' && status !== 'cancelled') continue;
      const code = order.item.errors[0]?.code ?? 'NO_CODE';
      tally[code] = (tally[code] ?? 0) + 1;
    }
    return tally;
  }

  private toWire(order: SimOrder) {
    const now = this.now();
    const status = itemStatus(order.item, now);
    return {
      id: order.id,
      reference_id: order.reference_id,
      status: 'accepted',
      transacted_at: order.transacted_at,
      created_at: new Date(order.created_at).toISOString(),
      updated_at: new Date(
        Math.min(now, TERMINAL.includes(status) ? order.item.terminalAt : now),
      ).toISOString(),
      user: order.user,
      order_items: [
        {
          id: order.item.id,
          type: order.item.type,
          status,
          errors: TERMINAL.includes(status) ? order.item.errors : [],
          gift_card: order.item.gift_card,
          recipient: order.item.recipient,
        },
      ],
    };
  }

  // ---- webhooks -------------------------------------------------------------------------------------------

  /** One signed event per terminal item transition, retried with growing waits up to maxAttempts. */
  private deliverWebhooks(): void {
    const { url } = this.settings.webhook;
    if (!url) return;
    const now = this.now();
    for (const order of this.orders.values()) {
      if (order.id.startsWith('ord_hist_') || this.notified.has(order.item.id)) continue;
      const status = itemStatus(order.item, now);
      if (!TERMINAL.includes(status)) continue;
      this.notified.add(order.item.id);
      const payload = {
        event: `order_item.${status}`,
        timestamp: Math.floor(now / 1000),
        order_id: order.id,
        reference_id: order.reference_id,
        order_item: { id: order.item.id, type: order.item.type, status, errors: order.item.errors },
      };
      const { secret, ...policy } = this.settings.webhook;
      void deliverWebhook({
        url,
        payload,
        headers: { 'X-Signature': signWebhook(secret, payload) },
        policy,
        log: this.webhookDeliveries,
        isLive: () => this.server !== null,
      });
    }
  }

  // ---- control API ----------------------------------------------------------------------------------------

  private controlRoutes(): Route[] {
    const withdraw: Route = {
      // A card the issuer withdrew: gone from the listing, and orders for it are refused (NN1002).
      method: 'POST',
      path: '/__sandbox/gift-cards/:id/withdraw',
      handler: (req) => {
        const index = this.cards.findIndex((c) => c.id === req.params.id);
        if (index < 0) throw new HttpError(404, { message: `No gift card ${req.params.id}` });
        const [card] = this.cards.splice(index, 1);
        return { status: 200, body: { withdrawn: card!.id, giftCards: this.cards.length } };
      },
    };
    const outcome: Route = {
      // What new orders end as (training and tests: a failed order on demand).
      method: 'PATCH',
      path: '/__sandbox/settings',
      handler: (req) => {
        const value = (req.body as { newOrderOutcome?: unknown } | undefined)?.newOrderOutcome;
        const allowed = ['random', 'fulfilled', 'failed', 'cancelled', 'stuck'] as const;
        if (!allowed.includes(value as (typeof allowed)[number]))
          throw new HttpError(400, { message: `newOrderOutcome must be one of ${allowed.join(', ')}` });
        this.settings.newOrderOutcome = value as (typeof allowed)[number];
        return { status: 200, body: { newOrderOutcome: this.settings.newOrderOutcome } };
      },
    };
    return [
      withdraw,
      outcome,
      ...commonControlRoutes({
        faults: this.faults,
        clock: this.clock,
        shutdown: () => this.stop(),
        expireTokens: () => {
          for (const session of this.tokens.values()) session.expiresAt = 0;
          return this.tokens.size;
        },
        state: () => ({
          giftCards: this.cards.length,
          orders: this.orders.size,
          webhookDeliveries: this.webhookDeliveries.length,
          rejectedMemberIds: this.settings.rejectedMemberIds,
          itemFailuresByCode: this.itemFailuresByCode(),
        }),
      }),
    ];
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function objectBody(req: SimRequest): Record<string, unknown> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
    throw invalid('Body must be a JSON object');
  return req.body as Record<string, unknown>;
}

function integerParam(req: SimRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw error(400, 'AF2001', `${name} must be an integer`);
  return Number(raw);
}

/** Deep-object filters (INFERRED encoding): `x[eq]=A`, `x[in][]=A&x[in][]=B`, or plain `x=A`. */
function filterValues(req: SimRequest, name: string): string[] | null {
  const values = [
    ...req.query.getAll(`${name}[eq]`),
    ...req.query.getAll(`${name}[in][]`),
    ...req.query.getAll(`${name}[in]`).flatMap((v) => v.split(',')),
    ...req.query.getAll(name),
  ];
  return values.length > 0 ? values : null;
}
