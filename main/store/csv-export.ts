import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { SUPPLIER_NAMES, type Supplier } from '../../shared/domain';
import type { AuditEntry } from '../../shared/audit';
import type { BulkRow } from '../../shared/bulk';
import { ledgerWords, type FailureRow } from '../../shared/failures';
import type { ExportProgress, HistoryRow } from '../../shared/history';
import type { ReconciliationLine } from '../../shared/reconciliation';
import { RECONCILIATION_TITLES } from '../../shared/reconciliation';

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
  'Face value',
  'Currency',
  'Deposit cost',
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
      row.depositCost,
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
    'Member',
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
    'Refund',
  ],
  cells: (row) =>
    [
      supplierName(row.supplier),
      row.reference,
      row.supplierOrderId,
      row.itemId,
      row.memberId,
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
      row.ledger ? ledgerWords(row.ledger, isoTime) : '',
    ].map(cell),
};

/** Times in a CSV stay ISO-8601 UTC (the Z names the zone), as the Created column is. */
const isoTime = (iso: string) => iso;

/** The refund ledger as the Refunds screen shows it: each refund with where it stands. */
export const REFUNDS_TABLE: CsvTable<FailureRow> = {
  header: [
    'Status',
    'Supplier',
    'Reference',
    'Supplier order id',
    'Item id',
    'Member',
    'Reason code',
    'Product',
    'Value',
    'Currency',
    'Points',
    'Points basis',
    'Created (UTC)',
    'Recorded by',
    'Recorded at (UTC)',
    'Transaction id',
    'Reason',
  ],
  cells: (row) => {
    const latest = row.ledger?.latest ?? null;
    const legacy = row.ledger?.legacy ?? null;
    const settled = row.ledger?.status === 'handled_before_ledger' ? legacy : latest;
    return [
      row.ledger?.status ?? 'owed',
      supplierName(row.supplier),
      neutralise(row.reference),
      neutralise(row.supplierOrderId ?? ''),
      neutralise(row.itemId ?? ''),
      neutralise(row.memberId ?? ''),
      neutralise(row.code),
      neutralise(row.product ?? ''),
      row.value ?? '',
      row.currency ?? '',
      row.pointsCorrection?.points ?? row.refund?.points ?? '',
      row.pointsCorrection ? 'corrected' : (row.refund?.basis ?? 'unknown'),
      row.createdAt ?? '',
      neutralise(settled?.agent ?? ''),
      settled?.at ?? '',
      neutralise(latest?.transactionId ?? ''),
      neutralise(latest?.reason ?? legacy?.note ?? ''),
    ];
  },
};

export const AUDIT_TABLE: CsvTable<AuditEntry> = {
  header: ['At (UTC)', 'Agent', 'Action', 'Subject', 'Details'],
  cells: (entry) => [
    entry.at,
    neutralise(entry.agent),
    neutralise(entry.action),
    neutralise(entry.subject ?? ''),
    neutralise(entry.details === null ? '' : JSON.stringify(entry.details)),
  ],
};

/** A bulk batch's result: each row with where it ended. */
export const BULK_RESULT_TABLE: CsvTable<BulkRow> = {
  header: [
    'Line',
    'Reference',
    'Member',
    'Row',
    'Placement',
    'Placement state',
    'Outcome',
    'Message',
    'Reason placed anyway',
  ],
  cells: (row) => [
    row.line,
    neutralise(row.reference),
    neutralise(row.memberId ?? ''),
    row.state,
    row.placementId ?? '',
    row.placement?.state ?? '',
    row.placement?.outcome ?? '',
    neutralise(row.message ?? ''),
    neutralise(row.override ?? ''),
  ],
};

export const RECONCILIATION_TABLE: CsvTable<ReconciliationLine> = {
  header: [
    'Finding',
    'Supplier',
    'Reference',
    'Supplier order id',
    'Placement',
    'At (UTC)',
    'Amount',
    'Currency',
    'Explanation',
  ],
  cells: (line) => [
    RECONCILIATION_TITLES[line.kind],
    supplierName(line.supplier),
    neutralise(line.reference ?? ''),
    neutralise(line.supplierOrderId ?? ''),
    line.placementId ?? '',
    line.at ?? '',
    line.amount ?? '',
    line.currency ?? '',
    neutralise(line.explanation),
  ],
};

/** The tables main writes from rows it built; a worker receives the table's name, never its functions. */
export const CSV_TABLES = {
  refunds: REFUNDS_TABLE,
  bulk: BULK_RESULT_TABLE,
  reconciliation: RECONCILIATION_TABLE,
} as const;
export type CsvTableName = keyof typeof CSV_TABLES;
export type CsvRowOf<K extends CsvTableName> = (typeof CSV_TABLES)[K] extends CsvTable<infer T> ? T : never;

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
