import type { AscendaClientConfig } from '../../main/providers/ascenda/config';
import { AscendaClient } from '../../main/providers/ascenda/client';
import type { GcpClientConfig } from '../../main/providers/giftcard-partners/config';
import { GcpClient } from '../../main/providers/giftcard-partners/client';
import { SupplierError } from '../../main/providers/supplier-error';
import type { Logger } from '../../main/log/logger';
import { Redactor } from '../../main/log/redactor';
import { SANDBOX_CREDENTIALS } from '../../main/sandbox/sandbox-pair';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';

/** A logger that keeps its lines (already redacted, as the real one writes them) for assertions. */
export function memoryLogger(redactor: Redactor): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      void lines.push(JSON.stringify(redactor.value({ level, message, ...fields })));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

/** Records requested waits instead of sleeping, so Retry-After handling is observable and fast. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

export interface ClientOptions<C> {
  config?: Partial<C>;
  credentials?: Record<string, string>;
  now?: () => number;
}

export function ascendaClient(baseUrl: string, options: ClientOptions<AscendaClientConfig> = {}) {
  const redactor = new Redactor();
  const logger = memoryLogger(redactor);
  const sleeper = recordingSleep();
  const client = new AscendaClient({
    baseUrl,
    credentials: { ...SANDBOX_CREDENTIALS.ascenda, ...options.credentials },
    config: options.config,
    logger,
    redactor,
    sleep: sleeper.sleep,
    now: options.now,
  });
  return { client, logger, waits: sleeper.waits };
}

export function gcpClient(baseUrl: string, options: ClientOptions<GcpClientConfig> = {}) {
  const redactor = new Redactor();
  const logger = memoryLogger(redactor);
  const sleeper = recordingSleep();
  const client = new GcpClient({
    baseUrl,
    credentials: { ...SANDBOX_CREDENTIALS.gcp, ...options.credentials },
    config: options.config,
    logger,
    redactor,
    sleep: sleeper.sleep,
    now: options.now,
  });
  return { client, logger, waits: sleeper.waits };
}

/** The classified failure of a call that must fail (a call that succeeds fails the test). */
export async function failure(call: Promise<unknown>): Promise<SupplierErrorInfo> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SupplierError) return error.info;
    throw error;
  }
  throw new Error('expected the supplier call to fail, but it succeeded');
}
