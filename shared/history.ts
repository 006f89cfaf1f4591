import { z } from 'zod';
import { supplierSchema, type Supplier } from './domain';
import { ITEM_STATES, type ItemState, type OrderItem } from './orders';

export const HISTORY_SORT_COLUMNS = ['createdAt', 'reference', 'supplier', 'state', 'total'] as const;
export type HistorySortColumn = (typeof HISTORY_SORT_COLUMNS)[number];

/** What the History screen asks for: a filter, a sort and a window of rows (never all of them). */
export const historyFilterSchema = z
  .object({
    /** Free text: every word must match the start of a word in a reference, id, recipient or product. */
    search: z.string().trim().max(200).optional(),
    supplier: supplierSchema.optional(),
    state: z.enum(ITEM_STATES).optional(),
    /** ISO date-times, inclusive from, exclusive to. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    hasErrors: z.boolean().optional(),
  })
  .strict();
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const historyQuerySchema = z
  .object({
    filter: historyFilterSchema,
    sort: z.object({ column: z.enum(HISTORY_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict(),
    offset: z.number().int().nonnegative().max(100_000_000),
    limit: z.number().int().positive().max(1000),
  })
  .strict();
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** One cached order as a table row. */
export interface HistoryRow {
  id: number;
  supplier: Supplier;
  supplierOrderId: string;
  reference: string;
  /** The worst item state: failed, cancelled, unknown, pending, processing, then fulfilled. */
  state: ItemState;
  supplierStatus: string;
  createdAt: string | null;
  /** Face value (what the member's points paid for), the same for both suppliers; null when an item's value is unknown. */
  total: number | null;
  currency: string | null;
  /** What the GiftCard Partners deposit paid for the order (its own figure); null for Ascenda. */
  depositCost: number | null;
  itemCount: number;
  errorCount: number;
  recipient: string | null;
  /** The products by name (GiftCard Partners returns ids only: the cached catalogue names them). */
  products: string;
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** How many rows match the filter in all; when `capped`, at least this many (a search is not counted to the end). */
  total: number;
  /** The count stopped at `total`: the screen says "10,000+", and later pages raise it as the agent scrolls. */
  capped: boolean;
  offset: number;
}

export interface HistoryOrderDetail extends HistoryRow {
  transactedAt: string | null;
  memberId: string | null;
  deliveryType: string | null;
  syncedAt: string;
  items: OrderItem[];
}

export type SyncState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Where each supplier's history sync stands; pushed as `history.progress` and read with `history.status`. */
export interface SyncProgress {
  supplier: Supplier;
  state: SyncState;
  /** Pages done in the current run and the supplier's page count (null until known). */
  page: number;
  totalPages: number | null;
  ordersSynced: number;
  /** When a run last completed: what "cached as of" means. */
  lastSyncedAt: string | null;
  /** Why the last run failed, in plain words; `offline` when the supplier could not be reached at all. */
  error: string | null;
  offline: boolean;
}

export interface ExportProgress {
  exportId: string;
  rowsWritten: number;
  totalRows: number;
  done: boolean;
  file: string | null;
  error: string | null;
}

/** A supplier order the history sync could not read or cache, shown to the agent instead of lost silently. */
export interface QuarantinedOrder {
  supplier: Supplier;
  /** The supplier's order id; null when the record did not carry a readable one. */
  supplierOrderId: string | null;
  /** Where it was when it had no id, e.g. "page 3, record 7". */
  where: string | null;
  /** The field at fault, e.g. `order_items.0.status`. */
  fieldPath: string;
  problem: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface QuarantineReply {
  orders: QuarantinedOrder[];
  /** How many are quarantined in all (the list is capped). */
  total: number;
}
