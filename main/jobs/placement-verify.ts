import type { OrderItem, SupplierOrder } from '../../shared/orders';
import { PROVIDER_TRAITS } from '../../shared/provider-traits';
import {
  orderFacts,
  type FieldDifference,
  type OrderFacts,
  type PlacementOrder,
  type Verification,
} from '../../shared/placement';

/** The facts of one journaled request, as the supplier should hand them back. */
interface Expected extends OrderFacts {
  reference: string;
  /** One item per order (Ascenda, CONFIRMED); a supplier that may split a line into several is summed. */
  singleItem: boolean;
}

const expectedOf = (order: PlacementOrder): Expected => ({
  ...orderFacts(order),
  reference: order.reference,
  singleItem: PROVIDER_TRAITS[order.supplier].oneItemPerOrder,
});

const sameMoney = (a: number, b: number) => Math.abs(a - b) < 0.005;
const digits = (phone: string) => phone.replace(/\D/g, '');
const show = (value: string | number | null) => (value === null ? 'not returned' : String(value));

/**
 * Is the order the supplier handed back the one we journaled? Compares only what the supplier returned
 * (mappers carry an absent fact as null). A returned fact that differs: `mismatch`. The reference, the
 * product or the face value not returned: `unverified`. Neither may ever be called confirmed.
 */
export function verifyOrder(order: PlacementOrder, found: SupplierOrder): Verification {
  const want = expectedOf(order);
  const differences: FieldDifference[] = [];
  const missing = new Set<FieldDifference['field']>();
  const differ = (
    field: FieldDifference['field'],
    expected: string | number,
    actual: string | number | null,
  ) => differences.push({ field, expected: String(expected), actual: show(actual) });

  if (found.reference === null) missing.add('reference');
  else if (found.reference !== want.reference) differ('reference', want.reference, found.reference);

  const items = found.items;
  if (items.length === 0) {
    missing.add('product');
    missing.add('value');
  } else if (want.singleItem && items.length > 1) {
    differ('lines', 1, items.length);
  }
  for (const item of items) compareItem(item, want, differ, missing);

  const quantities = items.map((item) => item.quantity);
  if (items.length > 0 && quantities.every((q): q is number => q !== null)) {
    const total = quantities.reduce((sum, q) => sum + q, 0);
    if (total !== want.quantity) differ('quantity', want.quantity, total);
  }

  if (found.memberId !== null && want.memberId !== null && found.memberId !== want.memberId)
    differ('member', want.memberId, found.memberId);

  if (differences.length > 0) return { verdict: 'mismatch', differences, missing: [...missing] };
  if (missing.size > 0) return { verdict: 'unverified', differences, missing: [...missing] };
  return { verdict: 'match', differences, missing: [] };
}

function compareItem(
  item: OrderItem,
  want: Expected,
  differ: (
    field: FieldDifference['field'],
    expected: string | number,
    actual: string | number | null,
  ) => void,
  missing: Set<FieldDifference['field']>,
): void {
  // A gift card handed back for a transfer (or the reverse) is another order, whatever else matches.
  if (item.kind !== want.kind) differ('kind', want.kind, item.kind);
  if (item.membershipId !== null && want.membershipId !== null && item.membershipId !== want.membershipId)
    differ('membership', want.membershipId, item.membershipId);
  if (item.productId === null) missing.add('product');
  else if (item.productId !== want.productId) differ('product', want.productId, item.productId);
  if (item.value === null) missing.add('value');
  else if (!sameMoney(item.value, want.value)) differ('value', want.value, item.value);
  if (item.currency !== null && want.currency !== null && item.currency.toUpperCase() !== want.currency)
    differ('currency', want.currency, item.currency);
  // The member where the supplier returns it: GiftCard Partners only has the recipient's email or phone.
  const email = item.recipient?.email ?? null;
  if (email !== null && want.email !== null && email.toLowerCase() !== want.email.toLowerCase())
    differ('member', `recipient ${want.email}`, `recipient ${email}`);
  const phone = item.recipient?.phone ?? null;
  if (phone !== null && want.phone !== null && digits(phone) !== digits(want.phone))
    differ('member', `recipient phone ${want.phone}`, `recipient phone ${phone}`);
}

/** "value: sent 50, returned 25; product: sent gc-1, returned gc-9" — for timelines and tickets. */
export function describeVerification(verification: Verification): string {
  const parts = verification.differences.map(
    (d) => `${d.field}: journaled ${d.expected}, returned ${d.actual}`,
  );
  if (verification.missing.length > 0) parts.push(`not returned: ${verification.missing.join(', ')}`);
  return parts.join('; ');
}
