/** Catalogue records as the desk sees them, whichever supplier they came from. */

export interface Page<T> {
  items: T[];
  /** 1-based, whatever the supplier's own base is. */
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
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
