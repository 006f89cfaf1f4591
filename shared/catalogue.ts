/** Catalogue records as the desk sees them, whichever supplier they came from. */
import type { Supplier } from './domain';

/** A record in a supplier's answer the desk could not read: named by its id (when it had one) and the field. */
export interface UnreadableRecord {
  /** The supplier's id of the record, or null when even that was missing or unreadable. */
  id: string | null;
  /** Where in the record the problem is, e.g. `order_items.0.status`; empty for the record as a whole. */
  path: string;
  problem: string;
  /** Its place in the page (1-based), to find a record that has no id. */
  position: number;
}

export interface Page<T> {
  items: T[];
  /** 1-based, whatever the supplier's own base is. */
  page: number;
  pageSize: number;
  /** What the supplier claims; null when it did not say. Never trusted beyond what was read. */
  total: number | null;
  totalPages: number | null;
  /** Records of this page that could not be read: the readable ones are still in `items`. */
  unreadable: UnreadableRecord[];
}

/** An Ascenda gift card (only `id` is certain; the object shape is INFERRED, so every other field may be empty). */
export interface GiftCard {
  supplier: 'ascenda';
  id: string;
  name: string;
  brandName: string;
  categories: string[];
  country: string | null;
  currency: string | null;
  denominations: number[];
  imageUrl: string | null;
  description: string;
  terms: string;
  redemptionInstructions: string;
  requiredRecipientFields: string[];
}

export type DeliveryType = 'DigitalDelivery' | 'Links' | 'PhysicalShipment';

/** A GiftCard Partners product. */
export interface Product {
  supplier: 'gcp';
  id: string;
  name: string;
  shortDescription: string;
  denominations: number[];
  denominationType: string;
  kind: string;
  deliveryTypes: string[];
  currency: string | null;
  fee: number;
  discountPercentage: number;
  imageUrl: string | null;
  terms: string;
  hasRequiredCardCarriers: boolean;
}

/** A GiftCard Partners reference list entry (shipping method, carrier, branding, department). */
export interface Option {
  id: string;
  name: string;
  cost: number | null;
}

export interface GiftCardQuery {
  page?: number;
  pageSize?: number;
  name?: string;
  currency?: string;
  category?: string;
  sort?: 'name:asc' | 'name:desc';
}

/** Ascenda cards are never shown as fresh after an hour; GiftCard Partners asks for a week's caching (CONFIRMED). */
export const CATALOGUE_TTL_MS: Record<Supplier, number> = {
  ascenda: 3600 * 1000,
  gcp: 7 * 24 * 3600 * 1000,
};

export type CatalogueItem = GiftCard | Product;

/** A cached catalogue item: when it was last in the supplier's listing, and whether it still is. */
export interface CatalogueEntry {
  item: CatalogueItem;
  fetchedAt: string;
  available: boolean;
}

export interface CatalogueFreshness {
  /** When the last full listing was read; null when never. */
  fetchedAt: string | null;
  stale: boolean;
  refreshing: boolean;
  /** Why the last refresh failed, in plain words. */
  error: string | null;
}

export interface CatalogueSnapshot {
  entries: CatalogueEntry[];
  freshness: Record<Supplier, CatalogueFreshness>;
}

/** GiftCard Partners' reference lists for physical orders, cached with the products. */
export type ReferenceListName = 'shippingMethods' | 'carriers' | 'brandings' | 'departments';

/**
 * Stale when never fetched, older than the supplier's TTL, or fetched "in the future": a fetch time ahead of now
 * was read while the clock was ahead (or the clock has since been set back), so its age is unknown and it is
 * never taken as fresh.
 */
export function isStale(supplier: Supplier, fetchedAt: string | null, now: number): boolean {
  if (fetchedAt === null) return true;
  const age = now - Date.parse(fetchedAt);
  return !(age >= 0 && age < CATALOGUE_TTL_MS[supplier]);
}

/**
 * What an order takes from a prepaid deposit, for a catalogue item that carries cost terms (a GiftCard Partners
 * product); null for one that does not.
 */
export function depositCost(item: CatalogueItem, value: number, quantity: number): number | null {
  return item.supplier === 'gcp' ? gcpDepositCost(item, value, quantity) : null;
}

/**
 * What a GiftCard Partners order takes from the deposit: per card, value less the discount plus the fee
 * (INFERRED: the sample does not say whether DiscountPercentage is a fraction; read as one, like the simulator).
 */
export function gcpDepositCost(
  product: Pick<Product, 'discountPercentage' | 'fee'>,
  value: number,
  quantity: number,
) {
  return Math.round((value * (1 - product.discountPercentage) + product.fee) * quantity * 100) / 100;
}
