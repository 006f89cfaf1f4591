import { z } from 'zod';
import { unwrapData } from '../tolerant';

/**
 * GiftCard Partners' wire shapes (PascalCase). Unknown fields are tolerated (stripped); only what the desk
 * cannot do without is required (an order's or product's `Id`). Everything else may be absent, and is then null
 * in the domain, never a guess.
 */

const text = z.string().nullish();
const idText = z.union([z.string().min(1), z.number()]).transform((v) => String(v));
const money = z.number().finite();

export const tokenWire = unwrapData(
  z.object({ Value: z.string().min(1), ExpiresIn: z.number().int().positive() }),
);

export const productWire = z.object({
  Id: idText,
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
export const singleProductWire = unwrapData(productWire);

export const optionWire = z.object({ Id: idText, Name: text, Cost: money.nullish() });

export const statusWire = unwrapData(z.object({ Status: z.string().min(1), Version: text }));

export const balanceWire = unwrapData(z.object({ Available: money, Pending: money, CurrencyCode: text }));

const lineWire = z.object({
  Id: idText.nullish(),
  ProductId: idText.nullish(),
  Value: money.nullish(),
  Quantity: z.number().int().positive().nullish(),
  Status: text,
  DigitalDeliveryAddress: z.object({ Email: text, Sms: text }).nullish(),
  PhysicalDeliveryAddress: z.object({ Name: text }).nullish(),
  Personalization: z.object({ To: text }).nullish(),
  Rewards: z.array(z.unknown()).nullish(),
  Errors: z.array(z.object({ Code: text, Message: text })).nullish(),
});

/** An order: only the supplier's `Id` is required; the PONumber, lines and statuses are read where present. */
export const orderWire = z.object({
  Id: idText,
  PONumber: idText.nullish(),
  Type: text,
  Status: text,
  CreatedDate: text,
  Total: money.nullish(),
  LineItems: z.array(lineWire).nullish(),
});
export type OrderWire = z.infer<typeof orderWire>;
export const singleOrderWire = unwrapData(orderWire);

/**
 * A list: the paged wrapper `{ Items, TotalCount, PageIndex, PageSize }` (INFERRED) or a bare array. Elements stay
 * unparsed here: each is read on its own, so one unreadable record never hides the others.
 */
export const listWire = z.union([
  z.object({
    Items: z.array(z.unknown()),
    TotalCount: z.number().int().nonnegative().nullish(),
    PageIndex: z.number().int().nullish(),
    PageSize: z.number().int().nullish(),
  }),
  z.array(z.unknown()).transform((Items) => ({ Items, TotalCount: null, PageIndex: null, PageSize: null })),
]);
export type ListWire = z.infer<typeof listWire>;

/**
 * Error bodies: RFC 7807 `ValidationProblemDetails` (`title`, `errors{field:[…]}`, `traceId`, lower-case even with
 * PascalCase elsewhere), or `{ Message, Errors: [{Field, Message}] }`.
 */
export const errorWire = z.union([
  // Problem details first: the PascalCase shape has only optional fields and would match anything.
  z
    .object({
      title: z.string(),
      detail: text,
      traceId: text,
      errors: z.record(z.string(), z.array(z.string())).nullish(),
    })
    .transform((p) => ({
      Message: p.detail ?? p.title,
      TraceId: p.traceId ?? null,
      Errors: Object.entries(p.errors ?? {}).flatMap(([Field, messages]) =>
        messages.map((Message) => ({ Field, Message })),
      ),
    })),
  z
    .object({
      Message: text,
      Errors: z.array(z.object({ Field: text, Message: text })).nullish(),
    })
    .transform((e) => ({ ...e, TraceId: null })),
]);

/**
 * A 409 names the original order (CONFIRMED); how is INFERRED, so every likely shape is read: the whole order,
 * `{ Id }`, `{ OrderId }` or the bare id (an ASP.NET `Conflict(id)`).
 */
export const duplicateWire = z.union([
  z.string().min(1),
  z.number().transform((id) => String(id)),
  z.object({ OrderId: idText }).transform((b) => b.OrderId),
  z.object({ Id: idText }).transform((b) => b.Id),
  z.object({ data: z.object({ Id: idText }) }).transform((b) => b.data.Id),
]);
