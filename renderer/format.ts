import { SUPPLIER_NAMES, type Supplier } from '../shared/domain';
import { formatDateTime, formatRelative } from '../shared/format';
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

/**
 * The desk's one way of writing a time: the date and time with the time zone named, and how long ago it was,
 * e.g. "26 Nov 2026, 14:05 UTC (3 h ago)".
 */
export function formatWhen(iso: string | null): string {
  if (!iso) return '—';
  const relative = formatRelative(iso, Date.now());
  const absolute = formatDateTime(iso);
  return relative ? `${absolute} (${relative})` : absolute;
}
