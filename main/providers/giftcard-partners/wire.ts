import { z } from 'zod';

/**
 * GiftCard Partners' wire shapes (PascalCase). Unknown fields are tolerated (stripped); only what the desk
 * cannot do without is required.
 */

const text = z.string().nullish();
const money = z.number().finite();

export const tokenWire = z.object({ Value: z.string().min(1), ExpiresIn: z.number().int().positive() });

export const productWire = z.object({
  Id: z.string().min(1),
  Name: text,
  ShortDescription: text,
  Denominations: z.array(money).nullish(),
  DenominationType: text,
  Type: text,
  AvailableDeliveryTypes: z.array(z.string()).nullish(),
  Terms: text,
  Meta: z
    .object({
      ShippingConfiguration: z.object({ HasRequiredCardCarriers: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
  Media: z.object({ Faceplates: z.array(z.object({ Path: text })).nullish() }).nullish(),
  Cost: z.object({ Fee: money.nullish(), DiscountPercentage: money.nullish() }).nullish(),
  CurrencyCode: text,
});
export type ProductWire = z.infer<typeof productWire>;

export const optionWire = z.object({ Id: z.string().min(1), Name: text, Cost: money.nullish() });

export const statusWire = z.object({ Status: z.string().min(1), Version: text });

export const balanceWire = z.object({ Available: money, Pending: money, CurrencyCode: text });

const lineWire = z.object({
  Id: z.string().min(1),
  ProductId: z.string().min(1),
  Value: money,
  Quantity: z.number().int().positive().nullish(),
  Status: text,
  DigitalDeliveryAddress: z.object({ Email: text, Sms: text }).nullish(),
  PhysicalDeliveryAddress: z.object({ Name: text }).nullish(),
  Personalization: z.object({ To: text }).nullish(),
  Rewards: z.array(z.unknown()).nullish(),
  Errors: z.array(z.object({ Code: text, Message: text })).nullish(),
});

export const orderWire = z.object({
  Id: z.string().min(1),
  PONumber: z.string().min(1),
  Type: text,
  Status: z.string().min(1),
  CreatedDate: text,
  Total: money.nullish(),
  LineItems: z.array(lineWire),
});
export type OrderWire = z.infer<typeof orderWire>;

/** Paged wrapper `{ Items, TotalCount, PageIndex, PageSize }` (INFERRED) or a bare array. */
export const listWire = <T extends z.ZodType>(item: T) =>
  z.union([
    z.object({
      Items: z.array(item),
      TotalCount: z.number().int().nonnegative().nullish(),
      PageIndex: z.number().int().nullish(),
      PageSize: z.number().int().nullish(),
    }),
    z
      .array(item)
      .transform((Items) => ({ Items, TotalCount: Items.length, PageIndex: null, PageSize: null })),
  ]);

/** Error bodies: `{ Message, Errors: [{Field, Message}] }` (INFERRED), or RFC 7807 `{ title, errors: {F: [..]} }`. */
export const errorWire = z.union([
  // Problem details first: the PascalCase shape has only optional fields and would match anything.
  z
    .object({ title: z.string(), detail: text, errors: z.record(z.string(), z.array(z.string())).nullish() })
    .transform((p) => ({
      Message: p.detail ?? p.title,
      Errors: Object.entries(p.errors ?? {}).flatMap(([Field, messages]) =>
        messages.map((Message) => ({ Field, Message })),
      ),
    })),
  z.object({
    Message: text,
    Errors: z.array(z.object({ Field: text, Message: text })).nullish(),
  }),
]);

/** A 409 carries the original order, or at least its `Id` (CONFIRMED that the Id is there). */
export const duplicateWire = z.object({ Id: z.string().min(1) });
