import { formatMoney } from './format';
import type { Supplier } from './domain';

/**
 * Where an item stands. Only `fulfilled` is success; `failed` and `cancelled` mean the member is owed a refund
 * (CONFIRMED). `unknown` is a status string the desk does not recognise: never treated as final.
 */
export const ITEM_STATES = ['pending', 'processing', 'fulfilled', 'failed', 'cancelled', 'unknown'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const TERMINAL_STATES: readonly ItemState[] = ['fulfilled', 'failed', 'cancelled'];

export interface ItemError {
  code: string;
  message: string;
}

export interface Recipient {
  email: string | null;
  phone: string | null;
  name: string | null;
}

/**
 * One line of a supplier order. A fact the supplier did not return is null, never '', 0 or 1: the desk compares
 * only what was returned (a guessed default would make a foreign order look like ours, or a refund of 0 points).
 */
/** What an order item delivers: a gift card, or a points transfer to a loyalty programme (Ascenda). */
export type ItemKind = 'gift_card' | 'points_transfer';

export interface OrderItem {
  id: string;
  kind: ItemKind;
  state: ItemState;
  /** The supplier's own status string, shown next to the state when they differ. */
  supplierStatus: string;
  productId: string | null;
  productName: string | null;
  /** Face value of one card; for a transfer, the amount in the programme's units. */
  value: number | null;
  currency: string | null;
  quantity: number | null;
  recipient: Recipient | null;
  errors: ItemError[];
  /** How many cards or claim links were issued; the codes themselves are never kept by the desk. */
  rewardsIssued: number;
  /** A transfer's programme membership number, where returned (productId is then the programme's id). */
  membershipId: string | null;
}

/** One supplier order, keyed by the supplier's id and by our reference (`reference_id` / `PONumber`). */
export interface SupplierOrder {
  supplier: Supplier;
  id: string;
  /** Our reference as the supplier returned it; null when the answer did not carry it. */
  reference: string | null;
  /** The supplier's top-level status; it never decides success (the items do). */
  supplierStatus: string;
  createdAt: string | null;
  transactedAt: string | null;
  memberId: string | null;
  deliveryType: string | null;
  total: number | null;
  items: OrderItem[];
}

export interface OrderListQuery {
  page?: number;
  pageSize?: number;
  /** ISO date-times (GiftCard Partners only; Ascenda's order filters are INFERRED and not sent). */
  from?: string;
  to?: string;
}

/** What an agent enters to place an Ascenda gift-card order. */
export interface AscendaOrderRequest {
  reference: string;
  memberId: string;
  transactedAt: string;
  giftCardId: string;
  value: number;
  currency?: string;
  recipient: { email?: string; phoneNumber?: string; firstName?: string; lastName?: string };
}

export interface GcpOrderLine {
  productId: string;
  value: number;
  quantity: number;
  email?: string;
  sms?: string;
  personalization?: { to?: string; fromName?: string; fromEmail?: string; message?: string };
  physical?: {
    shippingMethodId: string;
    carrierId?: string;
    name: string;
    addressLine1: string;
    addressLine2?: string;
    city: string;
    state: string;
    zip: string;
    country: string;
  };
}

/** What an agent enters to place a GiftCard Partners order. */
export interface GcpOrderRequest {
  reference: string;
  deliveryType: 'DigitalDelivery' | 'Links' | 'PhysicalShipment';
  lines: GcpOrderLine[];
  webhookUrl?: string;
}

export interface DepositBalance {
  available: number;
  pending: number;
  /** Null when the supplier did not say: never assumed (the profile's deposit currency decides). */
  currency: string | null;
  fetchedAt: string;
}

/** One item in words: "Harbor Kitchen — 50.00 USD × 2", or "Points transfer to KrisFlyer — 5,000 units (membership 1234567890)". */
export function describeItem(item: OrderItem): string {
  const name = item.productName ?? item.productId ?? 'product not returned';
  if (item.kind === 'points_transfer') {
    const amount =
      item.value === null ? 'amount not returned' : `${item.value.toLocaleString('en-US')} units`;
    return `Points transfer to ${name} — ${amount}${item.membershipId ? ` (membership ${item.membershipId})` : ''}`;
  }
  const value = item.value === null ? 'value not returned' : formatMoney(item.value, item.currency);
  return `${name} — ${value}${item.quantity !== null ? ` × ${item.quantity}` : ''}`;
}

/** An item's value in words: money with its currency, or a transfer's amount in programme units. */
export function itemValueText(item: {
  kind: ItemKind;
  value: number;
  currency: string | null;
  quantity?: number | null;
}): string {
  if (item.kind === 'points_transfer') return `${item.value.toLocaleString('en-US')} units (points transfer)`;
  const each = formatMoney(item.value, item.currency);
  return item.quantity === undefined ? each : `${each} × ${item.quantity ?? '?'}`;
}
