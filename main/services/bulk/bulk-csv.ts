import { parse } from 'csv-parse/sync';
import { BULK_COLUMNS, BULK_MAX_ROWS, BULK_REQUIRED, type BulkBadRow } from '../../../shared/bulk';
import type { CatalogueEntry } from '../../../shared/catalogue';
import { catalogueRules } from '../../../shared/catalogue-rules';
import { SUPPLIER_NAMES, type Profile, type Supplier } from '../../../shared/domain';
import { formatMoney } from '../../../shared/format';
import { faceValue, orderFacts, placementDraftSchema, type PlacementOrder } from '../../../shared/placement';

/** One data row of the file: its line in the file (1 is the header) and its cells by column. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

const NUMBER = /^\d+(\.\d+)?$/;

/** What an empty required cell needs, in the agent's words. */
const REQUIRED_WORDS: Record<string, string> = {
  reference: 'Enter the reference from the client system (it keeps the row exactly once)',
  memberId: 'Enter the member id from the client system',
  giftCardId: 'Enter the gift card id from the Catalogue',
  productId: 'Enter the product id from the Catalogue',
  value: 'Enter the value',
  currency: 'Enter the currency (3 letters)',
  deliveryType: 'Enter DigitalDelivery, Links or PhysicalShipment',
  quantity: 'Enter how many cards',
};
const NUMBER_COLUMNS = new Set(['value', 'quantity']);

/** How a supplier's template differs, as data: the rest of the checks are the same for both. */
interface BulkTemplate {
  /** The column holding the catalogue item's id. */
  itemColumn: 'giftCardId' | 'productId';
  /** Where the order keeps the item's catalogue name. */
  namePath: 'giftCardName' | 'productName';
  /** The currency is a column of the file (checked against the card); else it is the product's own. */
  currencyInFile: boolean;
  /** Groups the order always carries, even with no cell filled (Ascenda's recipient). */
  groups: string[];
  /** The example row, filled as an agent would. */
  example: Record<string, string>;
}

const TEMPLATES: Record<Supplier, BulkTemplate> = {
  ascenda: {
    itemColumn: 'giftCardId',
    namePath: 'giftCardName',
    currencyInFile: true,
    groups: ['recipient'],
    example: {
      reference: 'client-txn-0001',
      memberId: 'M-1001',
      giftCardId: 'gift card id from the Catalogue',
      value: '50',
      currency: 'USD',
      recipientEmail: 'member@example.com',
    },
  },
  gcp: {
    itemColumn: 'productId',
    namePath: 'productName',
    currencyInFile: false,
    groups: [],
    example: {
      reference: 'client-txn-0001',
      memberId: 'M-1001',
      productId: 'product id from the Catalogue',
      deliveryType: 'DigitalDelivery',
      value: '25',
      quantity: '1',
      email: 'member@example.com',
    },
  },
};

/**
 * Reads a bulk file: the header must name the supplier template's columns (in any order; every required one, no
 * unknown one). Returns the rows, or why the file itself cannot be used.
 */
export function readBulkCsv(supplier: Supplier, text: string): { rows: CsvRow[]; fileErrors: string[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    return { rows: [], fileErrors: [`The file is not readable CSV: ${(error as Error).message}`] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], fileErrors: ['The file is empty: it needs the template’s header and rows.'] };
  const known = BULK_COLUMNS[supplier];
  const header = head.record;
  const fileErrors: string[] = [];
  const unknown = header.filter((column) => !(column in known));
  if (unknown.length)
    fileErrors.push(
      `Unknown ${unknown.length === 1 ? 'column' : 'columns'} ${unknown.map((c) => `“${c}”`).join(', ')}: use the ${SUPPLIER_NAMES[supplier]} template.`,
    );
  const missing = BULK_REQUIRED[supplier].filter((column) => !header.includes(column));
  if (missing.length)
    fileErrors.push(`Missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}.`);
  const twice = header.filter((column, i) => header.indexOf(column) !== i);
  if (twice.length) fileErrors.push(`Column ${twice.join(', ')} appears twice.`);
  if (body.length === 0) fileErrors.push('The file has a header but no rows.');
  if (body.length > BULK_MAX_ROWS)
    fileErrors.push(
      `The file has ${body.length.toLocaleString('en-US')} rows; at most ${BULK_MAX_ROWS.toLocaleString('en-US')} go in one batch.`,
    );
  if (fileErrors.length) return { rows: [], fileErrors };
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((column, i) => [column, record[i] ?? ''])),
  }));
  return { rows, fileErrors };
}

/** A row's cells as the order the form would build, or the cells that cannot be read. */
function orderInput(
  supplier: Supplier,
  cells: Record<string, string>,
): { input: Record<string, unknown>; errors: string[] } {
  const input: Record<string, unknown> = { supplier };
  const errors: string[] = [];
  for (const [column, path] of Object.entries(BULK_COLUMNS[supplier])) {
    const raw = cells[column]?.trim() ?? '';
    if (raw === '') continue;
    let value: unknown = raw;
    if (NUMBER_COLUMNS.has(column)) {
      if (!NUMBER.test(raw)) {
        errors.push(`${column}: “${raw}” is not a number (digits, with a dot for decimals)`);
        continue;
      }
      value = Number(raw);
    }
    const keys = path.split('.');
    let target = input;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys.at(-1)!] = value;
  }
  for (const group of TEMPLATES[supplier].groups) input[group] ??= {};
  return { input, errors };
}

/** The column a schema path belongs to, for a message the agent can find in the file. */
function columnOf(supplier: Supplier, path: string): string {
  const entry = Object.entries(BULK_COLUMNS[supplier]).find(([, p]) => p === path);
  return entry ? entry[0] : path || 'row';
}

export interface RowChecks {
  profile: Profile;
  /** The cached catalogue entry for an item, or null when the supplier's listing does not have it. */
  item(id: string): CatalogueEntry | undefined;
  /** Where a reference is already used (journal or cache), in words; null when it is free. */
  referenceUse(reference: string): Promise<string | null>;
}

/**
 * Checks every row as the order form would (the shared placement schema, the catalogue's rules, the member id the
 * form requires, Production's per-order maximum) and as placing would (a reference already used, here or earlier
 * in the file). Returns the orders, or every bad row with every reason.
 */
export async function validateRows(
  supplier: Supplier,
  rows: CsvRow[],
  checks: RowChecks,
): Promise<{ orders: Array<{ line: number; order: PlacementOrder }>; bad: BulkBadRow[] }> {
  const orders: Array<{ line: number; order: PlacementOrder }> = [];
  const bad: BulkBadRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const reference = cells.reference?.trim() || null;
    const { input, errors } = orderInput(supplier, cells);
    for (const column of BULK_REQUIRED[supplier])
      if (!cells[column]?.trim()) errors.push(`${column}: ${REQUIRED_WORDS[column]}`);
    const template = TEMPLATES[supplier];
    const id = cells[template.itemColumn]?.trim();
    const entry = id ? checks.item(id) : undefined;
    if (id && !entry) errors.push(`${template.itemColumn}: “${id}” is not in the cached catalogue`);
    else if (entry && !entry.available)
      errors.push(`${template.itemColumn}: ${entry.item.name} is no longer listed by the supplier`);
    if (entry && !template.currencyInFile && input.currency === undefined && entry.item.currency)
      input.currency = entry.item.currency;
    if (entry && entry.item.supplier === supplier) input[template.namePath] = entry.item.name;
    const parsed = placementDraftSchema.shape.order.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const message = `${columnOf(supplier, path)}: ${issue.message}`;
        if (!errors.some((e) => e.startsWith(`${columnOf(supplier, path)}:`))) errors.push(message);
      }
    }
    if (entry) {
      const has = (path: string) => {
        const column = columnOf(supplier, path);
        return Boolean(cells[column]?.trim());
      };
      const rules = catalogueRules(entry.item, {
        value: typeof input.value === 'number' ? input.value : Number.NaN,
        deliveryType: typeof input.deliveryType === 'string' ? input.deliveryType : undefined,
        currency: typeof input.currency === 'string' && template.currencyInFile ? input.currency : undefined,
        has,
      });
      for (const [path, message] of Object.entries(rules))
        errors.push(`${columnOf(supplier, path)}: ${message}`);
    }
    if (reference) {
      const earlier = seen.get(reference);
      if (earlier !== undefined)
        errors.push(`reference: ${reference} is also on line ${earlier} of this file`);
      else seen.set(reference, line);
      const use = await checks.referenceUse(reference);
      if (use) errors.push(`reference: ${reference} is already used (${use})`);
    }
    if (parsed.success && checks.profile.environment === 'production') {
      const order = parsed.data;
      const { currency } = orderFacts(order);
      const max = currency ? checks.profile.maxOrderValues[currency] : undefined;
      if (max === undefined)
        errors.push(
          `value: this Production profile has no per-order maximum for ${currency ?? 'this currency'}`,
        );
      else if (faceValue(order) > max)
        errors.push(
          `value: ${formatMoney(faceValue(order), currency)} is over the Production limit of ${formatMoney(max, currency)}`,
        );
    }
    if (errors.length || !parsed.success) bad.push({ line, reference, errors });
    else orders.push({ line, order: parsed.data });
  }
  return { orders, bad };
}

/** The template's example row: the columns a supplier's order needs, filled as an agent would. */
export function templateRows(supplier: Supplier): { header: string[]; example: string[] } {
  const header = Object.keys(BULK_COLUMNS[supplier]);
  const { example } = TEMPLATES[supplier];
  return { header, example: header.map((column) => example[column] ?? '') };
}
