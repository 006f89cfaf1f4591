import type { HttpPolicy } from '../supplier-http';
import { ASCENDA_INFERRED } from './inferred';

/** Everything the Ascenda client can be told; defaults from the notes. */
export interface AscendaClientConfig extends HttpPolicy {
  basePath: string;
  paths: {
    token: string;
    giftCards: string;
    giftCardOrders: string;
    fulfillmentOrders: string;
    orders: string;
  };
  query: {
    page: string;
    pageSize: string;
    referenceId: string;
    nameContains: string;
    currency: string;
    category: string;
    sort: string;
  };
  version: string;
  duplicateReferenceStatuses: number[];
  duplicateReferenceCode: string;
  itemStatuses: Record<'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled', readonly string[]>;
  /** Refresh this long before the token's expiry (notes: 60 s). */
  tokenRefreshSkewMs: number;
  /** Largest page the list endpoints accept (CONFIRMED 1–100). */
  maxPageSize: number;
}

export function defaultAscendaConfig(): AscendaClientConfig {
  const inferred = ASCENDA_INFERRED;
  return {
    basePath: inferred.basePath,
    paths: {
      token: inferred.paths.token,
      giftCards: inferred.paths.giftCards,
      giftCardOrders: inferred.paths.giftCardOrders,
      fulfillmentOrders: inferred.paths.fulfillmentOrders,
      orders: inferred.paths.orders,
    },
    query: {
      page: inferred.query.page,
      pageSize: inferred.query.pageSize,
      referenceId: inferred.query.referenceId,
      nameContains: inferred.query.nameContains,
      currency: inferred.query.currency,
      category: inferred.query.category,
      sort: inferred.query.sort,
    },
    version: inferred.version,
    duplicateReferenceStatuses: [409, 422],
    duplicateReferenceCode: inferred.duplicateReferenceCode,
    itemStatuses: inferred.itemStatuses,
    tokenRefreshSkewMs: 60_000,
    maxPageSize: 100,
    timeouts: { readMs: 15_000, createMs: 30_000, tokenMs: 10_000 },
    rateLimit: { maxRetries: 3, maxWaitMs: 10_000, backoffMs: 500 },
    requestIdHeaders: [...inferred.requestIdHeaders],
  };
}
