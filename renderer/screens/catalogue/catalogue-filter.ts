import type { CatalogueEntry } from '../../../shared/catalogue';
import type { Supplier } from '../../../shared/domain';

/** One cached item with what filtering needs worked out once per snapshot, not once per keystroke. */
export interface CatalogueRow {
  entry: CatalogueEntry;
  key: string;
  text: string;
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
    return {
      entry,
      key: `${item.supplier}:${item.id}`,
      text: `${item.name} ${item.supplier === 'ascenda' ? item.brandName : ''} ${item.id}`.toLowerCase(),
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      categories: item.supplier === 'ascenda' ? item.categories : [],
      country: item.supplier === 'ascenda' ? item.country : null,
      currency: item.currency,
      deliveryTypes: item.supplier === 'gcp' ? item.deliveryTypes : [],
    };
  });
}

/** Every word typed must appear in the name, brand or id; the other criteria narrow further. */
export function filterRows(rows: CatalogueRow[], c: CatalogueCriteria, sort: CatalogueSort): CatalogueRow[] {
  const words = c.text.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = rows.filter(
    (r) =>
      (c.showUnavailable || r.entry.available) &&
      (!c.supplier || r.entry.item.supplier === c.supplier) &&
      (!c.category || r.categories.includes(c.category)) &&
      (!c.country || r.country === c.country) &&
      (!c.currency || r.currency === c.currency) &&
      (!c.deliveryType || r.deliveryTypes.includes(c.deliveryType)) &&
      inRange(r, c) &&
      words.every((w) => r.text.includes(w)),
  );
  const sign = sort.direction === 'asc' ? 1 : -1;
  const by: Record<CatalogueSort['column'], (a: CatalogueRow, b: CatalogueRow) => number> = {
    name: (a, b) => a.entry.item.name.localeCompare(b.entry.item.name),
    supplier: (a, b) => a.entry.item.supplier.localeCompare(b.entry.item.supplier),
    value: (a, b) => (a.min ?? Infinity) - (b.min ?? Infinity),
  };
  return matches.sort((a, b) => sign * by[sort.column](a, b) || a.key.localeCompare(b.key));
}

function inRange(r: CatalogueRow, c: CatalogueCriteria): boolean {
  if (c.minValue === undefined && c.maxValue === undefined) return true;
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
