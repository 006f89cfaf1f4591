import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { DEPOSIT_SUPPLIER } from '../../../shared/provider-traits';
import {
  RECONCILIATION_SERIOUS,
  type ReconciliationKind,
  type ReconciliationLine,
  type ReconciliationReport,
} from '../../../shared/reconciliation';
import type { Logger } from '../../log/logger';
import { isoNow, systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { ProfileService } from '../profiles/profiles';
import type { DataPaths } from '../../environment/data-paths';

const DAY = 24 * 3600 * 1000;
/** Lines returned to the screen; the CSV has them all. */
const SHOWN = 2_000;
/** A sync this long after a confirmation should list the order. */
const SYNC_GRACE_MS = 10 * 60 * 1000;
const DAILY_KEY = 'reconciliation:daily';
const LATEST_KEY = 'reconciliation:latest';
/** Who the audit log names for the daily run: the desk, not an agent. */
const DAILY_AGENT = 'Fulfillment Desk (daily)';

export interface ReconciliationDeps {
  profiles: ProfileService;
  stores: CacheStores;
  paths: DataPaths;
  logger: Logger;
  clock?: Clock;
  /** How often the desk checks whether today's report is due (hourly by default; the first check a minute in). */
  checkEveryMs?: number;
}

/**
 * Sets the suppliers' synced order history against the journal and the deposit's movements for a period, and
 * explains every line: orders placed elsewhere, orders handed back that are not ours, confirmations the history
 * does not show, refusals the supplier holds an order for, placements still in doubt, and falls in the deposit
 * the orders placed meanwhile do not explain. Runs daily (for the 24 hours before) and on demand.
 */
export class ReconciliationService {
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ReconciliationDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Checks now and then whether the active profile's daily report is due, and runs it. */
  startDaily(): void {
    this.stopDaily();
    const check = () =>
      void this.runDailyIfDue().catch((error: unknown) =>
        this.deps.logger.warn('daily reconciliation failed', { error }),
      );
    const every = this.deps.checkEveryMs ?? 3600 * 1000;
    // The first check waits a little: at start the journal is reconciled and the history resumes first.
    this.timer = setTimeout(
      () => {
        check();
        this.timer = setInterval(check, every);
        this.timer.unref?.();
      },
      Math.min(every, 60_000),
    );
    this.timer.unref?.();
  }

  stopDaily(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
    }
    this.timer = null;
  }

  async runDailyIfDue(): Promise<ReconciliationReport | null> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const last = (await store.state.get(DAILY_KEY)) as string | null;
    const now = this.clock.now();
    // A stamp from the future (a clock that was ahead) does not postpone the next report.
    if (last && Date.parse(last) <= now && now - Date.parse(last) < DAY) return null;
    const report = await this.run('daily');
    await store.state.set(DAILY_KEY, report.generatedAt, report.generatedAt);
    return report;
  }

  /** The last report run on this profile (daily or on demand), or null. */
  async latest(): Promise<ReconciliationReport | null> {
    return (await this.deps.stores
      .for(this.deps.profiles.active().id)
      .state.get(LATEST_KEY)) as ReconciliationReport | null;
  }

  async run(
    trigger: ReconciliationReport['trigger'],
    period: { from?: string; to?: string } = {},
  ): Promise<ReconciliationReport> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const now = this.clock.now();
    const to = period.to ? new Date(period.to).toISOString() : new Date(now).toISOString();
    const from = period.from
      ? new Date(period.from).toISOString()
      : new Date(Date.parse(to) - DAY).toISOString();
    const historyAsOf: ReconciliationReport['historyAsOf'] = {};
    for (const supplier of SUPPLIERS)
      historyAsOf[supplier] = (await store.orders.cursor(supplier)).lastSyncedAt;
    const { orders, placements } = await store.reconciliation.period(from, to);
    const readings = (await store.balance.readings(from)).filter((r) => r.at < to);
    const lines: ReconciliationLine[] = [];

    for (const order of orders) {
      if (order.placementId !== null) continue;
      lines.push({
        kind: 'not_journaled',
        supplier: order.supplier,
        reference: order.reference,
        supplierOrderId: order.supplierOrderId,
        placementId: null,
        at: order.createdAt,
        amount: order.total,
        currency: order.currency,
        explanation: `${SUPPLIER_NAMES[order.supplier]} holds this order (${order.state}) and this desk never journaled it: placed by the client system's integration or another tool. Expected for orders the client system places itself; otherwise ask who placed it.`,
      });
    }
    for (const p of placements) {
      const synced = historyAsOf[p.supplier];
      for (const foreign of p.foreignOrders) {
        lines.push({
          kind: 'foreign_order',
          supplier: p.supplier,
          reference: foreign.reference,
          supplierOrderId: foreign.id,
          placementId: p.id,
          at: foreign.createdAt,
          amount: foreign.total,
          currency: p.currency,
          explanation: `${SUPPLIER_NAMES[p.supplier]} handed this order back for our reference ${p.reference} (placement #${p.id}); it is not ours and is not in the synced history. Ask ${SUPPLIER_NAMES[p.supplier]} whose order it is and whether the deposit paid for it.`,
        });
      }
      if (p.state === 'rejected' && p.orderInHistory) {
        lines.push({
          ...placementLine(p, 'rejected_but_ordered'),
          supplierOrderId: p.orderInHistory,
          explanation: `Placement #${p.id} was refused (nothing ordered), yet ${SUPPLIER_NAMES[p.supplier]}'s history lists order ${p.orderInHistory} under reference ${p.reference}. Do not place it again: ask ${SUPPLIER_NAMES[p.supplier]} Ops which is true, and check the member was not refunded for an order that exists.`,
        });
      } else if (
        p.state === 'confirmed' &&
        !p.orderInHistory &&
        synced &&
        Date.parse(synced) - Date.parse(p.createdAt) > SYNC_GRACE_MS
      ) {
        lines.push({
          ...placementLine(p, 'confirmed_missing'),
          explanation: `Placement #${p.id} was confirmed as order ${p.supplierOrderId ?? '(no id)'}, but ${SUPPLIER_NAMES[p.supplier]}'s history synced ${formatDateTime(synced)} does not list reference ${p.reference}. Look it up live; if the supplier cannot find it, ask their Ops before refunding.`,
        });
      } else if (
        ['journaled', 'unknown', 'mismatch', 'unverified', 'needs_ops', 'not_found'].includes(p.state) &&
        !p.orderInHistory
      ) {
        lines.push({
          ...placementLine(p, 'in_doubt'),
          explanation: `Placement #${p.id} is ${p.state.replace('_', ' ')}: no supplier order is known for it yet. ${p.state === 'needs_ops' ? 'It waits for Ops.' : p.state === 'not_found' ? 'Send it again with the same reference, or refund the member.' : 'The desk is still checking; do not refund or place it again.'}`,
        });
      }
    }
    lines.push(...depositLines(readings, orders));
    lines.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.at ?? '').localeCompare(b.at ?? ''));

    const counts: ReconciliationReport['counts'] = {};
    for (const line of lines) counts[line.kind] = (counts[line.kind] ?? 0) + 1;
    const generatedAt = isoNow(this.clock);
    const folder = this.deps.paths.exports;
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `reconciliation-${profile.id}-${generatedAt.replace(/[:.]/g, '-')}.csv`);
    await store.exports.rows(file, 'reconciliation', lines);
    const report: ReconciliationReport = {
      id: randomUUID(),
      trigger,
      from,
      to,
      generatedAt,
      historyAsOf,
      counts,
      lines: lines.slice(0, SHOWN),
      file,
    };
    await store.state.set(LATEST_KEY, report, generatedAt);
    await store.audit.append(
      trigger === 'daily' ? DAILY_AGENT : profile.agentName,
      'reconciliation run',
      file,
      {
        trigger,
        from,
        to,
        counts,
      },
    );
    return report;
  }
}

const rank = (kind: ReconciliationKind) =>
  RECONCILIATION_SERIOUS.includes(kind) ? 0 : kind === 'in_doubt' ? 1 : 2;

function placementLine(
  p: {
    id: number;
    supplier: ReconciliationLine['supplier'];
    reference: string;
    supplierOrderId: string | null;
    createdAt: string;
    value: number | null;
    currency: string | null;
  },
  kind: ReconciliationKind,
): Omit<ReconciliationLine, 'explanation'> {
  return {
    kind,
    supplier: p.supplier,
    reference: p.reference,
    supplierOrderId: p.supplierOrderId,
    placementId: p.id,
    at: p.createdAt,
    amount: p.value,
    currency: p.currency,
  };
}

/**
 * Falls in Available between two readings that the GiftCard Partners orders created between them do not pay for.
 * Money that moved from Pending into Available meanwhile is added back (it hid part of the fall); a reading in
 * another currency starts a new comparison.
 */
function depositLines(
  readings: Array<{ at: string; available: number; pending: number; currency: string }>,
  orders: Array<{
    supplier: string;
    createdAt: string | null;
    depositCost: number | null;
    reference: string;
  }>,
): ReconciliationLine[] {
  const lines: ReconciliationLine[] = [];
  const deposit = orders.filter((o) => o.supplier === DEPOSIT_SUPPLIER && o.createdAt);
  for (let i = 1; i < readings.length; i++) {
    const a = readings[i - 1]!;
    const b = readings[i]!;
    if (a.currency !== b.currency) continue;
    const funded = Math.max(0, a.pending - b.pending);
    const spent = Math.round((a.available - b.available + funded) * 100) / 100;
    if (spent <= 0.005) continue;
    const placed = deposit.filter((o) => o.createdAt! > a.at && o.createdAt! <= b.at);
    const explained = Math.round(placed.reduce((sum, o) => sum + (o.depositCost ?? 0), 0) * 100) / 100;
    const unknown = placed.filter((o) => o.depositCost === null).length;
    const gap = Math.round((spent - explained) * 100) / 100;
    if (gap <= 0.005) continue;
    const money = (n: number) => formatMoney(n, a.currency);
    lines.push({
      kind: 'unexplained_deposit_drop',
      supplier: DEPOSIT_SUPPLIER,
      reference: null,
      supplierOrderId: null,
      placementId: null,
      at: b.at,
      amount: gap,
      currency: a.currency,
      explanation: `Available fell by ${money(spent)} between ${formatDateTime(a.at)} and ${formatDateTime(b.at)}${funded ? ` (counting ${money(funded)} that moved in from Pending)` : ''}; the ${placed.length} GiftCard Partners ${placed.length === 1 ? 'order' : 'orders'} created then account for ${money(explained)}${unknown ? ` (${unknown} of them without a known deposit cost: sync the history)` : ''}, leaving ${money(gap)} unexplained. An order charged just after a reading explains some gaps (check the next period); otherwise ask GiftCard Partners for the account statement.`,
    });
  }
  return lines;
}
