/**
 * Every INFERRED Ascenda wire detail (../shared/api-notes/ascenda.md), in the one table both the client and
 * the simulator start from, so a fact learnt against UAT is changed in one place. CONFIRMED facts are noted.
 */
export const ASCENDA_INFERRED = {
  /** Fulfilment routes hang off the host (CONFIRMED on UAT); other products use `/api`, so it is a setting. */
  basePath: '',
  paths: {
    token: '/oauth/token',
    giftCards: '/gift_cards',
    giftCardOrders: '/fulfillment_orders/gift_cards',
    fulfillmentOrders: '/fulfillment_orders',
    /** CONFIRMED (LIST-ORD). */
    orders: '/orders',
  },
  query: {
    page: 'page',
    pageSize: 'per_page',
    /** Other page-size names the simulator also accepts. */
    pageSizeAlternatives: ['page_size'],
    referenceId: 'reference_id',
    userId: 'user_id',
    nameContains: 'name[contains]',
    currency: 'currency[eq]',
    category: 'categories[eq]',
    sort: 'sort',
  },
  /** CONFIRMED: the only version with fulfilment orders, and the latest stable. */
  version: '1.3',
  tokenTtlSeconds: 3600,
  /** The HTTP status that carries NN1011; the notes say 422, maybe 409. The client accepts both. */
  duplicateReferenceStatus: 422 as 409 | 422,
  duplicateReferenceCode: 'NN1011',
  /** Item status strings; fulfilled/failed/cancelled CONFIRMED, pending/processing INFERRED. */
  itemStatuses: {
    pending: ['pending'],
    processing: ['processing'],
    fulfilled: ['fulfilled'],
    failed: ['failed'],
    cancelled: ['cancelled'],
  },
  requestIdHeaders: ['x-request-id'],
} as const;
