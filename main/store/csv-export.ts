import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { SUPPLIER_NAMES, type Supplier } from '../../shared/domain';
import type { FailureRow } from '../../shared/failures';
import type { ExportProgress, HistoryRow } from '../../shared/history';

/** A CSV export's columns: the header and how one row becomes its cells. */
export interface CsvTable<T> {
  header: string[];
  cells(row: T): Array<string | number>;
}

const supplierName = (supplier: Supplier) => SUPPLIER_NAMES[supplier];

const HISTORY_HEADER = [
  'Supplier',
  'Reference',
  'Supplier order id',
  'State',
  'Supplier status',
  'Created (UTC)',
  'Total',
  'Currency',
  'Items',
  'Errors',
  'Recipient',
  'Products',
];
const BATCH = 2_000;

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab/CR/LF) as a formula; supplier data is not
 * trusted, so such text gets a leading apostrophe (OWASP CSV injection guidance).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

/** Every cell goes through here: text neutralised, numbers only when they are real numbers. */
const cell = (value: string | number | null | undefined): string | number =>
  typeof value === 'number' ? (Number.isFinite(value) ? value : '') : neutralise(value ?? '');

/** A supplier's date as one ISO form; text that is no date is written as "unparseable", never as sent. */
export function dateCell(value: string | null | undefined): string {
  if (!value) return '';
  const time = Date.parse(value);
  return Number.isNaN(time) ? 'unparseable' : new Date(time).toISOString();
}

export const HISTORY_TABLE: CsvTable<HistoryRow> = {
  header: HISTORY_HEADER,
  cells: (row) =>
    [
      supplierName(row.supplier),
      row.reference,
      row.supplierOrderId,
      row.state,
      row.supplierStatus,
      dateCell(row.createdAt),
      row.total,
      row.currency,
      row.itemCount,
      row.errorCount,
      row.recipient,
      row.products,
    ].map(cell),
};

export const FAILURES_TABLE: CsvTable<FailureRow> = {
  header: [
    'Supplier',
    'Reference',
    'Supplier order id',
    'Item id',
    'State',
    'Code',
    'Supplier message',
    'Product',
    'Value',
    'Currency',
    'Quantity',
    'Created (UTC)',
    'Points owed',
    'Points rate',
    'Handled by',
    'Handling note',
  ],
  cells: (row) =>
    [
      supplierName(row.supplier),
      row.reference,
      row.supplierOrderId,
      row.itemId,
      row.state,
      row.code,
      row.message,
      row.product,
      row.value,
      row.currency,
      row.quantity,
      dateCell(row.createdAt),
      row.pointsCorrection?.points ?? row.refund?.points,
      row.pointsCorrection
        ? 'corrected by an agent'
        : row.refund?.points === null || !row.refund
          ? ''
          : row.refund.basis === 'journaled'
            ? 'journaled with the order'
            : 'current rate, not journaled',
      row.handled?.agent,
      row.handled?.note,
    ].map(cell),
};

/**
 * Streams rows to a CSV file (UTF-8 with BOM so spreadsheets read accents and scripts correctly), in batches,
 * reporting progress; written to a temporary name and renamed at the end, so a failed export leaves no half file.
 */
export function writeCsv<T>(
  file: string,
  table: CsvTable<T>,
  rows: Iterable<T>,
  totalRows: number,
  exportId: string,
  report: (progress: ExportProgress) => void,
): ExportProgress {
  const temp = `${file}.partial`;
  const fd = openSync(temp, 'w', 0o600);
  let written = 0;
  try {
    writeSync(fd, `\uFEFF${stringify([table.header])}`);
    let batch: Array<Array<string | number>> = [];
    const flush = () => {
      writeSync(fd, stringify(batch));
      written += batch.length;
      batch = [];
      report({ exportId, rowsWritten: written, totalRows, done: false, file: null, error: null });
    };
    for (const row of rows) {
      batch.push(table.cells(row));
      if (batch.length === BATCH) flush();
    }
    if (batch.length > 0) flush();
    closeSync(fd);
    renameSync(temp, file);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  const done = { exportId, rowsWritten: written, totalRows, done: true, file, error: null };
  report(done);
  return done;
}
