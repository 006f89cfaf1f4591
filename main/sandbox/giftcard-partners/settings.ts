import { GCP_INFERRED } from '../../providers/giftcard-partners/inferred';

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
  /** Lists as a paged wrapper `{ Items, TotalCount, PageIndex, PageSize }` or a bare array. */
  listShape: 'paged' | 'array';
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
    listShape: 'paged',
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
