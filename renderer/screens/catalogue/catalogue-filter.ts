import type { CatalogueEntry } from '../../../shared/catalogue';
import type { Supplier } from '../../../shared/domain';

/** One cached item with what filtering needs worked out once per snapshot, not once per keystroke. */
export interface CatalogueRow {
  entry: CatalogueEntry;
  key: string;
  /** The name, brand and id, lower-cased: what the typed words are looked for in. */
  text: string;
  /** Which characters `text` holds (see `charMask`): a row lacking one of a word's cannot contain the word. */
  chars: number;
  min: number | null;
  max: number | null;
  categories: string[];
  country: string | null;
  currency: string | null;
  deliveryTypes: string[];
}

export interface CatalogueCriteria {
  text: string;
  supplier?: Supplier;
  category?: string;
  country?: string;
  currency?: string;
  deliveryType?: string;
  /** A card matches when one of its denominations (or its value range) falls within these bounds. */
  minValue?: number;
  maxValue?: number;
  showUnavailable: boolean;
}

export type CatalogueSort = { column: 'name' | 'supplier' | 'value'; direction: 'asc' | 'desc' };

export function toRows(entries: CatalogueEntry[]): CatalogueRow[] {
  return entries.map((entry) => {
    const { item } = entry;
    const values = item.denominations;
    // A typed word holds no space, so it matches within one part: a brand already inside the name adds nothing.
    const brand = item.supplier === 'ascenda' ? item.brandName : '';
    const named = item.name.toLowerCase().includes(brand.toLowerCase());
    const text = (named ? `${item.name} ${item.id}` : `${item.name} ${brand} ${item.id}`).toLowerCase();
    return {
      entry,
      key: `${item.supplier}:${item.id}`,
      text,
      chars: charMask(text),
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      categories: item.supplier === 'ascenda' ? item.categories : [],
      country: item.supplier === 'ascenda' ? item.country : null,
      currency: item.currency,
      deliveryTypes: item.supplier === 'gcp' ? item.deliveryTypes : [],
    };
  });
}

/**
 * Every word typed must appear in the name, brand or id; the other criteria narrow further. Filtering keeps the
 * rows' order, so it runs over the snapshot already sorted (once per snapshot and sort, not per keystroke).
 */
export function filterRows(rows: CatalogueRow[], c: CatalogueCriteria, sort: CatalogueSort): CatalogueRow[] {
  const { supplier, category, country, currency, deliveryType, showUnavailable } = c;
  const ranged = c.minValue !== undefined || c.maxValue !== undefined;
  const words = c.text.toLowerCase().split(/\s+/).filter(Boolean);
  const chars = charMask(words.join(''));
  return sortedRows(rows, sort).filter(
    (r) =>
      (showUnavailable || r.entry.available) &&
      (r.chars & chars) === chars &&
      words.every((w) => r.text.includes(w)) &&
      (!supplier || r.entry.item.supplier === supplier) &&
      (!category || r.categories.includes(category)) &&
      (!country || r.country === country) &&
      (!currency || r.currency === currency) &&
      (!deliveryType || r.deliveryTypes.includes(deliveryType)) &&
      (!ranged || inRange(r, c)),
  );
}

/** One bit per character code modulo 32: cheap to compare, and a string holds every bit of its substrings. */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

const sortedOnce = new WeakMap<CatalogueRow[], Map<string, CatalogueRow[]>>();

/** The rows in this order, kept while the snapshot lives; ties fall back to the key, so the order is total. */
function sortedRows(rows: CatalogueRow[], sort: CatalogueSort): CatalogueRow[] {
  let orders = sortedOnce.get(rows);
  if (!orders) sortedOnce.set(rows, (orders = new Map()));
  const id = `${sort.column} ${sort.direction}`;
  let sorted = orders.get(id);
  if (!sorted) {
    const sign = sort.direction === 'asc' ? 1 : -1;
    const by: Record<CatalogueSort['column'], (a: CatalogueRow, b: CatalogueRow) => number> = {
      name: (a, b) => a.entry.item.name.localeCompare(b.entry.item.name),
      supplier: (a, b) => a.entry.item.supplier.localeCompare(b.entry.item.supplier),
      value: (a, b) => (a.min ?? Infinity) - (b.min ?? Infinity),
    };
    sorted = [...rows].sort((a, b) => sign * by[sort.column](a, b) || a.key.localeCompare(b.key));
    orders.set(id, sorted);
  }
  return sorted;
}

function inRange(r: CatalogueRow, c: CatalogueCriteria): boolean {
  const lo = c.minValue ?? -Infinity;
  const hi = c.maxValue ?? Infinity;
  const item = r.entry.item;
  if (item.supplier === 'gcp' && item.denominationType === 'Variable')
    return r.max !== null && r.min !== null && r.max >= lo && r.min <= hi;
  return item.denominations.some((d) => d >= lo && d <= hi);
}

/** The choices each filter offers, from what is cached. */
export function facets(rows: CatalogueRow[]) {
  const sorted = (values: Iterable<string | null>) =>
    [...new Set([...values].filter((v): v is string => Boolean(v)))].sort();
  return {
    categories: sorted(rows.flatMap((r) => r.categories)),
    countries: sorted(rows.map((r) => r.country)),
    currencies: sorted(rows.map((r) => r.currency)),
    deliveryTypes: sorted(rows.flatMap((r) => r.deliveryTypes)),
  };
}
