import type { GiftCard, Product } from '../../../shared/catalogue';
import { catalogueRules } from '../../../shared/catalogue-rules';
import { placementDraftSchema, type GiftCardOrder, type PlacementDraft } from '../../../shared/placement';

export { isVariable, requiredRecipientPaths, valueRange } from '../../../shared/catalogue-rules';

/** The item the agent picked in the catalogue search. */
export type CatalogueItem = GiftCard | Product;

/** Every input of the form, keyed by the path the placement schema reports its errors under. */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

export const newReference = () => crypto.randomUUID();

/** Starting values for a newly picked item: its first denomination and delivery type, a fresh reference kept. */
export function initialValues(item: CatalogueItem, reference: string, memberId = ''): FormValues {
  const values: FormValues = {
    reference,
    memberId,
    confirmation: '',
    value: String(item.denominations[0] ?? ''),
  };
  if (item.supplier === 'gcp') {
    values.deliveryType = item.deliveryTypes[0] ?? 'DigitalDelivery';
    values.quantity = '1';
    values['physical.country'] = 'US';
  }
  return values;
}

/** The form's values for a journaled order: what "Correct and resend" starts from. */
export function valuesOf(order: GiftCardOrder): FormValues {
  const values: FormValues = {
    reference: order.reference,
    memberId: order.memberId ?? '',
    confirmation: '',
    value: String(order.value),
  };
  const put = (prefix: string, group: Record<string, string | undefined> | undefined) => {
    for (const [key, value] of Object.entries(group ?? {})) if (value) values[`${prefix}.${key}`] = value;
  };
  if (order.supplier === 'ascenda') {
    put('recipient', order.recipient);
    return values;
  }
  values.deliveryType = order.deliveryType;
  values.quantity = String(order.quantity);
  if (order.email) values.email = order.email;
  if (order.sms) values.sms = order.sms;
  put('personalization', order.personalization);
  put('physical', order.physical);
  return values;
}

const ADDRESS_FIELDS = [
  'shippingMethodId',
  'carrierId',
  'name',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'zip',
  'country',
];

const text = (values: FormValues, path: string): string | undefined => {
  const value = values[path]?.trim();
  return value ? value : undefined;
};
const number = (values: FormValues, path: string): number => {
  const value = values[path]?.trim();
  return value ? Number(value) : Number.NaN;
};
/** Only the group's non-empty fields; the whole group is left out when all are empty. */
function group(values: FormValues, prefix: string, keys: string[]) {
  const entries = keys.map((key) => [key, text(values, `${prefix}.${key}`)] as const).filter(([, v]) => v);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function orderOf(item: CatalogueItem, values: FormValues) {
  const reference = values.reference?.trim() ?? '';
  if (item.supplier === 'ascenda') {
    return {
      supplier: 'ascenda' as const,
      reference,
      memberId: values.memberId?.trim() ?? '',
      giftCardId: item.id,
      giftCardName: item.name,
      value: number(values, 'value'),
      currency: item.currency ?? '',
      recipient: group(values, 'recipient', ['email', 'phoneNumber', 'firstName', 'lastName']) ?? {},
    };
  }
  const deliveryType = values.deliveryType as 'DigitalDelivery' | 'Links' | 'PhysicalShipment';
  return {
    supplier: 'gcp' as const,
    reference,
    memberId: text(values, 'memberId'),
    productId: item.id,
    productName: item.name,
    currency: item.currency ?? undefined,
    deliveryType,
    value: number(values, 'value'),
    quantity: number(values, 'quantity'),
    email: deliveryType === 'DigitalDelivery' ? text(values, 'email') : undefined,
    sms: deliveryType === 'DigitalDelivery' ? text(values, 'sms') : undefined,
    personalization:
      deliveryType === 'Links'
        ? undefined
        : group(values, 'personalization', ['to', 'fromName', 'fromEmail', 'message']),
    // Every address field goes as typed ('' when empty), so each missing one gets its own message.
    physical:
      deliveryType === 'PhysicalShipment'
        ? Object.fromEntries(ADDRESS_FIELDS.map((key) => [key, values[`physical.${key}`]?.trim() ?? '']))
        : undefined,
  };
}

/**
 * Checks the form as main will (the same schema), plus the picked item's own rules, and either returns the draft
 * to send or an error per field path.
 */
export function buildDraft(
  item: CatalogueItem,
  values: FormValues,
  production: boolean,
): { draft: PlacementDraft; errors: null } | { draft: null; errors: FormErrors } {
  const draft = { order: orderOf(item, values), confirmation: production ? values.confirmation : undefined };
  const parsed = placementDraftSchema.safeParse(draft);
  const errors: FormErrors = catalogueRules(item, {
    value: number(values, 'value'),
    deliveryType: values.deliveryType,
    has: (path) => text(values, path) !== undefined,
  });
  // The channel keeps older GiftCard Partners drafts valid without a member; the form always asks for one.
  if (!text(values, 'memberId')) errors.memberId = 'Enter the member id from the client system';
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.slice(issue.path[0] === 'order' ? 1 : 0).join('.');
      errors[path || 'form'] ??= issue.message;
    }
  }
  if (production && values.confirmation?.trim() !== values.reference?.trim())
    errors.confirmation = 'Type the reference exactly as above to confirm this Production order';
  if (Object.keys(errors).length > 0) return { draft: null, errors };
  return { draft: draft as PlacementDraft, errors: null };
}

/** A refusal's field errors next to their fields; the message at the top. */
export function fieldErrors(message: string, details: unknown): FormErrors {
  const errors: FormErrors = { form: message };
  if (Array.isArray(details)) {
    for (const issue of details as Array<{ path?: unknown; message?: unknown }>) {
      if (!Array.isArray(issue.path) || typeof issue.message !== 'string') continue;
      const path = (issue.path as string[]).slice(issue.path[0] === 'order' ? 1 : 0).join('.');
      if (path) errors[path] ??= issue.message;
    }
  }
  return errors;
}
