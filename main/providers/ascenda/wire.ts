import { z } from 'zod';
import { unwrapData } from '../tolerant';

/**
 * Ascenda's wire shapes (snake_case). Unknown fields are tolerated (stripped); only what the desk cannot do
 * without is required (the order's id, a gift card's id), because the notes mark most of these objects INFERRED.
 * Everything else may be absent, and is then null in the domain, never a guess.
 */

const text = z.string().nullish();
/** Ids and member numbers: text, or a number a supplier chose to send as one. */
const idText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .nullish();
const money = z.number().finite();

export const tokenWire = unwrapData(
  z
    .object({
      access_token: z.string().min(1).optional(),
      token: z.string().min(1).optional(),
      token_type: z.string().nullish(),
      /** Epoch seconds (CONFIRMED: absolute, not expires_in). */
      expires_at: z.number().int().positive(),
    })
    .refine((t) => t.access_token ?? t.token, 'access_token is missing'),
);

const brandWire = z.union([z.string(), z.object({ name: text, logo_url: text })]);
const imagesWire = z.union([z.object({ logo: text, card: text }), z.array(z.object({ url: text }))]);

export const giftCardWire = z.object({
  id: z.union([z.string().min(1), z.number()]).transform((v) => String(v)),
  name: text,
  brand: brandWire.nullish(),
  categories: z.array(z.string()).nullish(),
  country: text,
  countries: z.array(z.string()).nullish(),
  currency: text,
  denominations: z.array(money).nullish(),
  images: imagesWire.nullish(),
  description: text,
  terms: text,
  redemption_instructions: text,
  required_recipient_fields: z.array(z.string()).nullish(),
  recipient_fields: z.array(z.string()).nullish(),
});
export type GiftCardWire = z.infer<typeof giftCardWire>;

const itemErrorWire = z.object({ code: idText, message: text });

const orderItemWire = z.object({
  id: idText,
  type: text,
  status: text,
  errors: z.array(itemErrorWire).nullish(),
  gift_card: z
    .object({
      id: idText,
      name: text,
      value: money.nullish(),
      currency: text,
      quantity: z.number().int().nullish(),
    })
    .nullish(),
  recipient: z.object({ email: text, phone_number: text, first_name: text, last_name: text }).nullish(),
  /** A points-transfer item's facts (field names INFERRED, api-notes §17). */
  points_transfer: z
    .object({
      loyalty_program_id: idText,
      loyalty_program_name: text,
      amount: money.nullish(),
      membership: z.object({ id: idText, first_name: text, last_name: text }).nullish(),
    })
    .nullish(),
});

/** An order: only Ascenda's id is required; the reference, items and statuses are read where present. */
export const orderWire = z.object({
  id: z.union([z.string().min(1), z.number()]).transform((v) => String(v)),
  reference_id: idText,
  status: text,
  transacted_at: text,
  created_at: text,
  user: z.object({ id: idText, number: idText }).nullish(),
  order_items: z.array(orderItemWire).nullish(),
});
export type OrderWire = z.infer<typeof orderWire>;

/** A single order, bare or wrapped in `{ data: … }` (findings of 2026-11-26: accept both). */
export const singleOrderWire = unwrapData(orderWire);

export const metaWire = z.object({
  page: z.number().int().nullish(),
  per_page: z.number().int().nullish(),
  total_count: z.number().int().nonnegative().nullish(),
  total_pages: z.number().int().nonnegative().nullish(),
});
export type MetaWire = z.infer<typeof metaWire>;

/**
 * A list: `{ data: [...], <paging object> }` (data CONFIRMED, the paging object's name INFERRED) or a bare array.
 * Elements stay unparsed here: each is read on its own, so one unreadable record never hides the others.
 */
export const listWire = z.union([
  z.looseObject({ data: z.array(z.unknown()) }),
  z.array(z.unknown()).transform((data) => ({ data })),
]);
export type ListWire = z.infer<typeof listWire>;

/** Error bodies: `{ errors: [{code, message}] }` (STRONGLY SUPPORTED), also `{ error: {...} }` or a flat one. */
export const errorWire = z.union([
  z.object({ errors: z.array(z.object({ code: text, message: text })).min(1) }),
  z.object({ error: z.object({ code: text, message: text }) }).transform((e) => ({ errors: [e.error] })),
  z.object({ code: text, message: text }).transform((e) => ({ errors: [e] })),
]);

/** A whole number of a programme's units (transfer amounts are integers, CONFIRMED by CREATE-PT). */
const units = z.number().int().nonnegative();

/**
 * One loyalty programme (GET-LP; field names INFERRED, api-notes §17). Only the id is required; rules that are
 * given must make sense together, or the record is unreadable (a programme whose rules refuse every amount would
 * only mislead the agent).
 */
export const loyaltyProgramWire = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform((v) => String(v)),
    name: text,
    min_amount: units.nullish(),
    max_amount: units.nullish(),
    increment: z.number().int().positive().nullish(),
    conversion_rate: z.number().finite().positive().nullish(),
    time_zone: text,
    unit_name: text,
    time_to_credit: text,
  })
  .refine((p) => (p.min_amount ?? 0) <= (p.max_amount ?? Number.POSITIVE_INFINITY), {
    path: ['max_amount'],
    message: 'max_amount is below min_amount',
  });
export type LoyaltyProgramWire = z.infer<typeof loyaltyProgramWire>;

/** A single programme, bare or wrapped in `{ data: … }`. */
export const singleLoyaltyProgramWire = unwrapData(loyaltyProgramWire);

/**
 * A membership check's 2xx answer (INFERRED shape): a success unless it plainly says otherwise, with `valid: false`
 * or an error list, so any JSON object is read and the verdict taken from what it says.
 */
export const membershipAnswerWire = unwrapData(
  z.looseObject({
    valid: z.boolean().nullish(),
    code: idText,
    message: text,
    errors: z.array(z.object({ code: idText, message: text })).nullish(),
  }),
);

/**
 * The programme listing: an array under the configured key (INFERRED `data`), beside the paging object if any,
 * or a bare array. Read as a list like any other, its records each on their own.
 */
export const programListWire = (key: string): z.ZodType<ListWire> =>
  z.union([
    z.array(z.unknown()).transform((data) => ({ data })),
    z
      .looseObject({ [key]: z.array(z.unknown()) })
      .transform((body) => ({ ...body, data: body[key] as unknown[] })),
  ]);
