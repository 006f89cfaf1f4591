import type { GiftCard, Product } from '../../../shared/catalogue';
import { catalogueRules } from '../../../shared/catalogue-rules';
import type { Supplier } from '../../../shared/domain';
import { placementDraftSchema, type GiftCardOrder, type PlacementDraft } from '../../../shared/placement';
import { ascendaOrder } from './gift-card/ascenda-order';
import { numberOf, textOf, type FormErrors, type FormValues } from './gift-card/form-values';
import { gcpOrder } from './gift-card/gcp-order';

export { isVariable, requiredRecipientPaths, valueRange } from '../../../shared/catalogue-rules';

/** The item the agent picked in the catalogue search. */
export type CatalogueItem = GiftCard | Product;
export type { FormErrors, FormValues };

type ItemOf<S extends Supplier> = Extract<CatalogueItem, { supplier: S }>;
type OrderOf<S extends Supplier> = Extract<GiftCardOrder, { supplier: S }>;

/** What one supplier adds to the gift-card form: its fields, their starting values and its order. */
interface SupplierOrderForm<S extends Supplier> {
  fieldPaths: readonly string[];
  initialValues(item: ItemOf<S>): FormValues;
  valuesOf(order: OrderOf<S>): FormValues;
  quantity(values: FormValues): number;
  orderOf(item: ItemOf<S>, values: FormValues, reference: string): object;
}

const ORDER_FORMS: { [S in Supplier]: SupplierOrderForm<S> } = { ascenda: ascendaOrder, gcp: gcpOrder };

/** The supplier's part of the form, looked up once: no supplier branch anywhere else in the form. */
const orderFormOf = <S extends Supplier>(supplier: S): SupplierOrderForm<S> => ORDER_FORMS[supplier];

export const newReference = () => crypto.randomUUID();

/** The fields every gift-card order has, whatever its supplier. */
const COMMON_PATHS = ['reference', 'confirmation', 'memberId', 'value'];

/** Paths that belong to a field the form shows for this item (other errors are listed at the top). */
export const fieldPathsOf = (item: CatalogueItem): ReadonlySet<string> =>
  new Set([...COMMON_PATHS, ...orderFormOf(item.supplier).fieldPaths]);

/** How many cards the form orders. */
export const quantityOf = (item: CatalogueItem, values: FormValues): number =>
  orderFormOf(item.supplier).quantity(values);

/** Starting values for a newly picked item: its first denomination and delivery type, a fresh reference kept. */
export function initialValues(item: CatalogueItem, reference: string, memberId = ''): FormValues {
  return {
    reference,
    memberId,
    confirmation: '',
    value: String(item.denominations[0] ?? ''),
    ...orderFormOf(item.supplier).initialValues(item),
  };
}

/** The form's values for a journaled order: what "Correct and resend" starts from. */
export function valuesOf(order: GiftCardOrder): FormValues {
  return {
    reference: order.reference,
    memberId: order.memberId ?? '',
    confirmation: '',
    value: String(order.value),
    ...orderFormOf(order.supplier).valuesOf(order),
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
  const order = orderFormOf(item.supplier).orderOf(item, values, values.reference?.trim() ?? '');
  const draft = { order, confirmation: production ? values.confirmation : undefined };
  const parsed = placementDraftSchema.safeParse(draft);
  const errors: FormErrors = catalogueRules(item, {
    value: numberOf(values, 'value'),
    deliveryType: values.deliveryType,
    has: (path) => textOf(values, path) !== undefined,
  });
  // The channel keeps older GiftCard Partners drafts valid without a member; the form always asks for one.
  if (!textOf(values, 'memberId')) errors.memberId = 'Enter the member id from the client system';
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
