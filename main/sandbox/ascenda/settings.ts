import {
  ASCENDA_INFERRED,
  TOKEN_ENCODINGS,
  type ErrorEnvelope,
  type MemberPlacement,
  type TokenEncoding,
  type AscendaPaths,
} from '../../providers/ascenda/inferred';
import { SIM_PROGRAMS, type SimProgram } from './programs';

/**
 * Every INFERRED Ascenda detail the simulator depends on (../shared/api-notes/ascenda.md), in one table with the
 * notes' proposals as defaults. Change them here or through the control API (`PATCH /__sandbox/settings`).
 */
export interface AscendaSimSettings {
  seed: number;
  giftCardCount: number;
  historicalOrderCount: number;
  /** `validateMembership` holds `{id}` where the programme's id goes. */
  paths: AscendaPaths;
  /** Page-size query names the list endpoints accept (the notes could not tell which one is real). */
  pageSizeParams: string[];
  /** The query name `GET /orders` filters by reference on; any other name is ignored, as a real API would. */
  referenceIdParam: string;
  /** Token request encodings accepted; another gets 415 (a body) or 400 (Basic). */
  tokenEncodings: TokenEncoding[];
  /** Lists as `{ data, <listMetaKey> }` or a bare array. */
  listShape: 'wrapped' | 'array';
  listMetaKey: string;
  /** The key the programme listing holds its programmes under (a bare array when lists are bare arrays). */
  programListKey: string;
  /** Whether the programme listing pages like the gift cards (INFERRED); off: every programme at once, no paging object. */
  programListPaged: boolean;
  /**
   * How a membership check says no (INFERRED): a 4xx with the code in the error envelope, or a 2xx whose body says
   * `valid: false` with the code and message.
   */
  membershipRefusalAs: 'error' | 'body';
  /** The loyalty programmes points can be transferred to (withdrawn ones are removed from this list). */
  programs: SimProgram[];
  /** Single resources (an order read or created) wrapped in `{ data: … }`. */
  singleResourceWrapped: boolean;
  /** Where a gift-card order must carry the member's contact fields. */
  memberPlacement: MemberPlacement;
  errorEnvelope: ErrorEnvelope;
  /** The word each item status goes out as. */
  itemStatusNames: Record<'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled', string>;
  minVersion: string;
  tokenTtlSeconds: number;
  /** HTTP status that carries NN1011 (the notes say 422, maybe 409). */
  duplicateReferenceStatus: 409 | 422;
  idempotencyTtlMs: number;
  /** IDEMP-GEM's default stores 4xx answers as well as 2xx (the docs say successes only). */
  idempotencyStoresClientErrors: boolean;
  /**
   * Whether the points-transfer create replays a stored answer for a repeated Idempotency-Key. Off: a reused
   * reference meets NN1011 whatever the key, even the same one (the wire default); the in-flight 409
   * still applies.
   */
  pointsTransferReplays: boolean;
  /**
   * Misbehaviour on demand: these orders, gift cards and loyalty programmes go out with one unreadable field (an
   * item value or amount, the denominations, or a programme's minimum amount as text instead of numbers).
   */
  garbledIds: string[];
  /** Misbehaviour on demand: lists ignore the page number and answer page 1 every time (a listing that loops). */
  ignorePageParam: boolean;
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
    referenceIdParam: ASCENDA_INFERRED.query.referenceId,
    tokenEncodings: [...TOKEN_ENCODINGS],
    listShape: ASCENDA_INFERRED.listMetaKey === null ? 'array' : 'wrapped',
    listMetaKey: ASCENDA_INFERRED.listMetaKey ?? 'meta',
    programListKey: ASCENDA_INFERRED.programListKey,
    programListPaged: true,
    membershipRefusalAs: 'error',
    programs: SIM_PROGRAMS.map((program) => ({ ...program })),
    singleResourceWrapped: ASCENDA_INFERRED.singleResourceWrapped,
    memberPlacement: ASCENDA_INFERRED.memberPlacement,
    errorEnvelope: ASCENDA_INFERRED.errorEnvelope,
    // Each status goes out as the first word the client knows for it.
    itemStatusNames: {
      pending: ASCENDA_INFERRED.itemStatuses.pending[0]!,
      processing: ASCENDA_INFERRED.itemStatuses.processing[0]!,
      fulfilled: ASCENDA_INFERRED.itemStatuses.fulfilled[0]!,
      failed: ASCENDA_INFERRED.itemStatuses.failed[0]!,
      cancelled: ASCENDA_INFERRED.itemStatuses.cancelled[0]!,
    },
    minVersion: ASCENDA_INFERRED.version,
    tokenTtlSeconds: ASCENDA_INFERRED.tokenTtlSeconds,
    duplicateReferenceStatus: ASCENDA_INFERRED.duplicateReferenceStatus,
    idempotencyTtlMs: ASCENDA_INFERRED.idempotencyTtlSeconds * 1000,
    idempotencyStoresClientErrors: ASCENDA_INFERRED.idempotencyStoresClientErrors,
    pointsTransferReplays: false,
    garbledIds: [],
    ignorePageParam: false,
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
