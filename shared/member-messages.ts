import { formatDateTime, formatPoints } from './format';
import type { SupplierOrder } from './orders';
import { isTransfer, orderAmountText, orderFacts, type Placement } from './placement';
import { STUCK_HORIZON_TEXT } from './stuck';
import type { RefundOwed } from './points';

/** What the member was ordered, in their words: the card's name and value where the desk knows them. */
function cardOf(order: SupplierOrder | null, placement: Placement | null): string {
  const item = order?.items[0];
  const name = item?.productName ?? (placement ? orderFacts(placement.order).productName : null);
  return name ? `${name} gift card` : 'gift card';
}

function recipientOf(order: SupplierOrder | null, placement: Placement | null): string | null {
  const recipient = order?.items.find((i) => i.recipient)?.recipient;
  if (recipient?.email) return recipient.email;
  if (recipient?.phone) return recipient.phone;
  if (!placement) return null;
  const facts = orderFacts(placement.order);
  return facts.email ?? facts.phone;
}

/** "transfer of 5,000 miles to KrisFlyer" when the order is a points transfer, else null. */
function transferOf(order: SupplierOrder | null, placement: Placement | null): string | null {
  const item = order?.items.find((i) => i.kind === 'points_transfer') ?? null;
  const journaled = placement && isTransfer(placement.order) ? placement.order : null;
  if (!item && !journaled) return null;
  const programme =
    item?.productName ?? journaled?.programName ?? item?.productId ?? journaled?.programId ?? 'the programme';
  const amount = journaled
    ? orderAmountText(journaled)
    : item?.value !== null && item?.value !== undefined
      ? item.value.toLocaleString('en-US')
      : null;
  return `transfer${amount ? ` of ${amount}` : ''} to ${programme}`;
}

/** What Lookup recommends for an order: the member message and the next step follow from it. */
export type RecommendationKind =
  | 'delivered'
  | 'in_progress'
  | 'stuck'
  | 'refund'
  | 'escalate_ops'
  | 'checking'
  | 'rejected'
  | 'unknown_status'
  | 'mismatch'
  | 'unverified'
  | 'not_ours'
  | 'not_found';

export interface MessageFacts {
  kind: RecommendationKind;
  order: SupplierOrder | null;
  placement: Placement | null;
  refund: RefundOwed | null;
}

/**
 * A short message for the member, matching the recommended action: what happened to their card and what comes
 * next. It never promises more than the desk knows (no "refunded" before a refund is recorded, no delivery date
 * for an order in doubt). The agent edits it before copying it into the ticket.
 */
export function memberMessage({ kind, order, placement, refund }: MessageFacts): string {
  const transfer = transferOf(order, placement);
  if (transfer) return transferMessage(kind, transfer, refund);
  const card = cardOf(order, placement);
  const to = recipientOf(order, placement);
  const placedOn = order?.createdAt ?? placement?.createdAt ?? null;
  switch (kind) {
    case 'delivered':
      return `Your ${card} was sent${placedOn ? ` on ${formatDateTime(placedOn)}` : ''}${to ? ` to ${to}` : ''}. If you cannot find it, please check your spam or junk folder; we can send the email again.`;
    case 'in_progress':
      return `Your ${card} is being issued. Most arrive within minutes; some take up to a day. We will let you know if anything changes.`;
    case 'stuck':
      return `Your ${card} is taking longer than usual. We have asked the supplier to check it and will update you as soon as we hear back.`;
    case 'refund':
      return `We could not issue your ${card}. ${refund?.points !== null && refund?.points !== undefined ? `We are returning ${formatPoints(refund.points)} to your account.` : 'We are returning the points you used to your account.'} We are sorry for the trouble.`;
    case 'rejected':
      return `We could not place your order for a ${card}. We will correct it and place it again, or return your points; we will let you know which.`;
    case 'not_ours':
      return `We are still confirming your order for a ${card} with the supplier. We will place it again or return your points, and let you know.`;
    case 'unknown_status':
      return `We are checking the status of your ${card} with the supplier and will update you shortly.`;
    case 'not_found':
      return 'We could not find an order matching the details we have. Could you send us the confirmation or transaction number you received?';
    case 'escalate_ops':
    case 'checking':
    case 'mismatch':
    case 'unverified':
      return `We are confirming your order for a ${card} with the supplier and will update you shortly. There is no need to order it again.`;
  }
}

/** The same, for a transfer of the member's points to a loyalty programme (credited at once or within days). */
function transferMessage(kind: MessageFacts['kind'], transfer: string, refund: RefundOwed | null): string {
  switch (kind) {
    case 'delivered':
      return `Your ${transfer} has been credited. It can take a day to show in your programme account.`;
    case 'in_progress':
      return `Your ${transfer} is on its way. Most transfers arrive at once; some take up to ${STUCK_HORIZON_TEXT.points_transfer}. We will let you know if anything changes.`;
    case 'stuck':
      return `Your ${transfer} is taking longer than the usual ${STUCK_HORIZON_TEXT.points_transfer}. We have asked the supplier to check it and will update you as soon as we hear back.`;
    case 'refund':
      return `The programme could not credit your ${transfer}. ${refund?.points !== null && refund?.points !== undefined ? `We are returning ${formatPoints(refund.points)} to your account.` : 'We are returning the points you used to your account.'} We are sorry for the trouble.`;
    case 'rejected':
      return `We could not place your ${transfer}. We will correct it and place it again, or return your points; we will let you know which.`;
    case 'not_ours':
      return `We are still confirming your ${transfer} with the supplier. We will place it again or return your points, and let you know.`;
    case 'unknown_status':
      return `We are checking the status of your ${transfer} with the supplier and will update you shortly.`;
    case 'not_found':
      return 'We could not find a transfer matching the details we have. Could you send us the confirmation or transaction number you received?';
    case 'escalate_ops':
    case 'checking':
    case 'mismatch':
    case 'unverified':
      return `We are confirming your ${transfer} with the supplier and will update you shortly. There is no need to ask for it again.`;
  }
}
