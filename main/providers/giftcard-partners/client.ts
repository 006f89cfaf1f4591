import type { Agent } from 'node:http';
import type { ZodType } from 'zod';
import type { Option, Page, Product } from '../../../shared/catalogue';
import type { DepositBalance, GcpOrderRequest, OrderListQuery, SupplierOrder } from '../../../shared/orders';
import type { Logger } from '../../log/logger';
import type { Redactor } from '../../log/redactor';
import { SupplierHttp, type ClassifiedStatus, type Query, type StatusContext } from '../supplier-http';
import { TokenCache } from '../token-cache';
import { defaultGcpConfig, type GcpClientConfig } from './config';
import { toOption, toOrder, toPage, toProduct } from './map';
import {
  balanceWire,
  duplicateWire,
  errorWire,
  listWire,
  optionWire,
  orderWire,
  productWire,
  statusWire,
  tokenWire,
} from './wire';

export interface GcpCredentials {
  email: string;
  accessToken: string;
}

export interface GcpClientOptions {
  baseUrl: string;
  credentials: GcpCredentials;
  config?: Partial<GcpClientConfig>;
  logger: Logger;
  redactor: Redactor;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  httpsAgent?: Agent;
}

export type OptionList = 'shippingMethods' | 'carriers' | 'brandings' | 'departments';

/** GiftCard Partners' B2B API v1, typed: header credentials, PONumber-keyed orders, a deposit account. */
export class GcpClient {
  readonly config: GcpClientConfig;
  private readonly http: SupplierHttp;
  private readonly tokens: TokenCache;
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
    });
    this.tokens = new TokenCache(() => this.fetchToken(), this.now, this.config.tokenRefreshSkewMs);
  }

  async authenticate(): Promise<void> {
    await this.tokens.get();
  }

  async listProducts(page = 1, pageSize = this.config.maxPageSize): Promise<Page<Product>> {
    const size = Math.min(pageSize, this.config.maxPageSize);
    const { data } = await this.get(
      'list products',
      this.config.paths.products,
      listWire(productWire),
      this.paging(page, size),
    );
    return toPage(data, { page, pageSize: size }, this.config, toProduct);
  }

  async getProduct(id: string): Promise<Product> {
    const path = `${this.config.paths.products}/${encodeURIComponent(id)}`;
    return toProduct((await this.get('get product', path, productWire)).data);
  }

  async referenceList(list: OptionList): Promise<Option[]> {
    const { data } = await this.get(`list ${list}`, this.config.paths[list], listWire(optionWire));
    return data.Items.map(toOption);
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
      currency: data.CurrencyCode ?? 'USD',
      fetchedAt: new Date(this.now()).toISOString(),
    };
  }

  /** Creates an order keyed by its PONumber: a resend with the same PO gets 409 and the original's id. */
  async createOrder(request: GcpOrderRequest): Promise<SupplierOrder> {
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
      schema: orderWire,
      bearer: this.tokens,
    });
    return toOrder(data, this.config);
  }

  async getOrder(id: string): Promise<SupplierOrder> {
    const path = `${this.config.paths.orders}/${encodeURIComponent(id)}`;
    return toOrder((await this.get('get order', path, orderWire)).data, this.config);
  }

  /** The order with exactly this PONumber, or null (matched exactly, in case the filter is not honoured). */
  async findOrderByPo(po: string): Promise<SupplierOrder | null> {
    const { data } = await this.get(
      'find order by PO number',
      this.config.paths.orders,
      listWire(orderWire),
      {
        [this.config.query.poNumber]: po,
        ...this.paging(1, this.config.maxPageSize),
      },
    );
    const match = data.Items.find((order) => order.PONumber === po);
    return match ? toOrder(match, this.config) : null;
  }

  async listOrders(query: OrderListQuery = {}): Promise<Page<SupplierOrder>> {
    const page = query.page ?? 1;
    const size = Math.min(query.pageSize ?? this.config.maxPageSize, this.config.maxPageSize);
    const { data } = await this.get('list orders', this.config.paths.orders, listWire(orderWire), {
      ...this.paging(page, size),
      [this.config.query.from]: query.from,
      [this.config.query.to]: query.to,
    });
    return toPage(data, { page, pageSize: size }, this.config, (order) => toOrder(order, this.config));
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

  private classify({ status, body, create }: StatusContext): ClassifiedStatus {
    const envelope = errorWire.safeParse(body);
    const facts = {
      supplierMessage: envelope.success ? (envelope.data.Message ?? null) : null,
      fieldErrors: envelope.success
        ? (envelope.data.Errors ?? []).map((e) => ({ field: e.Field ?? '', message: e.Message ?? '' }))
        : [],
    };
    if (create && status === this.config.duplicatePoStatus) {
      const original = duplicateWire.safeParse(body);
      return { kind: 'DUPLICATE', ...facts, originalOrderId: original.success ? original.data.Id : null };
    }
    if (create && status === this.config.insufficientFundsStatus)
      return { kind: 'INSUFFICIENT_FUNDS', ...facts };
    if (status === 401 || status === 403) return { kind: 'AUTH', ...facts };
    if (status === 429) return { kind: 'RATE_LIMITED', ...facts };
    if (status >= 500) return { kind: 'INDETERMINATE', ...facts };
    if (status === 404 && !create) return { kind: 'NOT_FOUND', ...facts };
    return { kind: 'DEFINITE_REJECTION', ...facts };
  }
}
