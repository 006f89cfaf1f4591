// Over 400 lines on purpose: one short, independent check per INFERRED GiftCard Partners setting; together they are
// the table of what the probe proves.
import { isSupplierError } from '../supplier-error';
import {
  Checks,
  checkRequestIdHeader,
  extendStatuses,
  firstThat,
  isOk,
  isRecord,
  keysOf,
  rawAnswer,
  unique,
  STATUS_PAGES,
  TEST_ORDER_ONLY,
} from '../probe-kit';
import type { RawAnswer, SupplierHttp } from '../supplier-http';
import type { ProbeOptions, ProbeResult } from '../supplier-port';
import type { TokenCache } from '../token-cache';
import type { GcpClientConfig } from './config';

/** What the probe needs from the client: its settings, its HTTP layer and its token. */
export interface GcpProbeTarget {
  config: GcpClientConfig;
  http: SupplierHttp;
  tokens: TokenCache;
}

type Query = Record<string, string | number>;

const PAGE_SIZE_NAMES = ['pageSize', 'PageSize', 'size', 'limit', 'take'];
const PO_NAMES = ['PONumber', 'poNumber', 'PoNumber', 'po'];
const FROM_NAMES = ['StartDate', 'From', 'from', 'startDate', 'CreatedFrom', 'DateFrom'];
const TO_NAMES = ['EndDate', 'To', 'to', 'endDate', 'CreatedTo', 'DateTo'];
const OPTIONAL_PATHS = ['carriers', 'brandings', 'departments', 'status', 'accountBalance'] as const;

/**
 * Compares every INFERRED GiftCard Partners setting with what the API answers: read-only calls, plus one
 * `DESK-PROBE-` order when asked. Records only field names, statuses and codes: never a personal value.
 */
export async function probeGcp(target: GcpProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const { config } = target;
  const checks = new Checks('gcp');
  const answers: RawAnswer[] = [];
  try {
    await target.tokens.get();
  } catch (error) {
    const why = `not reached: no token (${isSupplierError(error) ? error.message : String(error)})`;
    return finish(checks, config, answers, why, options, null);
  }
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    extra: { query?: Query; body?: unknown } = {},
  ) => {
    const answer = await rawAnswer(target.http, {
      operation: 'conformance probe',
      method,
      path,
      timeout: method === 'POST' ? 'createMs' : 'readMs',
      create: method === 'POST',
      ...extra,
      bearer: target.tokens,
    });
    answers.push(answer);
    return answer;
  };
  const get = (path: string, query: Query = {}) => call('GET', path, { query });

  for (const name of OPTIONAL_PATHS) {
    const answer = await get(config.paths[name]);
    if (isOk(answer)) checks.match(`paths.${name}`, config.paths[name]);
    else checks.differs(`paths.${name}`, config.paths[name], `HTTP ${answer.status}`);
  }

  const q = config.query;
  // A wrong page base can make the first listing fail: the other base is tried before giving up on the listing.
  let base = config.pageIndexBase;
  let products = await get(config.paths.products, { [q.pageIndex]: base, [q.pageSize]: 100 });
  if (!isOk(products) || listItems(products.body).length === 0) {
    const other = base === 0 ? 1 : 0;
    const retry = await get(config.paths.products, { [q.pageIndex]: other, [q.pageSize]: 100 });
    if (isOk(retry) && listItems(retry.body).length > 0) [base, products] = [other, retry];
  }
  const shape = Array.isArray(products.body)
    ? 'array'
    : isRecord(products.body) && Array.isArray(products.body.Items)
      ? 'paged'
      : null;
  if (shape) checks.compare('listShape', config.listShape, shape);
  else if (isOk(products))
    checks.differs('listShape', config.listShape, `a list as ${keysOf(products.body)}`);
  const items = listItems(products.body).filter(isRecord);
  if (items[0])
    checks.compare(
      'fields.product',
      'as expected',
      missing(items[0], ['Id', 'Name', 'Denominations', 'CurrencyCode']) ?? 'as expected',
    );
  probeDiscount(checks, config, items);
  let sizeName = q.pageSize;
  if (items.length >= 2) {
    const found = await firstThat(
      [q.pageSize, ...PAGE_SIZE_NAMES],
      async (name) =>
        listItems((await get(config.paths.products, { [q.pageIndex]: base, [name]: 1 })).body).length === 1,
    );
    if (found) {
      checks.compare('query.pageSize', q.pageSize, found);
      sizeName = found;
      await probePageBase(checks, config, (index) =>
        get(config.paths.products, { [q.pageIndex]: index, [found]: 1 }),
      );
    } else
      checks.differs(
        'query.pageSize',
        q.pageSize,
        `no page-size parameter honoured (${PAGE_SIZE_NAMES.join(', ')})`,
      );
  }
  probeErrorShape(checks, config, await get(config.paths.products, { [q.pageIndex]: -1, [sizeName]: 0 }));

  // The newest orders are often all still pending: a few pages show the other statuses too.
  const pages: Array<Array<Record<string, unknown>>> = [];
  for (let index = base; index < base + STATUS_PAGES; index++) {
    const listed = listItems(
      (await get(config.paths.orders, { [q.pageIndex]: index, [sizeName]: 100 })).body,
    );
    if (listed.length === 0) break;
    pages.push(listed.filter(isRecord));
  }
  const orders = pages[0] ?? [];
  probeStatuses(checks, config, pages.flat());
  if (orders[0])
    checks.compare(
      'fields.order',
      'as expected',
      missing(orders[0], ['Id', 'PONumber', 'Status', 'LineItems']) ?? 'as expected',
    );
  const listOrders = (query: Query) =>
    get(config.paths.orders, { [q.pageIndex]: base, [sizeName]: 100, ...query });
  await probePoFilter(checks, config, orders, listOrders);
  await probeDateFilters(checks, config, orders, listOrders);

  const testOrder = options.testOrder
    ? await probeCreate(checks, config, items, call, options.testOrder)
    : null;
  return finish(checks, config, answers, null, options, testOrder);
}

function finish(
  checks: Checks,
  config: GcpClientConfig,
  answers: RawAnswer[],
  blocked: string | null,
  options: ProbeOptions,
  testOrder: string | null,
): ProbeResult {
  const createWhy = options.testOrder
    ? `no test order was placed${testOrder ? `: ${testOrder}` : ''}`
    : TEST_ORDER_ONLY;
  const all: Array<[string, unknown, string]> = [
    ...OPTIONAL_PATHS.map((name): [string, unknown, string] => [`paths.${name}`, config.paths[name], '']),
    ['listShape', config.listShape, 'the product listing could not be read'],
    ['fields.product', 'as expected', 'no product listed'],
    ['discountIsFraction', config.discountIsFraction, 'no product has a discount'],
    ['query.pageSize', config.query.pageSize, 'fewer than 2 products listed'],
    ['pageIndexBase', config.pageIndexBase, 'fewer than 3 products, or no page size honoured'],
    ['errorShape', config.errorShape, 'an out-of-range page was not refused with HTTP 400'],
    ['statuses', config.statuses, 'no orders to read'],
    ['fields.order', 'as expected', 'no orders to read'],
    ['query.poNumber', config.query.poNumber, 'no two orders with different PONumbers to filter by'],
    ['query.from', config.query.from, 'no orders of different dates to filter by'],
    ['query.to', config.query.to, 'no orders of different dates to filter by'],
    ['requestIdHeaders', config.requestIdHeaders, 'no answer'],
    ['duplicateBody', config.duplicateBody, TEST_ORDER_ONLY],
  ];
  if (!blocked) checkRequestIdHeader(checks, config.requestIdHeaders, answers);
  for (const [setting, configured, why] of all)
    checks.notObservable(
      setting,
      configured,
      blocked ?? (why === TEST_ORDER_ONLY ? createWhy : why || 'not reached'),
    );
  const order = all.map(([setting]) => setting);
  return {
    checks: [...checks.list].sort((a, b) => order.indexOf(a.setting) - order.indexOf(b.setting)),
    testOrder,
  };
}

function listItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  return isRecord(body) && Array.isArray(body.Items) ? body.Items : [];
}

const firstId = (answer: RawAnswer): string | null => {
  const item = listItems(answer.body)[0];
  return isOk(answer) && isRecord(item) ? String(item.Id) : null;
};

function missing(record: Record<string, unknown>, fields: string[]): string | null {
  const absent = fields.filter((f) => !(f in record));
  return absent.length ? `missing ${absent.join(', ')} (has ${keysOf(record)})` : null;
}

/** Which index answers the first page: 0 and 1 give two different products (0-based), or 0 fails and 1, 2 do. */
async function probePageBase(
  checks: Checks,
  config: GcpClientConfig,
  page: (index: number) => Promise<RawAnswer>,
): Promise<void> {
  const [zero, one, two] = [firstId(await page(0)), firstId(await page(1)), firstId(await page(2))];
  if (zero !== null && one !== null && zero !== one) checks.compare('pageIndexBase', config.pageIndexBase, 0);
  else if (one !== null && two !== null && one !== two && (zero === null || zero === one))
    checks.compare('pageIndexBase', config.pageIndexBase, 1);
  else if (zero !== null && zero === one && one === two)
    checks.differs(
      'pageIndexBase',
      config.pageIndexBase,
      `${config.query.pageIndex} is ignored (every index answers the same page)`,
    );
}

function probeDiscount(
  checks: Checks,
  config: GcpClientConfig,
  products: Array<Record<string, unknown>>,
): void {
  const discounts = products
    .map((p) => (isRecord(p.Cost) ? p.Cost.DiscountPercentage : undefined))
    .filter((d): d is number => typeof d === 'number' && d > 0);
  if (discounts.length === 0) return;
  // A fraction is at most 1; any larger value can only be a percent.
  const fraction = discounts.every((d) => d <= 1);
  checks.compare(
    'discountIsFraction',
    config.discountIsFraction,
    fraction,
    `largest discount seen: ${Math.max(...discounts)}`,
  );
}

function probeErrorShape(checks: Checks, config: GcpClientConfig, answer: RawAnswer): void {
  if (answer.status !== 400) return;
  const body = answer.body;
  const shape =
    isRecord(body) && typeof body.title === 'string' && ('errors' in body || 'status' in body)
      ? 'problem'
      : isRecord(body) && 'Message' in body
        ? 'message'
        : null;
  if (shape) checks.compare('errorShape', config.errorShape, shape);
  else
    checks.differs(
      'errorShape',
      config.errorShape,
      `HTTP 400 with ${body === undefined ? 'no JSON body' : keysOf(body)}`,
    );
}

function probeStatuses(
  checks: Checks,
  config: GcpClientConfig,
  orders: Array<Record<string, unknown>>,
): void {
  const words = new Set<string>();
  for (const order of orders) {
    if (typeof order.Status === 'string') words.add(order.Status);
    for (const line of Array.isArray(order.LineItems) ? order.LineItems : [])
      if (isRecord(line) && typeof line.Status === 'string') words.add(line.Status);
  }
  if (words.size === 0) return;
  const known = Object.values(config.statuses).flat();
  const unknown = [...words].filter((w) => !known.includes(w)).sort();
  if (unknown.length === 0)
    return checks.match('statuses', config.statuses, `seen: ${[...words].sort().join(', ')}`);
  checks.differs(
    'statuses',
    config.statuses,
    `unknown statuses ${unknown.join(', ')}`,
    extendStatuses(config.statuses, unknown) ?? undefined,
  );
}

async function probePoFilter(
  checks: Checks,
  config: GcpClientConfig,
  orders: Array<Record<string, unknown>>,
  list: (query: Query) => Promise<RawAnswer>,
): Promise<void> {
  const pos = orders.map((o) => o.PONumber).filter((p): p is string => typeof p === 'string');
  const po = pos.find((p) => pos.some((other) => other !== p));
  if (po === undefined) return;
  const honoured = await firstThat([config.query.poNumber, ...PO_NAMES], async (name) => {
    const found = listItems((await list({ [name]: po })).body).filter(isRecord);
    return found.length > 0 && found.every((o) => o.PONumber === po);
  });
  if (honoured) checks.compare('query.poNumber', config.query.poNumber, honoured);
  else
    checks.differs(
      'query.poNumber',
      config.query.poNumber,
      `ignored under ${unique([config.query.poNumber, ...PO_NAMES]).join(', ')}`,
    );
}

/** A date filter is honoured when asking from the newest (or to the oldest) order leaves out some listed ones. */
async function probeDateFilters(
  checks: Checks,
  config: GcpClientConfig,
  orders: Array<Record<string, unknown>>,
  list: (query: Query) => Promise<RawAnswer>,
): Promise<void> {
  const dates = orders.map((o) => Date.parse(String(o.CreatedDate))).filter((d) => !Number.isNaN(d));
  if (dates.length < 2 || Math.min(...dates) === Math.max(...dates)) return;
  const newest = Math.max(...dates);
  const oldest = Math.min(...dates);
  // Honoured: something comes back, and none of it is outside the range (the listed orders were, in part).
  const within = (answer: RawAnswer, ok: (date: number) => boolean) => {
    const found = listItems(answer.body).filter(isRecord);
    return isOk(answer) && found.length > 0 && found.every((o) => ok(Date.parse(String(o.CreatedDate))));
  };
  for (const [setting, configured, names, at, ok] of [
    ['query.from', config.query.from, FROM_NAMES, newest, (d: number) => d >= newest],
    ['query.to', config.query.to, TO_NAMES, oldest, (d: number) => d <= oldest],
  ] as const) {
    const honoured = await firstThat([configured, ...names], async (name) =>
      within(await list({ [name]: new Date(at).toISOString() }), ok),
    );
    if (honoured) checks.compare(setting, configured, honoured);
    else checks.differs(setting, configured, `ignored under ${unique([configured, ...names]).join(', ')}`);
  }
}

/**
 * Places one `DESK-PROBE-` digital order of the smallest fixed value to a test address, resends it to see the
 * 409's body, and looks it up by PONumber. Stops at the first answer that does not prove the outcome.
 */
async function probeCreate(
  checks: Checks,
  config: GcpClientConfig,
  products: Array<Record<string, unknown>>,
  call: (
    method: 'GET' | 'POST',
    path: string,
    extra?: { query?: Query; body?: unknown },
  ) => Promise<RawAnswer>,
  test: NonNullable<ProbeOptions['testOrder']>,
): Promise<string> {
  const product = products.find(
    (p) =>
      Array.isArray(p.AvailableDeliveryTypes) &&
      p.AvailableDeliveryTypes.includes('DigitalDelivery') &&
      p.DenominationType !== 'Variable' &&
      Array.isArray(p.Denominations) &&
      p.Denominations.length > 0,
  );
  if (!product) return 'no digital product to order: nothing was sent';
  const body = {
    Type: 'DigitalDelivery',
    PONumber: test.reference,
    LineItems: [
      {
        ProductId: product.Id,
        Value: Math.min(...(product.Denominations as number[])),
        Quantity: 1,
        DigitalDeliveryAddress: { Email: 'desk-probe@example.com' },
      },
    ],
  };
  const created = await call('POST', config.paths.orders, { body });
  if (created.status === 400 || created.status === config.insufficientFundsStatus)
    return `not placed: HTTP ${created.status} (${created.status === 400 ? 'refused' : 'insufficient funds'}); nothing was ordered`;
  if (!isOk(created))
    return `stopped: the create was answered HTTP ${created.status}, which does not prove whether ${test.reference} exists; look it up before probing again`;
  const outcome = [`placed ${test.reference} (HTTP ${created.status}, ${keysOf(created.body)})`];
  const again = await call('POST', config.paths.orders, { body });
  if (again.status === config.duplicatePoStatus) {
    const b = again.body;
    const shape =
      typeof b === 'string' || typeof b === 'number'
        ? 'string'
        : isRecord(b) && 'LineItems' in b
          ? 'order'
          : isRecord(b) && 'OrderId' in b
            ? 'orderId'
            : isRecord(b) && 'Id' in b
              ? 'id'
              : null;
    if (shape) checks.compare('duplicateBody', config.duplicateBody, shape);
    else checks.differs('duplicateBody', config.duplicateBody, `HTTP ${again.status} with ${keysOf(b)}`);
  } else {
    checks.differs(
      'duplicateBody',
      config.duplicateBody,
      `a resent PONumber answered HTTP ${again.status}, not ${config.duplicatePoStatus}`,
    );
  }
  const found = await call('GET', config.paths.orders, {
    query: { [config.query.poNumber]: test.reference },
  });
  outcome.push(
    listItems(found.body).some((o) => isRecord(o) && o.PONumber === test.reference)
      ? 'found again by PONumber'
      : `not found by ${config.query.poNumber}`,
  );
  return outcome.join('; ');
}
