import { formatDateTime, formatPoints } from './format';
import type { SupplierOrder } from './orders';
import type { Placement } from './placement';
import type { RefundOwed } from './points';

/** What the member was ordered, in their words: the card's name and value where the desk knows them. */
function cardOf(order: SupplierOrder | null, placement: Placement | null): string {
  const item = order?.items[0];
  const name =
    item?.productName ??
    (placement?.order.supplier === 'ascenda' ? placement.order.giftCardName : placement?.order.productName) ??
    null;
  return name ? `${name} gift card` : 'gift card';
}

function recipientOf(order: SupplierOrder | null, placement: Placement | null): string | null {
  const recipient = order?.items.find((i) => i.recipient)?.recipient;
  if (recipient?.email) return recipient.email;
  if (recipient?.phone) return recipient.phone;
  if (placement?.order.supplier === 'ascenda')
    return placement.order.recipient.email ?? placement.order.recipient.phoneNumber ?? null;
  return placement?.order.email ?? placement?.order.sms ?? null;
}

export interface MessageFacts {
  kind:
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
