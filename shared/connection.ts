import type { Supplier } from './domain';
import type { SupplierErrorInfo } from './supplier-errors';

/** Why a connection test failed, in the terms an agent can act on. */
export type ConnectionProblem =
  | 'not_configured'
  | 'credentials'
  | 'access_disabled'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'version'
  | 'unexpected';

export interface ConnectionTestResult {
  profileId: string;
  supplier: Supplier;
  ok: boolean;
  /** One sentence: what worked, or exactly what failed. */
  summary: string;
  problem: ConnectionProblem | null;
  error: SupplierErrorInfo | null;
  latencyMs: number;
  checkedAt: string;
}
