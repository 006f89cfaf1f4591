import type { Supplier } from './domain';

/**
 * One taxonomy for both suppliers. Placement and every screen decide on the kind, never on message text.
 * - DEFINITE_REJECTION: the supplier refused the request and nothing happened (400, NN1001/NN1002 on create,
 *   NN1301, an unchanged-resend 422). Safe to fix and send again, or to refund.
 * - DUPLICATE: the reference already exists (NN1011, GCP 409): the first attempt landed.
 * - INSUFFICIENT_FUNDS: GCP 422, the deposit cannot cover the order.
 * - INDETERMINATE: timeout, reset, 500/502/503/504 — the order may exist. Never refund, never re-reference.
 * - AUTH: 401 after one token refresh, 403 (access disabled), or bad credentials at the token endpoint.
 * - RATE_LIMITED: 429 still there after honouring Retry-After.
 * - MALFORMED_RESPONSE: the answer did not parse or lacked required fields.
 * - NOT_FOUND: the thing looked up does not exist.
 * - UNREACHABLE: no connection was made (DNS, refused): the request never left the desk.
 * - TLS: the supplier's certificate was not trusted: the request never left the desk.
 * - NOT_CONFIGURED: the profile lacks a credential or URL; nothing was sent.
 */
export const SUPPLIER_ERROR_KINDS = [
  'DEFINITE_REJECTION',
  'DUPLICATE',
  'INSUFFICIENT_FUNDS',
  'INDETERMINATE',
  'AUTH',
  'RATE_LIMITED',
  'MALFORMED_RESPONSE',
  'NOT_FOUND',
  'UNREACHABLE',
  'TLS',
  'NOT_CONFIGURED',
] as const;

export type SupplierErrorKind = (typeof SUPPLIER_ERROR_KINDS)[number];

export interface FieldError {
  field: string;
  message: string;
}

/** Everything the desk knows about a failed supplier call. Carries no credential, token or header. */
export interface SupplierErrorInfo {
  kind: SupplierErrorKind;
  supplier: Supplier;
  /** What the desk was doing, e.g. "create order" or "list gift cards". */
  operation: string;
  httpStatus: number | null;
  /** Ascenda's `NNxxxx`/`AFxxxx` code; GiftCard Partners sends none. */
  supplierCode: string | null;
  /** The supplier's own wording, for the details view and support tickets (redacted). */
  supplierMessage: string | null;
  requestId: string | null;
  retryAfterMs: number | null;
  /** On DUPLICATE: the original order's id when the supplier sent it (GCP 409). */
  originalOrderId: string | null;
  fieldErrors: FieldError[];
  /** Connection-level code such as ECONNREFUSED or CERT_HAS_EXPIRED. */
  networkCode: string | null;
  /** True when the request may have changed state at the supplier although no usable answer came back. */
  orderMayExist: boolean;
}
