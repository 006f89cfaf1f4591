import { z } from 'zod';

/**
 * Ascenda's wire shapes (snake_case). Unknown fields are tolerated (stripped); only what the desk cannot do
 * without is required, because the notes mark most of these objects INFERRED.
 */

const text = z.string().nullish();
const money = z.number().finite();

export const tokenWire = z
  .object({
    access_token: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    token_type: z.string().nullish(),
    /** Epoch seconds (CONFIRMED: absolute, not expires_in). */
    expires_at: z.number().int().positive(),
  })
  .refine((t) => t.access_token ?? t.token, 'access_token is missing');

const brandWire = z.union([z.string(), z.object({ name: text, logo_url: text })]);
const imagesWire = z.union([z.object({ logo: text, card: text }), z.array(z.object({ url: text }))]);

export const giftCardWire = z.object({
  id: z.string().min(1),
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

const itemErrorWire = z.object({ code: z.string(), message: z.string().nullish() });

const orderItemWire = z.object({
  id: z.string().min(1),
  type: text,
  status: z.string().min(1),
  errors: z.array(itemErrorWire).nullish(),
  gift_card: z
    .object({
      id: z.string().min(1),
      name: text,
      value: money,
      currency: text,
      quantity: z.number().int().nullish(),
    })
    .nullish(),
  recipient: z.object({ email: text, phone_number: text, first_name: text, last_name: text }).nullish(),
});

export const orderWire = z.object({
  id: z.string().min(1),
  reference_id: z.string().min(1),
  status: z.string().nullish(),
  transacted_at: text,
  created_at: text,
  user: z.object({ id: text, number: text }).nullish(),
  order_items: z.array(orderItemWire),
});
export type OrderWire = z.infer<typeof orderWire>;

const metaWire = z
  .object({
    page: z.number().int().nullish(),
    per_page: z.number().int().nullish(),
    total_count: z.number().int().nullish(),
    total_pages: z.number().int().nullish(),
  })
  .nullish();

/** List wrapper `{ data, meta }` (INFERRED); a bare array is accepted too. */
export const pageWire = <T extends z.ZodType>(item: T) =>
  z.union([
    z.object({ data: z.array(item), meta: metaWire }),
    z.array(item).transform((data) => ({ data, meta: null })),
  ]);

/** Error bodies: `{ errors: [{code, message}] }` (INFERRED), also `{ error: {...} }` or a bare `{ message }`. */
export const errorWire = z.union([
  z.object({ errors: z.array(z.object({ code: text, message: text })).min(1) }),
  z.object({ error: z.object({ code: text, message: text }) }).transform((e) => ({ errors: [e.error] })),
  z.object({ code: text, message: text }).transform((e) => ({ errors: [e] })),
]);
