import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { Store } from '../store/protocol/api';
import { isoNow, type Clock } from '../time/clock';

/**
 * Audits an action that must still work on a read-only cache (an export to another folder): there the entry
 * cannot be written, which is logged (and the read-only banner says so); every other failure stops the action.
 */
export async function auditUnlessReadOnly(
  deps: { store: Store; logger: Logger; clock: Clock },
  entry: { agent: string; action: string; subject: string | null; details: unknown },
): Promise<void> {
  try {
    await deps.store.audit.append(
      entry.agent,
      entry.action,
      entry.subject,
      entry.details,
      isoNow(deps.clock),
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'READ_ONLY') throw error;
    deps.logger.warn('audit entry not written: the cache is read-only', {
      agent: entry.agent,
      action: entry.action,
      subject: entry.subject,
    });
  }
}

/** A file-name-safe timestamp from the main clock. */
export const fileStamp = (clock: Clock) => isoNow(clock).replace(/[:.]/g, '-');
