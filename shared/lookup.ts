import { z } from 'zod';
import { SUPPLIER_NAMES, type Supplier } from './domain';
import { explainCode, REFUND_WORDS } from './error-catalogue';
import { formatDateTime, formatDuration } from './format';
import { memberMessage, type RecommendationKind } from './member-messages';
import { noteLine, type OrderNote } from './notes';
import type { OrderItem, SupplierOrder } from './orders';
import { describeItem, TERMINAL_STATES } from './orders';
import { isTransfer, orderFacts, type Placement } from './placement';
import { isStuck, STUCK_HORIZON_TEXT, stuckAt } from './stuck';
import { refundOwed, refundText, type PointRates, type RefundOwed } from './points';

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
  /** The desk's journal, the supplier, or an agent's note. */
  source: 'journal' | 'supplier' | 'note';
  message: string;
  httpStatus: number | null;
  supplierCode: string | null;
  requestId: string | null;
}

export interface Recommendation {
  kind: RecommendationKind;
  /** One line, shown prominently. */
  title: string;
  /** What to do, in full. */
  action: string;
  /** Points the member is owed back, when they are and a rate prices them. */
  refundPoints: number | null;
  /** The refund in full (points, currency, and whether the rate was journaled or is today's). */
  refund: RefundOwed | null;
  tone: 'ok' | 'busy' | 'bad' | 'ops';
  /** What to tell the member: a short template the agent edits and copies into the ticket. */
  memberMessage: string;
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
  /** Set when the placement comes from a deleted profile's archived journal: shown read-only. */
  archived: { profileName: string; archivedAt: string } | null;
  recommendation: Recommendation;
  timeline: LookupEvent[];
  /** Agents' notes on this order, oldest first. */
  notes: OrderNote[];
}

export type LiveSearch = 'found' | 'not_found' | 'offline' | 'not_searched' | 'email';

/** A reference close to the one typed (same start, or one or two characters off): the likely typo's target. */
export interface NearMatch {
  source: 'cache' | 'journal';
  supplier: Supplier;
  reference: string;
  placementId: number | null;
  orderId: number | null;
}

export interface LookupReply {
  query: string;
  results: LookupResult[];
  /** What each supplier's live search did (`email`: suppliers cannot search by email; the cache did). */
  live: Record<Supplier, { outcome: LiveSearch; detail: string | null }>;
  /** Why the text cannot be a reference (spaces, an email, too long, not printable), or null. */
  referenceProblem: string | null;
  /** References in the cache and journal close to the text, shown before anything is offered to place. */
  nearMatches: NearMatch[];
  /**
   * True only when the text passes the reference rule, nothing local has it and both suppliers answered an
   * exact look-up with "not found": the one case the desk may say "not found anywhere".
   */
  notFoundAnywhere: boolean;
}

/**
 * The reference rule (ARCHITECTURE "Money-safe outcomes"): 1–64 printable characters, no spaces, not an email.
 * Returns why a text fails it, or null.
 */
export function referenceProblem(text: string): string | null {
  if (text.length === 0) return 'Type a reference.';
  if (text.length > 64) return 'A reference is at most 64 characters.';
  if (/\s/.test(text)) return 'A reference has no spaces.';
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return 'This is an email address, not a reference.';
  if (!/^[\x21-\x7e]+$/.test(text)) return 'A reference is printable ASCII characters only.';
  return null;
}

/** Damerau-free edit distance, stopped early past `max` (near matches only care about 1 or 2). */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      best = Math.min(best, current[j]!);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const pending = (item: OrderItem) => !TERMINAL_STATES.includes(item.state) && item.state !== 'unknown';
const owed = (item: OrderItem) => item.state === 'failed' || item.state === 'cancelled';

/** What the agent should do about an order, from the journal and the supplier's latest state. */
export function recommend(input: {
  order: SupplierOrder | null;
  placement: Placement | null;
  now: number;
  rates: PointRates;
  /** A loyalty programme's time zone, where the desk knows it: a transfer's business days are counted in it. */
  programTimeZone?: (programId: string) => string | null;
}): Recommendation {
  const advice = advise(input);
  return {
    ...advice,
    memberMessage: memberMessage({
      kind: advice.kind,
      order: input.order,
      placement: input.placement,
      refund: advice.refund,
    }),
  };
}

function advise(input: {
  order: SupplierOrder | null;
  placement: Placement | null;
  now: number;
  rates: PointRates;
  programTimeZone?: (programId: string) => string | null;
}): Omit<Recommendation, 'memberMessage'> {
  const { order, placement, now, rates } = input;
  const supplier = SUPPLIER_NAMES[order?.supplier ?? placement?.supplier ?? 'ascenda'];
  const base = { refundPoints: null, refund: null };
  if (placement?.state === 'needs_ops') {
    const other = placement.candidate
      ? ` ${supplier} handed back order ${placement.candidate.order.id}, which is not provably ours: include both in the ticket.`
      : '';
    return {
      ...base,
      kind: 'escalate_ops',
      title: `Needs Ops: ask ${supplier} — do not place again`,
      action: `The desk got no definite answer (${placement.resends} resends, ${placement.lookups} look-ups). Ask ${supplier} whether an order exists for reference ${placement.reference}.${other} Do not refund or place it under a new reference until they answer.`,
      tone: 'ops',
    };
  }
  if (placement?.state === 'mismatch' || placement?.state === 'unverified') {
    const mismatch = placement.state === 'mismatch';
    return {
      ...base,
      kind: placement.state,
      title: mismatch
        ? `Mismatch: ${supplier} handed back an order that differs — not confirmed`
        : `Unverified: ${supplier}'s answer cannot be checked — not confirmed`,
      action: `${mismatch ? 'What the supplier returned differs from what was journaled' : 'The supplier did not return enough to check the order is ours'}; see the differences below. The desk keeps looking our reference up. ${REFUND_WORDS.wait} Do not place it again. If you can tell, resolve it as ours or not ours with a reason.`,
      tone: 'ops',
    };
  }
  if (placement?.state === 'not_found') {
    return {
      ...base,
      kind: 'not_ours',
      title: 'Not ours: our order was not found',
      action: `An agent resolved the order ${supplier} handed back as not ours, and no order with reference ${placement.reference} was found. Send it again with the same reference, or refund the member.`,
      tone: 'bad',
    };
  }
  if (!order && (placement?.state === 'journaled' || placement?.state === 'unknown')) {
    return {
      ...base,
      kind: 'checking',
      title: `The desk is still checking with ${supplier}`,
      action: `${REFUND_WORDS.wait} The desk looks the reference up and resends it with the same reference only if the supplier does not have it.`,
      tone: 'busy',
    };
  }
  if (!order && placement?.state === 'rejected') {
    return {
      ...base,
      kind: 'rejected',
      title: `Refused by ${supplier}: nothing was ordered`,
      action: `${placement.lastError?.supplierMessage ?? 'See the timeline for the reason.'} Correct it and resend it under the same reference, or refund the member.`,
      tone: 'bad',
    };
  }
  if (!order) {
    return {
      ...base,
      kind: 'not_found',
      title: 'Not found in the cache or the journal',
      action: `Neither the desk's cache nor its journal has an order with this reference at ${supplier}.`,
      tone: 'busy',
    };
  }
  const placed = placement?.state === 'confirmed' ? 'Placed — ' : '';
  const failed = order.items.filter(owed);
  if (failed.length > 0) {
    const refund = refundOwed(order.items, placement?.points ?? null, rates);
    const codes = [...new Set(failed.flatMap((item) => item.errors.map((e) => e.code)))];
    const what = failed.every((item) => item.state === 'cancelled') ? 'cancelled' : 'failed';
    const transfer = failed.some((item) => item.kind === 'points_transfer');
    // A transfer network's code is explained in full: what the agent tells the member depends on it.
    const why = codes
      .map((code) => {
        const known = explainCode(order.supplier, code);
        if (!known) return code;
        return transfer ? `${known.title} (${code}): ${known.explanation.replace(/\.$/, '')}` : known.title;
      })
      .join('; ');
    const owedText =
      transfer && refund.points === null
        ? 'refund the points the member redeemed (in the client system: the desk did not journal this transfer)'
        : refundText(refund);
    return {
      kind: 'refund',
      title: `${placed ? 'Placed — ' : ''}${placed ? (transfer ? 'transfer' : 'item') : transfer ? 'Transfer' : 'Item'} ${what}: ${owedText}`,
      action: `${failed.length} of ${order.items.length} ${order.items.length === 1 ? 'item' : 'items'} ${failed.length === 1 ? 'was' : 'were'} failed or cancelled by ${supplier}${why ? ` (${why})` : ''}. Give the member ${transfer ? 'the points they redeemed for the transfer' : 'their points'} back.`,
      refundPoints: refund.points,
      refund,
      tone: 'bad',
    };
  }
  if (order.items.some((item) => item.state === 'unknown')) {
    return {
      ...base,
      kind: 'unknown_status',
      title: `${supplier} reported a status the desk does not know`,
      action: `Ask ${supplier} what “${order.items.find((i) => i.state === 'unknown')!.supplierStatus}” means for this order. ${REFUND_WORDS.wait}`,
      tone: 'busy',
    };
  }
  const transfer = order.items.some((item) => item.kind === 'points_transfer');
  if (order.items.length > 0 && order.items.every((item) => item.state === 'fulfilled')) {
    return {
      ...base,
      kind: 'delivered',
      title: placed ? 'Placed — delivered' : 'Delivered',
      action: transfer
        ? `The programme credited the transfer. If the member cannot see it, ask them to check their programme account in a day, then send ${supplier} the ticket summary below.`
        : "The supplier issued the card. If the member cannot find it, resend the email from the member's order history and ask them to check spam.",
      tone: 'ok',
    };
  }
  const since = Date.parse(order.createdAt ?? order.transactedAt ?? placement?.createdAt ?? '');
  const open = order.items.filter(pending);
  const timeZone = (item: OrderItem) =>
    (placement && isTransfer(placement.order) ? placement.order.programTimeZone : undefined) ??
    (item.productId ? (input.programTimeZone?.(item.productId) ?? null) : null);
  // A creation time from the future (a clock that was wrong) is never stuck; each kind has its own horizon.
  const stuck = open.filter((item) => isStuck(item.kind, since, now, timeZone(item)));
  if (stuck.length > 0) {
    const kind = stuck[0]!.kind;
    const age = formatDuration(now - since);
    return {
      ...base,
      kind: 'stuck',
      title: `Stuck for ${age}: escalate to ${supplier} Ops`,
      action: `Still ${open.map((i) => i.supplierStatus).join(', ')} after more than ${STUCK_HORIZON_TEXT[kind]}${kind === 'points_transfer' ? ' (Monday to Friday, in the programme’s time zone)' : ''}. Send ${supplier} Ops the ticket summary below. ${REFUND_WORDS.wait}`,
      tone: 'ops',
    };
  }
  if (transfer && open.length > 0 && Number.isFinite(since)) {
    const item = open[0]!;
    const zone = timeZone(item);
    const due = stuckAt('points_transfer', Math.min(since, now), zone);
    return {
      ...base,
      kind: 'in_progress',
      title: placed ? `Placed — transfer in progress at ${supplier}` : `Transfer in progress at ${supplier}`,
      action: `Transfers may take up to ${STUCK_HORIZON_TEXT.points_transfer}: this one is not late before ${formatDateTime(new Date(due).toISOString(), zone ?? 'UTC')}${zone ? ` (${zone})` : ''}. ${REFUND_WORDS.wait}`,
      tone: 'busy',
    };
  }
  return {
    ...base,
    kind: 'in_progress',
    title: placed ? `Placed — in progress at ${supplier}` : `In progress at ${supplier}`,
    action: `The supplier is still issuing the card; most finish within minutes, some take up to a day. ${REFUND_WORDS.wait}`,
    tone: 'busy',
  };
}

function journaledFacts(placement: Placement): string {
  const f = orderFacts(placement.order);
  if (f.kind === 'points_transfer')
    return `transfer of ${f.value} to programme ${f.productId}, membership ${f.membershipId ?? 'unknown'}, member ${placement.memberId ?? 'unknown'}`;
  return `${f.productId} ${f.value} ${f.currency ?? ''} x${f.quantity}, member ${placement.memberId ?? 'unknown'}`;
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
      lines.push(`Item ${item.id}: ${describeItem(item)} — ${item.supplierStatus}`);
      for (const error of item.errors) lines.push(`  ${error.code}: ${error.message}`);
    }
  }
  if (placement) {
    lines.push(
      `Desk placement #${placement.id}: ${placement.state}, ${placement.attempts} attempts, revision ${placement.revision}`,
      `Journaled: ${journaledFacts(placement)}`,
    );
    const others = [placement.candidate?.order, ...placement.foreignOrders].filter(
      (o, i, all): o is SupplierOrder => Boolean(o) && all.findIndex((x) => x?.id === o!.id) === i,
    );
    for (const other of others) {
      lines.push(
        `Order handed back that is not provably ours: ${other.id} (reference ${other.reference ?? 'not returned'}): ${other.items
          .map(
            (i) =>
              `${i.productId ?? '?'} ${i.value ?? '?'} ${i.currency ?? ''} x${i.quantity ?? '?'} ${i.supplierStatus}`,
          )
          .join('; ')}`,
      );
    }
    for (const event of placement.timeline.filter((e) => e.httpStatus !== null || e.requestId)) {
      lines.push(
        `  ${event.at} ${event.kind}${event.httpStatus !== null ? ` HTTP ${event.httpStatus}` : ''}${event.supplierCode ? ` ${event.supplierCode}` : ''}${event.requestId ? ` request ${event.requestId}` : ''}`,
      );
    }
  }
  for (const note of result.notes) lines.push(noteLine(note, formatDateTime));
  lines.push(`Recommended: ${result.recommendation.title}`);
  return lines.join('\n');
}
