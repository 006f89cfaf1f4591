// Over 400 lines on purpose: one short, independent check per INFERRED Ascenda setting (gift cards, orders,
// programmes, transfers); together they are the table of what the probe proves.
import type { AscendaOrderRequest } from '../../../shared/orders';
import {
  Checks,
  checkRequestIdHeader,
  extendStatuses,
  firstThat,
  isOk,
  isRecord,
  keysOf,
  rawAnswer,
  routeExists,
  unique,
  STATUS_PAGES,
  TEST_ORDER_ONLY,
} from '../probe-kit';
import type { RawAnswer, SupplierHttp } from '../supplier-http';
import type { ProbeOptions, ProbeResult } from '../supplier-port';
import type { AscendaClientConfig } from './config';
import { MEMBER_PLACEMENTS, TOKEN_ENCODINGS, type MemberPlacement, type TokenEncoding } from './inferred';
import { isDataWrapped, readEach } from '../tolerant';
import { loyaltyProgramWire } from './wire';

/** What the probe needs from the client: its settings, its HTTP layer and how it builds requests. */
export interface AscendaProbeTarget {
  config: AscendaClientConfig;
  http: SupplierHttp;
  /** The profile's base URL, without the base path (the probe tries others). */
  origin: string;
  versionHeader: Record<string, string>;
  tokenRequest(encoding: TokenEncoding): {
    body: Record<string, string>;
    encoding: 'json' | 'form';
    headers?: Record<string, string>;
  };
  orderBody(request: AscendaOrderRequest, placement: MemberPlacement): Record<string, unknown>;
  idempotencyKey(reference: string, revision: number, body: unknown): string;
  /** Keeps a token the probe obtained out of every log and report. */
  protect(secret: string): void;
}

const TOKEN_PATHS = [
  '/oauth/token',
  '/oauth2/token',
  '/token',
  '/auth/token',
  '/oauth/access_token',
  '/api/oauth/token',
];
const BASE_PATHS = ['', '/api', '/v1', '/api/v1'];
const GIFT_CARD_PATHS = ['/gift_cards', '/gift-cards', '/giftcards'];
const ORDER_PATHS = [
  '/fulfillment_orders/gift_cards',
  '/fulfillment-orders/gift-cards',
  '/fulfillment_orders/gift-cards',
];
const PROGRAM_PATHS = ['/loyalty_programs', '/loyalty-programs', '/loyaltyprograms'];
const VALIDATE_PATHS = [
  '/loyalty_programs/{id}/validate_membership',
  '/loyalty_programs/{id}/validate-membership',
  '/loyalty-programs/{id}/validate-membership',
  '/loyalty_programs/{id}/memberships/validate',
];
const TRANSFER_PATHS = [
  '/fulfillment_orders/points_transfers',
  '/fulfillment-orders/points-transfers',
  '/fulfillment_orders/points-transfers',
];
/** A membership no programme holds (no real member's data): every programme refuses it, documentedly. */
const PROBE_MEMBERSHIP = { id: 'DESK-PROBE-0000', first_name: 'Desk', last_name: 'Probe' };
/** Codes that answer a membership check: Ascenda's engine, programme not found, invalid input, the network's. */
const isMembershipCode = (code: string) =>
  ['NN1301', 'NN1002', 'NN1001'].includes(code) || /^TC4\d+$/.test(code);
const PAGE_SIZE_NAMES = ['per_page', 'page_size', 'limit', 'size', 'page[size]', 'perPage', 'pageSize'];
const PAGE_NAMES = ['page', 'page[number]', 'page_number', 'pageNumber'];
const REFERENCE_NAMES = [
  'reference_id',
  'reference_id[eq]',
  'filter[reference_id]',
  'reference',
  'referenceId',
];
const FILTER_NAMES = (field: string) => [`${field}[eq]`, field, `${field}[in][]`, `filter[${field}]`];

/**
 * Compares every INFERRED Ascenda setting with what the API answers: read-only calls, plus one `DESK-PROBE-` order
 * when asked. Records only field names, statuses and codes: never a value that could be personal.
 */
export async function probeAscenda(target: AscendaProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const { config } = target;
  const checks = new Checks('ascenda');
  const answers: RawAnswer[] = [];
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    extra: Partial<Parameters<SupplierHttp['raw']>[0]> = {},
  ) => {
    const answer = await rawAnswer(target.http, {
      operation: 'conformance probe',
      method,
      path: url,
      timeout: method === 'POST' ? 'createMs' : 'readMs',
      ...extra,
    });
    answers.push(answer);
    return answer;
  };
  const at = (basePath: string, path: string) => `${target.origin.replace(/\/+$/, '')}${basePath}${path}`;

  // ---- token: path, then encoding -------------------------------------------------------------------------
  const tokenAt = (path: string, encoding: TokenEncoding) => {
    const request = target.tokenRequest(encoding);
    return call('POST', at(config.basePath, path), { ...request, timeout: 'tokenMs' });
  };
  const tokenAnswers = new Map<string, RawAnswer>();
  const tokenPath = await firstThat([config.paths.token, ...TOKEN_PATHS], async (path) => {
    const answer = await tokenAt(path, config.tokenEncoding);
    tokenAnswers.set(path, answer);
    return routeExists(answer);
  });
  if (!tokenPath) {
    checks.differs(
      'paths.token',
      config.paths.token,
      `no token endpoint at ${unique([config.paths.token, ...TOKEN_PATHS]).join(', ')}`,
    );
    return finish(checks, config, answers, 'no token endpoint found', options);
  }
  checks.compare('paths.token', config.paths.token, tokenPath);
  const accepted: Array<{ encoding: TokenEncoding; token: string }> = [];
  let refusal: RawAnswer | null = null;
  for (const encoding of TOKEN_ENCODINGS) {
    const answer =
      encoding === config.tokenEncoding ? tokenAnswers.get(tokenPath)! : await tokenAt(tokenPath, encoding);
    const token = tokenOf(answer);
    if (token) {
      target.protect(token);
      accepted.push({ encoding, token });
    } else refusal ??= answer;
  }
  if (accepted.length === 0) {
    const why = `no encoding got a token (HTTP ${refusal?.status ?? 0}); check the credentials`;
    checks.notObservable('tokenEncoding', config.tokenEncoding, why);
    return finish(checks, config, answers, why, options);
  }
  if (accepted.some((a) => a.encoding === config.tokenEncoding)) {
    checks.match(
      'tokenEncoding',
      config.tokenEncoding,
      `accepted: ${accepted.map((a) => a.encoding).join(', ')}`,
    );
  } else {
    checks.differs(
      'tokenEncoding',
      config.tokenEncoding,
      accepted.map((a) => a.encoding).join(', '),
      accepted[0]!.encoding,
    );
  }
  const auth = { Authorization: `Bearer ${accepted[0]!.token}`, ...target.versionHeader };
  const get = (url: string, query: Record<string, string | number> = {}) =>
    call('GET', url, { query, headers: auth });

  // ---- base path and the gift-card listing --------------------------------------------------------------
  let basePath: string | null = null;
  const cardsPath = await firstThat([config.paths.giftCards, ...GIFT_CARD_PATHS], async (path) => {
    basePath = await firstThat([config.basePath, ...BASE_PATHS], async (base) =>
      isList(await get(at(base, path))),
    );
    return basePath !== null;
  });
  if (!cardsPath || basePath === null) {
    checks.differs('paths.giftCards', config.paths.giftCards, 'no gift-card listing found');
    checks.notObservable('basePath', config.basePath, 'no gift-card listing found');
  } else {
    checks.compare('basePath', config.basePath, basePath);
    checks.compare('paths.giftCards', config.paths.giftCards, cardsPath);
    await probeListing(checks, config, (query) => get(at(basePath!, cardsPath), query));
  }
  const base = basePath ?? config.basePath;

  // ---- orders: statuses, fields, wrapper, reference filter, error envelope -------------------------------
  const ordersUrl = at(base, config.paths.orders);
  const learnt = (setting: string, configured: string) =>
    String(checks.list.find((c) => c.setting === setting)?.suggestedValue ?? configured);
  const sizeName = learnt('query.pageSize', config.query.pageSize);
  const pageName = learnt('query.page', config.query.page);
  // The newest orders are often all still pending: a few pages show the other statuses too.
  const pages = [];
  for (let page = 1; page <= STATUS_PAGES; page++) {
    const listed = await get(ordersUrl, { [pageName]: page, [sizeName]: 100 });
    if (!isList(listed) || listItems(listed.body).length === 0) break;
    pages.push(listItems(listed.body));
  }
  const orders = pages[0] ?? [];
  probeStatuses(checks, config, pages.flat());
  const first = orders.find((o) => isRecord(o) && typeof o.id === 'string') as
    Record<string, unknown> | undefined;
  if (first) {
    const one = await get(`${ordersUrl}/${encodeURIComponent(String(first.id))}`);
    if (isOk(one))
      checks.compare('singleResourceWrapped', config.singleResourceWrapped, isDataWrapped(one.body));
    checks.compare('fields.order', 'as expected', missingOrderFields(first) ?? 'as expected');
  }
  await probeReferenceFilter(checks, config, orders, (query) => get(ordersUrl, query), String(sizeName));
  probeErrorEnvelope(checks, config, await get(`${ordersUrl}/desk-probe-missing-${Date.now()}`));
  await probePrograms(checks, config, { auth, call, get, at: (p) => at(base, p) });

  // ---- a test order: create path, member placement, duplicate status, look-up ----------------------------
  let testOrder: string | null = null;
  if (options.testOrder && cardsPath) {
    testOrder = await probeCreate(
      checks,
      target,
      { auth, call, get, at: (p) => at(base, p), ordersUrl, cardsUrl: at(base, cardsPath), sizeName },
      options.testOrder,
    );
  }
  return finish(checks, config, answers, null, options, testOrder);
}

function finish(
  checks: Checks,
  config: AscendaClientConfig,
  answers: RawAnswer[],
  stopped: string | null,
  options: ProbeOptions,
  testOrder: string | null = null,
): ProbeResult {
  const blocked = stopped ? `not reached: ${stopped}` : null;
  const all: Array<[string, unknown, string]> = [
    ['paths.token', config.paths.token, blocked ?? ''],
    ['tokenEncoding', config.tokenEncoding, blocked ?? ''],
    ['basePath', config.basePath, blocked ?? 'no gift-card listing found'],
    ['paths.giftCards', config.paths.giftCards, blocked ?? 'no gift-card listing found'],
    ['listMetaKey', config.listMetaKey, blocked ?? 'no gift-card listing found'],
    ['query.pageSize', config.query.pageSize, blocked ?? 'fewer than 2 gift cards listed'],
    ['query.page', config.query.page, blocked ?? 'fewer than 2 gift cards listed'],
    ['query.currency', config.query.currency, blocked ?? 'every listed card has the same currency'],
    ['query.nameContains', config.query.nameContains, blocked ?? 'no name to filter by'],
    ['query.category', config.query.category, blocked ?? 'every listed card has the same categories'],
    ['fields.giftCard', 'as expected', blocked ?? 'no gift card listed'],
    ['itemStatuses', config.itemStatuses, blocked ?? 'no orders to read'],
    ['fields.order', 'as expected', blocked ?? 'no orders to read'],
    ['singleResourceWrapped', config.singleResourceWrapped, blocked ?? 'no order to read by id'],
    ['query.referenceId', config.query.referenceId, blocked ?? 'no orders with a reference to filter by'],
    ['errorEnvelope', config.errorEnvelope, blocked ?? 'the missing order was not answered with an error'],
    ['requestIdHeaders', config.requestIdHeaders, blocked ?? 'no answer'],
    ['paths.loyaltyPrograms', config.paths.loyaltyPrograms, blocked ?? 'no programme listing found'],
    ['programListKey', config.programListKey, blocked ?? 'no programme listing found'],
    ['fields.loyaltyProgram', 'as expected', blocked ?? 'no programme listed'],
    ['loyaltyProgramDetail', 'as expected', blocked ?? 'no programme listed'],
    ['paths.validateMembership', config.paths.validateMembership, blocked ?? 'no programme listed'],
    ['paths.pointsTransfers', config.paths.pointsTransfers, blocked ?? 'not reached'],
    ['paths.giftCardOrders', config.paths.giftCardOrders, blocked ?? TEST_ORDER_ONLY],
    ['memberPlacement', config.memberPlacement, blocked ?? TEST_ORDER_ONLY],
    ['duplicateReferenceStatus', config.duplicateReferenceStatus, blocked ?? TEST_ORDER_ONLY],
    [
      'paths.fulfillmentOrders',
      config.paths.fulfillmentOrders,
      'the desk never sends a generic fulfilment order',
    ],
  ];
  if (!blocked) checkRequestIdHeader(checks, config.requestIdHeaders, answers);
  const createWhy = options.testOrder
    ? `no test order was placed${testOrder ? `: ${testOrder}` : ''}`
    : TEST_ORDER_ONLY;
  for (const [setting, configured, why] of all)
    checks.notObservable(setting, configured, why === TEST_ORDER_ONLY ? createWhy : why || 'not reached');
  const order = all.map(([setting]) => setting);
  return {
    checks: [...checks.list].sort((a, b) => order.indexOf(a.setting) - order.indexOf(b.setting)),
    testOrder,
  };
}

function tokenOf(answer: RawAnswer): string | null {
  if (!isOk(answer) || !isRecord(answer.body)) return null;
  const body = isDataWrapped(answer.body) ? answer.body.data : answer.body;
  const token = body.access_token ?? body.token;
  return typeof token === 'string' && token !== '' ? token : null;
}

const isList = (answer: RawAnswer) =>
  isOk(answer) && (Array.isArray(answer.body) || (isRecord(answer.body) && Array.isArray(answer.body.data)));

function listItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  return isRecord(body) && Array.isArray(body.data) ? body.data : [];
}

const ids = (answer: RawAnswer) =>
  listItems(answer.body).map((item) => (isRecord(item) ? String(item.id) : '?'));

/** The paging object's name (any object holding page facts beside `data`); null when none. */
function metaKeyOf(body: unknown): string | null | 'array' {
  if (Array.isArray(body)) return 'array';
  if (!isRecord(body)) return null;
  const pageFacts = ['page', 'per_page', 'total_count', 'total_pages', 'total', 'count'];
  const key = Object.keys(body).find(
    (k) => k !== 'data' && isRecord(body[k]) && Object.keys(body[k]).some((f) => pageFacts.includes(f)),
  );
  return key ?? null;
}

async function probeListing(
  checks: Checks,
  config: AscendaClientConfig,
  list: (query: Record<string, string | number>) => Promise<RawAnswer>,
): Promise<void> {
  const q = config.query;
  const baseline = await list({ [q.page]: 1, [q.pageSize]: 100 });
  const meta = metaKeyOf(baseline.body);
  // null stands for "no paging object": a bare array has none either.
  const bare = meta === 'array';
  checks.compare(
    'listMetaKey',
    config.listMetaKey,
    bare ? null : meta,
    bare ? 'lists come as bare arrays' : null,
  );
  const cards = listItems(baseline.body).filter(isRecord);
  const unsized = await list({});
  const all = listItems(unsized.body).length;
  if (cards[0])
    checks.compare('fields.giftCard', 'as expected', missingCardFields(cards[0]) ?? 'as expected');
  if (Math.max(all, cards.length) >= 2) {
    const sizeName = await firstThat(
      [q.pageSize, ...PAGE_SIZE_NAMES],
      async (name) => listItems((await list({ [name]: 1 })).body).length === 1,
    );
    if (sizeName) checks.compare('query.pageSize', q.pageSize, sizeName);
    else
      checks.differs(
        'query.pageSize',
        q.pageSize,
        `no page-size parameter honoured (${PAGE_SIZE_NAMES.join(', ')})`,
      );
    if (sizeName) {
      const pageName = await firstThat([q.page, ...PAGE_NAMES], async (name) => {
        const [one, two] = [
          await list({ [name]: 1, [sizeName]: 1 }),
          await list({ [name]: 2, [sizeName]: 1 }),
        ];
        return ids(one).length === 1 && ids(two).length === 1 && ids(one)[0] !== ids(two)[0];
      });
      if (pageName) checks.compare('query.page', q.page, pageName);
      else
        checks.differs(
          'query.page',
          q.page,
          'page 2 answers the same cards as page 1 under every name tried',
        );
    }
  }
  await probeFilter(
    checks,
    'query.currency',
    q.currency,
    FILTER_NAMES('currency'),
    cards,
    list,
    q.pageSize,
    (c) => (typeof c.currency === 'string' ? [c.currency] : []),
  );
  await probeFilter(
    checks,
    'query.nameContains',
    q.nameContains,
    ['name[contains]', 'name[like]', 'name', 'q', 'search'],
    cards,
    list,
    q.pageSize,
    (c) => (typeof c.name === 'string' ? [c.name.split(/\s+/)[0]!.toLowerCase()] : []),
    (c, word) => typeof c.name === 'string' && c.name.toLowerCase().includes(word),
  );
  await probeFilter(
    checks,
    'query.category',
    q.category,
    FILTER_NAMES('categories'),
    cards,
    list,
    q.pageSize,
    (c) =>
      Array.isArray(c.categories) ? c.categories.filter((x): x is string => typeof x === 'string') : [],
  );
}

/**
 * A filter is honoured when asking for a value that not every listed card has returns only cards that have it.
 * `valuesOf` gives a card's values; `matches` decides whether a returned card has the asked value.
 */
async function probeFilter(
  checks: Checks,
  setting: string,
  configured: string,
  candidates: string[],
  cards: Array<Record<string, unknown>>,
  list: (query: Record<string, string | number>) => Promise<RawAnswer>,
  sizeName: string,
  valuesOf: (card: Record<string, unknown>) => string[],
  matches: (card: Record<string, unknown>, value: string) => boolean = (card, value) =>
    valuesOf(card).includes(value),
): Promise<void> {
  const value = cards.flatMap(valuesOf).find((v) => cards.some((c) => !matches(c, v)));
  if (value === undefined) return;
  const honoured = await firstThat([configured, ...candidates], async (name) => {
    const answer = await list({ [name]: value, [sizeName]: 100 });
    const returned = listItems(answer.body).filter(isRecord);
    return isOk(answer) && returned.length > 0 && returned.every((c) => matches(c, value));
  });
  if (honoured) checks.compare(setting, configured, honoured);
  else
    checks.differs(
      setting,
      configured,
      `not honoured under ${unique([configured, ...candidates]).join(', ')}`,
    );
}

function missingCardFields(card: Record<string, unknown>): string | null {
  const missing = ['id', 'name', 'currency', 'denominations'].filter((f) => !(f in card));
  if (!('required_recipient_fields' in card) && !('recipient_fields' in card))
    missing.push('required_recipient_fields');
  return missing.length ? `missing ${missing.join(', ')} (has ${keysOf(card)})` : null;
}

function missingOrderFields(order: Record<string, unknown>): string | null {
  const missing = ['id', 'reference_id', 'order_items'].filter((f) => !(f in order));
  const items = Array.isArray(order.order_items) ? order.order_items : [];
  if (items.some((item) => !isRecord(item) || !('status' in item))) missing.push('order_items[].status');
  return missing.length ? `missing ${missing.join(', ')} (has ${keysOf(order)})` : null;
}

function probeStatuses(checks: Checks, config: AscendaClientConfig, orders: unknown[]): void {
  const words = new Set<string>();
  for (const order of orders.filter(isRecord))
    for (const item of Array.isArray(order.order_items) ? order.order_items : [])
      if (isRecord(item) && typeof item.status === 'string') words.add(item.status);
  if (words.size === 0) return;
  const known = Object.values(config.itemStatuses)
    .flat()
    .map((w) => w.toLowerCase());
  const unknown = [...words].filter((w) => !known.includes(w.toLowerCase())).sort();
  if (unknown.length === 0)
    return checks.match('itemStatuses', config.itemStatuses, `seen: ${[...words].sort().join(', ')}`);
  const extended = extendStatuses(config.itemStatuses, unknown);
  checks.differs(
    'itemStatuses',
    config.itemStatuses,
    `unknown item statuses ${unknown.join(', ')}`,
    extended ?? undefined,
  );
}

async function probeReferenceFilter(
  checks: Checks,
  config: AscendaClientConfig,
  orders: unknown[],
  list: (query: Record<string, string | number>) => Promise<RawAnswer>,
  sizeName: string,
): Promise<void> {
  const references = orders
    .filter(isRecord)
    .map((o) => o.reference_id)
    .filter((r): r is string => typeof r === 'string');
  const reference = references.find((r) => references.some((other) => other !== r));
  if (reference === undefined) return;
  const honoured = await firstThat([config.query.referenceId, ...REFERENCE_NAMES], async (name) => {
    const found = listItems((await list({ [name]: reference, [sizeName]: 100 })).body).filter(isRecord);
    return found.length > 0 && found.every((o) => o.reference_id === reference);
  });
  if (honoured) checks.compare('query.referenceId', config.query.referenceId, honoured);
  else
    checks.differs(
      'query.referenceId',
      config.query.referenceId,
      'the order list ignores every reference filter tried',
    );
}

function probeErrorEnvelope(checks: Checks, config: AscendaClientConfig, answer: RawAnswer): void {
  if (answer.status < 400 || answer.status >= 500) return;
  const body = answer.body;
  const shape =
    isRecord(body) && Array.isArray(body.errors)
      ? 'errors'
      : isRecord(body) && isRecord(body.error)
        ? 'error'
        : isRecord(body) && ('code' in body || 'message' in body)
          ? 'flat'
          : null;
  if (shape) checks.compare('errorEnvelope', config.errorEnvelope, shape);
  else
    checks.differs(
      'errorEnvelope',
      config.errorEnvelope,
      `HTTP ${answer.status} with ${body === undefined ? 'no JSON body' : keysOf(body)}`,
    );
}

interface ProgramKit {
  auth: Record<string, string>;
  call: CreateKit['call'];
  get: CreateKit['get'];
  at: (path: string) => string;
}

/** The programmes in a listing: under a key (the configured one first, else any key holding records), or bare. */
interface Listing {
  /** The key holding the programmes; null for a bare array. */
  key: string | null;
  items: unknown[];
}

function programsIn(body: unknown, configuredKey: string): Listing | null {
  if (Array.isArray(body)) return { key: null, items: body };
  if (!isRecord(body)) return null;
  const holdsRecords = (value: unknown) =>
    Array.isArray(value) && value.every((v) => isRecord(v) && 'id' in v);
  const key = [configuredKey, ...Object.keys(body)].find((k) => holdsRecords(body[k]));
  return key === undefined ? null : { key, items: body[key] as unknown[] };
}

/**
 * The points-transfer paths, without moving a point: the programme listing (where, under which key, readable),
 * one programme read by id, a membership check for a number no programme holds (a documented refusal proves the
 * route), and the transfer create answered for an empty body (nothing to create from: a documented NN1001 proves
 * the route). A tenant without transfers (every listing refused with 401/403) is not observable, not a difference.
 */
async function probePrograms(checks: Checks, config: AscendaClientConfig, kit: ProgramKit): Promise<void> {
  const paths = config.paths;
  const listings = new Map<string, Listing>();
  const refusals: number[] = [];
  const programsPath = await firstThat([paths.loyaltyPrograms, ...PROGRAM_PATHS], async (path) => {
    const answer = await kit.get(kit.at(path));
    if (answer.status === 401 || answer.status === 403) refusals.push(answer.status);
    const listing = isOk(answer) ? programsIn(answer.body, config.programListKey) : null;
    if (listing) listings.set(path, listing);
    return listing !== null;
  });
  const found = programsPath === null ? undefined : listings.get(programsPath);
  if (programsPath === null || !found) {
    if (refusals.length > 0) {
      const why = `the programme listing was refused (HTTP ${refusals[0]}): points transfers may not be enabled for these credentials`;
      const settings: Array<[string, unknown]> = [
        ['paths.loyaltyPrograms', paths.loyaltyPrograms],
        ['programListKey', config.programListKey],
        ['paths.validateMembership', paths.validateMembership],
        ['paths.pointsTransfers', paths.pointsTransfers],
      ];
      for (const [setting, configured] of settings) checks.notObservable(setting, configured, why);
    } else {
      const tried = unique([paths.loyaltyPrograms, ...PROGRAM_PATHS]).join(', ');
      checks.differs('paths.loyaltyPrograms', paths.loyaltyPrograms, `no programme listing at ${tried}`);
    }
    return;
  }
  checks.compare('paths.loyaltyPrograms', paths.loyaltyPrograms, programsPath);
  if (found.key === null)
    checks.match('programListKey', config.programListKey, 'programmes come as a bare array');
  else checks.compare('programListKey', config.programListKey, found.key);
  const { items, unreadable } = readEach(found.items, loyaltyProgramWire, 'id', (p) => p);
  const first = found.items.find(isRecord);
  if (first) {
    const missing = ['id', 'name', 'min_amount', 'max_amount', 'increment'].filter((f) => !(f in first));
    const bad = unreadable[0];
    checks.compare(
      'fields.loyaltyProgram',
      'as expected',
      missing.length
        ? `missing ${missing.join(', ')} (has ${keysOf(first)})`
        : bad
          ? `${unreadable.length} of ${found.items.length} unreadable (${bad.path || 'record'}: ${bad.problem})`
          : 'as expected',
    );
  }
  const program = items[0];
  if (program) {
    const detailPath = `${programsPath}/{id}`;
    const detail = await kit.get(kit.at(`${programsPath}/${encodeURIComponent(program.id)}`));
    const body = isDataWrapped(detail.body) ? detail.body.data : detail.body;
    checks.compare(
      'loyaltyProgramDetail',
      'as expected',
      !isOk(detail)
        ? `HTTP ${detail.status} at ${detailPath}`
        : isRecord(body) && String(body.id) === program.id
          ? 'as expected'
          : `${detailPath} answered ${keysOf(body)}`,
    );
    const validatePath = await firstThat([paths.validateMembership, ...VALIDATE_PATHS], async (path) => {
      const answer = await kit.call('POST', kit.at(path.replace('{id}', encodeURIComponent(program.id))), {
        body: { membership: PROBE_MEMBERSHIP },
        headers: kit.auth,
      });
      if (isOk(answer)) return isRecord(answer.body);
      return answer.status >= 400 && answer.status < 500 && answer.status !== 404 && answer.status !== 405
        ? codesOf(answer.body).some(isMembershipCode)
        : false;
    });
    if (validatePath) checks.compare('paths.validateMembership', paths.validateMembership, validatePath);
    else
      checks.differs(
        'paths.validateMembership',
        paths.validateMembership,
        `no membership check answered with a documented code at ${unique([paths.validateMembership, ...VALIDATE_PATHS]).join(', ')}`,
      );
  }
  const transferPath = await firstThat([paths.pointsTransfers, ...TRANSFER_PATHS], async (path) => {
    const answer = await kit.call('POST', kit.at(path), { body: {}, headers: kit.auth });
    return (
      answer.status >= 400 &&
      answer.status < 500 &&
      codesOf(answer.body).some((code) => code === 'NN1001' || code === 'AF2001')
    );
  });
  if (transferPath) checks.compare('paths.pointsTransfers', paths.pointsTransfers, transferPath);
  else
    checks.differs(
      'paths.pointsTransfers',
      paths.pointsTransfers,
      `no transfer endpoint refused an empty body with NN1001 at ${unique([paths.pointsTransfers, ...TRANSFER_PATHS]).join(', ')}`,
    );
}

interface CreateKit {
  /** The bearer token and version headers every call carries. */
  auth: Record<string, string>;
  call: (
    method: 'GET' | 'POST',
    url: string,
    extra?: Partial<Parameters<SupplierHttp['raw']>[0]>,
  ) => Promise<RawAnswer>;
  get: (url: string, query?: Record<string, string | number>) => Promise<RawAnswer>;
  at: (path: string) => string;
  ordersUrl: string;
  cardsUrl: string;
  sizeName: string;
}

/** Codes of an Ascenda error body, whichever envelope it came in. */
function codesOf(body: unknown): string[] {
  const errors =
    isRecord(body) && Array.isArray(body.errors)
      ? body.errors
      : isRecord(body) && isRecord(body.error)
        ? [body.error]
        : [body];
  return errors
    .filter(isRecord)
    .map((e) => e.code)
    .filter((c): c is string => typeof c === 'string');
}

/**
 * Places one `DESK-PROBE-` order on a card that needs nothing personal beyond a test e-mail, trying the member
 * placements in turn (a refusal with NN1001 proves nothing was ordered), then checks the duplicate and the look-up.
 * Stops at the first answer that does not prove the outcome, and says so.
 */
async function probeCreate(
  checks: Checks,
  target: AscendaProbeTarget,
  kit: CreateKit,
  test: NonNullable<ProbeOptions['testOrder']>,
): Promise<string> {
  const { config } = target;
  const listed = listItems((await kit.get(kit.cardsUrl, { [kit.sizeName]: 100 })).body).filter(isRecord);
  const card = listed
    .filter((c) => Array.isArray(c.denominations) && c.denominations.length > 0 && typeof c.id === 'string')
    .sort((a, b) => fieldCount(a) - fieldCount(b))[0];
  if (!card) return 'no gift card to order: nothing was sent';
  const fields = [...((card.required_recipient_fields ?? card.recipient_fields ?? []) as string[])];
  const request: AscendaOrderRequest = {
    reference: test.reference,
    memberId: 'DESK-PROBE',
    transactedAt: test.transactedAt,
    giftCardId: String(card.id),
    value: Math.min(...(card.denominations as number[])),
    currency: typeof card.currency === 'string' ? card.currency : undefined,
    recipient: {
      email: 'desk-probe@example.com',
      firstName: 'Desk',
      lastName: 'Probe',
      ...(fields.includes('phone_number') ? { phoneNumber: '+15555550100' } : {}),
    },
  };
  const post = (path: string, placement: MemberPlacement, revision: number) => {
    const body = {
      reference_id: request.reference,
      transacted_at: request.transactedAt,
      ...target.orderBody(request, placement),
    };
    return kit.call('POST', kit.at(path), {
      create: true,
      body,
      headers: {
        ...kit.auth,
        'Idempotency-Key': target.idempotencyKey(request.reference, revision, body),
      },
    });
  };
  let created: RawAnswer | null = null;
  let used: { path: string; placement: MemberPlacement } | null = null;
  const refusals: string[] = [];
  for (const path of [
    config.paths.giftCardOrders,
    ...ORDER_PATHS.filter((p) => p !== config.paths.giftCardOrders),
  ]) {
    for (const placement of [
      config.memberPlacement,
      ...MEMBER_PLACEMENTS.filter((p) => p !== config.memberPlacement),
    ]) {
      const answer = await post(path, placement, 1);
      if (answer.status === 404 && codesOf(answer.body).length === 0) break; // no such route: next path
      if (isOk(answer)) {
        created = answer;
        used = { path, placement };
        break;
      }
      const codes = codesOf(answer.body);
      if (
        answer.status >= 400 &&
        answer.status < 500 &&
        codes.some((c) => ['NN1001', 'AF2001'].includes(c))
      ) {
        refusals.push(`${placement}: HTTP ${answer.status} ${codes.join(',')}`);
        continue; // a documented refusal: nothing was ordered, try the next placement
      }
      return `stopped: the create was answered HTTP ${answer.status}${codes.length ? ` ${codes.join(',')}` : ''}, which does not prove whether ${request.reference} exists; look it up before probing again`;
    }
    if (created) break;
  }
  if (!created || !used) {
    if (refusals.length)
      checks.differs(
        'memberPlacement',
        config.memberPlacement,
        `every placement refused (${refusals.join('; ')})`,
      );
    else
      checks.differs(
        'paths.giftCardOrders',
        config.paths.giftCardOrders,
        `no create endpoint at ${ORDER_PATHS.join(', ')}`,
      );
    return `not placed: ${refusals.length ? 'every member placement was refused' : 'no create endpoint found'}; nothing was ordered`;
  }
  checks.compare('paths.giftCardOrders', config.paths.giftCardOrders, used.path);
  checks.compare('memberPlacement', config.memberPlacement, used.placement);
  checks.compare('singleResourceWrapped', config.singleResourceWrapped, isDataWrapped(created.body));
  const order = isDataWrapped(created.body) ? created.body.data : created.body;
  const outcome = [`placed ${request.reference} (HTTP ${created.status}, ${keysOf(order)})`];
  // The same key again must be replayed; a new revision (a new key) must meet NN1011.
  const replay = await post(used.path, used.placement, 1);
  const replayedId = isRecord(replay.body)
    ? isDataWrapped(replay.body)
      ? replay.body.data.id
      : replay.body.id
    : undefined;
  outcome.push(
    isOk(replay) && isRecord(order) && replayedId === order.id
      ? `a resend with the same Idempotency-Key was replayed${typeof replay.headers['idempotency-key'] === 'string' ? ' (key echoed)' : ''}`
      : `a resend with the same Idempotency-Key answered HTTP ${replay.status}`,
  );
  const duplicate = await post(used.path, used.placement, 2);
  const codes = codesOf(duplicate.body);
  if (codes.includes(config.duplicateReferenceCode))
    checks.compare('duplicateReferenceStatus', config.duplicateReferenceStatus, duplicate.status);
  else
    checks.differs(
      'duplicateReferenceStatus',
      config.duplicateReferenceStatus,
      `HTTP ${duplicate.status} without ${config.duplicateReferenceCode}${codes.length ? ` (${codes.join(', ')})` : ''}`,
    );
  const found = listItems(
    (await kit.get(kit.ordersUrl, { [config.query.referenceId]: request.reference })).body,
  )
    .filter(isRecord)
    .some((o) => o.reference_id === request.reference);
  outcome.push(found ? 'found again by reference' : `not found by ${config.query.referenceId}`);
  return outcome.join('; ');
}

const fieldCount = (card: Record<string, unknown>) =>
  ((card.required_recipient_fields ?? card.recipient_fields ?? []) as unknown[]).length;
