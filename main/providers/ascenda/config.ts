import { z } from 'zod';
import type { HttpPolicy } from '../supplier-http';
import {
  ASCENDA_INFERRED,
  ERROR_ENVELOPES,
  MEMBER_PLACEMENTS,
  TOKEN_ENCODINGS,
  type ErrorEnvelope,
  type ItemStatusNames,
  type MemberPlacement,
  type TokenEncoding,
  type AscendaPaths,
} from './inferred';
import {
  calibratedName,
  itemStatusCalibration,
  layered,
  requestIdHeadersCalibration,
} from '../calibration-kit';

/** Everything the Ascenda client can be told; defaults from the notes. */
export interface AscendaClientConfig extends HttpPolicy {
  basePath: string;
  paths: AscendaPaths;
  /** Tried first; on a 400 or 415 the token request falls back to the other encodings once each. */
  tokenEncoding: TokenEncoding;
  query: {
    page: string;
    pageSize: string;
    referenceId: string;
    nameContains: string;
    currency: string;
    category: string;
    sort: string;
  };
  listMetaKey: string | null;
  /** Where the programme listing holds its programmes (a bare array is read too). */
  programListKey: string;
  singleResourceWrapped: boolean;
  memberPlacement: MemberPlacement;
  version: string;
  /** Where NN1011 is expected (the probe compares it); the client accepts it at any status. */
  duplicateReferenceStatus: 409 | 422;
  duplicateReferenceCode: string;
  errorEnvelope: ErrorEnvelope;
  itemStatuses: ItemStatusNames;
  /** Refresh this long before the token's expiry (notes: 60 s). */
  tokenRefreshSkewMs: number;
  /** Largest page the list endpoints accept (CONFIRMED 1–100). */
  maxPageSize: number;
  /** A full listing (catalogue, history) stops after this many pages and says so: a runaway guard. */
  maxPages: number;
  /** Pages a look-up by reference reads when the supplier does not filter by it. */
  referenceLookupMaxPages: number;
}

export function defaultAscendaConfig(): AscendaClientConfig {
  const inferred = ASCENDA_INFERRED;
  return {
    basePath: inferred.basePath,
    paths: { ...inferred.paths },
    tokenEncoding: inferred.tokenEncoding,
    query: {
      page: inferred.query.page,
      pageSize: inferred.query.pageSize,
      referenceId: inferred.query.referenceId,
      nameContains: inferred.query.nameContains,
      currency: inferred.query.currency,
      category: inferred.query.category,
      sort: inferred.query.sort,
    },
    listMetaKey: inferred.listMetaKey,
    programListKey: inferred.programListKey,
    singleResourceWrapped: inferred.singleResourceWrapped,
    memberPlacement: inferred.memberPlacement,
    version: inferred.version,
    duplicateReferenceStatus: inferred.duplicateReferenceStatus,
    duplicateReferenceCode: inferred.duplicateReferenceCode,
    errorEnvelope: inferred.errorEnvelope,
    itemStatuses: inferred.itemStatuses,
    tokenRefreshSkewMs: 60_000,
    maxPageSize: 100,
    maxPages: 2_000,
    referenceLookupMaxPages: 5,
    timeouts: { readMs: 15_000, createMs: 30_000, tokenMs: 10_000 },
    rateLimit: { maxRetries: 3, maxWaitMs: 10_000, backoffMs: 500 },
    requestIdHeaders: [...inferred.requestIdHeaders],
  };
}

const path = z.string().regex(/^(\/[\w.~%[\]-]+)+$/, 'a path such as /oauth/token');
/** A path with the programme's id as one `{id}` segment. */
const programPath = z
  .string()
  .regex(/^(\/([\w.~%[\]-]+|\{id\}))+$/, 'a path such as /loyalty_programs/{id}/validate_membership')
  .refine((p) => p.split('{id}').length === 2, 'the path must hold {id} exactly once');
const name = calibratedName;

/**
 * What a profile's calibration file may set for Ascenda: the INFERRED settings only, each optional, so a fact
 * the probe learnt against UAT is applied without a rebuild.
 */
export const ascendaCalibrationSchema = z
  .object({
    basePath: z.union([z.literal(''), path]),
    paths: z
      .object({
        token: path,
        giftCards: path,
        giftCardOrders: path,
        fulfillmentOrders: path,
        orders: path,
        loyaltyPrograms: path,
        validateMembership: programPath,
        pointsTransfers: path,
      })
      .partial()
      .strict(),
    tokenEncoding: z.enum(TOKEN_ENCODINGS),
    query: z
      .object({
        page: name,
        pageSize: name,
        referenceId: name,
        nameContains: name,
        currency: name,
        category: name,
        sort: name,
      })
      .partial()
      .strict(),
    listMetaKey: name.nullable(),
    programListKey: name,
    singleResourceWrapped: z.boolean(),
    memberPlacement: z.enum(MEMBER_PLACEMENTS),
    duplicateReferenceStatus: z.union([z.literal(409), z.literal(422)]),
    errorEnvelope: z.enum(ERROR_ENVELOPES),
    itemStatuses: itemStatusCalibration,
    requestIdHeaders: requestIdHeadersCalibration,
  })
  .partial()
  .strict();
export type AscendaCalibration = z.infer<typeof ascendaCalibrationSchema>;

/** The defaults with a calibration and any per-use tuning laid over them (nested tables merge key by key). */
export function ascendaConfigWith(
  calibration: AscendaCalibration = {},
  tuning: Partial<AscendaClientConfig> = {},
): AscendaClientConfig {
  return layered(defaultAscendaConfig(), calibration, ['paths', 'query', 'itemStatuses'], tuning);
}
