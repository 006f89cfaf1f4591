import type { CatalogueItem, GiftCard } from './catalogue';

/**
 * What a supplier's catalogue says about an order that the shared placement schema cannot know: the card's values,
 * its currency and required recipient fields; the product's delivery types and carriers. The order form and the
 * bulk CSV check apply the same rules, keyed by the form's field paths.
 */

/** Ascenda's names for recipient fields a card may require (INFERRED), and where the form keeps them. */
export const RECIPIENT_FIELDS: Record<string, { path: string; label: string }> = {
  email: { path: 'recipient.email', label: 'an email' },
  phone_number: { path: 'recipient.phoneNumber', label: 'a phone number' },
  first_name: { path: 'recipient.firstName', label: 'a first name' },
  last_name: { path: 'recipient.lastName', label: 'a last name' },
};

export const requiredRecipientPaths = (card: GiftCard): string[] =>
  card.requiredRecipientFields.flatMap((field) => RECIPIENT_FIELDS[field]?.path ?? []);

/** A variable-value product takes any value between its smallest and largest listed denomination (INFERRED). */
export const isVariable = (item: CatalogueItem) =>
  item.supplier === 'gcp' && item.denominationType === 'Variable';

export function valueRange(item: CatalogueItem): { min: number; max: number } | null {
  if (item.denominations.length === 0) return null;
  return { min: Math.min(...item.denominations), max: Math.max(...item.denominations) };
}

export interface RuleInput {
  value: number;
  deliveryType: string | undefined;
  /** The currency the order names (Ascenda), when it names one. */
  currency?: string;
  /** Whether the field at this path is filled in. */
  has(path: string): boolean;
}

/** Errors by field path ('form' for one with no field of its own); empty when the item allows the order. */
export function catalogueRules(item: CatalogueItem, input: RuleInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const { value } = input;
  const range = valueRange(item);
  if (!Number.isNaN(value)) {
    if (isVariable(item) && range && (value < range.min || value > range.max))
      errors.value = `Enter a value from ${range.min} to ${range.max}`;
    if (!isVariable(item) && item.denominations.length > 0 && !item.denominations.includes(value))
      errors.value = `Pick one of ${item.denominations.join(', ')}`;
  }
  if (item.supplier === 'ascenda') {
    if (!item.currency)
      errors.form = 'This gift card lists no currency; Ascenda cannot take an order for it.';
    else if (input.currency && input.currency.toUpperCase() !== item.currency.toUpperCase())
      errors.currency = `This card is in ${item.currency}, not ${input.currency}`;
    for (const field of item.requiredRecipientFields) {
      const required = RECIPIENT_FIELDS[field];
      if (required && !input.has(required.path))
        errors[required.path] = `This card needs ${required.label} for the recipient`;
    }
  } else {
    if (!item.deliveryTypes.includes(input.deliveryType ?? ''))
      errors.deliveryType = `This product is delivered as ${item.deliveryTypes.join(' or ')}`;
    if (
      input.deliveryType === 'PhysicalShipment' &&
      item.hasRequiredCardCarriers &&
      !input.has('physical.carrierId')
    )
      errors['physical.carrierId'] = 'This product needs a card carrier';
  }
  return errors;
}
