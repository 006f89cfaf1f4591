import type { z } from 'zod';
import type { GiftCard, Page } from '../../../shared/catalogue';
import type { ItemState, OrderItem, SupplierOrder } from '../../../shared/orders';
import type { LoyaltyProgram } from '../../../shared/transfers';
import { readEach } from '../tolerant';
import type { AscendaClientConfig } from './config';
import {
  metaWire,
  type GiftCardWire,
  type ListWire,
  type LoyaltyProgramWire,
  type MetaWire,
  type OrderWire,
} from './wire';

export function toGiftCard(wire: GiftCardWire): GiftCard {
  const brand = typeof wire.brand === 'string' ? wire.brand : (wire.brand?.name ?? '');
  const images = wire.images;
  const imageUrl = Array.isArray(images) ? (images[0]?.url ?? null) : (images?.card ?? images?.logo ?? null);
  return {
    supplier: 'ascenda',
    id: wire.id,
    name: wire.name ?? wire.id,
    brandName: brand,
    categories: wire.categories ?? [],
    country: wire.country ?? wire.countries?.[0] ?? null,
    currency: wire.currency ?? null,
    denominations: wire.denominations ?? [],
    imageUrl,
    description: wire.description ?? '',
    terms: wire.terms ?? '',
    redemptionInstructions: wire.redemption_instructions ?? '',
    requiredRecipientFields: wire.required_recipient_fields ?? wire.recipient_fields ?? [],
  };
}

/** True when the runtime knows this IANA time-zone name (business days are counted in it). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A programme in the domain. A time zone the runtime does not know is dropped (business days then count in UTC)
 * and reported through `onUnknownZone`, so a typo at the supplier never hides the programme.
 */
export function toProgram(
  wire: LoyaltyProgramWire,
  onUnknownZone: (zone: string) => void = () => {},
): LoyaltyProgram {
  const zone = wire.time_zone?.trim() || null;
  const timeZone = zone !== null && isTimeZone(zone) ? zone : null;
  if (zone !== null && timeZone === null) onUnknownZone(zone);
  return {
    supplier: 'ascenda',
    id: wire.id,
    name: wire.name?.trim() || wire.id,
    minAmount: wire.min_amount ?? null,
    maxAmount: wire.max_amount ?? null,
    increment: wire.increment ?? null,
    conversionRate: wire.conversion_rate ?? null,
    timeZone,
    unitName: wire.unit_name?.trim() || null,
    timeToCredit: wire.time_to_credit?.trim() || null,
  };
}

export function itemState(status: string | null | undefined, config: AscendaClientConfig): ItemState {
  if (!status) return 'unknown';
  const lower = status.toLowerCase();
  for (const [state, names] of Object.entries(config.itemStatuses)) {
    if (names.some((name) => name.toLowerCase() === lower)) return state as ItemState;
  }
  return 'unknown';
}

export function toOrder(wire: OrderWire, config: AscendaClientConfig): SupplierOrder {
  const items: OrderItem[] = (wire.order_items ?? []).map((item, index) => {
    const transfer = item.points_transfer ?? null;
    const kind = transfer || item.type === 'points_transfer' ? 'points_transfer' : 'gift_card';
    return {
      // An item without its own id is still one line of this order: named by its place in it.
      id: item.id ?? `${wire.id}#${index + 1}`,
      kind,
      state: itemState(item.status, config),
      supplierStatus: item.status ?? '',
      // What Ascenda did not return stays null: verification compares only returned facts. A transfer's
      // "product" is its programme, its value the amount in programme units.
      productId: (transfer ? transfer.loyalty_program_id : item.gift_card?.id) ?? null,
      productName: (transfer ? transfer.loyalty_program_name : item.gift_card?.name) ?? null,
      value: (transfer ? transfer.amount : item.gift_card?.value) ?? null,
      currency: transfer ? null : (item.gift_card?.currency ?? null),
      quantity: transfer ? null : (item.gift_card?.quantity ?? null),
      membershipId: transfer?.membership?.id ?? null,
      recipient: item.recipient
        ? {
            email: item.recipient.email ?? null,
            phone: item.recipient.phone_number ?? null,
            name: [item.recipient.first_name, item.recipient.last_name].filter(Boolean).join(' ') || null,
          }
        : null,
      errors: (item.errors ?? []).map((e) => ({ code: e.code ?? 'UNKNOWN', message: e.message ?? '' })),
      // Ascenda e-mails the card to the member itself (CONFIRMED); the order carries no codes to count.
      rewardsIssued: 0,
    };
  });
  return {
    supplier: 'ascenda',
    id: wire.id,
    reference: wire.reference_id ?? null,
    supplierStatus: wire.status ?? '',
    createdAt: wire.created_at ?? null,
    transactedAt: wire.transacted_at ?? null,
    // The member's number in the client system (GC-GUIDE). `user.id` is Ascenda's own user id, not ours:
    // comparing it with the member's number would call every order foreign.
    memberId: wire.user?.number ?? null,
    deliveryType: null,
    total: null,
    items,
  };
}

/** The paging object under the configured name, or `meta`; null when absent or unreadable. */
export function pageMeta(wire: ListWire, config: AscendaClientConfig): MetaWire | null {
  const body = wire as Record<string, unknown>;
  const raw = (config.listMetaKey ? body[config.listMetaKey] : undefined) ?? body.meta;
  const parsed = metaWire.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function toPage<W, D>(
  wire: ListWire,
  requested: { page: number; pageSize: number },
  config: AscendaClientConfig,
  schema: z.ZodType<W>,
  map: (item: W) => D,
): Page<D> {
  const meta = pageMeta(wire, config);
  const { items, unreadable } = readEach(wire.data, schema, 'id', map);
  const total = meta?.total_count ?? null;
  const pageSize = meta?.per_page ?? requested.pageSize;
  return {
    items,
    unreadable,
    page: meta?.page ?? requested.page,
    pageSize,
    total,
    totalPages: meta?.total_pages ?? (total === null ? null : Math.max(1, Math.ceil(total / pageSize))),
  };
}
