import { z } from 'zod';
import { failureFilterSchema } from './failures';
import { HISTORY_SORT_COLUMNS } from './history';
import { ITEM_STATES } from './orders';

/** History's columns, in order; the chooser shows or hides each (the supplier order id is one of them). */
export const HISTORY_COLUMNS = [
  'createdAt',
  'supplier',
  'reference',
  'supplierOrderId',
  'state',
  'recipient',
  'products',
  'total',
  'depositCost',
  'errorCount',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

export const HISTORY_COLUMN_LABELS: Record<HistoryColumn, string> = {
  createdAt: 'Created',
  supplier: 'Supplier',
  reference: 'Reference',
  supplierOrderId: 'Supplier order id',
  state: 'Status',
  recipient: 'Recipient',
  products: 'Products',
  total: 'Total (face value)',
  depositCost: 'Deposit cost',
  errorCount: 'Errors',
};

/** Failures' row columns; the reference and the actions always show. */
export const FAILURE_COLUMNS = [
  'supplierOrderId',
  'member',
  'item',
  'state',
  'message',
  'owed',
  'created',
] as const;
export type FailureColumn = (typeof FAILURE_COLUMNS)[number];

export const FAILURE_COLUMN_LABELS: Record<FailureColumn, string> = {
  supplierOrderId: 'Supplier order',
  member: 'Member',
  item: 'Item',
  state: 'State',
  message: 'Supplier message',
  owed: 'Member is owed',
  created: 'Created',
};

const day = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'A day is YYYY-MM-DD');

/** History's filters as the agent typed them, its sort and its columns. */
export const historyViewSchema = z
  .object({
    search: z.string().max(200),
    supplier: z.enum(['', 'ascenda', 'gcp']),
    state: z.enum(['', ...ITEM_STATES]),
    from: day,
    to: day,
    errors: z.enum(['', 'yes', 'no']),
    sort: z.object({ column: z.enum(HISTORY_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict(),
    columns: z.array(z.enum(HISTORY_COLUMNS)).min(1, 'Show at least one column').max(HISTORY_COLUMNS.length),
  })
  .strict();
export type HistoryView = z.infer<typeof historyViewSchema>;

export const DEFAULT_HISTORY_VIEW: HistoryView = {
  search: '',
  supplier: '',
  state: '',
  from: '',
  to: '',
  errors: '',
  sort: { column: 'createdAt', direction: 'desc' },
  columns: [...HISTORY_COLUMNS],
};

export const failuresViewSchema = z
  .object({
    filter: failureFilterSchema,
    columns: z.array(z.enum(FAILURE_COLUMNS)).max(FAILURE_COLUMNS.length),
  })
  .strict();
export type FailuresView = z.infer<typeof failuresViewSchema>;

export const DEFAULT_FAILURES_VIEW: FailuresView = { filter: {}, columns: [...FAILURE_COLUMNS] };

export const viewSaveSchema = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('history'), view: historyViewSchema }).strict(),
  z.object({ screen: z.literal('failures'), view: failuresViewSchema }).strict(),
]);
export type ViewSave = z.infer<typeof viewSaveSchema>;

export const viewGetSchema = z.object({ screen: z.enum(['history', 'failures']) }).strict();

export interface SavedViews {
  history: HistoryView;
  failures: FailuresView;
}
