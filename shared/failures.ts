import { z } from 'zod';
import type { Supplier } from './domain';
import type { RefundRule } from './error-catalogue';

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

/** One failed or cancelled item, or one needs_ops placement. */
export interface FailureRow {
  /** Stable across syncs: `item:supplier:orderId:itemId` or `placement:supplier:reference`. */
  key: string;
  supplier: Supplier;
  reference: string;
  supplierOrderId: string | null;
  itemId: string | null;
  state: 'failed' | 'cancelled' | 'needs_ops';
  code: string;
  /** The supplier's message, verbatim. */
  message: string;
  product: string | null;
  value: number | null;
  currency: string | null;
  quantity: number;
  createdAt: string | null;
  handled: { agent: string; note: string; at: string } | null;
}

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

/** Plain text about one failure for a supplier ticket or a hand-over. */
export function failureTicket(row: FailureRow, group: Pick<FailureGroup, 'title' | 'action'>): string {
  return [
    `Supplier: ${row.supplier === 'ascenda' ? 'Ascenda' : 'GiftCard Partners'}`,
    `Reference: ${row.reference}`,
    `Supplier order id: ${row.supplierOrderId ?? 'none (not confirmed)'}`,
    ...(row.itemId
      ? [`Item: ${row.itemId} ${row.product ?? ''} ${row.value ?? ''} ${row.currency ?? ''} x${row.quantity}`]
      : []),
    `State: ${row.state}`,
    `Code: ${row.code}${row.message ? ` — ${row.message}` : ''}`,
    `Created: ${row.createdAt ?? 'unknown'}`,
    `Meaning: ${group.title}`,
    `Action: ${group.action}`,
  ].join('\n');
}
