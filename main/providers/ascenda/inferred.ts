/** How the client sends its credentials to the token endpoint. */
export type TokenEncoding = 'form' | 'json' | 'basic';
export const TOKEN_ENCODINGS: readonly TokenEncoding[] = ['form', 'json', 'basic'];

/**
 * Where a gift-card order carries the member's number and contact fields: inside `user` (GC-GUIDE, findings of
 * 2026-11-26), in a top-level `recipient`, or in a `recipient` on each card.
 */
export type MemberPlacement = 'user' | 'recipient' | 'per_card';
export const MEMBER_PLACEMENTS: readonly MemberPlacement[] = ['user', 'recipient', 'per_card'];

/** Ascenda error bodies: `{ errors: [{code, message}] }`, `{ error: {code, message} }` or a flat `{code, message}`. */
export type ErrorEnvelope = 'errors' | 'error' | 'flat';
export const ERROR_ENVELOPES: readonly ErrorEnvelope[] = ['errors', 'error', 'flat'];

export type ItemStatusNames = Record<
  'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled',
  readonly string[]
>;

/**
 * Every INFERRED Ascenda wire detail (../shared/api-notes/ascenda.md), in the one table both the client and
 * the simulator start from, so a fact learnt against UAT is changed in one place (or calibrated per profile with
 * `npm run probe`). CONFIRMED facts are noted; they are not settings the probe questions.
 */
export const ASCENDA_INFERRED = {
  /** Fulfilment routes hang off the host (CONFIRMED on UAT); other products use `/api`, so it is a setting. */
  basePath: '',
  paths: {
    token: '/oauth/token',
    /** STRONGLY SUPPORTED: doc slugs use `-`, real paths `_` (VALIDATE-MEMBERSHIP). */
    giftCards: '/gift_cards',
    giftCardOrders: '/fulfillment_orders/gift_cards',
    fulfillmentOrders: '/fulfillment_orders',
    /** CONFIRMED (LIST-ORD). */
    orders: '/orders',
    /** GET-LP CONFIRMS `/loyalty_programs/{id}`; the list at the bare path is INFERRED (PT-GUIDE names it). */
    loyaltyPrograms: '/loyalty_programs',
    /** `{id}` is replaced by the programme's id (VALIDATE-MEMBERSHIP shows a real UAT URL of this shape). */
    validateMembership: '/loyalty_programs/{id}/validate_membership',
    /** STRONGLY SUPPORTED spelling (§16); CREATE-PT CONFIRMS the endpoint. */
    pointsTransfers: '/fulfillment_orders/points_transfers',
  },
  /** RFC 6749 §4.4.2 mandates form encoding for client credentials; JSON and Basic are the fallbacks. */
  tokenEncoding: 'form' as TokenEncoding,
  query: {
    /** Page numbers start at 1 (CONFIRMED); the name is INFERRED. */
    page: 'page',
    pageSize: 'per_page',
    /** Other page-size names the simulator also accepts by default. */
    pageSizeAlternatives: ['page_size'],
    /** CONFIRMED as the look-up field (GC-GUIDE); that the list honours it as a filter is INFERRED. */
    referenceId: 'reference_id',
    /** CONFIRMED (LIST-GC's NN1001). */
    userId: 'user_id',
    nameContains: 'name[contains]',
    currency: 'currency[eq]',
    category: 'categories[eq]',
    /** CONFIRMED. */
    sort: 'sort',
  },
  /**
   * The key the loyalty-programme listing holds its programmes under (INFERRED: the gift-card list's `data`, as the
   * issue's wire default says); a bare array is read as well.
   */
  programListKey: 'data',
  /** The list wrapper is `data` (CONFIRMED); the name of its paging object is INFERRED (null: none sent). */
  listMetaKey: 'meta' as string | null,
  /** Single resources may come wrapped in `data` like lists (findings of 2026-11-26); the client reads both. */
  singleResourceWrapped: false,
  memberPlacement: 'user' as MemberPlacement,
  /** CONFIRMED: the only version with fulfilment orders, and the latest stable. */
  version: '1.3',
  tokenTtlSeconds: 3600,
  /** The HTTP status that carries NN1011; leans 422 (findings), maybe 409. The client accepts both. */
  duplicateReferenceStatus: 422 as 409 | 422,
  /** CONFIRMED. */
  duplicateReferenceCode: 'NN1011',
  /** STRONGLY SUPPORTED (IDEMP-GEM's tests use exactly this shape). */
  errorEnvelope: 'errors' as ErrorEnvelope,
  /** Item status strings; fulfilled/failed/cancelled and pending/processing CONFIRMED (GC-GUIDE). */
  itemStatuses: {
    pending: ['pending'],
    processing: ['processing'],
    fulfilled: ['fulfilled'],
    failed: ['failed'],
    cancelled: ['cancelled'],
  } as ItemStatusNames,
  requestIdHeaders: ['x-request-id'],
  /**
   * IDEMP-GEM stores 2xx and 4xx answers for a key (the docs say only successes): a corrected resend must never
   * reuse the key of a refused attempt, which is why the key hashes the revision and the body.
   */
  idempotencyStoresClientErrors: true,
  /** CONFIRMED: keys last 24 h. */
  idempotencyTtlSeconds: 86_400,
};

/** Ascenda's routes by name, as the client and the simulator both take them. */
export type AscendaPaths = Record<keyof typeof ASCENDA_INFERRED.paths, string>;
