import { z } from 'zod';
import type { Supplier } from './domain';
import type { FailureRow } from './failures';
import type { RefundOwed } from './points';
import type { ItemKind } from './stuck';

/**
 * The live work queues, most urgent first: an order the supplier never answered for (Ops), then orders the desk
 * cannot prove ours, then orders past their horizon, then members owed a refund, then statuses nobody knows yet.
 */
export const QUEUES = ['needs_ops', 'in_doubt', 'stuck', 'refund_owed', 'unknown_status'] as const;
export type QueueId = (typeof QUEUES)[number];

export const QUEUE_LABELS: Record<QueueId, string> = {
  needs_ops: 'Needs Ops',
  in_doubt: 'Mismatch / unverified',
  stuck: 'Stuck',
  refund_owed: 'Refund owed',
  unknown_status: 'Unknown status',
};

export const QUEUE_PURPOSE: Record<QueueId, string> = {
  needs_ops: 'The supplier never gave a definite answer: ask their Ops. Do not refund or place again.',
  in_doubt:
    'The supplier handed back an order the desk cannot prove ours: resolve it with a reason, or wait for the checks.',
  stuck:
    'Still pending or processing past its horizon (24 h for gift cards, 5 business days for transfers): escalate.',
  refund_owed: 'Failed, cancelled or not ours: refund the member and record it with the transaction id.',
  unknown_status: 'A status the desk does not know: ask the supplier what it means. Do not refund yet.',
};

export const queueQuerySchema = z
  .object({
    queue: z.enum(QUEUES),
    /** A reference or supplier order id (exact or its start), or a member id. */
    text: z.string().trim().min(1).max(200).optional(),
    offset: z.number().int().nonnegative().max(1_000_000).optional(),
  })
  .strict();
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** Items a queue lists per page, oldest first. */
export const QUEUE_PAGE = 200;

export interface QueueItem {
  queue: QueueId;
  /** The failure key (item or placement) or `placement:<id>`: stable while the item is in the queue. */
  key: string;
  supplier: Supplier;
  reference: string;
  supplierOrderId: string | null;
  placementId: number | null;
  memberId: string | null;
  kind: ItemKind;
  product: string | null;
  value: number | null;
  currency: string | null;
  /** When the wait began (the order's creation): what age is measured from. */
  since: string | null;
  /** The state in the desk's words ("needs ops", "processing", "failed"). */
  state: string;
  /** One line: why it is here. */
  detail: string;
  /** What the member is owed back (refund queue). */
  refund: RefundOwed | null;
  /** The failure behind a refund or unknown-status item: what the ledger records against. */
  failure: FailureRow | null;
}

export type QueueCounts = Record<QueueId, number>;

export interface QueueSummary {
  counts: QueueCounts;
  /** When each supplier's history was last synced: what the counts are as of. */
  asOf: Partial<Record<Supplier, string | null>>;
}

export interface QueueReply extends QueueSummary {
  queue: QueueId;
  text: string | null;
  offset: number;
  items: QueueItem[];
  /** How many items match the text (all of the queue without one). */
  matching: number;
}
