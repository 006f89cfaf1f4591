import type { Agent } from 'node:http';
import type { ZodType } from 'zod';
import type { GiftCard, GiftCardQuery, Page } from '../../../shared/catalogue';
import type { AscendaOrderRequest, OrderListQuery, SupplierOrder } from '../../../shared/orders';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import { SupplierHttp, type ClassifiedStatus, type Query, type StatusContext } from '../supplier-http';
import { TokenCache } from '../token-cache';
import { defaultAscendaConfig, type AscendaClientConfig } from './config';
import { toGiftCard, toOrder, toPage } from './map';
import { errorWire, giftCardWire, orderWire, pageWire, tokenWire } from './wire';

export interface AscendaCredentials {
  clientId: string;
  clientSecret: string;
}

export interface AscendaClientOptions {
  baseUrl: string;
  credentials: AscendaCredentials;
  config?: Partial<AscendaClientConfig>;
  logger: Logger;
  redactor: Redactor;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  httpsAgent?: Agent;
}

/** Ascenda's Fulfillment API, typed: OAuth client credentials, `X-Ascenda-Version`, reference-keyed orders. */
export class AscendaClient {
  readonly config: AscendaClientConfig;
  private readonly http: SupplierHttp;
  private readonly tokens: TokenCache;

  constructor(private readonly options: AscendaClientOptions) {
    this.config = { ...defaultAscendaConfig(), ...options.config };
    options.redactor.protect(options.credentials.clientSecret);
    this.http = new SupplierHttp({
      supplier: 'ascenda',
      baseUrl: `${options.baseUrl.replace(/\/+$/, '')}${this.config.basePath}`,
      policy: this.config,
      classifyStatus: (context) => this.classify(context),
      logger: options.logger,
      redactor: options.redactor,
      sleep: options.sleep,
      httpsAgent: options.httpsAgent,
    });
    this.tokens = new TokenCache(() => this.fetchToken(), options.now, this.config.tokenRefreshSkewMs);
  }

  /** Obtains a token now (cached for later calls): the first step of "Test connection". */
  async authenticate(): Promise<void> {
    await this.tokens.get();
  }

  async listGiftCards(query: GiftCardQuery = {}): Promise<Page<GiftCard>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? 25, this.config.maxPageSize);
    const q = this.config.query;
    const { data } = await this.get('list gift cards', this.config.paths.giftCards, pageWire(giftCardWire), {
      [q.page]: page,
      [q.pageSize]: pageSize,
      [q.nameContains]: query.name || undefined,
      [q.currency]: query.currency || undefined,
      [q.category]: query.category || undefined,
      [q.sort]: query.sort,
    });
    return toPage(data, { page, pageSize }, toGiftCard);
  }

  /** Creates a gift-card order. The reference is also the Idempotency-Key, so a resend can never duplicate. */
  async createGiftCardOrder(request: AscendaOrderRequest): Promise<SupplierOrder> {
    return this.create('create gift card order', this.config.paths.giftCardOrders, request, {
      gift_cards: [{ id: request.giftCardId, value: request.value, currency: request.currency }],
      recipient: recipientWire(request),
    });
  }

  /**
   * The generic endpoint (CONFIRMED): for partners that have already debited the member's points themselves.
   * One order item per order, as Ascenda allows today.
   */
  async createFulfillmentOrder(request: AscendaOrderRequest): Promise<SupplierOrder> {
    return this.create('create fulfillment order', this.config.paths.fulfillmentOrders, request, {
      order_items: [
        {
          type: 'gift_card',
          gift_card: { id: request.giftCardId, value: request.value, currency: request.currency },
          recipient: recipientWire(request),
        },
      ],
    });
  }

  private async create(
    operation: string,
    path: string,
    request: AscendaOrderRequest,
    items: Record<string, unknown>,
  ): Promise<SupplierOrder> {
    const { data } = await this.http.call({
      operation,
      method: 'POST',
      path,
      create: true,
      timeout: 'createMs',
      headers: { ...this.versionHeader(), 'Idempotency-Key': request.reference },
      body: {
        user: { id: request.memberId },
        reference_id: request.reference,
        transacted_at: request.transactedAt,
        ...items,
      },
      schema: orderWire,
      bearer: this.tokens,
    });
    return toOrder(data, this.config);
  }

  async getOrder(id: string): Promise<SupplierOrder> {
    const path = `${this.config.paths.orders}/${encodeURIComponent(id)}`;
    const { data } = await this.get('get order', path, orderWire);
    return toOrder(data, this.config);
  }

  /** The order with exactly this reference, or null. Matches exactly, in case the filter is not honoured. */
  async findOrderByReference(reference: string): Promise<SupplierOrder | null> {
    const q = this.config.query;
    const { data } = await this.get(
      'find order by reference',
      this.config.paths.orders,
      pageWire(orderWire),
      {
        [q.referenceId]: reference,
        [q.page]: 1,
        [q.pageSize]: this.config.maxPageSize,
      },
    );
    const match = data.data.find((order) => order.reference_id === reference);
    return match ? toOrder(match, this.config) : null;
  }

  async listOrders(query: OrderListQuery = {}): Promise<Page<SupplierOrder>> {
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? 25, this.config.maxPageSize);
    const q = this.config.query;
    const { data } = await this.get('list orders', this.config.paths.orders, pageWire(orderWire), {
      [q.page]: page,
      [q.pageSize]: pageSize,
    });
    return toPage(data, { page, pageSize }, (order) => toOrder(order, this.config));
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

  private versionHeader(): Record<string, string> {
    return { 'X-Ascenda-Version': this.config.version };
  }

  private async fetchToken() {
    const { clientId, clientSecret } = this.options.credentials;
    const { data } = await this.http.call({
      operation: 'get access token',
      method: 'POST',
      path: this.config.paths.token,
      timeout: 'tokenMs',
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      schema: tokenWire,
      bearer: null,
    });
    const value = (data.access_token ?? data.token) as string;
    this.options.redactor.protect(value);
    return { value, expiresAt: data.expires_at * 1000 };
  }

  private classify({ status, body, create }: StatusContext): ClassifiedStatus {
    const envelope = errorWire.safeParse(body);
    const errors = envelope.success ? envelope.data.errors : [];
    const supplierCode = errors.find((e) => e.code)?.code ?? null;
    const supplierMessage =
      errors
        .map((e) => e.message)
        .filter(Boolean)
        .join('; ') || null;
    const facts = { supplierCode, supplierMessage };
    if (
      supplierCode === this.config.duplicateReferenceCode &&
      (create || this.config.duplicateReferenceStatuses.includes(status))
    ) {
      return { kind: 'DUPLICATE', ...facts };
    }
    if (status === 401 || status === 403) return { kind: 'AUTH', ...facts };
    if (status === 429) return { kind: 'RATE_LIMITED', ...facts };
    if (status >= 500) return { kind: 'INDETERMINATE', ...facts };
    if (status === 404 && !create) return { kind: 'NOT_FOUND', ...facts };
    return { kind: 'DEFINITE_REJECTION', ...facts };
  }
}

function recipientWire({ recipient }: AscendaOrderRequest) {
  return {
    email: recipient.email,
    phone_number: recipient.phoneNumber,
    first_name: recipient.firstName,
    last_name: recipient.lastName,
  };
}
