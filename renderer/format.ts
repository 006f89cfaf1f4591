import { SUPPLIER_NAMES, type Supplier } from '../shared/domain';
import type { ItemState } from '../shared/orders';

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

export function formatMoney(value: number | null, currency: string | null): string {
  if (value === null) return '—';
  if (!currency) return value.toFixed(2);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}
