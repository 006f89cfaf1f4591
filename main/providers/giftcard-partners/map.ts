import type { Option, Page, Product } from '../../../shared/catalogue';
import type { ItemState, SupplierOrder } from '../../../shared/orders';
import type { GcpClientConfig } from './config';
import type { OrderWire, ProductWire } from './wire';

export function toProduct(wire: ProductWire): Product {
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
    discountPercentage: wire.Cost?.DiscountPercentage ?? 0,
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
    reference: wire.PONumber,
    supplierStatus: wire.Status,
    createdAt: wire.CreatedDate ?? null,
    transactedAt: null,
    memberId: null,
    deliveryType: wire.Type ?? null,
    total: wire.Total ?? null,
    items: wire.LineItems.map((line) => {
      // A line without its own status follows the order's.
      const status = line.Status ?? wire.Status;
      const email = line.DigitalDeliveryAddress?.Email ?? null;
      const phone = line.DigitalDeliveryAddress?.Sms ?? null;
      const name = line.PhysicalDeliveryAddress?.Name ?? line.Personalization?.To ?? null;
      return {
        id: line.Id,
        state: lineState(status, config),
        supplierStatus: status,
        productId: line.ProductId,
        productName: null,
        value: line.Value,
        currency: null,
        // Not returned is null (never a guessed 1): verification compares only what the supplier said.
        quantity: line.Quantity ?? null,
        recipient: email || phone || name ? { email, phone, name } : null,
        errors: (line.Errors ?? []).map((e) => ({ code: e.Code ?? 'UNKNOWN', message: e.Message ?? '' })),
        rewardsIssued: line.Rewards?.length ?? 0,
      };
    }),
  };
}

export function toPage<W, D>(
  wire: { Items: W[]; TotalCount?: number | null; PageIndex?: number | null; PageSize?: number | null },
  requested: { page: number; pageSize: number },
  config: GcpClientConfig,
  map: (item: W) => D,
): Page<D> {
  const pageSize = wire.PageSize ?? requested.pageSize;
  const total = wire.TotalCount ?? wire.Items.length;
  return {
    items: wire.Items.map(map),
    page:
      wire.PageIndex === null || wire.PageIndex === undefined
        ? requested.page
        : wire.PageIndex - config.pageIndexBase + 1,
    pageSize,
    total,
    totalPages: Math.max(1, Math.ceil(total / pageSize)),
  };
}
