import {
  GCP_INFERRED,
  type DuplicateBody,
  type ErrorShape,
} from '../../providers/giftcard-partners/inferred';

/**
 * Every INFERRED GiftCard Partners detail the simulator depends on (../shared/api-notes/giftcard-partners.md),
 * defaulting to the notes' proposals. Change them here or per test.
 */
export interface GcpSimSettings {
  seed: number;
  productCount: number;
  historicalOrderCount: number;
  tokenTtlSeconds: number;
  credentials: Array<{ email: string; accessToken: string }>;
  disabledEmails: string[];
  /** `pageIndex` base (0 for .NET-style paging, INFERRED). */
  pageIndexBase: 0 | 1;
  defaultPageSize: number;
  maxPageSize: number;
  /** Lists as a paged wrapper `{ Items, TotalCount, PageIndex, PageSize }` or a bare array of the page. */
  listShape: 'paged' | 'array';
  /** 400 bodies as RFC 7807 ValidationProblemDetails or `{ Message, Errors }`. */
  errorShape: ErrorShape;
  /** What a 409 on a resent PONumber carries. */
  duplicateBody: DuplicateBody;
  /** The date-range query names `GET /v1/Orders` honours; others are ignored. */
  dateParams: { from: string; to: string };
  /** Whether `GET /v1/Orders` honours the PONumber filter (a real API might ignore it). */
  poNumberFilter: boolean;
  /** The terminal success string: the use-case pages say Completed, the brief says Complete. */
  completeStatus: 'Completed' | 'Complete';
  /** Orders with more cards than this come back Pending and finish later. */
  asyncThresholdCards: number;
  asyncCompletionMs: number;
  /** How Pending orders end: a fixed outcome, `stuck` (Pending forever), or `random` (mostly complete). */
  asyncOutcome: 'random' | 'complete' | 'failed' | 'stuck';
  /** `Cost.DiscountPercentage` is a fraction (0.05) rather than a percent (5). */
  discountIsFraction: boolean;
  /** Refund a failed line's cost to Available. */
  refundFailedLines: boolean;
  startingBalance: { Available: number; Pending: number; CurrencyCode: string };
  /** Echo the caller's credentials and formula text into messages, names and request ids (leak tests). */
  hostile: boolean;
  webhook: { maxAttempts: number; baseDelayMs: number; timeoutMs: number; onSynchronousCompletion: boolean };
}

export const SANDBOX_GCP_CREDENTIALS = {
  email: 'sandbox@desk.example',
  accessToken: 'sandbox-gcp-access-token',
};

export function defaultGcpSettings(): GcpSimSettings {
  return {
    seed: 20261123,
    productCount: 220,
    historicalOrderCount: 2000,
    tokenTtlSeconds: GCP_INFERRED.tokenTtlSeconds,
    credentials: [SANDBOX_GCP_CREDENTIALS],
    disabledEmails: [],
    pageIndexBase: GCP_INFERRED.pageIndexBase,
    defaultPageSize: GCP_INFERRED.defaultPageSize,
    maxPageSize: GCP_INFERRED.maxPageSize,
    listShape: GCP_INFERRED.listShape,
    errorShape: GCP_INFERRED.errorShape,
    duplicateBody: GCP_INFERRED.duplicateBody,
    dateParams: { from: GCP_INFERRED.query.from, to: GCP_INFERRED.query.to },
    poNumberFilter: true,
    completeStatus: GCP_INFERRED.completeStatus,
    asyncThresholdCards: 10,
    asyncCompletionMs: 1_500,
    asyncOutcome: 'random',
    discountIsFraction: GCP_INFERRED.discountIsFraction,
    refundFailedLines: true,
    startingBalance: { Available: 2_500, Pending: 0, CurrencyCode: 'USD' },
    hostile: false,
    webhook: { maxAttempts: 5, baseDelayMs: 500, timeoutMs: 10_000, onSynchronousCompletion: false },
  };
}
