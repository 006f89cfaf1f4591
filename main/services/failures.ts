import path from 'node:path';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../shared/domain';
import { explainCode, type Explanation } from '../../shared/error-catalogue';
import { AppError } from '../../shared/errors';
import {
  NEEDS_OPS,
  NO_CODE,
  type FailureFilter,
  type FailureGroup,
  type FailureRow,
  type FailuresReply,
} from '../../shared/failures';
import type { Supplier } from '../../shared/domain';
import type { Logger } from '../log/logger';
import { isoNow, type Clock } from '../time/clock';
import { auditUnlessReadOnly, fileStamp } from './audit';
import type { CacheStores } from './cache-stores';
import { exportFolder } from './export-folder';
import type { ProfileService } from './profiles';

/** More than this many failures in one view is a query to narrow, not a list to read. */
const LIMIT = 5_000;

export interface FailuresServiceDeps {
  profiles: ProfileService;
  stores: CacheStores;
  dataDir: string;
  logger: Logger;
  clock: Clock;
}

/** What a group means: the catalogue's words for the code, or the desk's for a missing or unknown one. */
function explain(supplier: Supplier, code: string): Explanation {
  if (code === NEEDS_OPS) {
    return {
      title: 'Outcome unknown: needs Ops',
      explanation: `The desk placed these but ${SUPPLIER_NAMES[supplier]} never gave a definite answer, even after resending with the same reference.`,
      action: `Ask ${SUPPLIER_NAMES[supplier]} whether an order exists for each reference; refund only if they confirm it does not.`,
      refund: 'wait',
    };
  }
  if (code === NO_CODE) {
    return {
      title: 'Failed without an error code',
      explanation: `${SUPPLIER_NAMES[supplier]} failed or cancelled these items without saying why.`,
      action: 'Refund the member. If it keeps happening, ask the supplier for the reason with the order ids.',
      refund: 'yes',
    };
  }
  return (
    explainCode(supplier, code) ?? {
      title: `Unrecognised code ${code}`,
      explanation: `${SUPPLIER_NAMES[supplier]} gave a code the desk's catalogue does not know; its message is shown as sent.`,
      action: 'Refund the member, and ask the supplier what the code means.',
      refund: 'yes',
    }
  );
}

/** Every failed or cancelled item and needs_ops placement, grouped by reason, with what the member is owed. */
export class FailuresService {
  constructor(private readonly deps: FailuresServiceDeps) {}

  async list(filter: FailureFilter): Promise<FailuresReply> {
    const store = this.deps.stores.for(this.deps.profiles.active().id);
    const rows = await store.failureList(filter, LIMIT);
    const groups = new Map<string, FailureGroup>();
    for (const row of rows) {
      const key = `${row.supplier}:${row.code}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          supplier: row.supplier,
          code: row.code,
          ...explain(row.supplier, row.code),
          count: 0,
          handled: 0,
          rows: [],
        };
        groups.set(key, group);
      }
      group.count++;
      if (row.handled) group.handled++;
      group.rows.push(row);
    }
    const asOf: FailuresReply['asOf'] = {};
    for (const supplier of SUPPLIERS) asOf[supplier] = (await store.cursor(supplier)).lastSyncedAt;
    return {
      groups: [...groups.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      total: rows.length,
      asOf,
    };
  }

  async handle(key: string, note: string): Promise<FailureRow> {
    const profile = this.deps.profiles.active();
    const handled = await this.deps.stores
      .for(profile.id)
      .failureHandle(key, profile.agentName, note, isoNow(this.deps.clock));
    if (!handled)
      throw new AppError(
        'NOT_FOUND',
        'That failure is not in this profile’s cache (was it synced on another profile?).',
      );
    return handled;
  }

  /** The failures as filtered, to a CSV file in the exports folder (elsewhere when that is read-only); audited. */
  async export(filter: FailureFilter): Promise<{ file: string; rows: number }> {
    const profile = this.deps.profiles.active();
    const file = path.join(
      exportFolder(this.deps.dataDir),
      `failures-${profile.id}-${fileStamp(this.deps.clock)}.csv`,
    );
    const store = this.deps.stores.for(profile.id);
    const done = await store.failureExportCsv(file, filter, LIMIT);
    await auditUnlessReadOnly(
      { store, logger: this.deps.logger, clock: this.deps.clock },
      {
        agent: profile.agentName,
        action: 'failures exported',
        subject: file,
        details: { filter, rows: done.rowsWritten },
      },
    );
    return { file, rows: done.rowsWritten };
  }
}
