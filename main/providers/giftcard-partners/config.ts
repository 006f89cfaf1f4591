import type { HttpPolicy } from '../supplier-http';
import { GCP_INFERRED } from './inferred';

type Paths = { -readonly [K in keyof typeof GCP_INFERRED.paths]: string };
type QueryNames = { -readonly [K in keyof typeof GCP_INFERRED.query]: string };

/** Everything the GiftCard Partners client can be told; defaults from the notes. */
export interface GcpClientConfig extends HttpPolicy {
  paths: Paths;
  query: QueryNames;
  pageIndexBase: 0 | 1;
  maxPageSize: number;
  statuses: Record<'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled', readonly string[]>;
  duplicatePoStatus: number;
  insufficientFundsStatus: number;
  tokenRefreshSkewMs: number;
}

export function defaultGcpConfig(): GcpClientConfig {
  const inferred = GCP_INFERRED;
  return {
    paths: { ...inferred.paths },
    query: { ...inferred.query },
    pageIndexBase: inferred.pageIndexBase,
    maxPageSize: inferred.maxPageSize,
    statuses: inferred.statuses,
    duplicatePoStatus: inferred.duplicatePoStatus,
    insufficientFundsStatus: inferred.insufficientFundsStatus,
    tokenRefreshSkewMs: 60_000,
    timeouts: { readMs: 15_000, createMs: 30_000, tokenMs: 10_000 },
    rateLimit: { maxRetries: 3, maxWaitMs: 10_000, backoffMs: 500 },
    requestIdHeaders: [...inferred.requestIdHeaders],
  };
}
