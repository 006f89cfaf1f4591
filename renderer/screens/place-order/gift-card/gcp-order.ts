import type { DeliveryType, Product } from '../../../../shared/catalogue';
import type { GiftCardOrder } from '../../../../shared/placement';
import { groupOf, numberOf, putGroup, textOf, type FormValues } from './form-values';

const PERSONALIZATION_FIELDS = ['to', 'fromName', 'fromEmail', 'message'] as const;
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
] as const;

/** What a GiftCard Partners order adds to the form: delivery type, quantity, where it goes and how it reads. */
export const gcpOrder = {
  fieldPaths: [
    'quantity',
    'deliveryType',
    'email',
    'sms',
    ...PERSONALIZATION_FIELDS.map((key) => `personalization.${key}`),
    ...ADDRESS_FIELDS.map((key) => `physical.${key}`),
  ],
  initialValues: (item: Product): FormValues => ({
    deliveryType: item.deliveryTypes[0] ?? 'DigitalDelivery',
    quantity: '1',
    'physical.country': 'US',
  }),
  valuesOf(order: Extract<GiftCardOrder, { supplier: 'gcp' }>): FormValues {
    const values: FormValues = { deliveryType: order.deliveryType, quantity: String(order.quantity) };
    if (order.email) values.email = order.email;
    if (order.sms) values.sms = order.sms;
    putGroup(values, 'personalization', order.personalization);
    putGroup(values, 'physical', order.physical);
    return values;
  },
  quantity: (values: FormValues): number => Number(values.quantity),
  orderOf(item: Product, values: FormValues, reference: string) {
    const deliveryType = values.deliveryType as DeliveryType;
    return {
      supplier: 'gcp' as const,
      reference,
      memberId: textOf(values, 'memberId'),
      productId: item.id,
      productName: item.name,
      currency: item.currency ?? undefined,
      deliveryType,
      value: numberOf(values, 'value'),
      quantity: numberOf(values, 'quantity'),
      email: deliveryType === 'DigitalDelivery' ? textOf(values, 'email') : undefined,
      sms: deliveryType === 'DigitalDelivery' ? textOf(values, 'sms') : undefined,
      personalization:
        deliveryType === 'Links' ? undefined : groupOf(values, 'personalization', PERSONALIZATION_FIELDS),
      // Every address field goes as typed ('' when empty), so each missing one gets its own message.
      physical:
        deliveryType === 'PhysicalShipment'
          ? Object.fromEntries(ADDRESS_FIELDS.map((key) => [key, values[`physical.${key}`]?.trim() ?? '']))
          : undefined,
    };
  },
};
