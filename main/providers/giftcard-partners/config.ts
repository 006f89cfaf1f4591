import { z } from 'zod';
import type { HttpPolicy } from '../supplier-http';
import {
  DUPLICATE_BODIES,
  ERROR_SHAPES,
  GCP_INFERRED,
  LIST_SHAPES,
  type DuplicateBody,
  type ErrorShape,
  type ListShape,
} from './inferred';
import {
  calibratedName,
  itemStatusCalibration,
  layered,
  requestIdHeadersCalibration,
} from '../calibration-kit';

type Paths = { -readonly [K in keyof typeof GCP_INFERRED.paths]: string };
type QueryNames = { -readonly [K in keyof typeof GCP_INFERRED.query]: string };
type StatusNames = Record<'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled', readonly string[]>;

/** Everything the GiftCard Partners client can be told; defaults from the notes. */
export interface GcpClientConfig extends HttpPolicy {
  paths: Paths;
  query: QueryNames;
  pageIndexBase: 0 | 1;
  listShape: ListShape;
  errorShape: ErrorShape;
  duplicateBody: DuplicateBody;
  maxPageSize: number;
  statuses: StatusNames;
  duplicatePoStatus: number;
  insufficientFundsStatus: number;
  discountIsFraction: boolean;
  tokenRefreshSkewMs: number;
  /** A full listing (catalogue, history) stops after this many pages and says so: a runaway guard. */
  maxPages: number;
  /** A look-up by PONumber reads orders created this many days back at most, page by page... */
  poLookupWindowDays: number;
  /** ...and at most this many pages of them, in case the PONumber filter is not honoured. */
  poLookupMaxPages: number;
}

export function defaultGcpConfig(): GcpClientConfig {
  const inferred = GCP_INFERRED;
  return {
    paths: { ...inferred.paths },
    query: { ...inferred.query },
    pageIndexBase: inferred.pageIndexBase,
    listShape: inferred.listShape,
    errorShape: inferred.errorShape,
    duplicateBody: inferred.duplicateBody,
    maxPageSize: inferred.maxPageSize,
    statuses: inferred.statuses,
    duplicatePoStatus: inferred.duplicatePoStatus,
    insufficientFundsStatus: inferred.insufficientFundsStatus,
    discountIsFraction: inferred.discountIsFraction,
    tokenRefreshSkewMs: 60_000,
    maxPages: 2_000,
    poLookupWindowDays: 90,
    poLookupMaxPages: 10,
    timeouts: { readMs: 15_000, createMs: 30_000, tokenMs: 10_000 },
    rateLimit: { maxRetries: 3, maxWaitMs: 10_000, backoffMs: 500 },
    requestIdHeaders: [...inferred.requestIdHeaders],
  };
}

const path = z.string().regex(/^(\/[\w.~%-]+)+$/, 'a path such as /v1/Products');
const name = calibratedName;

/** What a profile's calibration file may set for GiftCard Partners: the INFERRED settings only, each optional. */
export const gcpCalibrationSchema = z
  .object({
    paths: z
      .object({
        carriers: path,
        brandings: path,
        departments: path,
        status: path,
        accountBalance: path,
      })
      .partial()
      .strict(),
    query: z
      .object({ pageIndex: name, pageSize: name, poNumber: name, status: name, from: name, to: name })
      .partial()
      .strict(),
    pageIndexBase: z.union([z.literal(0), z.literal(1)]),
    listShape: z.enum(LIST_SHAPES),
    errorShape: z.enum(ERROR_SHAPES),
    duplicateBody: z.enum(DUPLICATE_BODIES),
    statuses: itemStatusCalibration,
    discountIsFraction: z.boolean(),
    requestIdHeaders: requestIdHeadersCalibration,
  })
  .partial()
  .strict();
export type GcpCalibration = z.infer<typeof gcpCalibrationSchema>;

/** The defaults with a calibration and any per-use tuning laid over them (nested tables merge key by key). */
export function gcpConfigWith(
  calibration: GcpCalibration = {},
  tuning: Partial<GcpClientConfig> = {},
): GcpClientConfig {
  return layered(defaultGcpConfig(), calibration, ['paths', 'query', 'statuses'], tuning);
}
