/**
 * The records the store protocol carries that are not screens' shapes: what a service hands the store to write,
 * and what the store hands back for a service to decide on. Declared here, beside the protocol, so a second store
 * (the team's PostgreSQL) implements the same shapes without importing the SQLite modules.
 */
import type { UnreadableRecord } from '../../../shared/catalogue';
import type { Supplier } from '../../../shared/domain';
import type { BulkRowState } from '../../../shared/bulk';
import type { FailureRow } from '../../../shared/failures';
import type { SyncState } from '../../../shared/history';
import type { IntentMatch } from '../../../shared/intents';
import type { ItemKind, SupplierOrder } from '../../../shared/orders';
import type {
  PlacementEvent,
  PlacementOrder,
  PlacementOutcome,
  PlacementState,
  PointsAtRate,
  Verification,
} from '../../../shared/placement';
import type { LedgerState, RefundEntry } from '../../../shared/refunds';
import type { SupplierErrorInfo } from '../../../shared/supplier-errors';

export interface NewPlacement {
  profileId: string;
  supplier: Supplier;
  reference: string;
  order: PlacementOrder;
  memberId: string | null;
  agent: string;
  /** Wall time of the journal write (the desk's one clock). */
  at: string;
  transactedAt: string;
  points: PointsAtRate | null;
  intentOverride: string | null;
}

/** A state change and the timeline line that explains it, written together. */
export interface PlacementChange {
  at: string;
  state: PlacementState;
  /** The state the change was decided from: a placement that moved meanwhile is not overwritten. */
  expect?: readonly PlacementState[];
  outcome?: PlacementOutcome | null;
  attempts?: number;
  resends?: number;
  lookups?: number;
  /** Our verified order (its id becomes the placement's supplier order id). */
  supplierOrder?: SupplierOrder | null;
  candidate?: { order: SupplierOrder; verification: Verification } | null;
  /** Appended to the orders kept for Ops (once per supplier order id). */
  foreignOrder?: SupplierOrder;
  lastError?: SupplierErrorInfo | null;
  nextCheckAt?: string | null;
  unknownStatusSince?: string | null;
  /** A new revision of the request under the same reference; the current one is kept in the revisions. */
  revise?: {
    order: PlacementOrder;
    transactedAt: string;
    points: PointsAtRate | null;
    reason: string | null;
  };
  /** A retry after a definite refusal rises the revision (the supplier may have stored the refusal). */
  bumpRevision?: { transactedAt: string; reason: string | null };
  /** Null: bookkeeping with no timeline line. */
  event: Omit<PlacementEvent, 'at' | 'state'> | null;
  /** Written to the audit log in the same transaction. */
  audit?: { agent: string; action: string; details?: Record<string, unknown> };
}

/** A ledger entry before it is written (the store gives it its id). */
export type NewRefundEntry = Omit<RefundEntry, 'id'>;

/** A GiftCard Partners placement the journal has no settled answer for yet (whether it is in flight is decided by `isMoneyInFlight`). */
export interface UnsettledPlacement {
  reference: string;
  state: PlacementState;
  order: PlacementOrder;
}

/** A failure row as the store reads it; the service prices its refund (rates live in the profile). */
export type StoredFailure = Omit<FailureRow, 'refund' | 'pointsCorrection' | 'ledger'> & {
  /** The ledger's latest entry and any pre-ledger handling note; the service decides the state from them. */
  ledgerEntry: RefundEntry | null;
  legacyHandled: LedgerState['legacy'];
  journaledPoints: PointsAtRate | null;
  /** The product's id (the row shows its name): the key to its currency when the supplier gave none. */
  productId: string | null;
};

/** The part of the failures a work queue lists. */
export type FailureSubset = 'refund_owed' | 'unknown_status';

/** A placement as a queue lists it: no timeline, no revisions. */
export interface PlacementBrief {
  id: number;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  outcome: PlacementOutcome | null;
  supplierOrderId: string | null;
  memberId: string | null;
  /** A transfer's value is its amount in programme units, with no currency. */
  kind: ItemKind;
  product: string | null;
  value: number | null;
  currency: string | null;
  quantity: number;
  createdAt: string;
  lastMessage: string | null;
}

/** An item still pending or processing, from the cache or a tracked placement not yet cached. */
export interface OpenItem {
  supplier: Supplier;
  reference: string;
  supplierOrderId: string;
  itemId: string;
  placementId: number | null;
  memberId: string | null;
  kind: ItemKind;
  state: string;
  supplierStatus: string;
  product: string | null;
  value: number | null;
  currency: string | null;
  createdAt: string;
}

/** A page of a queue: `text` keeps only one reference or supplier order id (exact or its start), or member. */
export interface QueuePage {
  text: string | null;
  offset: number;
  limit: number;
}

export interface SyncCursor {
  supplier: Supplier;
  status: SyncState;
  /** The next page to fetch in the current (or interrupted) run, 1-based. */
  nextPage: number;
  totalPages: number | null;
  ordersSynced: number;
  /** Orders created before this need not be fetched again in this run (incremental); null = everything. */
  since: string | null;
  /** The newest order time seen by the last completed run: the next run's starting point. */
  watermark: string | null;
  runStartedAt: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  offline: boolean;
}

export interface RowChange {
  state: BulkRowState;
  placementId?: number | null;
  message?: string | null;
  held?: IntentMatch[] | null;
  override?: string | null;
}

/** An unreadable record of a history page, with the page it came on. */
export type QuarantineEntry = UnreadableRecord & { page: number };

export interface PeriodOrder {
  supplier: Supplier;
  reference: string;
  supplierOrderId: string;
  createdAt: string | null;
  state: string;
  total: number | null;
  depositCost: number | null;
  currency: string | null;
  placementId: number | null;
}

export interface PeriodPlacement {
  id: number;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  supplierOrderId: string | null;
  createdAt: string;
  value: number | null;
  currency: string | null;
  /** The supplier's order for this reference, when the history holds one. */
  orderInHistory: string | null;
  foreignOrders: SupplierOrder[];
}
