import type { GiftCard } from '../../../../shared/catalogue';
import type { GiftCardOrder } from '../../../../shared/placement';
import { groupOf, numberOf, putGroup, type FormValues } from './form-values';

const RECIPIENT_FIELDS = ['email', 'phoneNumber', 'firstName', 'lastName'] as const;

/** What an Ascenda gift-card order adds to the form: a recipient, one card an order. */
export const ascendaOrder = {
  fieldPaths: RECIPIENT_FIELDS.map((key) => `recipient.${key}`),
  initialValues: (): FormValues => ({}),
  valuesOf(order: Extract<GiftCardOrder, { supplier: 'ascenda' }>): FormValues {
    const values: FormValues = {};
    putGroup(values, 'recipient', order.recipient);
    return values;
  },
  quantity: (): number => 1,
  orderOf: (item: GiftCard, values: FormValues, reference: string) => ({
    supplier: 'ascenda' as const,
    reference,
    memberId: values.memberId?.trim() ?? '',
    giftCardId: item.id,
    giftCardName: item.name,
    value: numberOf(values, 'value'),
    currency: item.currency ?? '',
    recipient: groupOf(values, 'recipient', RECIPIENT_FIELDS) ?? {},
  }),
};
