import type { ZodType } from 'zod';
import type { Option, Page, Product, ReferenceListName } from '../../../shared/catalogue';
import { formatMoney } from '../../../shared/format';
import type { DepositBalance, GcpOrderRequest, OrderListQuery, SupplierOrder } from '../../../shared/orders';
import type { PlacementOrder } from '../../../shared/placement';
import { supplierError } from '../supplier-error';
import { SupplierHttp, type ClassifiedStatus, type Query, type StatusContext } from '../supplier-http';
import type { ClientOptions, ListingLimits, ProbeOptions, ProbeResult, SupplierPort } from '../supplier-port';
import { TokenCache } from '../token-cache';
import { findByReference } from '../find-by-reference';
import { readEach } from '../tolerant';
import { defaultGcpConfig, type GcpClientConfig } from './config';
import { probeGcp } from './conformance';
import { toOption, toOrder, toPage, toProduct } from './map';
import {
  balanceWire,
  duplicateWire,
  errorWire,
  listWire,
  optionWire,
  orderWire,
  productWire,
  singleOrderWire,
  singleProductWire,
  statusWire,
  tokenWire,
} from './wire';

export interface GcpCredentials {
  email: string;
  accessToken: string;
}

export type GcpClientOptions = ClientOptions<GcpCredentials, GcpClientConfig>;

export type OptionList = ReferenceListName;
const OPTION_LISTS: readonly OptionList[] = ['shippingMethods', 'carriers', 'brandings', 'departments'];
const DAY_MS = 24 * 3600 * 1000;

/** GiftCard Partners' B2B API v1, typed: header credentials, PONumber-keyed orders, a deposit account. */
export class GcpClient implements SupplierPort {
  readonly supplier = 'gcp' as const;
  readonly config: GcpClientConfig;
  readonly apiVersion = null;
  readonly http: SupplierHttp;
  readonly tokens: TokenCache;
  private readonly now: () => number;

  constructor(private readonly options: GcpClientOptions) {
    this.config = { ...defaultGcpConfig(), ...options.config };
    this.now = options.now ?? Date.now;
    options.redactor.protect(options.credentials.accessToken);
    this.http = new SupplierHttp({
      supplier: 'gcp',
      baseUrl: options.baseUrl,
      policy: this.config,
      classifyStatus: (context) => this.classify(context),
      logger: options.logger,
      redactor: options.redactor,
      sleep: options.sleep,
      httpsAgent: options.httpsAgent,
      onResponseDate: options.onResponseDate,
    });
    this.tokens = new TokenCache(() => this.fetchToken(), this.now, this.config.tokenRefreshSkewMs);
  }

  get listing(): ListingLimits {
    return { pageSize: this.config.maxPageSize, maxPages: this.config.maxPages };
  }

  async authenticate(): Promise<void> {
    await this.tokens.get();
  }

  async listProducts(page = 1, pageSize = this.config.maxPageSize): Promise<Page<Product>> {
    const size = Math.min(pageSize, this.config.maxPageSize);
    const { data } = await this.get(
      'list products',
      this.config.paths.products,
      listWire,
      this.paging(page, size),
    );
    return toPage(data, { page, pageSize: size }, this.config, productWire, (p) => toProduct(p, this.config));
  }

  listCatalogue(page: number, pageSize: number): Promise<Page<Product>> {
    return this.listProducts(page, pageSize);
  }

  catalogueItem(id: string): Promise<Product> {
    return this.getProduct(id);
  }

  async getProduct(id: string): Promise<Product> {
    const path = `${this.config.paths.products}/${encodeURIComponent(id)}`;
    return toProduct((await this.get('get product', path, singleProductWire)).data, this.config);
  }

  /** One reference list; an entry that cannot be read is left out (and logged), never the whole list. */
  async referenceList(list: OptionList): Promise<Option[]> {
    const { data } = await this.get(`list ${list}`, this.config.paths[list], listWire);
    const { items, unreadable } = readEach(data.Items, optionWire, 'Id', toOption);
    if (unreadable.length > 0)
      this.options.logger.warn('reference list entries unreadable', { list, unreadable });
    return items;
  }

  async listReferenceLists(): Promise<Record<ReferenceListName, Option[]>> {
    const lists = await Promise.all(OPTION_LISTS.map((list) => this.referenceList(list)));
    return Object.fromEntries(OPTION_LISTS.map((list, i) => [list, lists[i]!])) as Record<
      ReferenceListName,
      Option[]
    >;
  }

  async serviceStatus(): Promise<{ status: string; version: string | null }> {
    const { data } = await this.get('service status', this.config.paths.status, statusWire);
    return { status: data.Status, version: data.Version ?? null };
  }

  async balance(): Promise<DepositBalance> {
    const { data } = await this.get('account balance', this.config.paths.accountBalance, balanceWire);
    return {
      available: data.Available,
      pending: data.Pending,
      currency: data.CurrencyCode?.trim().toUpperCase() || null,
      fetchedAt: new Date(this.now()).toISOString(),
    };
  }

  /** The supplier port's create: one journaled order as one line (the member id is journaled, never sent). */
  async createOrder(order: PlacementOrder): Promise<SupplierOrder> {
    if (order.supplier !== 'gcp') {
      throw supplierError({
        kind: 'NOT_CONFIGURED',
        supplier: 'gcp',
        operation: 'create order',
        supplierMessage: `A ${order.supplier} order cannot be sent to GiftCard Partners; nothing was sent.`,
      });
    }
    return this.createPoOrder({
      reference: order.reference,
      deliveryType: order.deliveryType,
      lines: [
        {
          productId: order.productId,
          value: order.value,
          quantity: order.quantity,
          email: order.email,
          sms: order.sms,
          personalization: order.personalization,
          physical: order.physical,
        },
      ],
    });
  }

  /** Creates an order keyed by its PONumber: a resend with the same PO gets 409 and the original's id. */
  async createPoOrder(request: GcpOrderRequest): Promise<SupplierOrder> {
    const { data } = await this.http.call({
      operation: 'create order',
      method: 'POST',
      path: this.config.paths.orders,
      create: true,
      timeout: 'createMs',
      body: {
        Type: request.deliveryType,
        PONumber: request.reference,
        LineItems: request.lines.map((line) => ({
          ProductId: line.productId,
          Value: line.value,
          Quantity: line.quantity,
          DigitalDeliveryAddress: line.email || line.sms ? { Email: line.email, Sms: line.sms } : undefined,
          Personalization: line.personalization && {
            To: line.personalization.to,
            FromName: line.personalization.fromName,
            FromEmail: line.personalization.fromEmail,
            Message: line.personalization.message,
          },
          PhysicalDeliveryAddress: line.physical && {
            ShippingMethodId: line.physical.shippingMethodId,
            CarrierId: line.physical.carrierId,
            Name: line.physical.name,
            AddressLine1: line.physical.addressLine1,
            AddressLine2: line.physical.addressLine2,
            City: line.physical.city,
            State: line.physical.state,
            Zip: line.physical.zip,
            Country: line.physical.country,
          },
        })),
        WebhookSettings: request.webhookUrl ? { FulfillmentComplete: request.webhookUrl } : undefined,
      },
      schema: singleOrderWire,
      bearer: this.tokens,
    });
    return toOrder(data, this.config);
  }

  async getOrder(id: string): Promise<SupplierOrder> {
    const path = `${this.config.paths.orders}/${encodeURIComponent(id)}`;
    return toOrder((await this.get('get order', path, singleOrderWire)).data, this.config);
  }

  /**
   * The order with exactly this PONumber, or null. Asks with the PONumber filter, over a bounded date window
   * (`findByReference`: a few pages, exact match).
   */
  findOrderByReference(po: string): Promise<SupplierOrder | null> {
    const now = this.now();
    const window = {
      [this.config.query.from]: new Date(now - this.config.poLookupWindowDays * DAY_MS).toISOString(),
      [this.config.query.to]: new Date(now + DAY_MS).toISOString(),
    };
    const size = this.config.maxPageSize;
    return findByReference({
      supplier: 'gcp',
      operation: 'find order by PO number',
      referenceName: 'PONumber',
      reference: po,
      maxPages: this.config.poLookupMaxPages,
      pageSize: size,
      page: async (page) =>
        (
          await this.get('find order by PO number', this.config.paths.orders, listWire, {
            [this.config.query.poNumber]: po,
            ...window,
            ...this.paging(page, size),
          })
        ).data.Items,
      referenceOf: (raw) => field(raw, 'PONumber'),
      idOf: (raw) => field(raw, 'Id'),
      orderWire,
      toOrder: (order) => toOrder(order, this.config),
    });
  }

  async listOrders(query: OrderListQuery = {}): Promise<Page<SupplierOrder>> {
    const page = query.page ?? 1;
    const size = Math.min(query.pageSize ?? this.config.maxPageSize, this.config.maxPageSize);
    const { data } = await this.get('list orders', this.config.paths.orders, listWire, {
      ...this.paging(page, size),
      [this.config.query.from]: query.from,
      [this.config.query.to]: query.to,
    });
    return toPage(data, { page, pageSize: size }, this.config, orderWire, (order) =>
      toOrder(order, this.config),
    );
  }

  async checkConnection(): Promise<string> {
    const [status, balance] = await Promise.all([this.serviceStatus(), this.balance()]);
    return `Connected to GiftCard Partners: credentials accepted, service ${status.status}, ${formatMoney(balance.available, balance.currency)} available in the deposit account.`;
  }

  probe(options: ProbeOptions): Promise<ProbeResult> {
    return probeGcp({ config: this.config, http: this.http, tokens: this.tokens }, options);
  }

  private paging(page: number, pageSize: number): Query {
    return {
      [this.config.query.pageIndex]: page - 1 + this.config.pageIndexBase,
      [this.config.query.pageSize]: pageSize,
    };
  }

  private async get<T>(operation: string, path: string, schema: ZodType<T>, query?: Query) {
    return this.http.call({
      operation,
      method: 'GET',
      path,
      query,
      timeout: 'readMs',
      schema,
      bearer: this.tokens,
    });
  }

  private async fetchToken() {
    const { email, accessToken } = this.options.credentials;
    const { data } = await this.http.call({
      operation: 'get access token',
      method: 'POST',
      path: this.config.paths.tokens,
      timeout: 'tokenMs',
      // CONFIRMED: the credentials travel as two request headers.
      headers: { Email: email, AccessToken: accessToken },
      schema: tokenWire,
      bearer: null,
    });
    this.options.redactor.protect(data.Value);
    return { value: data.Value, expiresAt: this.now() + data.ExpiresIn * 1000 };
  }

  /**
   * On a create only the documented refusals say "nothing was ordered": 400 (validation), 422 (insufficient
   * funds), 401/403 after the one token refresh. 409 is the duplicate PONumber; any other answer may have created
   * the order and is looked up by PONumber.
   */
  private classify({ status, body, create }: StatusContext): ClassifiedStatus {
    const envelope = errorWire.safeParse(body);
    const facts = {
      supplierMessage: envelope.success ? (envelope.data.Message ?? null) : null,
      fieldErrors: envelope.success
        ? (envelope.data.Errors ?? []).map((e) => ({ field: e.Field ?? '', message: e.Message ?? '' }))
        : [],
      // A problem-details traceId is what the supplier's support finds the request by.
      requestId: envelope.success ? envelope.data.TraceId : null,
    };
    if (status === 401 || status === 403) return { kind: 'AUTH', ...facts };
    if (status === 429) return { kind: 'RATE_LIMITED', ...facts };
    if (create) {
      if (status === this.config.duplicatePoStatus) {
        const original = duplicateWire.safeParse(body);
        return { kind: 'DUPLICATE', ...facts, originalOrderId: original.success ? original.data : null };
      }
      if (status === this.config.insufficientFundsStatus) return { kind: 'INSUFFICIENT_FUNDS', ...facts };
      if (status === 400) return { kind: 'DEFINITE_REJECTION', ...facts };
      return { kind: 'INDETERMINATE', ...facts };
    }
    if (status >= 500) return { kind: 'INDETERMINATE', ...facts };
    if (status === 404) return { kind: 'NOT_FOUND', ...facts };
    return { kind: 'DEFINITE_REJECTION', ...facts };
  }
}

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}
