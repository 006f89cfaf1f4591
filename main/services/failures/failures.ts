import path from 'node:path';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import { explainCode, type Explanation } from '../../../shared/error-catalogue';
import { AppError } from '../../../shared/errors';
import {
  MISMATCH,
  NEEDS_OPS,
  NOT_OURS,
  NO_CODE,
  UNKNOWN_STATUS_PREFIX,
  UNVERIFIED,
  correctionSubject,
  type FailureFilter,
  type FailureGroup,
  type FailureRow,
  type FailuresReply,
  type PointsCorrection,
} from '../../../shared/failures';
import type { Profile, Supplier } from '../../../shared/domain';
import { refundOwed } from '../../../shared/points';
import type { LedgerState } from '../../../shared/refunds';
import type { Logger } from '../../log/logger';
import type { FailureSubset, StoredFailure } from '../../store/protocol/api';
import { isoNow, type Clock } from '../../time/clock';
import { auditUnlessReadOnly, fileStamp } from '../audit-unless-read-only';
import type { CacheStores } from '../cache-stores';
import type { CatalogueService } from '../catalogue/catalogue';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

/** More than this many failures in one view is a query to narrow, not a list to read. */
const LIMIT = 5_000;

export interface FailuresServiceDeps {
  profiles: ProfileService;
  stores: CacheStores;
  paths: DataPaths;
  catalogue: CatalogueService;
  logger: Logger;
  clock: Clock;
}

/** What a group means: the catalogue's words for the code, or the desk's for a missing or unknown one. */
function explain(supplier: Supplier, code: string): Explanation {
  const name = SUPPLIER_NAMES[supplier];
  if (code.startsWith(UNKNOWN_STATUS_PREFIX)) {
    const status = code.slice(UNKNOWN_STATUS_PREFIX.length);
    return {
      title: `Status “${status}”: unknown to the desk`,
      explanation: `${name} reports “${status}”, a status the desk does not know: neither success nor failure.`,
      action: `Ask ${name} what “${status}” means for these orders. Do not refund yet.`,
      refund: 'wait',
    };
  }
  if (code === MISMATCH || code === UNVERIFIED) {
    return {
      title: code === MISMATCH ? 'Mismatch: not provably ours' : 'Unverified: cannot be checked',
      explanation:
        code === MISMATCH
          ? `${name} handed back an order that differs from what the desk journaled (reference, card, value, currency, quantity or member).`
          : `${name} handed back an order without the facts to check it is the one the desk journaled.`,
      action:
        'Open it in Lookup: the desk keeps looking our reference up. Resolve it as ours or not ours with a reason if you can tell; never refund or re-place meanwhile.',
      refund: 'wait',
    };
  }
  if (code === NOT_OURS) {
    return {
      title: 'Not ours: our order was not found',
      explanation: `An agent resolved the order ${name} handed back as not ours, and no order with our reference was found.`,
      action: 'Send it again with the same reference from Lookup if the member still wants it.',
      refund: 'yes',
    };
  }
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
      action: 'If it keeps happening, ask the supplier for the reason with the order ids.',
      refund: 'yes',
    };
  }
  return (
    explainCode(supplier, code) ?? {
      title: `Unrecognised code ${code}`,
      explanation: `${SUPPLIER_NAMES[supplier]} gave a code the desk's catalogue does not know; its message is shown as sent.`,
      action: 'Ask the supplier what the code means.',
      refund: 'yes',
    }
  );
}

/** Every failed or cancelled item and needs_ops placement, grouped by reason, with what the member is owed. */
export class FailuresService {
  /** One failure by its key, priced, recorded or not; null when the cache has no such failure. */
  async row(profile: Profile, key: string): Promise<FailureRow | null> {
    const rows = await this.rows(profile, { includeRecorded: true });
    return rows.find((r) => r.key === key) ?? null;
  }

  constructor(private readonly deps: FailuresServiceDeps) {}

  /** The failures of a profile, each priced: at the rate journaled with the order, else today's (labelled). */
  async rows(
    profile: Profile,
    filter: FailureFilter,
    page: { limit?: number; offset?: number; only?: FailureSubset } = {},
  ): Promise<FailureRow[]> {
    const { rows, corrections } = await this.deps.stores
      .for(profile.id)
      .failures.list(filter, page.limit ?? LIMIT, page.offset ?? 0, page.only);
    const currencyOf = await this.deps.catalogue.currencyResolver(profile);
    return rows.map((row) =>
      priced(
        row.currency ? row : { ...row, currency: currencyOf(row.supplier, row.productId) },
        profile,
        corrections[correctionSubject(row)] ?? null,
      ),
    );
  }

  async list(filter: FailureFilter): Promise<FailuresReply> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const rows = await this.rows(profile, filter);
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
          recorded: 0,
          rows: [],
        };
        groups.set(key, group);
      }
      group.count++;
      if (row.ledger && row.ledger.status !== 'owed') group.recorded++;
      group.rows.push(row);
    }
    const asOf: FailuresReply['asOf'] = {};
    for (const supplier of SUPPLIERS) asOf[supplier] = (await store.orders.cursor(supplier)).lastSyncedAt;
    return {
      groups: [...groups.values()].sort(
        (a, b) => urgency(a.code) - urgency(b.code) || b.count - a.count || a.code.localeCompare(b.code),
      ),
      total: rows.length,
      asOf,
    };
  }

  /** An agent's correction of the points an order owes (with a reason, audited); the latest one counts. */
  async correctPoints(key: string, points: number, reason: string): Promise<FailureRow> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const row = await store.failures.correctPoints(key, {
      points,
      reason,
      agent: profile.agentName,
      at: isoNow(this.deps.clock),
    });
    if (!row) throw new AppError('NOT_FOUND', 'That failure is not in this profile’s cache.');
    return this.one(profile, key);
  }

  private async one(profile: Profile, key: string): Promise<FailureRow> {
    const rows = await this.rows(profile, { includeRecorded: true });
    const row = rows.find((r) => r.key === key);
    if (!row) throw new AppError('NOT_FOUND', 'That failure is not in this profile’s cache.');
    return row;
  }

  /** The failures as filtered, to a CSV file in the exports folder (elsewhere when that is read-only); audited. */
  async export(filter: FailureFilter): Promise<{ file: string; rows: number }> {
    const profile = this.deps.profiles.active();
    const file = path.join(
      this.deps.paths.exportFolder(),
      `failures-${profile.id}-${fileStamp(this.deps.clock)}.csv`,
    );
    const store = this.deps.stores.for(profile.id);
    const done = await store.failures.exportCsv(file, await this.rows(profile, filter));
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

/** Most urgent first: Ops, then orders not provably ours, then refunds, then statuses nobody knows yet. */
function urgency(code: string): number {
  if (code === NEEDS_OPS) return 0;
  if (code === MISMATCH || code === UNVERIFIED) return 1;
  if (code.startsWith(UNKNOWN_STATUS_PREFIX)) return 3;
  return 2;
}

/** Rows that owe the member their points: failed or cancelled items, and placements resolved "not ours". */
const OWING: ReadonlySet<FailureRow['state']> = new Set(['failed', 'cancelled', 'not_ours']);

function priced(row: StoredFailure, profile: Profile, correction: PointsCorrection | null): FailureRow {
  const { journaledPoints, productId: _productId, ledgerEntry, legacyHandled, ...rest } = row;
  if (!OWING.has(row.state)) return { ...rest, refund: null, pointsCorrection: null, ledger: null };
  // A "not ours" placement owes what the member paid; an item owes its own face value.
  const item = {
    state: row.state === 'not_ours' ? 'failed' : row.state,
    value: row.value,
    quantity: row.quantity,
    currency: row.currency,
  };
  const refund = refundOwed([item], journaledPoints, profile.pointRates, row.currency);
  return { ...rest, refund, pointsCorrection: correction, ledger: ledgerState(ledgerEntry, legacyHandled) };
}

/** Where a refund stands: its latest ledger entry decides; before any, a pre-ledger "handled" note settled it. */
function ledgerState(
  latest: StoredFailure['ledgerEntry'],
  legacy: StoredFailure['legacyHandled'],
): LedgerState {
  if (!latest) return { status: legacy ? 'handled_before_ledger' : 'owed', latest: null, legacy };
  return { status: latest.action === 'reopened' ? 'owed' : latest.action, latest, legacy };
}
