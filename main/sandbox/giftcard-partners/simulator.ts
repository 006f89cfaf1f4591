// Over 400 lines on purpose: it is one supplier's whole API (tokens, catalogue, orders, balance, webhooks) over one
// deterministic state; its INFERRED settings are in settings.ts.
import { GCP_INFERRED } from '../../providers/giftcard-partners/inferred';
import { randomBytes } from 'node:crypto';
import { commonControlRoutes, SimClock } from '../control';
import { FaultPlan } from '../faults';
import { HttpError, type Route, type SimRequest, type SimResponse, type SimServer } from '../http-kit';
import { hostSimulator } from '../sim-host';
import { SeededRandom } from '../random';
import { deliverWebhook, type WebhookDelivery } from '../webhook-sender';
import { defaultGcpSettings, type GcpSimSettings } from './settings';
import {
  BRANDINGS,
  buildHistory,
  buildProducts,
  CARRIERS,
  DELIVERY_TYPES,
  DEPARTMENTS,
  LINE_FAILURES,
  lineCost,
  SHIPPING_METHODS,
  type DeliveryType,
  type GcpLineItem,
  type GcpOrder,
  type GcpProduct,
} from './world';

interface FieldError {
  Field: string;
  Message: string;
}

/** GiftCard Partners error body (INFERRED): `{ Message, Errors: [{ Field, Message }] }`. */
const P = GCP_INFERRED.paths;
const Q = GCP_INFERRED.query;

const failure = (status: number, message: string, errors: FieldError[] = []) =>
  new HttpError(status, { Message: message, Errors: errors });

const PHYSICAL_FIELDS = ['Name', 'AddressLine1', 'City', 'State', 'Zip', 'Country', 'ShippingMethodId'];

/**
 * A local stand-in for the GiftCard Partners B2B API v1 (../shared/api-notes/giftcard-partners.md), on 127.0.0.1:
 * tokens, catalogue and reference data, a deposit balance, orders keyed by PONumber, async completion, webhooks.
 */
export class GcpSimulator {
  readonly settings: GcpSimSettings;
  readonly faults: FaultPlan;
  readonly products: GcpProduct[];
  readonly orders = new Map<string, GcpOrder>();
  readonly webhookDeliveries: WebhookDelivery[] = [];
  readonly balance: { Available: number; Pending: number; CurrencyCode: string };
  private readonly byPo = new Map<string, GcpOrder>();
  private readonly tokens = new Map<string, { email: string; expiresAt: number }>();
  private readonly clock = new SimClock();
  private readonly random: SeededRandom;
  private server: SimServer | null = null;
  /** Token requests received, so tests can prove a client never asks twice at once. */
  tokenRequests = 0;
  private sequence = 0;

  constructor(overrides: Partial<GcpSimSettings> = {}) {
    this.settings = { ...defaultGcpSettings(), ...overrides };
    this.faults = new FaultPlan(this.settings.seed);
    this.random = new SeededRandom(this.settings.seed + 2);
    this.balance = { ...this.settings.startingBalance };
    this.products = buildProducts(this.settings);
    for (const order of buildHistory(this.settings, this.products, this.clock.now())) this.store(order);
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('simulator not started');
    return this.server.baseUrl;
  }

  now(): number {
    return this.clock.now();
  }

  async start(port = 0): Promise<string> {
    const authed = (handler: (req: SimRequest) => SimResponse) => (req: SimRequest) => {
      this.authenticate(req);
      this.settle();
      return handler(req);
    };
    const routes: Route[] = [
      { method: 'POST', path: P.tokens, handler: (r) => this.createToken(r) },
      { method: 'GET', path: P.products, handler: authed((r) => this.list(r, this.products)) },
      { method: 'GET', path: `${P.products}/:id`, handler: authed((r) => this.getProduct(r)) },
      {
        method: 'GET',
        path: P.shippingMethods,
        handler: authed(() => ({ status: 200, body: SHIPPING_METHODS })),
      },
      { method: 'GET', path: P.carriers, handler: authed(() => ({ status: 200, body: CARRIERS })) },
      { method: 'GET', path: P.brandings, handler: authed(() => ({ status: 200, body: BRANDINGS })) },
      { method: 'GET', path: P.departments, handler: authed(() => ({ status: 200, body: DEPARTMENTS })) },
      {
        method: 'GET',
        path: P.status,
        handler: authed(() => ({ status: 200, body: { Status: 'Operational', Version: 'v1' } })),
      },
      {
        method: 'GET',
        path: P.accountBalance,
        handler: authed(() => ({ status: 200, body: { ...this.balance } })),
      },
      { method: 'POST', path: P.orders, handler: authed((r) => this.createOrder(r)) },
      { method: 'GET', path: P.orders, handler: authed((r) => this.listOrders(r)) },
      { method: 'GET', path: `${P.orders}/:id`, handler: authed((r) => this.getOrder(r)) },
      ...this.controlRoutes(),
    ];
    this.server = await hostSimulator({
      routes,
      port,
      faults: this.faults,
      now: () => this.now(),
      hostile: () => this.settings.hostile,
      tokenPath: P.tokens,
      tick: () => this.settle(),
      errors: {
        serverError: (status) => ({
          status,
          body: { Message: status === 504 ? 'Gateway timeout' : 'Server error' },
        }),
        rateLimited: (seconds) => ({
          status: 429,
          headers: { 'Retry-After': String(seconds) },
          body: { Message: 'Too many requests' },
        }),
        unauthorized: () => ({ status: 401, body: { Message: 'Invalid or expired token' } }),
        forbidden: () => ({ status: 403, body: { Message: 'API access is disabled for this credential' } }),
        malformedBody: () => {
          const refusal = this.invalid([{ Field: '$', Message: 'Body is not valid JSON' }]);
          return { status: refusal.status, body: refusal.body };
        },
        notFound: () => ({ status: 404, body: { Message: 'Not found' } }),
      },
    });
    return this.server.baseUrl;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  ordersWithPo(po: string): GcpOrder[] {
    return [...this.orders.values()].filter((o) => o.PONumber === po);
  }

  // ---- auth -----------------------------------------------------------------------------------------------

  private createToken(req: SimRequest): SimResponse {
    this.tokenRequests += 1;
    const email = req.headers.email;
    const accessToken = req.headers.accesstoken;
    const known = this.settings.credentials.find((c) => c.email === email && c.accessToken === accessToken);
    if (!known) throw failure(401, 'Invalid Email or AccessToken');
    if (this.settings.disabledEmails.includes(known.email))
      throw failure(403, 'API access is disabled for this credential');
    const value = randomBytes(32).toString('base64url');
    this.tokens.set(value, {
      email: known.email,
      expiresAt: this.now() + this.settings.tokenTtlSeconds * 1000,
    });
    return { status: 200, body: { Value: value, ExpiresIn: this.settings.tokenTtlSeconds } };
  }

  private authenticate(req: SimRequest): void {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const session = bearer ? this.tokens.get(bearer) : undefined;
    if (!session || session.expiresAt <= this.now()) throw failure(401, 'Invalid or expired token');
    if (this.settings.disabledEmails.includes(session.email))
      throw failure(403, 'API access is disabled for this credential');
  }

  // ---- catalogue ------------------------------------------------------------------------------------------

  private list<T>(req: SimRequest, items: T[]): SimResponse {
    const rawIndex = req.query.get(Q.pageIndex) ?? String(this.settings.pageIndexBase);
    const rawSize = req.query.get(Q.pageSize) ?? String(this.settings.defaultPageSize);
    if (!/^-?\d+$/.test(rawIndex) || !/^-?\d+$/.test(rawSize)) {
      throw this.invalid([{ Field: Q.pageIndex, Message: 'pageIndex and pageSize must be whole numbers' }]);
    }
    const pageIndex = Number(rawIndex);
    const pageSize = Number(rawSize);
    if (pageIndex < this.settings.pageIndexBase || pageSize < 1 || pageSize > this.settings.maxPageSize) {
      throw this.invalid([
        {
          Field: Q.pageIndex,
          Message: `pageIndex starts at ${this.settings.pageIndexBase}; pageSize is 1 to ${this.settings.maxPageSize}`,
        },
      ]);
    }
    const start = (pageIndex - this.settings.pageIndexBase) * pageSize;
    if (this.settings.listShape === 'array')
      return { status: 200, body: items.slice(start, start + pageSize) };
    return {
      status: 200,
      body: {
        Items: items.slice(start, start + pageSize),
        TotalCount: items.length,
        PageIndex: pageIndex,
        PageSize: pageSize,
      },
    };
  }

  private getProduct(req: SimRequest): SimResponse {
    const product = this.products.find((p) => p.Id === req.params.id);
    if (!product) throw failure(404, 'Product not found');
    return { status: 200, body: product };
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  private createOrder(req: SimRequest): SimResponse {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw this.invalid([{ Field: '$', Message: 'Body must be a JSON object' }]);
    const input = body as Record<string, unknown>;
    const errors: FieldError[] = [];
    const type = input.Type as DeliveryType;
    if (!DELIVERY_TYPES.includes(type))
      errors.push({ Field: 'Type', Message: `Type must be one of ${DELIVERY_TYPES.join(', ')}` });
    const po = input.PONumber;
    if (typeof po !== 'string' || po.trim() === '' || po.length > 64)
      errors.push({ Field: 'PONumber', Message: 'PONumber is required (1 to 64 characters)' });
    const rawLines = Array.isArray(input.LineItems)
      ? (input.LineItems as Array<Record<string, unknown>>)
      : [];
    if (rawLines.length === 0)
      errors.push({ Field: 'LineItems', Message: 'At least one line item is required' });
    const lines = rawLines.map((line, i) => this.validateLine(line ?? {}, i, type, errors));
    const webhook = (input.WebhookSettings as { FulfillmentComplete?: unknown } | undefined)
      ?.FulfillmentComplete;
    if (webhook !== undefined && (typeof webhook !== 'string' || !/^https?:\/\//.test(webhook))) {
      errors.push({ Field: 'WebhookSettings.FulfillmentComplete', Message: 'Must be an http(s) URL' });
    }
    if (errors.length > 0) throw this.invalid(errors);

    const existing = this.byPo.get(po as string);
    if (existing) throw new HttpError(409, this.duplicateBody(existing));

    const total = Math.round(lines.reduce((sum, l) => sum + l.cost, 0) * 100) / 100;
    if (this.balance.Available < total) {
      throw failure(422, 'Insufficient funds.', [
        {
          Field: 'AccountBalance.Available',
          Message: `Available ${this.balance.Available.toFixed(2)} ${this.balance.CurrencyCode}; the order needs ${total.toFixed(2)}`,
        },
      ]);
    }
    this.balance.Available = Math.round((this.balance.Available - total) * 100) / 100;

    const cards = lines.reduce((sum, l) => sum + l.Quantity, 0);
    const isAsync = cards > this.settings.asyncThresholdCards;
    const now = this.now();
    const n = ++this.sequence;
    const order: GcpOrder = {
      Id: `GCP-${now.toString(36).toUpperCase()}-${n}`,
      PONumber: po as string,
      Type: type,
      Status: 'Pending',
      CreatedDate: new Date(now).toISOString(),
      Total: total,
      LineItems: lines.map((l, i) => ({ ...l, Id: `LI-${n}-${i + 1}` })),
      WebhookSettings: typeof webhook === 'string' ? { FulfillmentComplete: webhook } : undefined,
      settlesAt: isAsync ? now + this.settings.asyncCompletionMs : now,
      outcome: isAsync ? this.asyncOutcome() : 'complete',
    };
    this.store(order);
    this.settleOrder(order, !isAsync);
    return { status: 201, body: this.toWire(order) };
  }

  private validateLine(
    line: Record<string, unknown>,
    i: number,
    type: DeliveryType,
    errors: FieldError[],
  ): GcpLineItem {
    const at = (field: string) => `LineItems[${i}].${field}`;
    const product = this.products.find((p) => p.Id === line.ProductId);
    const value = line.Value;
    const quantity = line.Quantity ?? 1;
    if (!product)
      errors.push({ Field: at('ProductId'), Message: `Unknown product ${String(line.ProductId)}` });
    else {
      if (!product.AvailableDeliveryTypes.includes(type))
        errors.push({ Field: 'Type', Message: `${product.Id} does not support ${type}` });
      const range = [Math.min(...product.Denominations), Math.max(...product.Denominations)] as const;
      const valid =
        typeof value === 'number' &&
        (product.DenominationType === 'Fixed'
          ? product.Denominations.includes(value)
          : value >= range[0] && value <= range[1]);
      if (!valid) {
        errors.push({
          Field: at('Value'),
          Message:
            product.DenominationType === 'Fixed'
              ? `Value must be one of ${product.Denominations.join(', ')}`
              : `Value must be from ${range[0]} to ${range[1]}`,
        });
      }
    }
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 10_000) {
      errors.push({ Field: at('Quantity'), Message: 'Quantity must be a whole number from 1 to 10000' });
    }
    const digital = line.DigitalDeliveryAddress as { Email?: unknown; Sms?: unknown } | undefined;
    if (
      type === 'DigitalDelivery' &&
      typeof digital?.Email !== 'string' &&
      typeof digital?.Sms !== 'string'
    ) {
      errors.push({
        Field: at('DigitalDeliveryAddress'),
        Message: 'Email or Sms is required for DigitalDelivery',
      });
    }
    const physical = (line.PhysicalDeliveryAddress ?? {}) as Record<string, unknown>;
    if (type === 'PhysicalShipment') {
      for (const field of PHYSICAL_FIELDS) {
        if (typeof physical[field] !== 'string' || physical[field] === '') {
          errors.push({
            Field: at(`PhysicalDeliveryAddress.${field}`),
            Message: `${field} is required for PhysicalShipment`,
          });
        }
      }
      if (physical.ShippingMethodId && !SHIPPING_METHODS.some((m) => m.Id === physical.ShippingMethodId)) {
        errors.push({
          Field: at('PhysicalDeliveryAddress.ShippingMethodId'),
          Message: 'Unknown shipping method',
        });
      }
      if (
        product?.Meta.ShippingConfiguration.HasRequiredCardCarriers &&
        !CARRIERS.some((c) => c.Id === physical.CarrierId)
      ) {
        errors.push({
          Field: at('PhysicalDeliveryAddress.CarrierId'),
          Message: 'A card carrier is required for this product',
        });
      }
    }
    const q = Number.isInteger(quantity) ? (quantity as number) : 1;
    return {
      Id: '',
      ProductId: String(line.ProductId),
      Value: typeof value === 'number' ? value : 0,
      Quantity: q,
      Status: 'Pending',
      DigitalDeliveryAddress: digital as GcpLineItem['DigitalDeliveryAddress'],
      PhysicalDeliveryAddress: type === 'PhysicalShipment' ? (physical as Record<string, string>) : undefined,
      Personalization: line.Personalization as Record<string, string> | undefined,
      Rewards: [],
      Errors: [],
      cost:
        product && typeof value === 'number'
          ? lineCost(product, value, q, this.settings.discountIsFraction)
          : 0,
    };
  }

  private asyncOutcome(): GcpOrder['outcome'] {
    const choice = this.settings.asyncOutcome;
    if (choice !== 'random') return choice;
    return this.random.weighted({ complete: 90, failed: 10 });
  }

  /** Completes Pending orders whose time has come (called on every request and by a ticker). */
  /** Failed and cancelled lines now, by their first error code: the truth a Failures view must match. */
  private lineFailuresByCode(): Record<string, number> {
    this.settle();
    const tally: Record<string, number> = {};
    for (const order of this.orders.values()) {
      for (const line of order.LineItems) {
        if (line.Status !== 'Failed' && line.Status !== 'Cancelled') continue;
        const code = line.Errors[0]?.Code ?? 'NO_CODE';
        tally[code] = (tally[code] ?? 0) + 1;
      }
    }
    return tally;
  }

  private settle(): void {
    const now = this.now();
    for (const order of this.orders.values()) {
      if (order.Status === 'Pending' && order.settlesAt <= now) this.settleOrder(order, false);
    }
  }

  private settleOrder(order: GcpOrder, synchronous: boolean): void {
    if (order.settlesAt > this.now() || order.outcome === 'stuck') return;
    for (const line of order.LineItems) {
      if (order.outcome === 'complete') {
        line.Status = this.settings.completeStatus;
        line.Rewards = Array.from({ length: Math.min(line.Quantity, 100) }, (_, k) =>
          order.Type === 'Links'
            ? { ClaimUrl: `https://claim.sandbox.example/${order.Id}/${line.Id}/${k + 1}` }
            : { Code: randomBytes(6).toString('hex').toUpperCase(), Pin: String(1000 + k) },
        );
      } else {
        line.Status = 'Failed';
        line.Errors = [this.random.pick(LINE_FAILURES)];
        if (this.settings.refundFailedLines)
          this.balance.Available = Math.round((this.balance.Available + line.cost) * 100) / 100;
      }
    }
    order.Status = order.outcome === 'complete' ? this.settings.completeStatus : 'Failed';
    const url = order.WebhookSettings?.FulfillmentComplete;
    if (url && (!synchronous || this.settings.webhook.onSynchronousCompletion)) {
      void deliverWebhook({
        url,
        payload: this.toWire(order),
        headers: {},
        policy: this.settings.webhook,
        log: this.webhookDeliveries,
        isLive: () => this.server !== null,
      });
    }
  }

  private store(order: GcpOrder): void {
    this.orders.set(order.Id, order);
    this.byPo.set(order.PONumber, order);
  }

  private listOrders(req: SimRequest): SimResponse {
    const po = this.settings.poNumberFilter ? req.query.get(Q.poNumber) : null;
    const status = req.query.get(Q.status);
    const from = Date.parse(req.query.get(this.settings.dateParams.from) ?? '');
    const to = Date.parse(req.query.get(this.settings.dateParams.to) ?? '');
    let orders = po !== null ? [this.byPo.get(po)].filter((o) => o !== undefined) : [...this.orders.values()];
    if (status !== null) orders = orders.filter((o) => o.Status === status);
    if (!Number.isNaN(from)) orders = orders.filter((o) => Date.parse(o.CreatedDate) >= from);
    if (!Number.isNaN(to)) orders = orders.filter((o) => Date.parse(o.CreatedDate) <= to);
    orders.sort((a, b) => b.CreatedDate.localeCompare(a.CreatedDate));
    return this.list(
      req,
      orders.map((o) => this.toWire(o)),
    );
  }

  private getOrder(req: SimRequest): SimResponse {
    const order = this.orders.get(req.params.id ?? '');
    if (!order) throw failure(404, 'Order not found');
    return { status: 200, body: this.toWire(order) };
  }

  /**
   * A validation failure as the settings say GiftCard Partners phrases it: RFC 7807 ValidationProblemDetails (an
   * ASP.NET default, lower-case keys with a traceId) or `{ Message, Errors }`.
   */
  private invalid(errors: FieldError[]): HttpError {
    if (this.settings.errorShape === 'message') return failure(400, 'The request is invalid.', errors);
    const grouped: Record<string, string[]> = {};
    for (const e of errors) (grouped[e.Field] ??= []).push(e.Message);
    return new HttpError(400, {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: grouped,
      traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
    });
  }

  /** The 409 body naming the original order, in the shape the settings say. */
  private duplicateBody(order: GcpOrder): unknown {
    switch (this.settings.duplicateBody) {
      case 'order':
        return this.toWire(order);
      case 'id':
        return { Id: order.Id };
      case 'orderId':
        return { OrderId: order.Id };
      case 'string':
        return order.Id;
    }
  }

  private toWire(order: GcpOrder) {
    const { settlesAt: _settlesAt, outcome: _outcome, LineItems, ...rest } = order;
    return { ...rest, LineItems: LineItems.map(({ cost: _cost, ...line }) => line) };
  }

  // ---- control API ----------------------------------------------------------------------------------------

  private controlRoutes(): Route[] {
    const amountOf = (req: SimRequest, required: boolean) => {
      const amount = (req.body as { amount?: unknown } | undefined)?.amount;
      if (amount === undefined && !required) return undefined;
      if (typeof amount !== 'number' || !(amount > 0))
        throw new HttpError(400, { Message: 'amount must be a number > 0' });
      return amount;
    };
    return [
      ...commonControlRoutes({
        faults: this.faults,
        clock: this.clock,
        shutdown: () => this.stop(),
        expireTokens: () => {
          for (const session of this.tokens.values()) session.expiresAt = 0;
          return this.tokens.size;
        },
        state: () => ({
          products: this.products.length,
          orders: this.orders.size,
          balance: { ...this.balance },
          webhookDeliveries: this.webhookDeliveries.length,
          lineFailuresByCode: this.lineFailuresByCode(),
        }),
      }),
      {
        // A funding request raises Pending (CONFIRMED concept).
        method: 'POST',
        path: '/__sandbox/balance/fund',
        handler: (req) => {
          this.balance.Pending = Math.round((this.balance.Pending + amountOf(req, true)!) * 100) / 100;
          return { status: 200, body: { ...this.balance } };
        },
      },
      {
        // Received funds move Pending -> Available; all of Pending when no amount is given.
        method: 'POST',
        path: '/__sandbox/balance/apply',
        handler: (req) => {
          const amount = Math.min(amountOf(req, false) ?? this.balance.Pending, this.balance.Pending);
          this.balance.Pending = Math.round((this.balance.Pending - amount) * 100) / 100;
          this.balance.Available = Math.round((this.balance.Available + amount) * 100) / 100;
          return { status: 200, body: { ...this.balance } };
        },
      },
      {
        method: 'POST',
        path: '/__sandbox/balance/set',
        handler: (req) => {
          const b = req.body as { Available?: unknown; Pending?: unknown } | undefined;
          if (
            typeof b?.Available !== 'number' ||
            typeof b.Pending !== 'number' ||
            b.Available < 0 ||
            b.Pending < 0
          ) {
            throw new HttpError(400, { Message: 'Available and Pending must be numbers >= 0' });
          }
          this.balance.Available = b.Available;
          this.balance.Pending = b.Pending;
          return { status: 200, body: { ...this.balance } };
        },
      },
    ];
  }
}
