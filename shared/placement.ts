import { z } from 'zod';
import type { Supplier } from './domain';
import type { SupplierOrder } from './orders';
import type { SupplierErrorInfo } from './supplier-errors';

/**
 * journaled: written before the request goes out (and again before each resend, same reference).
 * unknown: no clear answer; the desk looks the reference up before anything else.
 * confirmed: the supplier holds exactly one order for the reference; its items are tracked.
 * rejected: the supplier definitely did not take it (nothing was ordered).
 * needs_ops: still unknown after the resend limit or 24 h; a person must check with the supplier.
 */
export const PLACEMENT_STATES = ['journaled', 'unknown', 'confirmed', 'rejected', 'needs_ops'] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];

/** After confirmation: whether the member got their card, or is owed a refund. */
export type PlacementOutcome = 'tracking' | 'fulfilled' | 'refund_due';

export type PlacementEventKind =
  | 'journaled'
  | 'sent'
  | 'confirmed'
  | 'duplicate'
  | 'rejected'
  | 'unknown'
  | 'lookup'
  | 'resend'
  | 'recovered'
  | 'status'
  | 'needs_ops';

/** One line of a placement's timeline: every transition, with the facts support asks for. */
export interface PlacementEvent {
  at: string;
  kind: PlacementEventKind;
  attempt: number;
  state: PlacementState;
  httpStatus: number | null;
  supplierCode: string | null;
  requestId: string | null;
  message: string;
}

const text = (max: number) => z.string().trim().max(max);
/** An optional text field; an empty one counts as not given. */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );
const email = z.email({ error: 'Enter a valid email address' });
const reference = text(64)
  .min(1, 'Enter a reference')
  .regex(/^[\x21-\x7e]+$/, 'A reference is printable ASCII without spaces');

export const ascendaPlacementSchema = z.object({
  supplier: z.literal('ascenda'),
  reference,
  memberId: z.uuid({ error: 'The Ascenda member id is a UUID' }),
  giftCardId: text(100).min(1, 'Pick a gift card'),
  giftCardName: optionalText(200),
  value: z.number({ error: 'Pick a denomination' }).positive('Pick a denomination'),
  currency: text(3).length(3, 'Currency is a 3-letter code'),
  recipient: z.object({
    email: email.optional(),
    phoneNumber: optionalText(32),
    firstName: optionalText(80),
    lastName: optionalText(80),
  }),
});

const address = z.object({
  shippingMethodId: text(40).min(1, 'Pick a shipping method'),
  carrierId: optionalText(40),
  name: text(120).min(1, 'Enter the recipient name'),
  addressLine1: text(200).min(1, 'Enter the street address'),
  addressLine2: optionalText(200),
  city: text(100).min(1, 'Enter the city'),
  state: text(100).min(1, 'Enter the state or region'),
  zip: text(20).min(1, 'Enter the postal code'),
  country: text(2).length(2, 'Country is a 2-letter code'),
});

export const gcpPlacementSchema = z
  .object({
    supplier: z.literal('gcp'),
    reference,
    productId: text(100).min(1, 'Pick a product'),
    productName: optionalText(200),
    deliveryType: z.enum(['DigitalDelivery', 'Links', 'PhysicalShipment']),
    value: z.number({ error: 'Enter the card value' }).positive('Enter the card value'),
    quantity: z
      .number({ error: 'Enter how many cards' })
      // A refinement, not .int(): .int() aborts the parse and would hide the delivery rule below.
      .refine(Number.isInteger, 'Whole cards only')
      .min(1, 'At least one card')
      .max(10_000, 'At most 10,000 cards'),
    email: email.optional(),
    sms: optionalText(32),
    personalization: z
      .object({
        to: optionalText(80),
        fromName: optionalText(80),
        fromEmail: email.optional(),
        message: optionalText(500),
      })
      .optional(),
    physical: address.optional(),
  })
  .superRefine(
    (draft, ctx) => {
      if (draft.deliveryType === 'DigitalDelivery' && !draft.email && !draft.sms) {
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Digital delivery needs an email or an SMS number',
        });
      }
      if (draft.deliveryType === 'PhysicalShipment' && !draft.physical) {
        ctx.addIssue({ code: 'custom', path: ['physical'], message: 'Physical shipment needs an address' });
      }
      // Runs alongside field errors (zod skips it by default while any field fails), so a form shows all at once.
    },
    { when: ({ value }) => typeof value === 'object' && value !== null },
  );

/** What the agent submits. `confirmation` is the typed confirmation a Production profile asks for. */
export const placementDraftSchema = z.object({
  order: z.discriminatedUnion('supplier', [ascendaPlacementSchema, gcpPlacementSchema]),
  confirmation: z.string().max(100).optional(),
});
export type PlacementDraft = z.input<typeof placementDraftSchema>;
export type PlacementOrder = z.output<typeof placementDraftSchema>['order'];

export interface Placement {
  id: number;
  profileId: string;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  outcome: PlacementOutcome | null;
  order: PlacementOrder;
  agent: string;
  attempts: number;
  resends: number;
  supplierOrderId: string | null;
  /** The supplier's order as last read (items, their states and errors). */
  supplierOrder: SupplierOrder | null;
  lastError: SupplierErrorInfo | null;
  nextCheckAt: string | null;
  createdAt: string;
  updatedAt: string;
  timeline: PlacementEvent[];
}

/** Face value of an order (what the member's points pay for). */
export const faceValue = (order: PlacementOrder): number =>
  order.supplier === 'ascenda' ? order.value : order.value * order.quantity;

/** What an order will cost before it is placed: points for the member, money from the deposit (GCP). */
export interface PlacementQuote {
  faceValue: number;
  currency: string;
  /** Face value ÷ the profile's cost per point, rounded up. */
  points: number;
  /** GiftCard Partners only: what the deposit pays, and what it holds now. */
  cost: number | null;
  available: number | null;
  /** Plain-language warnings shown before sending (e.g. a sure insufficient-funds refusal). */
  warnings: string[];
}
