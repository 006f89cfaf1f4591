import { useEffect, useState } from 'react';
import type { Option, Product } from '../../../../shared/catalogue';
import { formatMoney } from '../../../../shared/format';
import { desk } from '../../../desk';
import type { SupplierFieldsProps } from './fields-props';
import { ValueField } from './ValueField';

const DELIVERY_LABELS: Record<string, string> = {
  DigitalDelivery: 'Digital delivery (email or SMS)',
  Links: 'Claim links',
  PhysicalShipment: 'Physical card, shipped',
};

/**
 * A GiftCard Partners product: how it is delivered, its value and quantity, then what that delivery needs (an
 * email or SMS number, a personal message, a shipping address).
 */
export function GcpFields({ item, form, profile }: SupplierFieldsProps<Product>) {
  const delivery = form.values.deliveryType;
  const shipping = useShipping(delivery === 'PhysicalShipment');
  // Shipping and carriers are priced from the deposit, so in the deposit's currency.
  const depositCurrency = profile.depositCurrency || null;
  return (
    <>
      {form.field('deliveryType', 'Delivery type', (props) => (
        <select {...props}>
          {item.deliveryTypes.map((type) => (
            <option key={type} value={type}>
              {DELIVERY_LABELS[type] ?? type}
            </option>
          ))}
        </select>
      ))}
      <ValueField item={item} form={form} />
      {form.text('quantity', 'Number of cards', { inputMode: 'numeric' })}
      {delivery === 'DigitalDelivery' && (
        <fieldset className="field-group">
          <legend>Send to (email, SMS or both)</legend>
          {form.text('email', 'Recipient email', { type: 'email' })}
          {form.text(
            'sms',
            'Recipient SMS number',
            { type: 'tel' },
            'International format, e.g. +15555555555',
          )}
        </fieldset>
      )}
      {delivery !== 'Links' && (
        <fieldset className="field-group">
          <legend>Personalization (optional)</legend>
          {form.text('personalization.to', 'To')}
          {form.text('personalization.fromName', 'From name')}
          {form.text('personalization.fromEmail', 'From email', { type: 'email' })}
          {form.field('personalization.message', 'Message', (props) => (
            <textarea rows={2} {...props} />
          ))}
        </fieldset>
      )}
      {delivery === 'PhysicalShipment' && (
        <fieldset className="field-group">
          <legend>Ship to</legend>
          {form.field('physical.shippingMethodId', 'Shipping method', (props) => (
            <OptionSelect
              props={props}
              options={shipping.shippingMethods}
              empty="Pick a shipping method"
              currency={depositCurrency}
            />
          ))}
          {form.field(
            'physical.carrierId',
            item.hasRequiredCardCarriers ? 'Card carrier (required)' : 'Card carrier',
            (props) => (
              <OptionSelect
                props={props}
                options={shipping.carriers}
                empty="No carrier"
                currency={depositCurrency}
              />
            ),
          )}
          {shipping.error && <p className="form-error">{shipping.error}</p>}
          {form.text('physical.name', 'Recipient name')}
          {form.text('physical.addressLine1', 'Address line 1')}
          {form.text('physical.addressLine2', 'Address line 2')}
          {form.text('physical.city', 'City')}
          {form.text('physical.state', 'State or region')}
          {form.text('physical.zip', 'Postal code')}
          {form.text('physical.country', 'Country (2 letters)', { maxLength: 2 })}
        </fieldset>
      )}
    </>
  );
}

/** A reference list (shipping methods, carriers) with each option's cost. */
function OptionSelect({
  props,
  options,
  empty,
  currency,
}: {
  props: object;
  options: Option[];
  empty: string;
  currency: string | null;
}) {
  return (
    <select {...props}>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.cost !== null ? ` (${formatMoney(o.cost, currency)})` : ''}
        </option>
      ))}
    </select>
  );
}

/** The shipping methods and card carriers, read once the agent picks a physical card. */
function useShipping(wanted: boolean) {
  const [state, setState] = useState<{ shippingMethods: Option[]; carriers: Option[]; error: string | null }>(
    { shippingMethods: [], carriers: [], error: null },
  );
  const loaded = state.shippingMethods.length > 0;
  useEffect(() => {
    if (!wanted || loaded) return;
    void desk()
      .catalogue.shipping()
      .then((reply) =>
        setState(
          reply.ok
            ? { ...reply.value, error: null }
            : {
                shippingMethods: [],
                carriers: [],
                error: `Could not load shipping options: ${reply.error.message}`,
              },
        ),
      );
  }, [wanted, loaded]);
  return state;
}
