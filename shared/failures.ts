import { z } from 'zod';
import { SUPPLIER_NAMES, type Supplier } from './domain';
import type { RefundRule } from './error-catalogue';
import type { RefundOwed } from './points';

export const failureFilterSchema = z
  .object({
    supplier: z.enum(['ascenda', 'gcp']).optional(),
    /** ISO date-times on the order's creation, inclusive from, exclusive to. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    code: z.string().trim().min(1).max(64).optional(),
    includeHandled: z.boolean().optional(),
  })
  .strict();
export type FailureFilter = z.infer<typeof failureFilterSchema>;

/** The group of a failure with no supplier code of its own. */
export const NO_CODE = 'NO_CODE';
/** The group of placements whose outcome stayed unknown (needs_ops). */
export const NEEDS_OPS = 'NEEDS_OPS';
/** Placements whose order handed back differs from what was journaled, or cannot be checked. */
export const MISMATCH = 'MISMATCH';
export const UNVERIFIED = 'UNVERIFIED';
/** Placements whose order handed back was resolved "not ours" and ours was not found: a refund unless resent. */
export const NOT_OURS = 'NOT_OURS';
/** Items with a status the desk does not know are grouped under that status: `status:<supplier's word>`. */
export const UNKNOWN_STATUS_PREFIX = 'status:';

/** One failed or cancelled item, one item in an unknown status, or one placement a person must settle. */
export interface FailureRow {
  /** Stable across syncs: `item:supplier:orderId:itemId` or `placement:supplier:reference`. */
  key: string;
  supplier: Supplier;
  reference: string;
  supplierOrderId: string | null;
  itemId: string | null;
  /** The desk's placement behind the row, when it placed the order. */
  placementId: number | null;
  state: 'failed' | 'cancelled' | 'unknown' | 'needs_ops' | 'mismatch' | 'unverified' | 'not_ours';
  code: string;
  /** The supplier's message, verbatim. */
  message: string;
  product: string | null;
  value: number | null;
  currency: string | null;
  quantity: number | null;
  createdAt: string | null;
  handled: { agent: string; note: string; at: string } | null;
  /** What the member is owed back (failed, cancelled, not ours); null where nothing is owed yet. */
  refund: RefundOwed | null;
  /** An agent's correction of the points, when there is one (it replaces `refund.points`). */
  pointsCorrection: PointsCorrection | null;
}

export interface PointsCorrection {
  points: number;
  reason: string;
  agent: string;
  at: string;
}

/** The subject a points correction is recorded under: the supplier order, or the placement's reference. */
export const correctionSubject = (row: Pick<FailureRow, 'supplier' | 'supplierOrderId' | 'reference'>) =>
  row.supplierOrderId ? `${row.supplier}:${row.supplierOrderId}` : `${row.supplier}:ref:${row.reference}`;

export interface FailureGroup {
  supplier: Supplier;
  code: string;
  title: string;
  explanation: string;
  action: string;
  refund: RefundRule;
  count: number;
  handled: number;
  rows: FailureRow[];
}

export interface FailuresReply {
  groups: FailureGroup[];
  total: number;
  /** When each supplier's history was last synced: what "as of" means for these counts. */
  asOf: Partial<Record<Supplier, string | null>>;
}

export const failureHandleSchema = z
  .object({
    key: z.string().min(1).max(400),
    note: z.string().trim().min(1, 'Say what was done (e.g. "refunded 5,000 points, ticket 123")').max(1000),
  })
  .strict();

/** An agent corrects the points owed for an order priced at today's rate (audited, append-only). */
export const pointsCorrectionSchema = z
  .object({
    key: z.string().min(1).max(400),
    points: z.number().int('Whole points').min(0, 'Points cannot be negative').max(1_000_000_000),
    reason: z.string().trim().min(10, 'Type a reason of at least 10 characters').max(500),
  })
  .strict();

/** Plain text about one failure for a supplier ticket or a hand-over. */
export function failureTicket(row: FailureRow, group: Pick<FailureGroup, 'title' | 'action'>): string {
  return [
    `Supplier: ${SUPPLIER_NAMES[row.supplier]}`,
    `Reference: ${row.reference}`,
    `Supplier order id: ${row.supplierOrderId ?? 'none (not confirmed)'}`,
    ...(row.itemId
      ? [
          `Item: ${row.itemId} ${row.product ?? ''} ${row.value ?? 'value not returned'} ${row.currency ?? ''} x${row.quantity ?? '?'}`,
        ]
      : []),
    `State: ${row.state}`,
    `Code: ${row.code}${row.message ? ` — ${row.message}` : ''}`,
    `Created: ${row.createdAt ?? 'unknown'}`,
    `Meaning: ${group.title}`,
    `Action: ${group.action}`,
  ].join('\n');
}
