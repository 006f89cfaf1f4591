import type { z } from 'zod';
import type { Supplier } from '../../shared/domain';
import type { SupplierOrder } from '../../shared/orders';
import { supplierError } from './supplier-error';
import { firstIssue } from './tolerant';

export interface ReferenceScan<W extends z.ZodType> {
  supplier: Supplier;
  operation: string;
  /** How the reference is named to the agent (`reference`, `PONumber`). */
  referenceName: string;
  reference: string;
  maxPages: number;
  pageSize: number;
  /** One page of raw order records, asked with the reference filter. */
  page(page: number): Promise<unknown[]>;
  referenceOf(raw: unknown): unknown;
  idOf(raw: unknown): unknown;
  orderWire: W;
  toOrder(order: z.output<W>): SupplierOrder;
}

/**
 * The order with exactly this reference, or null. Matches exactly, and reads a few pages in case the supplier does
 * not honour the filter; stops at a short page, or at a page that repeats the last (a supplier ignoring the page
 * number). An order carrying the reference that cannot be read is an error, never "not found".
 */
export async function findByReference<W extends z.ZodType>(
  scan: ReferenceScan<W>,
): Promise<SupplierOrder | null> {
  let previous: string | null = null;
  for (let page = 1; page <= scan.maxPages; page++) {
    const records = await scan.page(page);
    const match = records.find((raw) => scan.referenceOf(raw) === scan.reference);
    if (match !== undefined) return readFound(scan, match);
    const ids = records.map((raw) => String(scan.idOf(raw))).join('\u0000');
    if (records.length < scan.pageSize || ids === previous) return null;
    previous = ids;
  }
  return null;
}

function readFound<W extends z.ZodType>(scan: ReferenceScan<W>, raw: unknown): SupplierOrder {
  const parsed = scan.orderWire.safeParse(raw);
  if (parsed.success) return scan.toOrder(parsed.data);
  const { path, problem } = firstIssue(parsed.error);
  throw supplierError({
    kind: 'MALFORMED_RESPONSE',
    supplier: scan.supplier,
    operation: scan.operation,
    supplierMessage: `The order with ${scan.referenceName} ${scan.reference} could not be read (${path || 'order'}: ${problem})`,
  });
}
