import { ASCENDA_INFERRED } from '../../providers/ascenda/inferred';

/**
 * Every INFERRED Ascenda detail the simulator depends on (../shared/api-notes/ascenda.md), in one table with the
 * notes' proposals as defaults. Change them here or through the control API (`PATCH /__sandbox/settings`).
 */
export interface AscendaSimSettings {
  seed: number;
  giftCardCount: number;
  historicalOrderCount: number;
  paths: {
    token: string;
    giftCards: string;
    giftCardOrders: string;
    fulfillmentOrders: string;
    orders: string;
  };
  /** Page-size query names the list endpoints accept (the notes could not tell which one is real). */
  pageSizeParams: string[];
  minVersion: string;
  tokenTtlSeconds: number;
  /** HTTP status that carries NN1011 (the notes say 422, maybe 409). */
  duplicateReferenceStatus: 409 | 422;
  idempotencyTtlMs: number;
  rateLimit: { perSecond: number; burst: number; retryAfterSeconds: number };
  credentials: Array<{ clientId: string; clientSecret: string }>;
  disabledClientIds: string[];
  /** Valid UUIDs that Ascenda's member validation rejects (NN1301). */
  rejectedMemberIds: string[];
  itemTiming: { processingAfterMs: number; terminalAfterMs: number };
  /** What new orders end as: a fixed outcome, `stuck` (processing forever), or `random` by the weights. */
  newOrderOutcome: 'random' | 'fulfilled' | 'failed' | 'cancelled' | 'stuck';
  outcomeWeights: { fulfilled: number; failed: number; cancelled: number };
  /** Echo the caller's credentials and formula text into messages, names and request ids (leak tests). */
  hostile: boolean;
  webhook: {
    url: string | null;
    secret: string;
    maxAttempts: number;
    baseDelayMs: number;
    timeoutMs: number;
  };
}

export const SANDBOX_ASCENDA_CLIENT = {
  clientId: 'sandbox-ascenda-client',
  clientSecret: 'sandbox-ascenda-secret',
};

export function defaultAscendaSettings(): AscendaSimSettings {
  return {
    seed: 20261122,
    giftCardCount: 520,
    historicalOrderCount: 3000,
    paths: { ...ASCENDA_INFERRED.paths },
    pageSizeParams: [ASCENDA_INFERRED.query.pageSize, ...ASCENDA_INFERRED.query.pageSizeAlternatives],
    minVersion: ASCENDA_INFERRED.version,
    tokenTtlSeconds: ASCENDA_INFERRED.tokenTtlSeconds,
    duplicateReferenceStatus: ASCENDA_INFERRED.duplicateReferenceStatus,
    idempotencyTtlMs: 24 * 60 * 60 * 1000,
    rateLimit: { perSecond: 20, burst: 40, retryAfterSeconds: 1 },
    credentials: [SANDBOX_ASCENDA_CLIENT],
    disabledClientIds: [],
    rejectedMemberIds: ['00000000-0000-4000-8000-000000001301'],
    itemTiming: { processingAfterMs: 200, terminalAfterMs: 1_000 },
    newOrderOutcome: 'random',
    outcomeWeights: { fulfilled: 0.85, failed: 0.1, cancelled: 0.05 },
    hostile: false,
    webhook: { url: null, secret: 'shared_secret', maxAttempts: 5, baseDelayMs: 500, timeoutMs: 10_000 },
  };
}
