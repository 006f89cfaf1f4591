// Over 400 lines on purpose: it is the one typed client for all of Ascenda's API the desk uses (tokens, catalogue,
// programmes, orders, transfers); wire shapes are in wire.ts, mapping in map.ts.
import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import type { GiftCard, GiftCardQuery, Page, UnreadableRecord } from '../../../shared/catalogue';
import { explainMembership, MEMBERSHIP_CODES, MEMBERSHIP_VALID } from '../../../shared/membership-codes';
import type { AscendaOrderRequest, OrderListQuery, SupplierOrder } from '../../../shared/orders';
import { isTransfer, type PlacementOrder, type TransferOrder } from '../../../shared/placement';
import type { LoyaltyProgram, Membership, MembershipCheck } from '../../../shared/transfers';
import type { SupplierErrorInfo } from '../../../shared/supplier-errors';
import { ListingGuard } from '../listing-guard';
import { isSupplierError, supplierError } from '../supplier-error';
import { SupplierHttp, type ClassifiedStatus, type Query, type StatusContext } from '../supplier-http';
import type {
  ClientOptions,
  CreateAttempt,
  ListingLimits,
  ProbeOptions,
  ProbeResult,
  SupplierPort,
} from '../supplier-port';
import { TokenCache } from '../token-cache';
import { findByReference } from '../find-by-reference';
import { readEach } from '../tolerant';
import { defaultAscendaConfig, type AscendaClientConfig } from './config';
import { probeAscenda } from './conformance';
import { TOKEN_ENCODINGS, type MemberPlacement, type TokenEncoding } from './inferred';
import { pageMeta, toGiftCard, toOrder, toPage, toProgram } from './map';
import {
  errorWire,
  giftCardWire,
  listWire,
  loyaltyProgramWire,
  membershipAnswerWire,
  orderWire,
  programListWire,
  singleLoyaltyProgramWire,
  singleOrderWire,
  tokenWire,
  type LoyaltyProgramWire,
} from './wire';

export interface AscendaCredentials {
  clientId: string;
  clientSecret: string;
}

export type AscendaClientOptions = ClientOptions<AscendaCredentials, AscendaClientConfig>;

/**
 * Ascenda codes that prove a create was refused and nothing was ordered (ARCHITECTURE "Money-safe outcomes"):
 * invalid parameters, not found, member rejected, wrong data type. Any other 4xx is indeterminate.
 */
const REFUSAL_CODES = new Set(['NN1001', 'NN1002', 'NN1301', 'AF2001']);

/** Token answers that mean "not in this encoding" rather than "not these credentials". */
const ENCODING_REFUSED = new Set([400, 415]);

/** Ascenda's Fulfillment API, typed: OAuth client credentials, `X-Ascenda-Version`, reference-keyed orders. */
export class AscendaClient implements SupplierPort {
  readonly supplier = 'ascenda' as const;
  readonly config: AscendaClientConfig;
  readonly http: SupplierHttp;
  readonly tokens: TokenCache;
  /** The token encoding that last worked: tried first next time. */
  private tokenEncoding: TokenEncoding;

  constructor(private readonly options: AscendaClientOptions) {
    this.config = { ...defaultAscendaConfig(), ...options.config };
    this.tokenEncoding = this.config.tokenEncoding;
    options.redactor.protect(options.credentials.clientSecret);
    options.redactor.protect(basicCredentials(options.credentials));
    this.http = new SupplierHttp({
      supplier: 'ascenda',
      baseUrl: `${options.baseUrl.replace(/\/+$/, '')}${this.config.basePath}`,
      policy: this.config,
      classifyStatus: (context) => this.classify(context),
      logger: options.logger,
      redactor: options.redactor,
      sleep: options.sleep,
      httpsAgent: options.httpsAgent,
      onResponseDate: options.onResponseDate,
    });
    this.tokens = new TokenCache(() => this.fetchToken(), options.now, this.config.tokenRefreshSkewMs);
  }

  get apiVersion(): string {
    return this.config.version;
  }

  get listing(): ListingLimits {
    return { pageSize: this.config.maxPageSize, maxPages: this.config.maxPages };
  }

  /** Obtains a token now (cached for later calls): the first step of "Test connection". */
  async authenticate(): Promise<void> {
    await this.tokens.get();
  }

  async listGiftCards(query: GiftCardQuery = {}): Promise<Page<GiftCard>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? 25, this.config.maxPageSize);
    const q = this.config.query;
    const { data } = await this.get('list gift cards', this.config.paths.giftCards, listWire, {
      [q.page]: page,
      [q.pageSize]: pageSize,
      [q.nameContains]: query.name || undefined,
      [q.currency]: query.currency || undefined,
      [q.category]: query.category || undefined,
      [q.sort]: query.sort,
    });
    return toPage(data, { page, pageSize }, this.config, giftCardWire, toGiftCard);
  }

  listCatalogue(page: number, pageSize: number): Promise<Page<GiftCard>> {
    return this.listGiftCards({ page, pageSize, sort: 'name:asc' });
  }

  /**
   * Every loyalty programme points can be transferred to. Paged like the gift-card listing where Ascenda pages
   * (an empty page, the last page its paging object names, else a short page ends it), in one request where it
   * does not (a page longer than asked for, without a paging object). Each record is read on its own, so one
   * unreadable programme never hides the rest. A listing that does not move on (a page repeated, only records
   * already read, the page cap) throws: a partial list would make the programmes it missed look withdrawn.
   */
  async listPrograms(): Promise<{ programs: LoyaltyProgram[]; unreadable: UnreadableRecord[] }> {
    const operation = 'list loyalty programmes';
    const q = this.config.query;
    const pageSize = this.config.maxPageSize;
    const schema = programListWire(this.config.programListKey);
    const guard = new ListingGuard("Ascenda's loyalty programme listing", this.config.maxPages);
    const runaway = (reason: string) =>
      supplierError({ kind: 'MALFORMED_RESPONSE', supplier: 'ascenda', operation, supplierMessage: reason });
    const programs = new Map<string, LoyaltyProgram>();
    const unreadable: UnreadableRecord[] = [];
    for (let page = 1; ; page++) {
      const cap = guard.beyondCap(page);
      if (cap) throw runaway(cap);
      const { data } = await this.get(operation, this.config.paths.loyaltyPrograms, schema, {
        [q.page]: page,
        [q.pageSize]: pageSize,
      });
      const read = readEach(data.data, loyaltyProgramWire, 'id', (wire) => this.toProgram(wire));
      const ids = [...read.items.map((p) => p.id), ...read.unreadable.flatMap((u) => (u.id ? [u.id] : []))];
      const loop = guard.check(page, ids);
      if (loop) throw runaway(loop);
      for (const program of read.items) if (!programs.has(program.id)) programs.set(program.id, program);
      unreadable.push(...read.unreadable);
      const records = data.data.length;
      const totalPages = pageMeta(data, this.config)?.total_pages;
      // Without a paging object a short page ends the listing, and so does a page longer than asked for: a
      // listing that does not page sends every programme at once.
      const ended =
        records === 0 || (typeof totalPages === 'number' ? page >= totalPages : records !== pageSize);
      if (ended) return { programs: [...programs.values()], unreadable };
    }
  }

  /** One programme read now (GET-LP). An unknown id is NOT_FOUND with Ascenda's NN1002. */
  async programDetail(id: string): Promise<LoyaltyProgram> {
    const path = `${this.config.paths.loyaltyPrograms}/${encodeURIComponent(id)}`;
    const { data } = await this.get('get loyalty programme', path, singleLoyaltyProgramWire);
    return this.toProgram(data);
  }

  /**
   * Asks Ascenda whether the programme knows this membership number under this name (VALIDATE-MEMBERSHIP). A read:
   * safe to repeat. A documented refusal (a 4xx carrying NN1301, NN1002 or a transfer-network `TC4…` code, or a
   * 2xx that says `valid: false`) is returned with its words; anything else that is not a plain success throws.
   */
  async validateMembership(programId: string, membership: Membership): Promise<MembershipCheck> {
    const path = this.config.paths.validateMembership.replace('{id}', encodeURIComponent(programId));
    let answer;
    try {
      answer = await this.http.call({
        operation: 'validate membership',
        method: 'POST',
        path,
        timeout: 'readMs',
        headers: this.versionHeader(),
        body: {
          membership: {
            id: membership.id,
            first_name: membership.firstName,
            last_name: membership.lastName,
          },
        },
        schema: membershipAnswerWire,
        bearer: this.tokens,
      });
    } catch (error) {
      if (isSupplierError(error) && isMembershipRefusal(error.info))
        return explainMembership(error.info.supplierCode, error.info.supplierMessage);
      throw error;
    }
    const { data } = answer;
    const listed = data.errors?.[0];
    // A 2xx that lists an error or says `valid: false` is a refusal, never a confirmation.
    if (listed || data.valid === false) {
      const message = listed ? listed.message : data.message;
      return explainMembership(
        (listed ? listed.code : data.code) ?? null,
        message ? this.options.redactor.text(message) : null,
      );
    }
    return { ...MEMBERSHIP_VALID, code: null, supplierMessage: null };
  }

  /** The supplier port's create: one journaled gift-card order or points transfer, sent as it was journaled. */
  async createOrder(order: PlacementOrder, attempt: CreateAttempt): Promise<SupplierOrder> {
    if (isTransfer(order)) return this.createPointsTransfer(order, attempt);
    if (order.supplier !== 'ascenda') {
      throw supplierError({
        kind: 'NOT_CONFIGURED',
        supplier: 'ascenda',
        operation: 'create order',
        supplierMessage: `A ${order.supplier} order cannot be sent to Ascenda; nothing was sent.`,
      });
    }
    return this.createGiftCardOrder(
      {
        reference: order.reference,
        memberId: order.memberId,
        transactedAt: attempt.transactedAt,
        giftCardId: order.giftCardId,
        value: order.value,
        currency: order.currency,
        recipient: order.recipient,
      },
      attempt.revision,
    );
  }

  /**
   * Creates a gift-card order. The member's number and contact fields go where `memberPlacement` says (inside
   * `user` by default, GC-GUIDE). The Idempotency-Key hashes reference, revision and body, so a resend of the
   * same revision is replayed, and a corrected one is never answered with the stored refusal.
   */
  async createGiftCardOrder(
    request: AscendaOrderRequest,
    revision = 1,
    placement: MemberPlacement = this.config.memberPlacement,
  ): Promise<SupplierOrder> {
    return this.create(
      'create gift card order',
      this.config.paths.giftCardOrders,
      request,
      revision,
      giftCardOrderBody(request, placement),
    );
  }

  /**
   * The generic endpoint (CONFIRMED): for partners that have already debited the member's points themselves.
   * One order item per order, as Ascenda allows today, with its required recipient.
   */
  async createFulfillmentOrder(request: AscendaOrderRequest, revision = 1): Promise<SupplierOrder> {
    return this.create('create fulfillment order', this.config.paths.fulfillmentOrders, request, revision, {
      user: { number: request.memberId },
      order_items: [
        {
          type: 'gift_card',
          gift_card: { id: request.giftCardId, value: request.value, currency: request.currency },
          recipient: recipientWire(request),
        },
      ],
    });
  }

  /**
   * A transfer of the member's points to a loyalty programme (CREATE-PT; field names INFERRED, api-notes §17):
   * the member inside `user`, the programme, the amount in its units, and the membership checked beforehand.
   * Like a gift card, a reused reference is answered NN1011 whatever the Idempotency-Key.
   */
  async createPointsTransfer(order: TransferOrder, attempt: CreateAttempt): Promise<SupplierOrder> {
    const body = {
      reference_id: order.reference,
      transacted_at: attempt.transactedAt,
      user: {
        number: order.memberId,
        email: order.user.email,
        first_name: order.user.firstName,
        last_name: order.user.lastName,
      },
      loyalty_program_id: order.programId,
      amount: order.amount,
      membership: {
        id: order.membership.id,
        first_name: order.membership.firstName,
        last_name: order.membership.lastName,
      },
    };
    const { data } = await this.http.call({
      operation: 'create points transfer',
      method: 'POST',
      path: this.config.paths.pointsTransfers,
      create: true,
      timeout: 'createMs',
      headers: {
        ...this.versionHeader(),
        'Idempotency-Key': idempotencyKey(order.reference, attempt.revision, body),
      },
      body,
      schema: singleOrderWire,
      bearer: this.tokens,
    });
    return toOrder(data, this.config);
  }

  private async create(
    operation: string,
    path: string,
    request: AscendaOrderRequest,
    revision: number,
    items: Record<string, unknown>,
  ): Promise<SupplierOrder> {
    const body = { reference_id: request.reference, transacted_at: request.transactedAt, ...items };
    const { data } = await this.http.call({
      operation,
      method: 'POST',
      path,
      create: true,
      timeout: 'createMs',
      headers: {
        ...this.versionHeader(),
        'Idempotency-Key': idempotencyKey(request.reference, revision, body),
      },
      body,
      schema: singleOrderWire,
      bearer: this.tokens,
    });
    return toOrder(data, this.config);
  }

  async getOrder(id: string): Promise<SupplierOrder> {
    const path = `${this.config.paths.orders}/${encodeURIComponent(id)}`;
    const { data } = await this.get('get order', path, singleOrderWire);
    return toOrder(data, this.config);
  }

  /** The order with exactly this reference, or null (`findByReference`: a few pages, exact match). */
  findOrderByReference(reference: string): Promise<SupplierOrder | null> {
    const q = this.config.query;
    const pageSize = this.config.maxPageSize;
    return findByReference({
      supplier: 'ascenda',
      operation: 'find order by reference',
      referenceName: 'reference',
      reference,
      maxPages: this.config.referenceLookupMaxPages,
      pageSize,
      page: async (page) =>
        (
          await this.get('find order by reference', this.config.paths.orders, listWire, {
            [q.referenceId]: reference,
            [q.page]: page,
            [q.pageSize]: pageSize,
          })
        ).data.data,
      referenceOf: (raw) => rawField(raw, 'reference_id'),
      idOf: (raw) => rawField(raw, 'id'),
      orderWire,
      toOrder: (order) => toOrder(order, this.config),
    });
  }

  async listOrders(query: OrderListQuery = {}): Promise<Page<SupplierOrder>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? 25, this.config.maxPageSize);
    const q = this.config.query;
    const { data } = await this.get('list orders', this.config.paths.orders, listWire, {
      [q.page]: page,
      [q.pageSize]: pageSize,
    });
    return toPage(data, { page, pageSize }, this.config, orderWire, (order) => toOrder(order, this.config));
  }

  /** Orders exist only from X-Ascenda-Version 1.3, so listing one proves the version as well as the token. */
  async checkConnection(): Promise<string> {
    const [, cards] = await Promise.all([
      this.listOrders({ pageSize: 1 }),
      this.listGiftCards({ pageSize: 1 }),
    ]);
    const count = cards.total === null ? 'gift cards listed' : `${cards.total} gift cards in the catalogue`;
    return `Connected to Ascenda: credentials accepted, API version ${this.config.version} accepted, ${count}.`;
  }

  probe(options: ProbeOptions): Promise<ProbeResult> {
    return probeAscenda(
      {
        config: this.config,
        http: this.http,
        origin: this.options.baseUrl,
        versionHeader: this.versionHeader(),
        tokenRequest: (encoding) => tokenRequest(encoding, this.options.credentials),
        orderBody: giftCardOrderBody,
        idempotencyKey,
        protect: (secret) => this.options.redactor.protect(secret),
      },
      options,
    );
  }

  private async get<T>(operation: string, path: string, schema: ZodType<T>, query?: Query) {
    return this.http.call({
      operation,
      method: 'GET',
      path,
      query,
      timeout: 'readMs',
      headers: this.versionHeader(),
      schema,
      bearer: this.tokens,
    });
  }

  private toProgram(wire: LoyaltyProgramWire): LoyaltyProgram {
    return toProgram(wire, (zone) =>
      this.options.logger.warn('loyalty programme time zone unknown: business days count in UTC', {
        program: wire.id,
        timeZone: zone,
      }),
    );
  }

  private versionHeader(): Record<string, string> {
    return { 'X-Ascenda-Version': this.config.version };
  }

  /**
   * The token, in the encoding that worked last (the setting at first); a 400 or 415 means the endpoint wants
   * another encoding, so each other one is tried once before giving up.
   */
  private async fetchToken() {
    const order = [this.tokenEncoding, ...TOKEN_ENCODINGS.filter((e) => e !== this.tokenEncoding)];
    for (const [i, encoding] of order.entries()) {
      try {
        const { data } = await this.http.call({
          operation: 'get access token',
          method: 'POST',
          path: this.config.paths.token,
          timeout: 'tokenMs',
          ...tokenRequest(encoding, this.options.credentials),
          schema: tokenWire,
          bearer: null,
        });
        if (encoding !== this.tokenEncoding) {
          this.options.logger.warn('token encoding fell back', { from: this.tokenEncoding, to: encoding });
          this.tokenEncoding = encoding;
        }
        const value = (data.access_token ?? data.token) as string;
        this.options.redactor.protect(value);
        return { value, expiresAt: data.expires_at * 1000 };
      } catch (error) {
        const refusedEncoding =
          isSupplierError(error) && ENCODING_REFUSED.has(error.info.httpStatus ?? 0) && i < order.length - 1;
        if (!refusedEncoding) throw error;
      }
    }
    throw new Error('unreachable: the last encoding either returns or throws');
  }

  /**
   * On a create only proof says "nothing was ordered": a 4xx carrying a refusal code, or 401/403 after the one
   * token refresh. A 409 without NN1011 is Ascenda's idempotency layer saying the first request is still running
   * (IDEMP-GEM); that, a 4xx without a recognised code and every 5xx may have created the order.
   */
  private classify({ status, body, create }: StatusContext): ClassifiedStatus {
    const envelope = errorWire.safeParse(body);
    const errors = envelope.success ? envelope.data.errors : [];
    const codes = errors.map((e) => e.code).filter((code): code is string => Boolean(code));
    const supplierCode = codes[0] ?? null;
    const supplierMessage =
      errors
        .map((e) => e.message)
        .filter(Boolean)
        .join('; ') || null;
    const facts = { supplierCode, supplierMessage };
    // NN1011 is read at whatever status it comes with (the notes lean 422, maybe 409).
    if (create && codes.includes(this.config.duplicateReferenceCode)) {
      return { kind: 'DUPLICATE', ...facts, supplierCode: this.config.duplicateReferenceCode };
    }
    if (status === 401 || status === 403) return { kind: 'AUTH', ...facts };
    if (status === 429) return { kind: 'RATE_LIMITED', ...facts };
    if (create) {
      const refusal = status >= 400 && status < 500 ? codes.find((code) => REFUSAL_CODES.has(code)) : null;
      return refusal
        ? { kind: 'DEFINITE_REJECTION', ...facts, supplierCode: refusal }
        : { kind: 'INDETERMINATE', ...facts };
    }
    if (status >= 500) return { kind: 'INDETERMINATE', ...facts };
    if (status === 404) return { kind: 'NOT_FOUND', ...facts };
    return { kind: 'DEFINITE_REJECTION', ...facts };
  }
}

/** Statuses that say "could not ask" (credentials, rate) even when a code comes along. */
const NOT_A_VERDICT = new Set([401, 403, 429]);

/**
 * A membership check's documented refusal: a 4xx carrying one of VALIDATE-MEMBERSHIP's codes, or any other code
 * of the transfer network (`TC4…`). Anything else (NN1001, NN0001, 5xx, network) means the check did not happen.
 */
function isMembershipRefusal(info: SupplierErrorInfo): boolean {
  const { httpStatus, supplierCode } = info;
  if (httpStatus === null || httpStatus < 400 || httpStatus >= 500 || NOT_A_VERDICT.has(httpStatus))
    return false;
  return (
    supplierCode !== null && (Object.hasOwn(MEMBERSHIP_CODES, supplierCode) || /^TC4\d+$/.test(supplierCode))
  );
}

/**
 * The key Ascenda's idempotency layer stores the first answer under (2xx and 4xx, 24 h, per tenant, path and
 * method): the same revision resent is the same key, a corrected body or a new revision is a new one.
 */
export function idempotencyKey(reference: string, revision: number, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([reference, revision, body]))
    .digest('hex');
}

type TokenRequest = {
  body: Record<string, string>;
  encoding: 'json' | 'form';
  headers?: Record<string, string>;
};

function tokenRequest(encoding: TokenEncoding, credentials: AscendaCredentials): TokenRequest {
  const { clientId, clientSecret } = credentials;
  if (encoding === 'basic') {
    return {
      body: { grant_type: 'client_credentials' },
      encoding: 'form',
      headers: { Authorization: `Basic ${basicCredentials(credentials)}` },
    };
  }
  return {
    body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    encoding,
  };
}

/** RFC 6749 §2.3.1: both parts form-encoded, then joined and Base64-encoded. */
function basicCredentials({ clientId, clientSecret }: AscendaCredentials): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/%20/g, '+');
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64');
}

function recipientWire({ recipient }: AscendaOrderRequest) {
  return {
    email: recipient.email,
    phone_number: recipient.phoneNumber,
    first_name: recipient.firstName,
    last_name: recipient.lastName,
  };
}

/** The gift-card order's member and cards, with the contact fields where the setting puts them. */
export function giftCardOrderBody(request: AscendaOrderRequest, placement: MemberPlacement) {
  const card = { id: request.giftCardId, value: request.value, currency: request.currency };
  const contact = recipientWire(request);
  switch (placement) {
    case 'user':
      return { user: { number: request.memberId, ...contact }, gift_cards: [card] };
    case 'recipient':
      return { user: { number: request.memberId }, recipient: contact, gift_cards: [card] };
    case 'per_card':
      return { user: { number: request.memberId }, gift_cards: [{ ...card, recipient: contact }] };
  }
}

function rawField(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}
