import type { GiftCard } from '../../../../shared/catalogue';
import { requiredRecipientPaths } from '../order-form';
import type { SupplierFieldsProps } from './fields-props';
import { ValueField } from './ValueField';

/** An Ascenda card: its value and the recipient, each field the card requires marked so. */
export function AscendaFields({ item, form }: SupplierFieldsProps<GiftCard>) {
  const required = requiredRecipientPaths(item);
  const label = (path: string, name: string) => (required.includes(path) ? `${name} (required)` : name);
  return (
    <>
      <ValueField item={item} form={form} />
      <fieldset className="field-group">
        <legend>Recipient</legend>
        {form.text('recipient.email', label('recipient.email', 'Email'), { type: 'email' })}
        {form.text('recipient.phoneNumber', label('recipient.phoneNumber', 'Phone number'), { type: 'tel' })}
        {form.text('recipient.firstName', label('recipient.firstName', 'First name'))}
        {form.text('recipient.lastName', label('recipient.lastName', 'Last name'))}
      </fieldset>
    </>
  );
}
