// Over 400 lines on purpose: the placement's states, outcomes and the words the agent reads for them are one
// vocabulary shared by main and the renderer; split apart, a state could lose its words.
import { z } from 'zod';
import type { Supplier } from './domain';
import { formatMoney } from './format';
import type { ItemKind, SupplierOrder } from './orders';
import type { SupplierErrorInfo } from './supplier-errors';
import { membershipSchema } from './transfers';

/**
 * journaled: written before the request goes out (and again before each resend, same reference).
 * unknown: no clear answer; the desk looks the reference up before anything else.
 * confirmed: the supplier holds an order for our reference that matches what was journaled; items are tracked.
 * unverified: the supplier handed back an order without the facts to check it is ours; never green.
 * mismatch: the supplier handed back an order that differs from what was journaled; never green.
 * not_found: an agent declared the order handed back "not ours" and ours was not found: retry or refund.
 * rejected: a documented, definite refusal: nothing was ordered.
 * needs_ops: still unresolved after the limits (5 resends or look-ups, or 24 h); a person asks the supplier.
 */
export const PLACEMENT_STATES = [
  'journaled',
  'unknown',
  'confirmed',
  'unverified',
  'mismatch',
  'not_found',
  'rejected',
  'needs_ops',
] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];

/** States in which the desk cannot say whether the member's order exists: never refundable, never re-placed. */
export const IN_DOUBT_STATES: readonly PlacementState[] = [
  'journaled',
  'unknown',
  'unverified',
  'mismatch',
  'needs_ops',
];

/** States the runner keeps driving by itself (plus confirmed orders still being tracked). */
export const DRIVEN_STATES: readonly PlacementState[] = ['journaled', 'unknown', 'unverified', 'mismatch'];

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
  | 'needs_ops'
  | 'mismatch'
  | 'unverified'
  | 'resolved'
  | 'revised'
  | 'retry'
  | 'attention';

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
/** The member's id in the client's loyalty system: any text (no UUID rule, CONFIRMED GC-GUIDE). */
export const memberIdSchema = text(100).min(1, 'Enter the member id from the client system');

export const ascendaPlacementSchema = z.object({
  supplier: z.literal('ascenda'),
  /** Absent on drafts made before transfers existed: a gift card. */
  kind: z.literal('gift_card').optional(),
  reference,
  memberId: memberIdSchema,
  giftCardId: text(100).min(1, 'Pick a gift card'),
  giftCardName: optionalText(200),
  value: z.number({ error: 'Pick a denomination' }).positive('Pick a denomination'),
  currency: text(3)
    .regex(/^[A-Za-z]{3}$/, 'Currency is a 3-letter code')
    .transform((c) => c.toUpperCase()),
  recipient: z.object({
    email: email.optional(),
    phoneNumber: optionalText(32),
    firstName: optionalText(80),
    lastName: optionalText(80),
  }),
});

/**
 * A transfer of the member's points to a loyalty programme (Ascenda, api-notes §17): the programme, the amount in
 * its units (within its rules), the membership checked before placing, and the points the member redeemed in the
 * client system — exactly what a failed or cancelled transfer owes back.
 */
export const transferPlacementSchema = z.object({
  supplier: z.literal('ascenda'),
  kind: z.literal('points_transfer'),
  reference,
  memberId: memberIdSchema,
  programId: text(100).min(1, 'Pick a programme'),
  programName: optionalText(200),
  /** The programme's time zone when known: business days are counted in it. */
  programTimeZone: optionalText(64),
  /** What the programme calls its units (miles, points), for the words only. */
  programUnit: optionalText(40),
  amount: z
    .number({ error: 'Enter the amount to transfer' })
    .refine(Number.isInteger, 'Whole units only')
    .refine((n) => n > 0, 'Enter an amount above 0')
    .refine((n) => n <= 100_000_000, 'At most 100,000,000'),
  membership: membershipSchema,
  pointsRedeemed: z
    .number({ error: 'Enter the points the member redeemed' })
    .refine(Number.isInteger, 'Whole points only')
    .refine((n) => n > 0, 'Enter the points the member redeemed (above 0)')
    .refine((n) => n <= 1_000_000_000, 'At most 1,000,000,000 points'),
  /** The member's own contact (Ascenda's `user`), where the client system has it. */
  user: z
    .object({ email: email.optional(), firstName: optionalText(80), lastName: optionalText(80) })
    .default({}),
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
    /** Journaled, never sent (GiftCard Partners has no member); a draft without it is "member unknown". */
    memberId: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      memberIdSchema.optional(),
    ),
    productId: text(100).min(1, 'Pick a product'),
    productName: optionalText(200),
    /** The product's currency; the desk fills it from the catalogue when the form does not send it. */
    currency: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{3}$/, 'Currency is a 3-letter code')
        .transform((c) => c.toUpperCase())
        .optional(),
    ),
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

/** A typed reason: what an agent writes to make a second payment or a resolution deliberate (audited). */
export const reasonSchema = z
  .string({ error: 'Type a reason' })
  .trim()
  .min(10, 'Type a reason of at least 10 characters')
  .max(500, 'A reason is at most 500 characters');

/**
 * What the agent submits. `confirmation` is the typed confirmation a Production profile asks for;
 * `intentOverride` is the typed reason to place although the duplicate-intent guard found a match.
 */
export const placementDraftSchema = z.object({
  order: z.discriminatedUnion('supplier', [
    z.discriminatedUnion('kind', [ascendaPlacementSchema, transferPlacementSchema]),
    gcpPlacementSchema,
  ]),
  confirmation: z.string().max(100).optional(),
  intentOverride: reasonSchema.optional(),
});
export type PlacementDraft = z.input<typeof placementDraftSchema>;
export type PlacementOrder = z.output<typeof placementDraftSchema>['order'];

/** One fact compared between the journaled request and what the supplier handed back. */
export interface FieldDifference {
  field:
    'reference' | 'product' | 'value' | 'currency' | 'quantity' | 'member' | 'lines' | 'kind' | 'membership';
  expected: string;
  actual: string;
}

/** Whether an order the supplier handed back is ours: only `match` may become "confirmed". */
export interface Verification {
  verdict: 'match' | 'mismatch' | 'unverified';
  differences: FieldDifference[];
  /** Facts needed to check the order that the supplier did not return. */
  missing: FieldDifference['field'][];
}

/**
 * The points the member paid: priced at the rate of the order's currency when it was journaled, or, for a points
 * transfer, the points the member redeemed in the client system (no currency, no rate).
 */
export interface PointsAtRate {
  currency: string | null;
  costPerPoint: number | null;
  points: number;
}

/** An earlier version of the request under the same reference (kept when an agent corrects and resends). */
export interface PlacementRevision {
  revision: number;
  order: PlacementOrder;
  transactedAt: string;
  at: string;
  agent: string;
  reason: string | null;
}

export interface Placement {
  id: number;
  profileId: string;
  supplier: Supplier;
  reference: string;
  state: PlacementState;
  outcome: PlacementOutcome | null;
  order: PlacementOrder;
  /** The member's id in the client system; null for a GiftCard Partners draft without one ("member unknown"). */
  memberId: string | null;
  agent: string;
  attempts: number;
  resends: number;
  /** Look-ups made while unverified or mismatched (limit 5, then Ops). */
  lookups: number;
  /** Rises only when an agent corrects and resends, or retries after a definite refusal. */
  revision: number;
  /** Fixed when the revision was journaled: every resend of it carries the same body. */
  transactedAt: string;
  /** The rate and points journaled with the order; null where the currency had no rate then. */
  points: PointsAtRate | null;
  supplierOrderId: string | null;
  /** Our order at the supplier, verified (items, their states and errors); null until one matches. */
  supplierOrder: SupplierOrder | null;
  /** The last order the supplier handed back that is not (or not provably) ours, with what differs. */
  candidate: { order: SupplierOrder; verification: Verification } | null;
  /** Orders the supplier handed back that an agent or the checks declared not ours: kept for Ops. */
  foreignOrders: SupplierOrder[];
  lastError: SupplierErrorInfo | null;
  nextCheckAt: string | null;
  /** Set when an agent placed it despite a duplicate-intent match (the typed reason, audited). */
  intentOverride: string | null;
  /** When items first reported a status the desk does not know (alerts after the profile's setting). */
  unknownStatusSince: string | null;
  createdAt: string;
  updatedAt: string;
  revisions: PlacementRevision[];
  timeline: PlacementEvent[];
}

/** The facts every journaled order has, whatever the shape of its supplier's draft. */
export interface OrderFacts {
  productId: string;
  productName: string | null;
  /** Face value of one card. */
  value: number;
  currency: string | null;
  quantity: number;
  memberId: string | null;
  /** Where the card goes: the member's contact, compared with what a supplier returns. */
  email: string | null;
  phone: string | null;
  kind: ItemKind;
  /** A transfer's programme membership number. */
  membershipId: string | null;
}

/** A draft for a points transfer (the kind field tells it from a gift card; older drafts have none). */
export const isTransfer = (order: PlacementOrder): order is TransferOrder =>
  'kind' in order && order.kind === 'points_transfer';

export type TransferOrder = z.output<typeof transferPlacementSchema>;
export type GiftCardOrder = Exclude<PlacementOrder, TransferOrder>;

export function orderFacts(order: PlacementOrder): OrderFacts {
  if (isTransfer(order)) {
    return {
      productId: order.programId,
      productName: order.programName ?? null,
      value: order.amount,
      currency: null,
      quantity: 1,
      memberId: order.memberId,
      email: order.user.email ?? null,
      phone: null,
      kind: 'points_transfer',
      membershipId: order.membership.id,
    };
  }
  if (order.supplier === 'ascenda') {
    return {
      productId: order.giftCardId,
      productName: order.giftCardName ?? null,
      value: order.value,
      currency: order.currency,
      quantity: 1,
      memberId: order.memberId,
      email: order.recipient.email ?? null,
      phone: order.recipient.phoneNumber ?? null,
      kind: 'gift_card',
      membershipId: null,
    };
  }
  return {
    productId: order.productId,
    productName: order.productName ?? null,
    value: order.value,
    currency: order.currency ?? null,
    quantity: order.quantity,
    memberId: order.memberId ?? null,
    email: order.email ?? null,
    phone: order.sms ?? null,
    kind: 'gift_card',
    membershipId: null,
  };
}

/** What an order is for, in words: a card's face value with its currency, or a transfer's amount in units. */
export function orderAmountText(order: PlacementOrder): string {
  const f = orderFacts(order);
  if (isTransfer(order)) return `${order.amount.toLocaleString('en-US')} ${order.programUnit ?? 'units'}`;
  return `${formatMoney(f.value * f.quantity, f.currency)}${f.quantity > 1 ? ` (${f.quantity} × ${formatMoney(f.value, f.currency)})` : ''}`;
}

/** Face value of an order (what the member's points pay for). */
export const faceValue = (order: PlacementOrder): number => {
  // A transfer's amount is in programme units, not money; its value to the member is the points redeemed.
  const { value, quantity } = orderFacts(order);
  return Math.round(value * quantity * 100) / 100;
};

/** What an order will cost before it is placed: points for the member, money from the deposit (GCP). */
export interface PlacementQuote {
  faceValue: number;
  currency: string;
  /** Face value ÷ the cost per point of this currency, rounded up; null when the currency has no rate. */
  points: number | null;
  /** GiftCard Partners only: what the deposit pays, and what it holds now. */
  cost: number | null;
  available: number | null;
  /** Plain-language warnings shown before sending (e.g. a sure insufficient-funds refusal). */
  warnings: string[];
}
