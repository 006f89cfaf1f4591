import type { Supplier } from '../../shared/domain';
import type { Page } from '../../shared/catalogue';
import type { OrderListQuery, SupplierOrder } from '../../shared/orders';
import type { PlacementOrder } from '../../shared/placement';

/** One send of a journaled revision: every resend of the same revision carries exactly these. */
export interface CreateAttempt {
  /** Fixed when the revision was journaled (Ascenda's `transacted_at`). */
  transactedAt: string;
  /** Rises only with a correction or a retry after a definite refusal; part of the idempotency key. */
  revision: number;
}

/**
 * What every supplier offers the desk, with the same method names, so services and jobs never branch on the
 * supplier: each provider folder implements it, and a new supplier is one more folder. Failures throw a
 * SupplierError classified into the shared taxonomy; only a documented refusal is DEFINITE_REJECTION,
 * INSUFFICIENT_FUNDS or AUTH on a create (ARCHITECTURE "Money-safe outcomes").
 */
export interface SupplierPort {
  readonly supplier: Supplier;
  /** Obtains a token now (cached for later calls). */
  authenticate(): Promise<void>;
  /** Sends one journaled order; the reference is the supplier's idempotency key. */
  createOrder(order: PlacementOrder, attempt: CreateAttempt): Promise<SupplierOrder>;
  /** The order with exactly this reference, or null. */
  findOrderByReference(reference: string): Promise<SupplierOrder | null>;
  getOrder(id: string): Promise<SupplierOrder>;
  listOrders(query?: OrderListQuery): Promise<Page<SupplierOrder>>;
}
