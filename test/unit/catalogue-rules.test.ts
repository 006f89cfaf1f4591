import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_TTL_MS,
  isStale,
  type CatalogueEntry,
  type GiftCard,
  type Product,
} from '../../shared/catalogue';
import { pointsPrice } from '../../shared/points';
import {
  facets,
  filterRows,
  toRows,
  type CatalogueCriteria,
  type CatalogueRow,
  type CatalogueSort,
} from '../../renderer/screens/catalogue/catalogue-filter';

const card = (id: string, over: Partial<GiftCard> = {}): GiftCard => ({
  supplier: 'ascenda',
  id,
  name: `Card ${id}`,
  brandName: 'Harbor',
  categories: ['Dining'],
  country: 'SG',
  currency: 'SGD',
  denominations: [10, 50],
  imageUrl: null,
  description: '',
  terms: '',
  redemptionInstructions: '',
  requiredRecipientFields: ['email'],
  ...over,
});
const product = (id: string, over: Partial<Product> = {}): Product => ({
  supplier: 'gcp',
  id,
  name: `Product ${id}`,
  shortDescription: '',
  denominations: [5, 200],
  denominationType: 'Variable',
  kind: 'Digital',
  deliveryTypes: ['DigitalDelivery'],
  currency: 'USD',
  fee: 0,
  discountPercentage: 0,
  imageUrl: null,
  terms: '',
  hasRequiredCardCarriers: false,
  ...over,
});
const entry = (item: GiftCard | Product, available = true): CatalogueEntry => ({
  item,
  fetchedAt: '2026-11-23T00:00:00Z',
  available,
});
const rows = toRows([
  entry(card('a1', { name: 'Aurora Books', brandName: 'Aurora' })),
  entry(card('a2', { name: 'Beacon Diner', country: 'US', currency: 'USD', denominations: [100] })),
  entry(card('a3', { name: 'Gone Cinema' }), false),
  entry(product('P1', { name: 'Aurora Tools' })),
  entry(
    product('P2', {
      name: 'Fixed Fuel',
      denominationType: 'Fixed',
      denominations: [25],
      deliveryTypes: ['Links'],
    }),
  ),
]);
const names = (r: typeof rows) => r.map((x) => x.entry.item.name);
const base = { text: '', showUnavailable: false };
const byName = { column: 'name', direction: 'asc' } as const;

describe('catalogue filter', () => {
  it('matches every typed word in the name, brand or id, across both suppliers, and hides withdrawn cards', () => {
    expect(names(filterRows(rows, { ...base, text: 'aurora' }, byName))).toEqual([
      'Aurora Books',
      'Aurora Tools',
    ]);
    expect(names(filterRows(rows, { ...base, text: 'aur  bo' }, byName))).toEqual(['Aurora Books']);
    expect(names(filterRows(rows, { ...base, text: 'p2' }, byName))).toEqual(['Fixed Fuel']);
    expect(names(filterRows(rows, { ...base, text: 'gone' }, byName))).toEqual([]);
    expect(names(filterRows(rows, { ...base, text: 'gone', showUnavailable: true }, byName))).toEqual([
      'Gone Cinema',
    ]);
  });

  it('filters by supplier, country, currency and delivery type', () => {
    expect(filterRows(rows, { ...base, supplier: 'gcp' }, byName)).toHaveLength(2);
    expect(names(filterRows(rows, { ...base, country: 'US' }, byName))).toEqual(['Beacon Diner']);
    expect(names(filterRows(rows, { ...base, currency: 'USD', supplier: 'ascenda' }, byName))).toEqual([
      'Beacon Diner',
    ]);
    expect(names(filterRows(rows, { ...base, deliveryType: 'Links' }, byName))).toEqual(['Fixed Fuel']);
  });

  it('a denomination range keeps fixed cards with a face value inside it, and variable ones whose range overlaps it', () => {
    const inRange = (minValue?: number, maxValue?: number) =>
      names(filterRows(rows, { ...base, minValue, maxValue }, byName));
    expect(inRange(60, 150)).toEqual(['Aurora Tools', 'Beacon Diner']);
    expect(inRange(20, 30)).toEqual(['Aurora Tools', 'Fixed Fuel']);
    expect(inRange(201)).toEqual([]);
  });

  it('sorts by name, supplier or smallest face value, both ways', () => {
    expect(names(filterRows(rows, base, { column: 'value', direction: 'asc' }))).toEqual([
      'Aurora Tools',
      'Aurora Books',
      'Fixed Fuel',
      'Beacon Diner',
    ]);
    expect(names(filterRows(rows, base, { column: 'name', direction: 'desc' }))[0]).toBe('Fixed Fuel');
  });

  it('offers as filter choices only what is cached', () => {
    expect(facets(rows)).toEqual({
      categories: ['Dining'],
      countries: ['SG', 'US'],
      currencies: ['SGD', 'USD'],
      deliveryTypes: ['DigitalDelivery', 'Links'],
    });
  });
});

/** The filter as first written: every row tested, the matches sorted afterwards. */
function plainFilter(all: CatalogueRow[], c: CatalogueCriteria, sort: CatalogueSort): CatalogueRow[] {
  const words = c.text.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = all.filter((r) => {
    const item = r.entry.item;
    const text = `${item.name} ${item.supplier === 'ascenda' ? item.brandName : ''} ${item.id}`.toLowerCase();
    const lo = c.minValue ?? -Infinity;
    const hi = c.maxValue ?? Infinity;
    const ranged =
      (c.minValue === undefined && c.maxValue === undefined) ||
      (item.supplier === 'gcp' && item.denominationType === 'Variable'
        ? r.max !== null && r.min !== null && r.max >= lo && r.min <= hi
        : item.denominations.some((d) => d >= lo && d <= hi));
    return (
      (c.showUnavailable || r.entry.available) &&
      (!c.supplier || item.supplier === c.supplier) &&
      (!c.category || r.categories.includes(c.category)) &&
      (!c.country || r.country === c.country) &&
      (!c.currency || r.currency === c.currency) &&
      (!c.deliveryType || r.deliveryTypes.includes(c.deliveryType)) &&
      ranged &&
      words.every((w) => text.includes(w))
    );
  });
  const sign = sort.direction === 'asc' ? 1 : -1;
  const by = {
    name: (a: CatalogueRow, b: CatalogueRow) => a.entry.item.name.localeCompare(b.entry.item.name),
    supplier: (a: CatalogueRow, b: CatalogueRow) =>
      a.entry.item.supplier.localeCompare(b.entry.item.supplier),
    value: (a: CatalogueRow, b: CatalogueRow) => (a.min ?? Infinity) - (b.min ?? Infinity),
  };
  return matches.sort((a, b) => sign * by[sort.column](a, b) || a.key.localeCompare(b.key));
}

describe('catalogue filter over a large catalogue', () => {
  // Repeated names and values (ties), cards without denominations, withdrawn cards, accents and both suppliers.
  const brands = ['Aurora', 'Beacon', 'Café Olé', 'Harbor', 'harbor', 'Summit'];
  const big = toRows(
    Array.from({ length: 600 }, (_, n) =>
      n % 3 === 0
        ? entry(
            product(`P${n}`, {
              name: `${brands[n % brands.length]} Tools ${n % 7}`,
              denominationType: n % 2 ? 'Variable' : 'Fixed',
              denominations: n % 11 === 0 ? [] : [n % 40, (n % 40) + 60],
              deliveryTypes: n % 2 ? ['Links'] : ['DigitalDelivery'],
            }),
            n % 13 !== 0,
          )
        : entry(
            card(`a${n}`, {
              name: `${brands[n % brands.length]} ${n % 5 ? 'Books' : 'Diner'}`,
              // Some brands are in the card's name, others only in the brand.
              brandName: brands[(n + (n % 4 === 0 ? 0 : 1)) % brands.length]!,
              country: n % 2 ? 'SG' : 'US',
              currency: n % 4 ? 'SGD' : 'USD',
              categories: n % 3 === 1 ? ['Dining'] : ['Books', 'Gifts'],
              denominations: n % 17 === 0 ? [] : [n % 50, 100],
            }),
            n % 19 !== 0,
          ),
    ),
  );
  const criteria: CatalogueCriteria[] = [
    { text: '', showUnavailable: false },
    { text: '', showUnavailable: true },
    { text: 'a', showUnavailable: false },
    { text: 'harbor', showUnavailable: true },
    { text: 'cafe', showUnavailable: false },
    { text: 'café  ol', showUnavailable: false },
    { text: 'tools 3', showUnavailable: true, supplier: 'gcp' },
    { text: 'books', showUnavailable: false, category: 'Gifts', country: 'US' },
    { text: '', showUnavailable: false, currency: 'USD', supplier: 'ascenda' },
    { text: '', showUnavailable: true, deliveryType: 'Links', minValue: 20, maxValue: 70 },
    { text: 'summit', showUnavailable: false, minValue: 45 },
    { text: 'beacon a1', showUnavailable: true },
    { text: 'aurora', showUnavailable: true },
    { text: 'olé 5', showUnavailable: false },
    { text: 'ks b', showUnavailable: false },
    { text: 'no such card', showUnavailable: true },
  ];
  const sorts: CatalogueSort[] = (['name', 'supplier', 'value'] as const).flatMap((column) =>
    (['asc', 'desc'] as const).map((direction) => ({ column, direction })),
  );

  it('finds the same cards in the same order as testing every row and sorting the matches', () => {
    for (const sort of sorts)
      for (const c of criteria) {
        const keys = (r: CatalogueRow[]) => r.map((x) => x.key);
        expect(keys(filterRows(big, c, sort)), JSON.stringify({ c, sort })).toEqual(
          keys(plainFilter(big, c, sort)),
        );
      }
  });

  it('a caller changing one answer does not change the next one', () => {
    const first = filterRows(big, criteria[0]!, byName);
    first.reverse();
    expect(filterRows(big, criteria[0]!, byName).map((r) => r.key)).toEqual(
      plainFilter(big, criteria[0]!, byName).map((r) => r.key),
    );
  });
});

describe('catalogue freshness and points', () => {
  const at = Date.parse('2026-11-23T12:00:00Z');
  it('Ascenda is stale from one hour; GiftCard Partners from one week; never fetched is stale', () => {
    const fetched = new Date(at).toISOString();
    expect(isStale('ascenda', fetched, at + CATALOGUE_TTL_MS.ascenda - 1)).toBe(false);
    expect(isStale('ascenda', fetched, at + 3600_000)).toBe(true);
    expect(isStale('gcp', fetched, at + 6 * 24 * 3600_000)).toBe(false);
    expect(isStale('gcp', fetched, at + 7 * 24 * 3600_000)).toBe(true);
    expect(isStale('gcp', null, at)).toBe(true);
    // A fetch time ahead of the clock (read while the clock was ahead, or the clock set back since) is never fresh.
    expect(isStale('gcp', fetched, at - 1)).toBe(true);
    expect(isStale('ascenda', fetched, at - 3600_000)).toBe(true);
    expect(isStale('ascenda', 'not a date', at)).toBe(true);
  });

  it('prices face value ÷ CPP in whole points, rounding up but never from floating-point noise', () => {
    expect(pointsPrice(50, 0.01)).toBe(5000);
    expect(pointsPrice(0.07, 0.01)).toBe(7);
    expect(pointsPrice(10, 0.003)).toBe(3334);
    expect(pointsPrice(25.5, 0.01)).toBe(2550);
    expect(pointsPrice(1, 0.7)).toBe(2);
  });
});
