import { randomUUID } from 'node:crypto';
import type { GiftCard } from '../../shared/catalogue';
import type { ItemState, SupplierOrder } from '../../shared/orders';
import type { Supplier } from '../../shared/domain';

/** A domain order as a supplier client would return it. */
export function makeOrder(
  n: number,
  overrides: Partial<SupplierOrder> & {
    state?: ItemState;
    email?: string;
    name?: string;
    product?: string;
    errors?: Array<{ code: string; message: string }>;
  } = {},
): SupplierOrder {
  const {
    state = 'fulfilled',
    email = `member${n}@example.com`,
    name = `Member ${n}`,
    product = 'Harbor Kitchen',
    errors = [],
    ...rest
  } = overrides;
  const supplier: Supplier = rest.supplier ?? (n % 2 === 0 ? 'ascenda' : 'gcp');
  return {
    supplier,
    id: `ord-${n}`,
    reference: `ref-${String(n).padStart(6, '0')}`,
    supplierStatus: 'accepted',
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    transactedAt: null,
    memberId: null,
    deliveryType: null,
    total: null,
    items: [
      {
        id: `item-${n}`,
        kind: 'gift_card',
        membershipId: null,
        state,
        supplierStatus: state,
        productId: `P${n % 7}`,
        productName: product,
        value: 25,
        currency: 'USD',
        quantity: 1,
        recipient: { email, phone: null, name },
        errors,
        rewardsIssued: state === 'fulfilled' ? 1 : 0,
      },
    ],
    ...rest,
  };
}

/** A valid Ascenda placement draft for `card`, under `reference`, for a fresh member. */
export function ascendaDraft(card: GiftCard, reference: string) {
  return {
    supplier: 'ascenda' as const,
    reference,
    memberId: randomUUID(),
    giftCardId: card.id,
    value: card.denominations[0]!,
    currency: card.currency,
    recipient: { email: 'member@example.com', phoneNumber: '+6591234567', firstName: 'Ana', lastName: '' },
  };
}
