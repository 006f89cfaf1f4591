import axios from 'axios';
import type { SupplierErrorKind } from '../../shared/supplier-errors';

/** No connection was made, so nothing reached the supplier. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
/** The TLS handshake failed before any request byte was sent. */
const TLS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** The code the desk reports when its own per-request deadline ran out. */
export const DEADLINE_CODE = 'TIMEOUT';

export interface NetworkFailure {
  kind: Extract<SupplierErrorKind, 'UNREACHABLE' | 'TLS' | 'INDETERMINATE'>;
  networkCode: string;
  message: string;
}

/**
 * Sorts a failed exchange by whether the request can have reached the supplier: refused/DNS/TLS cannot, so they
 * are safe to resend; resets, timeouts and everything unrecognised might have, so they are INDETERMINATE.
 */
export function classifyNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
  const code = networkCode(error);
  if (code === 'ERR_CANCELED') {
    return {
      kind: 'INDETERMINATE',
      networkCode: DEADLINE_CODE,
      message: `No complete answer within ${timeoutMs} ms`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.has(code)) return { kind: 'UNREACHABLE', networkCode: code, message };
  if (TLS.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
    return { kind: 'TLS', networkCode: code, message };
  }
  return { kind: 'INDETERMINATE', networkCode: code || 'NETWORK_ERROR', message };
}

function networkCode(error: unknown): string {
  const own = axios.isAxiosError(error) ? error.code : (error as { code?: unknown } | null)?.code;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  // axios reports some socket failures under its own generic codes; the cause holds the real one.
  if (typeof cause === 'string' && (own === undefined || own === 'ERR_NETWORK' || own === 'ECONNABORTED'))
    return cause;
  return typeof own === 'string' ? own : '';
}
