import { z } from 'zod';
import { SUPPLIER_NAMES, supplierSchema, type Supplier } from './domain';
import type { RefundRule } from './error-catalogue';
import { formatDateTime } from './format';
import type { RefundOwed } from './points';
import type { LedgerState, LedgerTotals } from './refunds';
import type { ItemKind } from './stuck';

export const failureFilterSchema = z
  .object({
    supplier: supplierSchema.optional(),
    /** ISO date-times on the order's creation, inclusive from, exclusive to. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    code: z.string().trim().min(1).max(64).optional(),
    /** A reference or supplier order id (exact or its start), or a member id. */
    text: z.string().trim().min(1).max(200).optional(),
    /** Also list refunds already recorded in the ledger (refunded, not owed). */
    includeRecorded: z.boolean().optional(),
    /** Newest first (the default) or oldest first. */
    order: z.enum(['newest', 'oldest']).optional(),
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
  /** The member's id in the client system, where the journal or the supplier knows it. */
  memberId: string | null;
  /** A gift card, or a points transfer (its value is an amount in programme units, with no currency). */
  kind: ItemKind;
  state: 'failed' | 'cancelled' | 'unknown' | 'needs_ops' | 'mismatch' | 'unverified' | 'not_ours';
  code: string;
  /** The supplier's message, verbatim. */
  message: string;
  product: string | null;
  value: number | null;
  currency: string | null;
  quantity: number | null;
  createdAt: string | null;
  /** Where the refund stands in the ledger; null where nothing is owed (yet). */
  ledger: LedgerState | null;
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
  /** Rows whose refund is recorded in the ledger (listed only with `includeRecorded`). */
  recorded: number;
  rows: FailureRow[];
}

export interface FailuresReply {
  groups: FailureGroup[];
  total: number;
  /** When each supplier's history was last synced: what "as of" means for these counts. */
  asOf: Partial<Record<Supplier, string | null>>;
}

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
    ...(row.memberId ? [`Member: ${row.memberId}`] : []),
    `Code: ${row.code}${row.message ? ` — ${row.message}` : ''}`,
    `Created: ${row.createdAt ?? 'unknown'}`,
    `Meaning: ${group.title}`,
    `Action: ${group.action}`,
    ...(row.ledger ? [`Refund: ${ledgerWords(row.ledger)}`] : []),
  ].join('\n');
}

/** Where a refund stands, in words for a ticket or a cell. */
export function ledgerWords(ledger: LedgerState, when: (iso: string) => string = formatDateTime): string {
  const latest = ledger.latest;
  switch (ledger.status) {
    case 'refunded':
      return `refunded by ${latest!.agent} (transaction ${latest!.transactionId}) at ${when(latest!.at)}`;
    case 'not_owed':
      return `not owed, said ${latest!.agent} at ${when(latest!.at)}: ${latest!.reason}`;
    case 'handled_before_ledger':
      return `marked handled by ${ledger.legacy!.agent} at ${when(ledger.legacy!.at)} (before the ledger): ${ledger.legacy!.note}`;
    case 'owed':
      return latest
        ? `owed, not recorded (reopened by ${latest.agent} at ${when(latest.at)}: ${latest.reason})`
        : 'owed, not recorded';
  }
}

/** The Refunds screen: each refund (a failure that owes the member) as filtered, with the ledger's totals. */
export interface LedgerReply {
  rows: FailureRow[];
  totals: LedgerTotals;
}
