import { describe, expect, it } from 'vitest';
import type { GiftCard, Product } from '../../shared/catalogue';
import { buildDraft, initialValues } from '../../renderer/screens/place-order/order-form';

const card: GiftCard = {
  supplier: 'ascenda',
  id: 'gc_1',
  name: 'Harbor Books',
  brandName: 'Harbor',
  categories: [],
  country: 'SG',
  currency: 'SGD',
  denominations: [10, 50],
  imageUrl: null,
  description: '',
  terms: '',
  redemptionInstructions: '',
  requiredRecipientFields: ['email', 'phone_number'],
};
const product: Product = {
  supplier: 'gcp',
  id: 'PRODUCTA',
  name: 'Product A',
  shortDescription: '',
  denominations: [5, 200],
  denominationType: 'Variable',
  kind: 'Physical',
  deliveryTypes: ['DigitalDelivery', 'PhysicalShipment'],
  currency: 'USD',
  fee: 0,
  discountPercentage: 0,
  imageUrl: null,
  terms: '',
  hasRequiredCardCarriers: true,
};
const MEMBER = '0b6f1e8a-3f0c-4c7e-9a51-6a3f2d1c9b7e';

describe('the order form', () => {
  it('names every missing Ascenda field, including the recipient fields this card requires', () => {
    const result = buildDraft(card, initialValues(card, 'ref-1'), false);
    expect(result.errors).toMatchObject({
      memberId: 'Enter the member id from the client system',
      'recipient.email': 'This card needs an email for the recipient',
      'recipient.phoneNumber': 'This card needs a phone number for the recipient',
    });
  });

  it('the member id is any text from the client system, not a UUID, and GiftCard Partners drafts carry it too', () => {
    const values = { ...initialValues(product, 'PO-8', '  member 42 '), value: '25', email: 'a@b.co' };
    const { draft } = buildDraft(product, values, false);
    expect(draft?.order).toMatchObject({ supplier: 'gcp', memberId: 'member 42', currency: 'USD' });
    const long = { ...values, memberId: 'x'.repeat(101) };
    expect(buildDraft(product, long, false).errors).toMatchObject({ memberId: expect.stringMatching(/100/) });
  });

  it('builds the draft main expects, leaving empty optional fields out', () => {
    const values = {
      ...initialValues(card, ' ref-2 '),
      memberId: MEMBER,
      value: '50',
      'recipient.email': 'member@example.com',
      'recipient.phoneNumber': '+6591234567',
      'recipient.firstName': '  ',
    };
    const { draft } = buildDraft(card, values, false);
    expect(draft).toEqual({
      order: {
        supplier: 'ascenda',
        reference: 'ref-2',
        memberId: MEMBER,
        giftCardId: 'gc_1',
        giftCardName: 'Harbor Books',
        value: 50,
        currency: 'SGD',
        recipient: { email: 'member@example.com', phoneNumber: '+6591234567' },
      },
    });
  });

  it('refuses a denomination the card does not list, and a variable value out of range', () => {
    const base = {
      ...initialValues(card, 'r'),
      memberId: MEMBER,
      'recipient.email': 'a@b.co',
      'recipient.phoneNumber': '1',
    };
    expect(buildDraft(card, { ...base, value: '20' }, false).errors).toEqual({ value: 'Pick one of 10, 50' });
    const gcp = { ...initialValues(product, 'r', 'M-7'), email: 'a@b.co', value: '250' };
    expect(buildDraft(product, gcp, false).errors).toEqual({ value: 'Enter a value from 5 to 200' });
    expect(buildDraft(product, { ...gcp, value: '75' }, false).errors).toBeNull();
  });

  it('asks for a full address and the required carrier on a physical shipment', () => {
    const values = { ...initialValues(product, 'r'), deliveryType: 'PhysicalShipment', value: '25' };
    const { errors } = buildDraft(product, values, false);
    expect(errors).toMatchObject({
      'physical.shippingMethodId': 'Pick a shipping method',
      'physical.carrierId': 'This product needs a card carrier',
      'physical.name': 'Enter the recipient name',
      'physical.city': 'Enter the city',
    });
  });

  it('needs an email or SMS for digital delivery, and a whole number of cards', () => {
    const values = { ...initialValues(product, 'r'), value: '25', quantity: '1.5' };
    expect(buildDraft(product, values, false).errors).toEqual({
      email: 'Digital delivery needs an email or an SMS number',
      quantity: 'Whole cards only',
      memberId: 'Enter the member id from the client system',
    });
  });

  it('on Production, wants the reference typed again', () => {
    const values = { ...initialValues(product, 'PO-77', 'M-7'), value: '25', email: 'a@b.co' };
    expect(buildDraft(product, values, true).errors).toEqual({
      confirmation: 'Type the reference exactly as above to confirm this Production order',
    });
    const { draft } = buildDraft(product, { ...values, confirmation: 'PO-77' }, true);
    expect(draft?.confirmation).toBe('PO-77');
  });
});
