import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { FailureRow, LedgerReply } from '../../../shared/failures';
import {
  RECORDED,
  utcDay,
  type LedgerAgentTotal,
  type LedgerDayTotal,
  type LedgerFilter,
  type LedgerTotals,
  type PerCurrency,
  type RefundAction,
  type RefundEntry,
  type RefundRecordInput,
} from '../../../shared/refunds';
import type { Profile } from '../../../shared/domain';
import type { NewRefundEntry } from '../../store/protocol/api';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { FailuresService } from './failures';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

export interface RefundsServiceDeps {
  profiles: ProfileService;
  stores: CacheStores;
  failures: FailuresService;
  paths: DataPaths;
  clock?: Clock;
  /** Something the queues count changed (a refund recorded or reopened). */
  onChange(profileId: string): void;
}

const add = (table: PerCurrency, currency: string | null, amount: number | null) => {
  if (amount === null) return;
  const key = currency ?? 'unknown';
  table[key] = Math.round(((table[key] ?? 0) + amount) * 100) / 100;
};

/**
 * Money a refund is worth: the item's face value times its cards. A points transfer's amount is in programme
 * units (miles, points), not money: it has no money value to total, only the points owed.
 */
const valueOf = (row: Pick<FailureRow, 'value' | 'quantity' | 'kind'>) =>
  row.value === null || row.kind === 'points_transfer'
    ? null
    : Math.round(row.value * (row.quantity ?? 1) * 100) / 100;

/** The points a refund owes: an agent's correction when there is one, else the priced refund. */
const pointsOf = (row: FailureRow) => row.pointsCorrection?.points ?? row.refund?.points ?? null;

/**
 * The refund ledger (ARCHITECTURE "Money-safe outcomes"): each refund owed, as the failures price it, recorded
 * as refunded or not owed, or reopened; every entry append-only and audited, with the money it stood for.
 */
export class RefundsService {
  private readonly clock: Clock;

  constructor(private readonly deps: RefundsServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Refunds as filtered, each with where it stands, and the totals per day and per agent. */
  async ledger(filter: LedgerFilter): Promise<LedgerReply> {
    const profile = this.deps.profiles.active();
    const all = await this.owing(profile);
    const status = filter.status ?? 'owed';
    const rows = all.filter((row) => {
      const recorded = RECORDED.includes(row.ledger!.status);
      if (status === 'owed' && recorded) return false;
      if (status === 'recorded' && !recorded) return false;
      if (filter.supplier && row.supplier !== filter.supplier) return false;
      const at = recorded ? (row.ledger!.latest?.at ?? row.ledger!.legacy?.at ?? null) : row.createdAt;
      if (filter.from && (!at || at < new Date(filter.from).toISOString())) return false;
      if (filter.to && (!at || at >= new Date(filter.to).toISOString())) return false;
      if (filter.agent && recorded && row.ledger!.latest?.agent !== filter.agent) return false;
      if (filter.agent && !recorded) return false;
      return true;
    });
    return { rows, totals: await this.totals(profile, all, filter) };
  }

  async record(input: RefundRecordInput): Promise<FailureRow> {
    return this.write(input.key, input.action, {
      transactionId: input.action === 'refunded' ? input.transactionId : null,
      reason: input.action === 'not_owed' ? input.reason : null,
    });
  }

  /** Reverses a recording with a reason: the refund is owed again (a new entry; the old one stays). */
  async reopen(key: string, reason: string): Promise<FailureRow> {
    return this.write(key, 'reopened', { transactionId: null, reason });
  }

  /** The ledger as filtered, to a CSV file in the data folder's exports; audited. */
  async export(filter: LedgerFilter): Promise<{ file: string; rows: number }> {
    const profile = this.deps.profiles.active();
    const { rows } = await this.ledger(filter);
    const folder = this.deps.paths.exports;
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `refunds-${profile.id}-${isoNow(this.clock).replace(/[:.]/g, '-')}.csv`);
    const store = this.deps.stores.for(profile.id);
    const done = await store.exports.rows(file, 'refunds', rows);
    await store.audit.append(profile.agentName, 'refunds exported', file, { filter, rows: done.rowsWritten });
    return { file, rows: done.rowsWritten };
  }

  private async write(
    key: string,
    action: RefundAction,
    what: { transactionId: string | null; reason: string | null },
  ): Promise<FailureRow> {
    const profile = this.deps.profiles.active();
    const row = await this.deps.failures.row(profile, key);
    if (!row?.ledger)
      throw new AppError(
        'NOT_FOUND',
        'That refund is not in this profile’s cache or journal (was it synced on another profile?).',
      );
    const entry: NewRefundEntry = {
      key,
      action,
      ...what,
      supplier: row.supplier,
      reference: row.reference,
      memberId: row.memberId,
      reasonCode: row.code,
      points: pointsOf(row),
      pointsBasis: row.pointsCorrection ? 'corrected' : (row.refund?.basis ?? null),
      value: valueOf(row),
      currency: row.currency,
      agent: profile.agentName,
      at: isoNow(this.clock),
    };
    const written = await this.deps.stores.for(profile.id).ledger.write(entry);
    if (!written) throw new AppError('NOT_FOUND', 'That refund is not owed on this profile.');
    this.deps.onChange(profile.id);
    const updated = await this.deps.failures.row(profile, key);
    if (!updated) throw new AppError('NOT_FOUND', 'That refund is no longer in this profile’s cache.');
    return updated;
  }

  /** Every refund the profile owes or has recorded (rows that owe nothing are not refunds). */
  private async owing(profile: Profile): Promise<FailureRow[]> {
    const rows = await this.deps.failures.rows(profile, { includeRecorded: true });
    return rows.filter((row) => row.ledger !== null);
  }

  /**
   * Owed: every refund not recorded, by the day its order was created. Refunded and not owed: the recordings
   * standing now (a reversed one no longer counts), by the day and agent that wrote them; reversals are counted
   * per agent. Days are UTC; money stays per currency.
   */
  private async totals(profile: Profile, rows: FailureRow[], filter: LedgerFilter): Promise<LedgerTotals> {
    const from = filter.from ? new Date(filter.from).toISOString() : undefined;
    const to = filter.to ? new Date(filter.to).toISOString() : undefined;
    const { standing, reopened } = await this.deps.stores.for(profile.id).ledger.entries(from, to);
    const days = new Map<string, LedgerDayTotal>();
    const day = (key: string) => {
      let total = days.get(key);
      if (!total) {
        total = {
          day: key,
          owedCount: 0,
          owedPoints: 0,
          owedValue: {},
          refundedCount: 0,
          refundedPoints: 0,
          refundedValue: {},
          notOwedCount: 0,
        };
        days.set(key, total);
      }
      return total;
    };
    const agents = new Map<string, LedgerAgentTotal>();
    const agent = (name: string) => {
      let total = agents.get(name);
      if (!total) {
        total = {
          agent: name,
          refundedCount: 0,
          refundedPoints: 0,
          refundedValue: {},
          notOwedCount: 0,
          reopenedCount: 0,
        };
        agents.set(name, total);
      }
      return total;
    };
    const totals: LedgerTotals = {
      owedCount: 0,
      owedPoints: 0,
      owedUnpriced: 0,
      owedValue: {},
      refundedCount: 0,
      refundedPoints: 0,
      refundedValue: {},
      byDay: [],
      byAgent: [],
    };
    for (const row of rows) {
      if (row.ledger!.status !== 'owed') continue;
      if (from && (!row.createdAt || row.createdAt < from)) continue;
      if (to && (!row.createdAt || row.createdAt >= to)) continue;
      const points = pointsOf(row);
      const d = day(utcDay(row.createdAt));
      totals.owedCount++;
      d.owedCount++;
      if (points === null) totals.owedUnpriced++;
      else {
        totals.owedPoints += points;
        d.owedPoints += points;
      }
      add(totals.owedValue, row.currency, valueOf(row));
      add(d.owedValue, row.currency, valueOf(row));
    }
    const count = (entry: RefundEntry) => {
      const d = day(utcDay(entry.at));
      const a = agent(entry.agent);
      if (entry.action === 'not_owed') {
        d.notOwedCount++;
        a.notOwedCount++;
        return;
      }
      totals.refundedCount++;
      d.refundedCount++;
      a.refundedCount++;
      totals.refundedPoints += entry.points ?? 0;
      d.refundedPoints += entry.points ?? 0;
      a.refundedPoints += entry.points ?? 0;
      add(totals.refundedValue, entry.currency, entry.value);
      add(d.refundedValue, entry.currency, entry.value);
      add(a.refundedValue, entry.currency, entry.value);
    };
    for (const entry of standing) count(entry);
    for (const entry of reopened) agent(entry.agent).reopenedCount++;
    totals.byDay = [...days.values()].sort((a, b) => b.day.localeCompare(a.day));
    totals.byAgent = [...agents.values()].sort((a, b) => a.agent.localeCompare(b.agent));
    return totals;
  }
}
