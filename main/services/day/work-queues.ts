import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import { formatDuration } from '../../../shared/format';
import {
  QUEUE_PAGE,
  type QueueCounts,
  type QueueItem,
  type QueueQuery,
  type QueueReply,
  type QueueSummary,
} from '../../../shared/queues';
import { refundText } from '../../../shared/points';
import { STUCK_HORIZON_TEXT, stuckCutoff, type ItemKind } from '../../../shared/stuck';
import type { Store } from '../../store/protocol/api';
import type { PlacementBrief } from '../../store/protocol/api';
import { systemClock, type Clock } from '../../time/clock';
import type { CacheStores } from '../cache-stores';
import type { FailuresService } from '../failures/failures';
import type { ProfileService } from '../profiles/profiles';

export interface WorkQueuesDeps {
  profiles: ProfileService;
  stores: CacheStores;
  failures: FailuresService;
  clock?: Clock;
}

const KINDS: readonly ItemKind[] = ['gift_card', 'points_transfer'];
const COUNT_ONLY = { text: null, offset: 0, limit: 0 };

/**
 * The live work queues (Needs Ops, mismatch/unverified, stuck, refund owed, unknown status), counted and listed
 * from the cache and the journal together, so the desk's own placements are in them at once, without a sync.
 */
export class WorkQueuesService {
  private readonly clock: Clock;

  constructor(private readonly deps: WorkQueuesDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async summary(): Promise<QueueSummary> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    // Read before the calls below start: a failure here must not leave them running unobserved.
    const cutoffs = await this.cutoffs(store);
    const [ops, doubt, stuck, failures] = await Promise.all([
      store.queues.placements(['needs_ops'], COUNT_ONLY),
      store.queues.placements(['mismatch', 'unverified'], COUNT_ONLY),
      store.queues.stuck(cutoffs, COUNT_ONLY),
      store.failures.counts(),
    ]);
    const counts: QueueCounts = {
      needs_ops: ops.total,
      in_doubt: doubt.total,
      stuck: stuck.total,
      refund_owed: failures.refundOwed,
      unknown_status: failures.unknownStatus,
    };
    return { counts, asOf: await this.asOf(profile.id) };
  }

  /**
   * One queue's items, oldest first (they have waited longest), a page at a time, optionally only those of a
   * reference, supplier order id or member; with every queue's count.
   */
  async queue({ queue, text, offset = 0 }: QueueQuery): Promise<QueueReply> {
    const summary = await this.summary();
    const { items, matching } = await this.items(queue, text ?? null, offset);
    return { ...summary, queue, text: text ?? null, offset, items, matching };
  }

  private async items(
    queue: QueueQuery['queue'],
    text: string | null,
    offset: number,
  ): Promise<{ items: QueueItem[]; matching: number }> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const now = this.clock.now();
    const page = { text, offset, limit: QUEUE_PAGE };
    switch (queue) {
      case 'needs_ops':
      case 'in_doubt': {
        const states =
          queue === 'needs_ops' ? (['needs_ops'] as const) : (['mismatch', 'unverified'] as const);
        const { rows, total } = await store.queues.placements(states, page);
        return { items: rows.map((p) => placementItem(queue, p)), matching: total };
      }
      case 'stuck': {
        const { rows, total } = await store.queues.stuck(await this.cutoffs(store), page);
        const items = rows.map((item): QueueItem => ({
          queue,
          key: `item:${item.supplier}:${item.supplierOrderId}:${item.itemId}`,
          supplier: item.supplier,
          reference: item.reference,
          supplierOrderId: item.supplierOrderId,
          placementId: item.placementId,
          memberId: item.memberId,
          kind: item.kind,
          product: item.product,
          value: item.value,
          currency: item.currency,
          since: item.createdAt,
          state: item.state,
          detail: `Still “${item.supplierStatus}” after ${formatDuration(now - Date.parse(item.createdAt))} (horizon ${STUCK_HORIZON_TEXT[item.kind]}): escalate to ${SUPPLIER_NAMES[item.supplier]} Ops with the ticket summary.`,
          refund: null,
          failure: null,
        }));
        return { items, matching: total };
      }
      case 'refund_owed':
      case 'unknown_status': {
        const filter = { order: 'oldest' as const, ...(text ? { text } : {}) };
        const [rows, matching] = await Promise.all([
          this.deps.failures.rows(profile, filter, { limit: QUEUE_PAGE, offset, only: queue }),
          store.failures.count(filter, queue),
        ]);
        const items = rows.map((row): QueueItem => ({
          queue,
          key: row.key,
          supplier: row.supplier,
          reference: row.reference,
          supplierOrderId: row.supplierOrderId,
          placementId: row.placementId,
          memberId: row.memberId,
          kind: row.kind,
          product: row.product,
          value: row.value,
          currency: row.currency,
          since: row.createdAt,
          state: row.state.replace('_', ' '),
          detail:
            queue === 'refund_owed'
              ? `${row.code}${row.message ? ` — ${row.message}` : ''}: ${refundText(row.refund!)}${row.pointsCorrection ? ` (corrected to ${row.pointsCorrection.points} points by ${row.pointsCorrection.agent})` : ''}.`
              : `${SUPPLIER_NAMES[row.supplier]} reports “${row.code.slice('status:'.length)}”: ask what it means before refunding.`,
          refund: row.refund,
          failure: row,
        }));
        return { items, matching };
      }
    }
  }

  /**
   * The latest opening time that is stuck now, per kind of item and, for transfers, per time zone their business
   * days are counted in (every cached programme's, and UTC for those that give none).
   */
  private async cutoffs(store: Store): Promise<Record<string, string>> {
    const now = this.clock.now();
    const programs = await store.programs.list();
    const zones = new Set([
      'UTC',
      ...programs.flatMap((e) => (e.program.timeZone ? [e.program.timeZone] : [])),
    ]);
    const cutoffs: Record<string, string> = {};
    for (const kind of KINDS)
      for (const zone of kind === 'points_transfer' ? zones : ['UTC'])
        cutoffs[`${kind}:${zone}`] = new Date(
          stuckCutoff(kind, now, zone === 'UTC' ? null : zone),
        ).toISOString();
    return cutoffs;
  }

  private async asOf(profileId: string): Promise<QueueSummary['asOf']> {
    const store = this.deps.stores.for(profileId);
    const asOf: QueueSummary['asOf'] = {};
    for (const supplier of SUPPLIERS) asOf[supplier] = (await store.orders.cursor(supplier)).lastSyncedAt;
    return asOf;
  }
}

function placementItem(queue: QueueItem['queue'], p: PlacementBrief): QueueItem {
  return {
    queue,
    key: `placement:${p.supplier}:${p.reference}`,
    supplier: p.supplier,
    reference: p.reference,
    supplierOrderId: p.supplierOrderId,
    placementId: p.id,
    memberId: p.memberId,
    kind: p.kind,
    product: p.product,
    value: p.value === null ? null : p.value * p.quantity,
    currency: p.currency,
    since: p.createdAt,
    state: p.state.replace('_', ' '),
    detail: p.lastMessage ?? '',
    refund: null,
    failure: null,
  };
}
