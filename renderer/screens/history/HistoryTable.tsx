import { useEffect, useMemo } from 'react';
import { VirtualTable, virtualColumns } from '../../components/VirtualTable';
import type { HistoryFilter, HistoryQuery, HistoryRow, HistorySortColumn } from '../../../shared/history';
import { HISTORY_COLUMN_LABELS, type HistoryColumn } from '../../../shared/views';
import { CopyId } from '../../components/CopyId';
import { formatMoney, formatWhen, STATE_LABELS, supplierName } from '../../format';
import { useHistoryWindow } from './use-history-window';

const ROW_HEIGHT = 32;
const helper = virtualColumns<HistoryRow>();

/** Columns; `sortKey` marks those the cache can sort on. */
const ALL_COLUMNS = helper.columns([
  helper.accessor('createdAt', {
    id: 'createdAt',
    header: HISTORY_COLUMN_LABELS.createdAt,
    cell: (c) => formatWhen(c.getValue()),
    meta: { sortKey: 'createdAt' },
  }),
  helper.accessor('supplier', {
    id: 'supplier',
    header: HISTORY_COLUMN_LABELS.supplier,
    cell: (c) => supplierName(c.getValue()),
    meta: { sortKey: 'supplier' },
  }),
  helper.accessor('reference', {
    id: 'reference',
    header: HISTORY_COLUMN_LABELS.reference,
    cell: (c) => <CopyId value={c.getValue()} label="reference" />,
    meta: { sortKey: 'reference' },
  }),
  helper.accessor('supplierOrderId', {
    id: 'supplierOrderId',
    header: HISTORY_COLUMN_LABELS.supplierOrderId,
    cell: (c) => <CopyId value={c.getValue()} label="supplier order id" />,
  }),
  helper.accessor('state', {
    id: 'state',
    header: HISTORY_COLUMN_LABELS.state,
    cell: (c) => <span className={`state state-${c.getValue()}`}>{STATE_LABELS[c.getValue()]}</span>,
    meta: { sortKey: 'state' },
  }),
  helper.accessor('recipient', {
    id: 'recipient',
    header: HISTORY_COLUMN_LABELS.recipient,
    cell: (c) => c.getValue() ?? '—',
  }),
  helper.accessor('products', { id: 'products', header: HISTORY_COLUMN_LABELS.products }),
  helper.accessor('total', {
    id: 'total',
    header: HISTORY_COLUMN_LABELS.total,
    cell: (c) => formatMoney(c.getValue(), c.row.original.currency),
    meta: { sortKey: 'total' },
  }),
  helper.accessor('depositCost', {
    id: 'depositCost',
    header: HISTORY_COLUMN_LABELS.depositCost,
    cell: (c) => (c.getValue() === null ? '—' : formatMoney(c.getValue(), c.row.original.currency)),
  }),
  helper.accessor('errorCount', {
    id: 'errorCount',
    header: HISTORY_COLUMN_LABELS.errorCount,
    cell: (c) => (c.getValue() > 0 ? `⚠ ${c.getValue()}` : ''),
  }),
]);
/** Each column's width in the grid. */
const WIDTHS: Record<HistoryColumn, string> = {
  createdAt: '240px',
  supplier: '130px',
  reference: 'minmax(200px, 1.2fr)',
  supplierOrderId: 'minmax(180px, 1fr)',
  state: '170px',
  recipient: 'minmax(160px, 1.3fr)',
  products: 'minmax(140px, 1fr)',
  total: '120px',
  depositCost: '120px',
  errorCount: '70px',
};
interface HistoryTableProps {
  filter: HistoryFilter;
  sort: HistoryQuery['sort'];
  /** The columns shown, in their order (the profile's saved view). */
  columns: readonly HistoryColumn[];
  version: number;
  selectedId: number | null;
  onSort(sort: HistoryQuery['sort']): void;
  onOpen(row: HistoryRow): void;
  /** `capped`: the cache counted this far and stopped ("at least"). */
  onTotal(total: number | null, capped: boolean): void;
}

/** The cached orders, fetched a page at a time as they scroll into view; headers sort on the cache. */
export function HistoryTable({
  filter,
  sort,
  columns: shown,
  version,
  selectedId,
  onSort,
  onOpen,
  onTotal,
}: HistoryTableProps) {
  const { total, capped, error, ensure, rowAt } = useHistoryWindow(filter, sort, version);
  useEffect(() => onTotal(total, capped), [total, capped, onTotal]);
  const columns = useMemo(() => ALL_COLUMNS.filter((c) => shown.includes(c.id as HistoryColumn)), [shown]);
  return (
    <VirtualTable<HistoryRow, HistorySortColumn>
      label="Cached orders"
      columns={columns}
      grid={shown.map((c) => WIDTHS[c]).join(' ')}
      rowHeight={ROW_HEIGHT}
      overscan={20}
      count={total ?? 0}
      rowAt={rowAt}
      rowKey={(row) => row.id}
      onRange={ensure}
      sort={sort}
      onSort={(column) =>
        onSort({ column, direction: sort.column === column && sort.direction === 'desc' ? 'asc' : 'desc' })
      }
      isSelected={(row) => row.id === selectedId}
      onOpen={onOpen}
      notice={
        <>
          {error && (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          )}
          {total === 0 && (
            <p className="virtual-table-empty">No cached orders match. Sync, or loosen the filters.</p>
          )}
        </>
      }
    />
  );
}
