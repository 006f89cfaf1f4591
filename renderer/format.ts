import { SUPPLIER_NAMES, type Supplier } from '../shared/domain';
import type { ItemState } from '../shared/orders';

export { formatMoney } from '../shared/format';

export const STATE_LABELS: Record<ItemState, string> = {
  pending: 'Pending',
  processing: 'Processing',
  fulfilled: 'Fulfilled',
  failed: 'Failed — refund due',
  cancelled: 'Cancelled — refund due',
  unknown: 'Unknown status',
};

export const supplierName = (supplier: Supplier) => SUPPLIER_NAMES[supplier];

export function formatWhen(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
