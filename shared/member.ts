import { z } from 'zod';
import type { Supplier } from './domain';
import type { FailureRow } from './failures';
import type { OrderNote } from './notes';

/** "From any order, reference, email or member id": what the member view opens on. */
export const memberQuerySchema = z
  .object({ query: z.string().trim().min(1, 'Type a member id, email, reference or order id').max(200) })
  .strict();

export interface MemberOrder {
  supplier: Supplier;
  reference: string;
  supplierOrderId: string | null;
  createdAt: string | null;
  /** The order's worst item state, or the placement's state when the history does not have it yet. */
  state: string;
  products: string;
  /** Face value, for both suppliers. */
  faceValue: number | null;
  currency: string | null;
  depositCost: number | null;
  /** Where the desk knows it from: the synced history, the desk's journal, or both. */
  sources: Array<'history' | 'journal'>;
  placementId: number | null;
  /** The cached order's row (opens in History). */
  orderId: number | null;
}

export interface MemberView {
  query: string;
  /** Who the view is about, and how the query led there. */
  identity: { memberId: string | null; email: string | null; how: string };
  orders: MemberOrder[];
  /** Refunds owed (not recorded) and recorded, with their points. */
  refunds: {
    owed: FailureRow[];
    recorded: FailureRow[];
    owedPoints: number;
    refundedPoints: number;
    /** Owed refunds whose points cannot be priced. */
    unpriced: number;
  };
  /** The member's placements still in flight, in doubt or waiting for Ops. */
  openPlacements: Array<{ id: number; supplier: Supplier; reference: string; state: string; since: string }>;
  notes: OrderNote[];
}
