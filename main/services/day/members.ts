import { AppError } from '../../../shared/errors';
import type { HistoryOrderDetail } from '../../../shared/history';
import type { MemberOrder, MemberView } from '../../../shared/member';
import { IN_DOUBT_STATES } from '../../../shared/placement';
import type { CacheStores } from '../cache-stores';
import type { FailuresService } from '../failures/failures';
import type { ProfileService } from '../profiles/profiles';

export interface MembersServiceDeps {
  profiles: ProfileService;
  stores: CacheStores;
  failures: FailuresService;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * One member across both suppliers and the journal: every order, what they are owed and were refunded, what is
 * still open, and the notes on their orders. GiftCard Partners returns no member, so its orders join the member
 * through the desk's placements (by reference) or the recipient's email.
 */
export class MembersService {
  constructor(private readonly deps: MembersServiceDeps) {}

  async view(query: string): Promise<MemberView> {
    const profile = this.deps.profiles.active();
    const store = this.deps.stores.for(profile.id);
    const identity = await this.identify(query);
    const { placements, orders } = await store.members.records(identity);
    const merged = new Map<string, MemberOrder>();
    for (const order of orders) merged.set(`${order.supplier}:${order.reference}`, fromHistory(order));
    for (const p of placements) {
      const key = `${p.supplier}:${p.reference}`;
      const known = merged.get(key);
      if (known) {
        merged.set(key, { ...known, sources: ['history', 'journal'], placementId: p.id });
        continue;
      }
      merged.set(key, {
        supplier: p.supplier,
        reference: p.reference,
        supplierOrderId: p.supplierOrderId,
        createdAt: p.createdAt,
        state:
          p.state !== 'confirmed'
            ? p.state.replace('_', ' ')
            : p.outcome === 'fulfilled'
              ? 'placed — fulfilled'
              : p.outcome === 'refund_due'
                ? 'placed — item failed'
                : 'placed — being tracked',
        products: p.product ?? '—',
        faceValue: p.value === null ? null : Math.round(p.value * p.quantity * 100) / 100,
        currency: p.currency,
        depositCost: null,
        sources: ['journal'],
        placementId: p.id,
        orderId: null,
      });
    }
    const list = [...merged.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    const references = new Set(list.map((o) => `${o.supplier}:${o.reference}`));
    const failures = await this.deps.failures.rows(profile, { includeRecorded: true });
    const mine = failures.filter(
      (row) =>
        row.ledger !== null &&
        ((identity.memberId !== null && row.memberId === identity.memberId) ||
          references.has(`${row.supplier}:${row.reference}`)),
    );
    const owed = mine.filter((row) => row.ledger!.status === 'owed');
    const recorded = mine.filter((row) => row.ledger!.status !== 'owed');
    const points = (row: (typeof mine)[number]) => row.pointsCorrection?.points ?? row.refund?.points ?? null;
    const notes = await store.notes.forOrders(
      list.map((o) => ({ supplier: o.supplier, reference: o.reference })),
      identity.memberId,
    );
    return {
      query,
      identity,
      orders: list,
      refunds: {
        owed,
        recorded,
        owedPoints: owed.reduce((sum, row) => sum + (points(row) ?? 0), 0),
        refundedPoints: recorded
          .filter((row) => row.ledger!.status === 'refunded')
          .reduce((sum, row) => sum + (row.ledger!.latest?.points ?? 0), 0),
        unpriced: owed.filter((row) => points(row) === null).length,
      },
      openPlacements: placements
        .filter((p) => IN_DOUBT_STATES.includes(p.state) || p.outcome === 'tracking')
        .map((p) => ({
          id: p.id,
          supplier: p.supplier,
          reference: p.reference,
          state: p.state,
          since: p.createdAt,
        })),
      notes,
    };
  }

  /** A member id, or the member an order, reference or supplier order id belongs to, or a recipient's email. */
  private async identify(query: string): Promise<MemberView['identity']> {
    const text = query.trim();
    if (EMAIL.test(text)) return { memberId: null, email: text, how: `orders sent to ${text}` };
    const owner = await this.deps.stores.for(this.deps.profiles.active().id).members.of(text);
    if (owner?.memberId) return { memberId: owner.memberId, email: null, how: `member of the order ${text}` };
    if (owner?.email)
      return {
        memberId: null,
        email: owner.email,
        how: `the order ${text} has no member id; orders sent to ${owner.email}`,
      };
    if (!text) throw new AppError('VALIDATION', 'Type a member id, email, reference or order id.');
    return { memberId: text, email: null, how: `member id ${text}` };
  }
}

function fromHistory(order: HistoryOrderDetail): MemberOrder {
  return {
    supplier: order.supplier,
    reference: order.reference,
    supplierOrderId: order.supplierOrderId,
    createdAt: order.createdAt,
    state: order.state,
    products: order.products,
    faceValue: order.total,
    currency: order.currency,
    depositCost: order.depositCost,
    sources: ['history'],
    placementId: null,
    orderId: order.id,
  };
}
