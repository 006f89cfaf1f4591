// Over 400 lines on purpose: it is one supplier's whole API (tokens, gift cards, orders, idempotency, points
// transfers, webhooks) over one deterministic state; its INFERRED settings are in settings.ts.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { businessDaysAfter } from '../../../shared/transfers';
import { commonControlRoutes, SimClock } from '../control';
import { FaultPlan } from '../faults';
import { HttpError, type Route, type SimRequest, type SimResponse, type SimServer } from '../http-kit';
import { hostSimulator } from '../sim-host';
import { SeededRandom } from '../random';
import { defaultAscendaSettings, type AscendaSimSettings } from './settings';
import { signWebhook } from './signature';
import { deliverWebhook, type WebhookDelivery } from '../webhook-sender';
import {
  amountRuleBroken,
  checkMembership,
  programWire,
  TRANSFER_ENDINGS,
  type SimMembership,
  type SimProgram,
} from './programs';
import {
  buildGiftCards,
  buildHistory,
  FAILURE_ERRORS,
  itemStatus,
  type ItemError,
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

const RECIPIENT_FIELDS = ['email', 'phone_number', 'first_name', 'last_name'];

/** Where the member's contact fields are read from, by placement (named in NN1001 messages). */
const CONTACT_AT = { user: 'user', recipient: 'recipient', per_card: 'gift_cards[0].recipient' } as const;

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
  private readonly idempotency = new Map<string, { response: SimResponse; at: number }>();
  /** Fingerprints whose first request is still running (the library's Redis lock). */
  private readonly locks = new Set<string>();
  /** While set, creates wait inside their lock: a slow Ascenda, for concurrency on demand. */
  private gate: Promise<void> | null = null;
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
      { method: 'POST', path: p.token, handler: (r) => this.app(() => this.createToken(r)) },
      {
        method: 'GET',
        path: p.giftCards,
        handler: (r) => this.authed(r, () => this.app(() => this.listGiftCards(r))),
      },
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
      {
        method: 'POST',
        path: p.pointsTransfers,
        handler: (r) =>
          this.authed(r, (c) =>
            this.idempotent(r, c, () => this.createPointsTransfer(r), this.settings.pointsTransferReplays),
          ),
      },
      {
        method: 'GET',
        path: p.loyaltyPrograms,
        handler: (r) => this.authed(r, () => this.app(() => this.listPrograms(r))),
      },
      {
        method: 'GET',
        path: `${p.loyaltyPrograms}/:id`,
        handler: (r) => this.authed(r, () => this.app(() => this.getProgram(r))),
      },
      {
        method: 'POST',
        path: p.validateMembership.replace('{id}', ':id'),
        handler: (r) => this.authed(r, () => this.app(() => this.validateMembership(r))),
      },
      {
        method: 'GET',
        path: p.orders,
        handler: (r) => this.authed(r, () => this.app(() => this.listOrders(r))),
      },
      {
        method: 'GET',
        path: `${p.orders}/:id`,
        handler: (r) => this.authed(r, () => this.app(() => this.getOrder(r))),
      },
      ...this.controlRoutes(),
    ];
    this.server = await hostSimulator({
      routes,
      port,
      faults: this.faults,
      now: () => this.now(),
      hostile: () => this.settings.hostile,
      tokenPath: p.token,
      tick: () => this.deliverWebhooks(),
      errors: {
        serverError: (status) => this.failure(status, 'NN0001', 'Unexpected error'),
        rateLimited: (seconds) => ({
          ...this.failure(429, 'RATE_LIMITED', 'Too many requests'),
          headers: { 'Retry-After': String(seconds) },
        }),
        unauthorized: () => this.failure(401, 'UNAUTHORIZED', 'invalid M2M token'),
        forbidden: () => this.failure(403, 'FORBIDDEN', 'API access disabled'),
        malformedBody: () => this.failure(400, 'AF2001', 'Body is not valid JSON'),
        notFound: () => this.failure(404, 'NN1002', 'Resource not found'),
      },
    });
    return this.server.baseUrl;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  /**
   * Holds every create inside its idempotency lock until the returned function is called: a request with the same
   * key meanwhile meets the library's 409. Deterministic where a delay would race the machine's speed.
   */
  holdCreates(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.gate = null;
      release();
    };
  }

  /** Creates holding their idempotency lock right now. */
  get createsInFlight(): number {
    return this.locks.size;
  }

  /** Orders with this reference (0 or 1): how tests prove "exactly one supplier order per reference". */
  ordersWithReference(reference: string): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.reference_id === reference);
  }

  // ---- auth, version, rate limit -------------------------------------------------------------------------

  /**
   * Client credentials in the encodings the settings accept (all three by default: the notes cannot tell which
   * the real endpoint takes): a body in another encoding gets 415, Basic where it is not taken gets 400.
   */
  private createToken(req: SimRequest): SimResponse {
    this.tokenRequests += 1;
    const body = (req.body ?? {}) as Record<string, unknown>;
    let clientId = body.client_id;
    let clientSecret = body.client_secret;
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const form = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const encoding = basic ? 'basic' : form ? 'form' : 'json';
    if (!this.settings.tokenEncodings.includes(encoding)) {
      throw basic
        ? invalid('client credentials must be sent in the request body')
        : error(415, 'AF2001', `Token requests must be ${this.settings.tokenEncodings.join(' or ')}`);
    }
    if (basic) {
      const decode = (part = '') => decodeURIComponent(part.replace(/\+/g, ' '));
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString().split(':');
      [clientId, clientSecret] = [decode(id), decode(secret)];
    }
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
    // Errors carry the request id too: it is what an agent quotes to Ascenda support.
    const response = await this.app(async () => {
      this.checkVersion(req);
      this.takeRateToken(session.clientId);
      return run(session.clientId);
    });
    return { ...response, headers: { 'X-Request-Id': requestId, ...response.headers } };
  }

  /** Runs an application handler: a refusal it throws becomes its answer, in the configured error envelope. */
  private async app(run: () => SimResponse | Promise<SimResponse>): Promise<SimResponse> {
    let response: SimResponse;
    try {
      response = await run();
    } catch (failure) {
      if (!(failure instanceof HttpError)) throw failure;
      response = { status: failure.status, body: failure.body, headers: failure.headers };
    }
    return response.status >= 400 ? { ...response, body: this.envelope(response.body) } : response;
  }

  /** An error answer in the configured envelope. */
  private failure(status: number, code: string, message: string): SimResponse {
    return { status, body: this.envelope({ errors: [{ code, message }] }) };
  }

  /** Reshapes `{ errors: [{code, message}] }` into the envelope the settings say Ascenda uses. */
  private envelope(body: unknown): unknown {
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(errors) || errors.length === 0 || this.settings.errorEnvelope === 'errors')
      return body;
    return this.settings.errorEnvelope === 'error' ? { error: errors[0] } : errors[0];
  }

  /** A single resource, bare or wrapped in `{ data: … }` as the settings say. */
  private single(body: unknown): unknown {
    return this.settings.singleResourceWrapped ? { data: body } : body;
  }

  private checkVersion(req: SimRequest): void {
    const raw = req.headers['x-ascenda-version'];
    if (raw === undefined) return; // missing = latest stable (CONFIRMED)
    const version = String(raw);
    if (!/^\d+\.\d+(\.\d+)?$/.test(version))
      throw error(400, 'AF2001', `Invalid X-Ascenda-Version: ${version}`);
    // Orders belong to the Fulfillment Orders API, which exists only from the minimum version on (CONFIRMED).
    const { fulfillmentOrders, orders, pointsTransfers } = this.settings.paths;
    const fulfillment = [fulfillmentOrders, orders, pointsTransfers].some((path) =>
      req.path.startsWith(path),
    );
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

  /**
   * Ascenda's idempotency layer as its open-source library implements it (IDEMP-GEM, lib/idempotency.rb): the key
   * is fingerprinted with the path, method and tenant; the first stored answer (2xx, and 4xx unless the setting
   * says otherwise) is replayed for 24 h whatever the new body, with `Idempotency-Key` echoed and no replay
   * marker; a second request while the first still holds the lock gets 409 with a message and no code. Where
   * `replays` is off, nothing is stored or replayed: only the lock applies.
   */
  private async idempotent(
    req: SimRequest,
    clientId: string,
    run: () => SimResponse | Promise<SimResponse>,
    replays = true,
  ): Promise<SimResponse> {
    const raw = req.headers['idempotency-key'];
    // Without a key the library uses a random one: nothing is ever replayed.
    if (typeof raw !== 'string' || raw === '') return this.app(run);
    const key = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    const fingerprint = createHash('sha256')
      .update(`${key}${req.path}${req.method}${clientId}`)
      .digest('base64');
    const stored = replays ? this.idempotency.get(fingerprint) : undefined;
    if (stored && this.now() - stored.at < this.settings.idempotencyTtlMs) {
      return { ...stored.response, headers: { ...stored.response.headers, 'Idempotency-Key': key } };
    }
    if (this.locks.has(fingerprint)) {
      return {
        status: 409,
        body: { errors: [{ message: 'Request conflicts with another likely concurrent request.' }] },
      };
    }
    this.locks.add(fingerprint);
    try {
      await this.gate;
      const response = await this.app(run);
      const stores =
        replays &&
        ((response.status >= 200 && response.status < 300) ||
          (this.settings.idempotencyStoresClientErrors && response.status >= 400 && response.status < 500));
      if (!stores) return response;
      this.idempotency.set(fingerprint, { response, at: this.now() });
      return { ...response, headers: { ...response.headers, 'Idempotency-Key': key } };
    } finally {
      this.locks.delete(fingerprint);
    }
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
    const garbled = (card: SimGiftCard) =>
      this.settings.garbledIds.includes(card.id)
        ? { ...card, denominations: card.denominations.map((d) => `${d}`) }
        : card;
    return { status: 200, body: this.page(req, cards.map(garbled)) };
  }

  private page<T>(req: SimRequest, items: T[], key = 'data') {
    const page = this.settings.ignorePageParam ? 1 : integerParam(req, 'page', 1);
    const sizeParam = this.settings.pageSizeParams.find((name) => req.query.has(name));
    const perPage = sizeParam ? integerParam(req, sizeParam, 25) : 25;
    if (page < 1) throw invalid('page must be 1 or more');
    if (perPage < 1 || perPage > 100) throw invalid('page size must be from 1 to 100');
    const data = items.slice((page - 1) * perPage, page * perPage);
    if (this.settings.listShape === 'array') return data;
    return {
      [key]: data,
      [this.settings.listMetaKey]: {
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
    // The member's contact fields travel where the setting says: inside `user` (GC-GUIDE, findings of
    // 2026-11-26) by default, or in a top-level or per-card `recipient`. Elsewhere they are not read.
    const contact = { user: body.user, recipient: body.recipient, per_card: card.recipient }[
      this.settings.memberPlacement
    ];
    return this.place(body, card, contact, CONTACT_AT[this.settings.memberPlacement]);
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
      'recipient',
    );
  }

  /** The shared create path: validate in the documented order, then commit exactly one order. */
  private place(
    body: Record<string, unknown>,
    card: Record<string, unknown>,
    recipientRaw: unknown,
    recipientAt: string,
  ): SimResponse {
    const { memberId, reference, transactedAt } = orderBasics(body);
    if (!recipientRaw || typeof recipientRaw !== 'object')
      throw invalid(`${recipientAt} is required for gift card order`);
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
        throw invalid(`${recipientAt}.${field} is required`);
    }
    if (this.settings.rejectedMemberIds.includes(memberId)) {
      throw error(422, 'NN1301', 'Member identifier was rejected by the validation engine');
    }
    if (this.byReference.has(reference)) {
      throw error(this.settings.duplicateReferenceStatus, 'NN1011', 'Reference ID already exists');
    }
    const order = this.newOrder(reference, transactedAt, memberId, giftCard, value, recipient);
    this.store(order);
    return { status: 201, body: this.single(this.toWire(order)) };
  }

  /**
   * A transfer of the member's points (CREATE-PT): validated in the documented order (fields, programme, amount
   * rules, the member identifier), then exactly one order per reference: a reused reference is NN1011 whatever the
   * Idempotency-Key. The transfer is accepted and settles on the simulator's clock after the programme's business
   * days (at once for an instant programme), ending as the membership number says (`programs.ts`).
   */
  private createPointsTransfer(req: SimRequest): SimResponse {
    const body = objectBody(req);
    const { memberId, reference, transactedAt } = orderBasics(body);
    const programId = body.loyalty_program_id;
    if (typeof programId !== 'string' || programId.trim() === '')
      throw invalid('loyalty_program_id is required');
    const amount = body.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0)
      throw invalid('amount must be a whole number above 0');
    const membership = membershipOf(body);
    const program = this.program(programId);
    const broken = amountRuleBroken(program, amount);
    if (broken) throw invalid(broken);
    // Ascenda's own validation engine runs on a create (CREATE-FO lists NN1301); the programme's checks come later.
    const verdict = checkMembership(program, membership);
    if (verdict?.code === 'NN1301') throw error(422, 'NN1301', verdict.message);
    if (this.byReference.has(reference)) {
      throw error(this.settings.duplicateReferenceStatus, 'NN1011', 'Reference ID already exists');
    }
    const now = this.now();
    const n = ++this.sequence;
    const ending = TRANSFER_ENDINGS.find((e) => membership.id.endsWith(e.endsWith));
    // A membership the programme refuses is accepted by Ascenda, then fails at the network with its code.
    const [outcome, errors]: [Outcome, ItemError[]] = verdict
      ? ['failed', [{ code: verdict.code, message: verdict.message }]]
      : ending
        ? [ending.outcome, ending.error ? [ending.error] : []]
        : ['fulfilled', []];
    const settlesAt =
      program.creditAfterBusinessDays > 0
        ? businessDaysAfter(now, program.creditAfterBusinessDays, program.time_zone)
        : now;
    const order: SimOrder = {
      id: `ord_${now.toString(36)}_${n}`,
      reference_id: reference,
      transacted_at: transactedAt,
      created_at: now,
      user: { number: memberId },
      item: {
        id: `oi_${now.toString(36)}_${n}`,
        type: 'points_transfer',
        points_transfer: {
          loyalty_program_id: program.id,
          loyalty_program_name: program.name,
          amount,
          membership,
        },
        processingAt: now,
        terminalAt: outcome === 'stuck' ? Number.POSITIVE_INFINITY : settlesAt,
        outcome,
        errors,
      },
    };
    this.store(order);
    return { status: 201, body: this.single(this.toWire(order)) };
  }

  // ---- loyalty programmes ---------------------------------------------------------------------------------

  /** The programme with this id, or Ascenda's NN1002 (GET-LP). */
  private program(id: string): SimProgram {
    const program = this.settings.programs.find((p) => p.id === id);
    if (!program) throw error(404, 'NN1002', 'LoyaltyProgram not found');
    return program;
  }

  private programWire(program: SimProgram) {
    const wire = programWire(program);
    return this.settings.garbledIds.includes(program.id)
      ? { ...wire, min_amount: `${wire.min_amount} ${wire.unit_name}` }
      : wire;
  }

  private listPrograms(req: SimRequest): SimResponse {
    const programs = this.settings.programs.map((p) => this.programWire(p));
    if (this.settings.programListPaged)
      return { status: 200, body: this.page(req, programs, this.settings.programListKey) };
    const body =
      this.settings.listShape === 'array' ? programs : { [this.settings.programListKey]: programs };
    return { status: 200, body };
  }

  private getProgram(req: SimRequest): SimResponse {
    return { status: 200, body: this.single(this.programWire(this.program(req.params.id ?? ''))) };
  }

  /** VALIDATE-MEMBERSHIP: the programme first (NN1002), then the body (NN1001), then the programme's verdict. */
  private validateMembership(req: SimRequest): SimResponse {
    const program = this.program(req.params.id ?? '');
    const membership = membershipOf(objectBody(req));
    const verdict = checkMembership(program, membership);
    if (verdict && this.settings.membershipRefusalAs === 'body')
      return {
        status: 200,
        body: this.single({ valid: false, code: verdict.code, message: verdict.message }),
      };
    if (verdict) throw error(verdict.status, verdict.code, verdict.message);
    return {
      status: 200,
      body: this.single({ valid: true, loyalty_program_id: program.id, membership_id: membership.id }),
    };
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
          Object.entries(recipient).filter(([k, v]) => typeof v === 'string' && RECIPIENT_FIELDS.includes(k)),
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
    const reference = req.query.get(this.settings.referenceIdParam);
    const status = req.query.get('status');
    let orders =
      reference !== null
        ? [this.byReference.get(reference)].filter((o) => o !== undefined)
        : [...this.orders.values()].sort((a, b) => b.created_at - a.created_at);
    if (status !== null) orders = orders.filter((o) => itemStatus(o.item, this.now()) === status);
    return {
      status: 200,
      body: this.page(
        req,
        orders.map((o) => this.toWire(o)),
      ),
    };
  }

  private getOrder(req: SimRequest): SimResponse {
    const order = this.orders.get(req.params.id ?? '');
    if (!order) throw error(404, 'NN1002', 'Order not found');
    return { status: 200, body: this.single(this.toWire(order)) };
  }

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

  /** The INFERRED order object of the notes (§8.3); only the item status carries the outcome. */
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
      order_items: [this.itemWire(order, status)],
    };
  }

  /** The item as Ascenda sends it: its kind's facts (garbled on demand), errors once it has ended. */
  private itemWire(order: SimOrder, status: ItemStatus) {
    const { item } = order;
    const garbled = this.settings.garbledIds.includes(order.id);
    const facts =
      item.type === 'gift_card'
        ? {
            gift_card: garbled
              ? { ...item.gift_card, value: `${item.gift_card.value} dollars` }
              : item.gift_card,
            recipient: item.recipient,
          }
        : {
            points_transfer: garbled
              ? { ...item.points_transfer, amount: `${item.points_transfer.amount} units` }
              : item.points_transfer,
          };
    return {
      id: item.id,
      type: item.type,
      status: this.settings.itemStatusNames[status],
      errors: TERMINAL.includes(status) ? item.errors : [],
      ...facts,
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
    const withdrawProgram: Route = {
      // A programme Ascenda stopped offering: gone from the listing; its detail, checks and transfers meet NN1002.
      method: 'POST',
      path: '/__sandbox/loyalty-programs/:id/withdraw',
      handler: (req) => {
        const programs = this.settings.programs;
        const index = programs.findIndex((p) => p.id === req.params.id);
        if (index < 0) throw new HttpError(404, { message: `No loyalty programme ${req.params.id}` });
        const [program] = programs.splice(index, 1);
        return { status: 200, body: { withdrawn: program!.id, loyaltyPrograms: programs.length } };
      },
    };
    const misbehave: Route = {
      // A supplier that garbles records or ignores the page number, for the desk's tolerance on demand.
      method: 'POST',
      path: '/__sandbox/misbehave',
      handler: (req) => {
        const body = (req.body ?? {}) as { garbledIds?: unknown; ignorePageParam?: unknown };
        const ids = body.garbledIds ?? this.settings.garbledIds;
        const ignore = body.ignorePageParam ?? this.settings.ignorePageParam;
        if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string') || typeof ignore !== 'boolean')
          throw new HttpError(400, {
            message: 'garbledIds is a list of ids; ignorePageParam is true or false',
          });
        this.settings.garbledIds = ids;
        this.settings.ignorePageParam = ignore;
        return { status: 200, body: { garbledIds: ids, ignorePageParam: ignore } };
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
      withdrawProgram,
      misbehave,
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
          loyaltyPrograms: this.settings.programs.length,
          orders: this.orders.size,
          pointsTransfers: [...this.orders.values()].filter((o) => o.item.type === 'points_transfer').length,
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

/**
 * The fields every create carries: the member is the client's own user number (any text, CONFIRMED GC-GUIDE); an
 * Ascenda user id still has to be a UUID when one is sent (LIST-GC's NN1001).
 */
function orderBasics(body: Record<string, unknown>) {
  const user = body.user as { id?: unknown; number?: unknown } | undefined;
  if (user?.id !== undefined && (typeof user.id !== 'string' || !UUID.test(user.id)))
    throw invalid('user_id is not a valid UUID');
  const memberId = typeof user?.number === 'string' ? user.number.trim() : user?.id;
  if (typeof memberId !== 'string' || memberId === '' || memberId.length > 100)
    throw invalid('user.number is required (1 to 100 characters)');
  const reference = body.reference_id;
  if (typeof reference !== 'string' || reference.trim() === '' || reference.length > 128)
    throw invalid('reference_id is required (1 to 128 characters)');
  const transactedAt = body.transacted_at;
  if (typeof transactedAt !== 'string' || Number.isNaN(Date.parse(transactedAt)))
    throw invalid('transacted_at must be an ISO-8601 date-time');
  return { memberId, reference, transactedAt };
}

/** The member's programme membership (`membership` object), each field named when it is missing. */
function membershipOf(body: Record<string, unknown>): SimMembership {
  const raw = body.membership;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('membership is required');
  const fields = raw as Record<string, unknown>;
  const text = (name: keyof SimMembership, max: number) => {
    const value = fields[name];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max)
      throw invalid(`membership.${name} is required (1 to ${max} characters)`);
    return value.trim();
  };
  return { id: text('id', 64), first_name: text('first_name', 80), last_name: text('last_name', 80) };
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
