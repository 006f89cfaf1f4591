/** List answers: the paged wrapper `{ Items, TotalCount, PageIndex, PageSize }` or a bare array of one page. */
export type ListShape = 'paged' | 'array';
export const LIST_SHAPES: readonly ListShape[] = ['paged', 'array'];

/** 400 bodies: RFC 7807 `ValidationProblemDetails` (an ASP.NET default) or `{ Message, Errors: [{Field, Message}] }`. */
export type ErrorShape = 'problem' | 'message';
export const ERROR_SHAPES: readonly ErrorShape[] = ['problem', 'message'];

/** What a 409 on a resent PONumber carries: the whole original order, `{Id}`, `{OrderId}` or the bare id string. */
export type DuplicateBody = 'order' | 'id' | 'orderId' | 'string';
export const DUPLICATE_BODIES: readonly DuplicateBody[] = ['order', 'id', 'orderId', 'string'];

/**
 * Every INFERRED GiftCard Partners wire detail (../shared/api-notes/giftcard-partners.md), in the one table
 * both the client and the simulator start from. CONFIRMED facts are noted.
 */
export const GCP_INFERRED = {
  paths: {
    /** CONFIRMED. */
    tokens: '/v1/Tokens',
    /** CONFIRMED. */
    products: '/v1/Products',
    /** CONFIRMED. */
    shippingMethods: '/v1/ShippingMethods',
    carriers: '/v1/Carriers',
    brandings: '/v1/Brandings',
    departments: '/v1/Departments',
    status: '/v1/Status',
    accountBalance: '/v1/AccountBalance',
    /** CONFIRMED (POST and GET by id). */
    orders: '/v1/Orders',
  },
  query: {
    /** CONFIRMED name; the base is INFERRED. */
    pageIndex: 'pageIndex',
    pageSize: 'pageSize',
    poNumber: 'PONumber',
    status: 'Status',
    from: 'StartDate',
    to: 'EndDate',
  },
  pageIndexBase: 0 as 0 | 1,
  listShape: 'paged' as ListShape,
  /** Findings of 2026-11-26: an ASP.NET backend most likely answers 400 with ValidationProblemDetails. */
  errorShape: 'problem' as ErrorShape,
  /** CONFIRMED that the 409 carries the original's Id; its shape is INFERRED (the client reads all four). */
  duplicateBody: 'order' as DuplicateBody,
  defaultPageSize: 50,
  maxPageSize: 100,
  tokenTtlSeconds: 3600,
  /** Terminal success: the use-case pages say Completed, the brief says Complete; the client accepts both. */
  completeStatus: 'Completed' as 'Completed' | 'Complete',
  statuses: {
    pending: ['Pending'],
    processing: ['Processing', 'InProgress'],
    fulfilled: ['Completed', 'Complete'],
    failed: ['Failed', 'PartiallyComplete'],
    cancelled: ['Cancelled', 'Canceled'],
  },
  /** CONFIRMED meanings of 409 and 422 on create. */
  duplicatePoStatus: 409,
  insufficientFundsStatus: 422,
  /** `Cost.DiscountPercentage` read as a fraction (0.05) rather than a percent (5). */
  discountIsFraction: true,
  requestIdHeaders: ['x-request-id', 'request-id', 'x-correlation-id'],
} as const;
