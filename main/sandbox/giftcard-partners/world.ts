import { SeededRandom } from '../random';
import type { GcpSimSettings } from './settings';

export const DELIVERY_TYPES = ['DigitalDelivery', 'Links', 'PhysicalShipment'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

export interface GcpProduct {
  Id: string;
  Name: string;
  ShortDescription: string;
  LongDescription: string;
  Denominations: number[];
  DenominationType: 'Fixed' | 'Variable';
  Type: 'Digital' | 'Physical';
  AvailableDeliveryTypes: DeliveryType[];
  Terms: string;
  Disclaimer: string;
  RedemptionNote: string;
  Meta: { ShippingConfiguration: { FulfillmentGroup: string; HasRequiredCardCarriers: boolean } };
  Media: { Faceplates: Array<{ Name: string; Path: string }> };
  Cost: { Fee: number; DiscountPercentage: number };
  Translations: Array<Record<string, string>>;
  CurrencyCode: string;
  CultureCodes: string[];
}

export const SHIPPING_METHODS = [
  { Id: 'STANDARD', Name: 'Standard (5-7 business days)', Cost: 1.5 },
  { Id: 'EXPEDITED', Name: 'Expedited (2-3 business days)', Cost: 9.95 },
  { Id: 'OVERNIGHT', Name: 'Overnight', Cost: 24.95 },
];
export const CARRIERS = [
  { Id: 'DEFAULT', Name: 'Standard card carrier' },
  { Id: 'HOLIDAY', Name: 'Holiday greeting carrier' },
  { Id: 'THANKYOU', Name: 'Thank-you carrier' },
];
export const BRANDINGS = [
  { Id: 'NONE', Name: 'No branding' },
  { Id: 'LOGO', Name: 'Company logo on carrier' },
];
export const DEPARTMENTS = [
  { Id: 'CS', Name: 'Customer Success' },
  { Id: 'MKT', Name: 'Marketing' },
  { Id: 'HR', Name: 'People Team' },
];

const NAMES = [
  'Bluebird',
  'Evergreen',
  'Sunrise',
  'Riverbend',
  'Quartz',
  'Lighthouse',
  'Marigold',
  'Ironwood',
  'Skyline',
  'Driftwood',
  'Beacon',
  'Hollow Oak',
  'Starling',
  'Canyon',
  'Moonstone',
];
const KINDS = [
  'Grocers',
  'Cinema',
  'Coffee',
  'Outdoor',
  'Books',
  'Electronics',
  'Spa',
  'Pizza',
  'Fuel',
  'Toys',
  'Apparel',
  'Home Goods',
  'Pet Care',
  'Music',
  'Travel',
];

export function buildProducts(settings: GcpSimSettings): GcpProduct[] {
  const random = new SeededRandom(settings.seed);
  return Array.from({ length: settings.productCount }, (_, i) => {
    const physical = i % 5 === 0;
    const variable = !physical && i % 7 === 0;
    const name = `${random.pick(NAMES)} ${random.pick(KINDS)}`;
    const id = `${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .slice(0, 10)}${String(i + 1).padStart(3, '0')}`;
    const links = !physical && random.chance(0.6);
    return {
      Id: id,
      Name: `${name} Gift Card`,
      ShortDescription: `Use at any ${name} store.`,
      LongDescription: `<p>The <em>${name}</em> gift card can be spent in store and online.</p>`,
      Denominations: variable ? [5, 500] : [10, 25, 50, 100].filter((_, k) => k === 0 || random.chance(0.75)),
      DenominationType: variable ? 'Variable' : 'Fixed',
      Type: physical ? 'Physical' : 'Digital',
      AvailableDeliveryTypes: physical
        ? ['PhysicalShipment']
        : links
          ? ['DigitalDelivery', 'Links']
          : ['DigitalDelivery'],
      Terms: 'No expiry. Not redeemable for cash except where required by law.',
      Disclaimer: `${name} is not a sponsor of this promotion.`,
      RedemptionNote: 'Present the code at checkout.',
      Meta: {
        ShippingConfiguration: {
          FulfillmentGroup: physical ? 'PLASTIC' : 'DIGITAL',
          HasRequiredCardCarriers: physical && random.chance(0.5),
        },
      },
      Media: { Faceplates: [{ Name: 'Default', Path: `https://assets.sandbox.example/gcp/${id}.png` }] },
      Cost: {
        Fee: physical ? 2.5 : random.pick([0, 0, 0.5]),
        DiscountPercentage: settings.discountIsFraction
          ? random.pick([0, 0.02, 0.05])
          : random.pick([0, 2, 5]),
      },
      Translations: [
        { CultureCode: 'fr', Name: `Carte-cadeau ${name}`, Description: `Utilisable chez ${name}.` },
      ],
      CurrencyCode: 'USD',
      CultureCodes: ['en', 'fr'],
    };
  });
}

export type LineStatus = 'Pending' | 'Completed' | 'Complete' | 'Failed' | 'Cancelled';

export interface GcpLineItem {
  Id: string;
  ProductId: string;
  Value: number;
  Quantity: number;
  Status: LineStatus;
  DigitalDeliveryAddress?: { Email?: string; Sms?: string };
  PhysicalDeliveryAddress?: Record<string, string>;
  Personalization?: Record<string, string>;
  Rewards: Array<{ Code?: string; Pin?: string; ClaimUrl?: string }>;
  /** INFERRED: why a line failed, when it did. */
  Errors: Array<{ Code: string; Message: string }>;
  cost: number;
}

export interface GcpOrder {
  Id: string;
  PONumber: string;
  Type: DeliveryType;
  Status: LineStatus;
  CreatedDate: string;
  Total: number;
  LineItems: GcpLineItem[];
  WebhookSettings?: { FulfillmentComplete?: string };
  /** When a Pending order settles, and how (not on the wire). */
  settlesAt: number;
  outcome: 'complete' | 'failed' | 'stuck';
}

/** INFERRED line-failure reasons (the notes do not document them). */
export const LINE_FAILURES = [
  { Code: 'ISSUER_DECLINED', Message: 'The card issuer declined to activate the card' },
  { Code: 'PRODUCT_UNAVAILABLE', Message: 'The product is temporarily unavailable from the issuer' },
  { Code: 'DELIVERY_BOUNCED', Message: 'The recipient email address bounced' },
];

const DAY = 24 * 60 * 60 * 1000;

export function lineCost(
  product: GcpProduct,
  value: number,
  quantity: number,
  discountIsFraction: boolean,
): number {
  const discount = discountIsFraction
    ? product.Cost.DiscountPercentage
    : product.Cost.DiscountPercentage / 100;
  return Math.round((value * (1 - discount) + product.Cost.Fee) * quantity * 100) / 100;
}

export function buildHistory(settings: GcpSimSettings, products: GcpProduct[], now: number): GcpOrder[] {
  const random = new SeededRandom(settings.seed + 1);
  return Array.from({ length: settings.historicalOrderCount }, (_, i) => {
    const product = random.pick(products.filter((p) => p.Type === 'Digital'));
    const kind = random.weighted({ complete: 82, failed: 7, cancelled: 4, stuck: 4, pending: 3 });
    const created =
      now -
      (kind === 'stuck'
        ? random.int(2, 8) * DAY
        : kind === 'pending'
          ? random.int(1, 60) * 1000
          : random.int(0, 90 * DAY));
    const value =
      product.DenominationType === 'Fixed' ? random.pick(product.Denominations) : random.int(5, 200);
    const quantity = random.chance(0.1) ? random.int(2, 25) : 1;
    const status: LineStatus =
      kind === 'complete'
        ? settings.completeStatus
        : kind === 'failed'
          ? 'Failed'
          : kind === 'cancelled'
            ? 'Cancelled'
            : 'Pending';
    const n = String(i + 1).padStart(5, '0');
    const cost = lineCost(product, value, quantity, settings.discountIsFraction);
    return {
      Id: `GCP-HIST-${n}`,
      PONumber: `HIST-G-${n}`,
      Type: 'DigitalDelivery',
      Status: status,
      CreatedDate: new Date(created).toISOString(),
      Total: cost,
      LineItems: [
        {
          Id: `LI-HIST-${n}`,
          ProductId: product.Id,
          Value: value,
          Quantity: quantity,
          Status: status,
          DigitalDeliveryAddress: { Email: `recipient${i}@members.example` },
          Rewards:
            status === settings.completeStatus ? [{ Code: `CODE${n}`, Pin: String(1000 + (i % 9000)) }] : [],
          Errors: status === 'Failed' || status === 'Cancelled' ? [random.pick(LINE_FAILURES)] : [],
          cost,
        },
      ],
      settlesAt: kind === 'stuck' || kind === 'pending' ? Number.POSITIVE_INFINITY : created,
      outcome: kind === 'stuck' || kind === 'pending' ? 'stuck' : kind === 'complete' ? 'complete' : 'failed',
    };
  });
}
