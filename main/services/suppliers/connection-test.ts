import { isoNow, type Clock } from '../../time/clock';
import type { ConnectionProblem, ConnectionTestResult } from '../../../shared/connection';
import { SUPPLIER_NAMES, type Supplier } from '../../../shared/domain';
import type { SupplierErrorInfo } from '../../../shared/supplier-errors';
import { DEADLINE_CODE } from '../../providers/network-errors';
import { isSupplierError } from '../../providers/supplier-error';
import type { SupplierClients } from './supplier-clients';

/**
 * A test answers within a few seconds: a token, then its reads in parallel, each with a short deadline (so
 * at most about twice the deadline), and no long waits on a rate limit.
 */
const TEST_TUNING = {
  timeouts: { readMs: 3_000, createMs: 3_000, tokenMs: 3_000 },
  rateLimit: { maxRetries: 1, maxWaitMs: 1_000, backoffMs: 250 },
};

/**
 * "Test connection": a fresh client (no cached token) gets a token, then makes the cheapest read that proves the
 * API answers with this version; any failure is reported with the exact reason.
 */
export async function testConnection(
  clients: SupplierClients,
  profileId: string,
  supplier: Supplier,
  clock: Clock,
): Promise<ConnectionTestResult> {
  const started = performance.now();
  const result = (
    ok: boolean,
    summary: string,
    problem: ConnectionProblem | null,
    error: SupplierErrorInfo | null,
  ) => ({
    profileId,
    supplier,
    ok,
    summary,
    problem,
    error,
    latencyMs: Math.round(performance.now() - started),
    checkedAt: isoNow(clock),
  });
  let stage: 'token' | 'api' = 'token';
  let version: string | null = null;
  try {
    const port = await clients.fresh(profileId, supplier, TEST_TUNING);
    version = port.apiVersion;
    await port.authenticate();
    stage = 'api';
    return result(true, await port.checkConnection(), null, null);
  } catch (error) {
    if (!isSupplierError(error)) throw error;
    const problem = problemOf(error.info, stage, version);
    return result(false, describe(error.info, problem, version ?? ''), problem, error.info);
  }
}

function problemOf(
  info: SupplierErrorInfo,
  stage: 'token' | 'api',
  version: string | null,
): ConnectionProblem {
  switch (info.kind) {
    case 'NOT_CONFIGURED':
      return 'not_configured';
    case 'AUTH':
      return info.httpStatus === 403 ? 'access_disabled' : 'credentials';
    case 'UNREACHABLE':
      return 'unreachable';
    case 'TLS':
      return 'tls';
    case 'INDETERMINATE':
      return info.networkCode === DEADLINE_CODE ? 'timeout' : 'unexpected';
    case 'DEFINITE_REJECTION':
      // The token was good and the check is a plain, valid read: on a versioned API a refusal now is the version.
      return stage === 'token' ? 'credentials' : version !== null ? 'version' : 'unexpected';
    default:
      return 'unexpected';
  }
}

function describe(info: SupplierErrorInfo, problem: ConnectionProblem, version: string): string {
  const name = SUPPLIER_NAMES[info.supplier];
  const status = info.httpStatus ? `HTTP ${info.httpStatus}` : info.networkCode;
  const said = info.supplierMessage ? ` The supplier said: “${info.supplierMessage}”.` : '';
  switch (problem) {
    case 'not_configured':
      return `${name}'s credentials could not be loaded: ${info.supplierMessage ?? 'a credential is missing'}. Nothing was sent.`;
    case 'credentials':
      return `${name} refused the credentials (${status}). Check them and save again.${said}`;
    case 'access_disabled':
      return `${name} accepted the credentials but API access is disabled for them (${status}).${said}`;
    case 'unreachable':
      return `Could not reach ${name} (${info.networkCode}). Check the base URL and the network.`;
    case 'tls':
      return `${name}'s certificate is not trusted (${info.networkCode}); nothing was sent.`;
    case 'timeout':
      return `${name} did not answer in time (${info.operation}). It may be down or slow; try again.`;
    case 'version':
      return `${name} refused API version ${version} (${status}${info.supplierCode ? `, ${info.supplierCode}` : ''}).${said}`;
    default:
      return `${name} failed during “${info.operation}” (${status ?? info.kind}).${said}`;
  }
}
