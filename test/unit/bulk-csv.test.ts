import { describe, expect, it } from 'vitest';
import { readBulkCsv, templateRows, validateRows, type RowChecks } from '../../main/services/bulk/bulk-csv';
import { batchTotals, confirmationProblem } from '../../shared/bulk';
import type { CatalogueEntry, GiftCard, Product } from '../../shared/catalogue';
import type { Profile } from '../../shared/domain';

const card: GiftCard = {
  supplier: 'ascenda',
  id: 'gc_us',
  name: 'Harbor Books US',
  brandName: 'Harbor',
  categories: [],
  country: 'US',
  currency: 'USD',
  denominations: [10, 25, 50],
  imageUrl: null,
  description: '',
  terms: '',
  redemptionInstructions: '',
  requiredRecipientFields: ['email'],
};
const product: Product = {
  supplier: 'gcp',
  id: 'P-1',
  name: 'Quartz Coffee',
  shortDescription: '',
  denominations: [5, 10, 20],
  denominationType: 'Fixed',
  kind: 'Digital',
  deliveryTypes: ['DigitalDelivery'],
  currency: 'USD',
  fee: 0,
  discountPercentage: 0,
  imageUrl: null,
  terms: '',
  hasRequiredCardCarriers: false,
};
const entries: Record<string, CatalogueEntry> = {
  gc_us: { item: card, fetchedAt: '2026-11-23T00:00:00Z', available: true },
  gc_gone: {
    item: { ...card, id: 'gc_gone', name: 'Gone Card' },
    fetchedAt: '2026-11-23T00:00:00Z',
    available: false,
  },
  'P-1': { item: product, fetchedAt: '2026-11-23T00:00:00Z', available: true },
};
const profile = (over: Partial<Profile> = {}) =>
  ({ environment: 'sandbox', maxOrderValues: {}, ...over }) as Profile;
const checks = (over: Partial<RowChecks> = {}): RowChecks => ({
  profile: profile(),
  item: (id) => entries[id],
  referenceUse: async (reference) => (reference === 'used-1' ? 'placement #4 at Ascenda, confirmed' : null),
  ...over,
});
const ascendaCsv = (...rows: string[]) =>
  ['reference,memberId,giftCardId,value,currency,recipientEmail', ...rows].join('\n');

describe('bulk CSV', () => {
  it('reads the template back as a valid file once its example row is filled in', async () => {
    const { header, example } = templateRows('ascenda');
    const row = example.map((cell, i) => (header[i] === 'giftCardId' ? 'gc_us' : cell));
    const { rows, fileErrors } = readBulkCsv('ascenda', `${header.join(',')}\n${row.join(',')}`);
    expect(fileErrors).toEqual([]);
    const { orders, bad } = await validateRows('ascenda', rows, checks());
    expect(bad).toEqual([]);
    expect(orders[0]!.order).toMatchObject({
      reference: 'client-txn-0001',
      memberId: 'M-1001',
      giftCardName: card.name,
    });
  });

  it('refuses a file with unknown or missing columns before reading a row', () => {
    expect(readBulkCsv('ascenda', 'reference,memberId,cardId,value\nr,m,c,1').fileErrors).toEqual([
      'Unknown column “cardId”: use the Ascenda template.',
      'Missing columns giftCardId, currency.',
    ]);
    expect(readBulkCsv('gcp', '').fileErrors[0]).toMatch(/empty/);
    expect(readBulkCsv('ascenda', 'reference,"unterminated').fileErrors[0]).toMatch(/not readable CSV/);
  });

  it('reports every bad row with every reason, by column, and counts nothing as sendable', async () => {
    const csv = ascendaCsv(
      'ok-1,M-1,gc_us,25,USD,a@example.com',
      'bad-value,M-2,gc_us,30,USD,a@example.com',
      'bad-number,M-3,gc_us,"25,00",USD,a@example.com',
      'no-email,M-4,gc_us,25,USD,',
      'wrong-ccy,M-5,gc_us,25,SGD,a@example.com',
      ',M-6,gc_us,25,USD,a@example.com',
      'no-member,,gc_us,25,USD,a@example.com',
      'ok-1,M-7,gc_us,25,USD,a@example.com',
      'used-1,M-8,gc_us,25,USD,a@example.com',
      'gone,M-9,gc_gone,25,USD,a@example.com',
      'unknown-card,M-10,gc_nope,25,USD,a@example.com',
    );
    const { rows } = readBulkCsv('ascenda', csv);
    const { orders, bad } = await validateRows('ascenda', rows, checks());
    expect(orders.map((o) => o.line)).toEqual([2]);
    const reasons = Object.fromEntries(bad.map((b) => [b.line, b.errors.join(' | ')]));
    expect(reasons[3]).toMatch(/^value: Pick one of 10, 25, 50/);
    expect(reasons[4]).toMatch(/value: “25,00” is not a number/);
    expect(reasons[5]).toMatch(/recipientEmail: This card needs an email/);
    expect(reasons[6]).toMatch(/currency: This card is in USD, not SGD/);
    expect(reasons[7]).toMatch(/reference: Enter the reference from the client system/);
    expect(reasons[8]).toMatch(/memberId: Enter the member id/);
    expect(reasons[9]).toMatch(/reference: ok-1 is also on line 2 of this file/);
    expect(reasons[10]).toMatch(/reference: used-1 is already used \(placement #4/);
    expect(reasons[11]).toMatch(/Gone Card is no longer listed/);
    expect(reasons[12]).toMatch(/“gc_nope” is not in the cached catalogue/);
  });

  it('on Production, a row over its currency’s per-order maximum, or in one without a maximum, is bad', async () => {
    const { rows } = readBulkCsv(
      'ascenda',
      ascendaCsv('p-1,M-1,gc_us,50,USD,a@example.com', 'p-2,M-2,gc_us,25,USD,a@example.com'),
    );
    const limited = await validateRows(
      'ascenda',
      rows,
      checks({ profile: profile({ environment: 'production', maxOrderValues: { USD: 30 } }) }),
    );
    expect(limited.orders.map((o) => o.line)).toEqual([3]);
    expect(limited.bad[0]!.errors).toEqual(['value: USD 50.00 is over the Production limit of USD 30.00']);
    const none = await validateRows(
      'ascenda',
      rows,
      checks({ profile: profile({ environment: 'production' }) }),
    );
    expect(none.bad).toHaveLength(2);
  });

  it('fills a GiftCard Partners row’s currency and name from the catalogue and checks its delivery rule', async () => {
    const csv = [
      'reference,memberId,productId,deliveryType,value,quantity,email',
      'g-1,M-1,P-1,DigitalDelivery,10,2,a@example.com',
      'g-2,M-2,P-1,DigitalDelivery,10,1,',
      'g-3,M-3,P-1,Links,10,1,',
    ].join('\n');
    const { rows } = readBulkCsv('gcp', csv);
    const { orders, bad } = await validateRows('gcp', rows, checks());
    expect(orders[0]!.order).toMatchObject({ currency: 'USD', productName: 'Quartz Coffee', quantity: 2 });
    expect(bad.map((b) => [b.line, b.errors])).toEqual([
      [3, ['email: Digital delivery needs an email or an SMS number']],
      [4, ['deliveryType: This product is delivered as DigitalDelivery']],
    ]);
  });
});

describe('a Production batch is started only with its count and totals typed back', () => {
  const batch = { rowCount: 3, totals: { USD: 75, JPY: 3000 } };
  it.each([
    ['exact', { count: 3, totals: { USD: 75, JPY: 3000 } }, true],
    ['to the cent', { count: 3, totals: { USD: 75.001, JPY: 3000 } }, true],
    ['a wrong count', { count: 30, totals: { USD: 75, JPY: 3000 } }, false],
    ['a missing currency', { count: 3, totals: { USD: 75 } }, false],
    ['an extra currency', { count: 3, totals: { USD: 75, JPY: 3000, SGD: 0 } }, false],
    ['a wrong total', { count: 3, totals: { USD: 7.5, JPY: 3000 } }, false],
  ])('%s', (_case, typed, ok) => {
    const problem = confirmationProblem(batch, typed);
    expect(problem === null).toBe(ok);
    if (!ok) expect(problem).toContain('3 rows, USD 75.00, JPY 3,000');
  });
  it('nothing typed is no confirmation', () => {
    expect(confirmationProblem(batch, undefined)).toMatch(/Nothing was sent/);
  });
  it('totals are per currency, never added together', () => {
    expect(
      batchTotals([
        {
          supplier: 'ascenda',
          reference: 'a',
          memberId: 'm',
          giftCardId: 'g',
          value: 10.1,
          currency: 'USD',
          recipient: {},
        },
        {
          supplier: 'ascenda',
          reference: 'b',
          memberId: 'm',
          giftCardId: 'g',
          value: 20.2,
          currency: 'USD',
          recipient: {},
        },
        {
          supplier: 'gcp',
          reference: 'c',
          memberId: 'm',
          productId: 'p',
          deliveryType: 'Links',
          value: 1000,
          quantity: 3,
          currency: 'JPY',
        },
      ]),
    ).toEqual({ USD: 30.3, JPY: 3000 });
  });
});
