import { z } from 'zod';
import { pointsPrice } from './catalogue';
import { SUPPLIER_NAMES, type Supplier } from './domain';
import { explainCode, REFUND_WORDS } from './error-catalogue';
import type { OrderItem, SupplierOrder } from './orders';
import { TERMINAL_STATES } from './orders';
import type { Placement } from './placement';

/** An item still pending or processing this long is stuck: outcomes can take more than a day (CONFIRMED). */
export const STUCK_AFTER_MS = 24 * 3600 * 1000;

export const lookupQuerySchema = z
  .object({
    /** A reference_id, PONumber, supplier order id or recipient email; exact or the start of one. */
    query: z.string().trim().min(2, 'Type at least 2 characters').max(200),
    /** Also ask the suppliers (false: the local cache and journal only, instant and offline). */
    live: z.boolean(),
  })
  .strict();
export type LookupQuery = z.infer<typeof lookupQuerySchema>;

export type LookupSource = 'cache' | 'journal' | 'live';

/** One line of an order's story, from the desk's journal or the supplier. */
export interface LookupEvent {
  at: string;
  source: 'journal' | 'supplier';
  message: string;
  httpStatus: number | null;
  supplierCode: string | null;
  requestId: string | null;
}

export type RecommendationKind =
  | 'delivered'
  | 'in_progress'
  | 'stuck'
  | 'refund'
  | 'escalate_ops'
  | 'checking'
  | 'rejected'
  | 'unknown_status'
  | 'not_found';

export interface Recommendation {
  kind: RecommendationKind;
  /** One line, shown prominently. */
  title: string;
  /** What to do, in full. */
  action: string;
  /** Points the member is owed back, when they are. */
  refundPoints: number | null;
  tone: 'ok' | 'busy' | 'bad' | 'ops';
}

export interface LookupResult {
  /** `supplier:orderId`, or `supplier:ref:reference` for a placement the supplier never confirmed. */
  key: string;
  supplier: Supplier;
  reference: string;
  supplierOrderId: string | null;
  match: 'exact' | 'prefix';
  /** Where it was found, and when that copy was read. */
  sources: Array<{ source: LookupSource; asOf: string }>;
  order: SupplierOrder | null;
  placement: Placement | null;
  recommendation: Recommendation;
  timeline: LookupEvent[];
}

export type LiveSearch = 'found' | 'not_found' | 'offline' | 'not_searched' | 'email';

export interface LookupReply {
  query: string;
  results: LookupResult[];
  /** What each supplier's live search did (`email`: suppliers cannot search by email; the cache did). */
  live: Record<Supplier, { outcome: LiveSearch; detail: string | null }>;
}

const pending = (item: OrderItem) => !TERMINAL_STATES.includes(item.state) && item.state !== 'unknown';
const owed = (item: OrderItem) => item.state === 'failed' || item.state === 'cancelled';

/** What the agent should do about an order, from the journal and the supplier's latest state. */
export function recommend(input: {
  order: SupplierOrder | null;
  placement: Placement | null;
  now: number;
  cpp: number;
}): Recommendation {
  const { order, placement, now, cpp } = input;
  const supplier = SUPPLIER_NAMES[order?.supplier ?? placement?.supplier ?? 'ascenda'];
  if (placement?.state === 'needs_ops') {
    return {
      kind: 'escalate_ops',
      title: `Escalate to ${supplier} Ops: the outcome is unknown`,
      action: `The desk got no definite answer after ${placement.resends} resends. Ask ${supplier} whether an order exists for reference ${placement.reference}. Do not refund or place it under a new reference until they answer.`,
      refundPoints: null,
      tone: 'ops',
    };
  }
  if (!order && (placement?.state === 'journaled' || placement?.state === 'unknown')) {
    return {
      kind: 'checking',
      title: `The desk is still checking with ${supplier}`,
      action: `${REFUND_WORDS.wait} The desk looks the reference up and resends it with the same reference only if the supplier does not have it.`,
      refundPoints: null,
      tone: 'busy',
    };
  }
  if (!order && placement?.state === 'rejected') {
    return {
      kind: 'rejected',
      title: `Refused by ${supplier}: nothing was ordered`,
      action: `${placement.lastError?.supplierMessage ?? 'See the timeline for the reason.'} Correct it and place a new order, or refund the member.`,
      refundPoints: null,
      tone: 'bad',
    };
  }
  if (!order) {
    return {
      kind: 'not_found',
      title: 'Not found anywhere: safe to place again with the same reference',
      action: `Neither the desk nor ${placement ? supplier : 'either supplier'} has an order with this reference, so placing it with the same reference cannot make a duplicate.`,
      refundPoints: null,
      tone: 'ok',
    };
  }
  const failed = order.items.filter(owed);
  if (failed.length > 0) {
    const value = failed.reduce((sum, item) => sum + item.value * item.quantity, 0);
    const points = pointsPrice(value, cpp);
    const codes = [...new Set(failed.flatMap((item) => item.errors.map((e) => e.code)))];
    const why = codes.map((code) => explainCode(order.supplier, code)?.title ?? code).join('; ');
    return {
      kind: 'refund',
      title: `Refund ${points.toLocaleString('en-US')} points`,
      action: `${failed.length} of ${order.items.length} ${order.items.length === 1 ? 'item' : 'items'} ${failed.length === 1 ? 'was' : 'were'} failed or cancelled by ${supplier}${why ? ` (${why})` : ''}. ${REFUND_WORDS.yes}`,
      refundPoints: points,
      tone: 'bad',
    };
  }
  if (order.items.some((item) => item.state === 'unknown')) {
    return {
      kind: 'unknown_status',
      title: `${supplier} reported a status the desk does not know`,
      action: `Ask ${supplier} what “${order.items.find((i) => i.state === 'unknown')!.supplierStatus}” means for this order. ${REFUND_WORDS.wait}`,
      refundPoints: null,
      tone: 'busy',
    };
  }
  if (order.items.length > 0 && order.items.every((item) => item.state === 'fulfilled')) {
    return {
      kind: 'delivered',
      title: 'Delivered',
      action:
        "The supplier issued the card. If the member cannot find it, resend the email from the member's order history and ask them to check spam.",
      refundPoints: null,
      tone: 'ok',
    };
  }
  const since = Date.parse(order.createdAt ?? order.transactedAt ?? placement?.createdAt ?? '');
  if (order.items.some(pending) && Number.isFinite(since) && now - since > STUCK_AFTER_MS) {
    const hours = Math.floor((now - since) / 3_600_000);
    return {
      kind: 'stuck',
      title: `Stuck for ${hours} h: escalate to ${supplier} Ops`,
      action: `Still ${order.items.map((i) => i.supplierStatus).join(', ')} after more than 24 hours. Send ${supplier} Ops the ticket summary below. ${REFUND_WORDS.wait}`,
      refundPoints: null,
      tone: 'ops',
    };
  }
  return {
    kind: 'in_progress',
    title: `In progress at ${supplier}`,
    action: `The supplier is still issuing the card; most finish within minutes, some take up to a day. ${REFUND_WORDS.wait}`,
    refundPoints: null,
    tone: 'busy',
  };
}

/** Plain text for a supplier ticket or a hand-over: everything Ops asks for, nothing secret. */
export function ticketSummary(result: LookupResult): string {
  const { order, placement } = result;
  const lines = [
    `Supplier: ${SUPPLIER_NAMES[result.supplier]}`,
    `Reference: ${result.reference}`,
    `Supplier order id: ${result.supplierOrderId ?? 'none (not confirmed)'}`,
  ];
  if (order) {
    lines.push(`Created: ${order.createdAt ?? 'unknown'}`, `Supplier status: ${order.supplierStatus}`);
    for (const item of order.items) {
      lines.push(
        `Item ${item.id}: ${item.productName ?? item.productId} ${item.value} ${item.currency ?? ''} x${item.quantity} — ${item.supplierStatus}`,
      );
      for (const error of item.errors) lines.push(`  ${error.code}: ${error.message}`);
    }
  }
  if (placement) {
    lines.push(`Desk placement #${placement.id}: ${placement.state}, ${placement.attempts} attempts`);
    for (const event of placement.timeline.filter((e) => e.httpStatus !== null || e.requestId)) {
      lines.push(
        `  ${event.at} ${event.kind}${event.httpStatus !== null ? ` HTTP ${event.httpStatus}` : ''}${event.supplierCode ? ` ${event.supplierCode}` : ''}${event.requestId ? ` request ${event.requestId}` : ''}`,
      );
    }
  }
  lines.push(`Recommended: ${result.recommendation.title}`);
  return lines.join('\n');
}
