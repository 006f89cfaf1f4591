import type { z } from 'zod';
import type { Option, Page, Product } from '../../../shared/catalogue';
import type { ItemState, SupplierOrder } from '../../../shared/orders';
import { readEach } from '../tolerant';
import type { GcpClientConfig } from './config';
import type { ListWire, OrderWire, ProductWire } from './wire';

export function toProduct(wire: ProductWire, config: Pick<GcpClientConfig, 'discountIsFraction'>): Product {
  return {
    supplier: 'gcp',
    id: wire.Id,
    name: wire.Name ?? wire.Id,
    shortDescription: wire.ShortDescription ?? '',
    denominations: wire.Denominations ?? [],
    denominationType: wire.DenominationType ?? 'Fixed',
    kind: wire.Type ?? 'Digital',
    deliveryTypes: wire.AvailableDeliveryTypes ?? [],
    currency: wire.CurrencyCode ?? null,
    fee: wire.Cost?.Fee ?? 0,
    // The domain keeps a fraction; a supplier that sends percents (5 for 5 %) is read as one by the setting.
    discountPercentage: (wire.Cost?.DiscountPercentage ?? 0) / (config.discountIsFraction ? 1 : 100),
    imageUrl: wire.Media?.Faceplates?.[0]?.Path ?? null,
    terms: wire.Terms ?? '',
    hasRequiredCardCarriers: wire.Meta?.ShippingConfiguration?.HasRequiredCardCarriers ?? false,
  };
}

export const toOption = (wire: { Id: string; Name?: string | null; Cost?: number | null }): Option => ({
  id: wire.Id,
  name: wire.Name ?? wire.Id,
  cost: wire.Cost ?? null,
});

export function lineState(status: string | null | undefined, config: GcpClientConfig): ItemState {
  if (!status) return 'unknown';
  for (const [state, names] of Object.entries(config.statuses)) {
    if (names.includes(status)) return state as ItemState;
  }
  return 'unknown';
}

export function toOrder(wire: OrderWire, config: GcpClientConfig): SupplierOrder {
  return {
    supplier: 'gcp',
    id: wire.Id,
    reference: wire.PONumber ?? null,
    supplierStatus: wire.Status ?? '',
    createdAt: wire.CreatedDate ?? null,
    transactedAt: null,
    memberId: null,
    deliveryType: wire.Type ?? null,
    total: wire.Total ?? null,
    items: (wire.LineItems ?? []).map((line, index) => {
      // A line without its own status follows the order's.
      const status = line.Status ?? wire.Status ?? null;
      const email = line.DigitalDeliveryAddress?.Email ?? null;
      const phone = line.DigitalDeliveryAddress?.Sms ?? null;
      const name = line.PhysicalDeliveryAddress?.Name ?? line.Personalization?.To ?? null;
      return {
        id: line.Id ?? `${wire.Id}#${index + 1}`,
        kind: 'gift_card' as const,
        state: lineState(status, config),
        supplierStatus: status ?? '',
        productId: line.ProductId ?? null,
        productName: null,
        value: line.Value ?? null,
        currency: null,
        // Not returned is null (never a guessed 1): verification compares only what the supplier said.
        quantity: line.Quantity ?? null,
        recipient: email || phone || name ? { email, phone, name } : null,
        errors: (line.Errors ?? []).map((e) => ({ code: e.Code ?? 'UNKNOWN', message: e.Message ?? '' })),
        rewardsIssued: line.Rewards?.length ?? 0,
        membershipId: null,
      };
    }),
  };
}

export function toPage<W, D>(
  wire: ListWire,
  requested: { page: number; pageSize: number },
  config: GcpClientConfig,
  schema: z.ZodType<W>,
  map: (item: W) => D,
): Page<D> {
  const { items, unreadable } = readEach(wire.Items, schema, 'Id', map);
  const pageSize = wire.PageSize ?? requested.pageSize;
  const total = wire.TotalCount ?? null;
  return {
    items,
    unreadable,
    page:
      wire.PageIndex === null || wire.PageIndex === undefined
        ? requested.page
        : wire.PageIndex - config.pageIndexBase + 1,
    pageSize,
    total,
    totalPages: total === null ? null : Math.max(1, Math.ceil(total / pageSize)),
  };
}
