import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ColumnHeader } from '../../components/ColumnHeader';
import { focusRowWhenRendered } from '../../components/focus-row';
import type { HistoryFilter, HistoryQuery, HistoryRow, HistorySortColumn } from '../../../shared/history';
import { HISTORY_COLUMN_LABELS, type HistoryColumn } from '../../../shared/views';
import { CopyId } from '../../components/CopyId';
import { formatMoney, formatWhen, STATE_LABELS, supplierName } from '../../format';
import { useHistoryWindow } from './use-history-window';

const ROW_HEIGHT = 32;
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, HistoryRow>();

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
const EMPTY: HistoryRow[] = [];

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

/**
 * The cached orders as an accessible table: rows are virtualised and fetched a page at a time, headers sort on
 * the cache, arrow keys move between rows and Enter opens one.
 */
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
  const scroller = useRef<HTMLDivElement>(null);
  const headerBox = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [first, last, count, ensure]);
  useEffect(() => onTotal(total, capped), [total, capped, onTotal]);

  const visible = items.map((item) => ({ item, row: rowAt(item.index) }));
  // The table models only the rows on screen; the cache holds the rest.
  const data = useMemo(() => {
    const rows: HistoryRow[] = [];
    for (let index = first; index <= last && count > 0; index++) {
      const row = rowAt(index);
      if (row) rows.push(row);
    }
    return rows.length ? rows : EMPTY;
  }, [first, last, count, rowAt]);
  const columns = useMemo(() => ALL_COLUMNS.filter((c) => shown.includes(c.id as HistoryColumn)), [shown]);
  const grid = shown.map((c) => WIDTHS[c]).join(' ');
  const table = useTable({ features, columns, data });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const tableRows = new Map(table.getRowModel().rows.map((row) => [row.original.id, row]));

  const toggleSort = (column: HistorySortColumn) =>
    onSort({ column, direction: sort.column === column && sort.direction === 'desc' ? 'asc' : 'desc' });

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number, row: HistoryRow | undefined) => {
    const step = {
      ArrowDown: 1,
      j: 1,
      ArrowUp: -1,
      k: -1,
      PageDown: 15,
      PageUp: -15,
      Home: -Infinity,
      End: Infinity,
    }[event.key];
    // A key pressed on a copy button inside the row belongs to the button.
    if ((event.target as HTMLElement).closest('button')) return;
    if (event.key === 'Enter' && row) return onOpen(row);
    if (step === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(count - 1, index + step));
    virtualizer.scrollToIndex(target);
    focusRowWhenRendered(scroller.current, target);
  };

  return (
    <div className="history-table" role="table" aria-label="Cached orders" aria-rowcount={count + 1}>
      <div className="history-header" role="rowgroup" ref={headerBox}>
        <div role="row" aria-rowindex={1} className="history-row" style={{ gridTemplateColumns: grid }}>
          {headers.map((header) => {
            const key = (header.column.columnDef.meta as { sortKey?: HistorySortColumn } | undefined)
              ?.sortKey;
            return (
              <ColumnHeader
                key={header.id}
                active={key !== undefined && sort.column === key}
                direction={sort.direction}
                onSort={key && (() => toggleSort(key))}
              >
                <table.FlexRender header={header} />
              </ColumnHeader>
            );
          })}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {total === 0 && <p className="history-empty">No cached orders match. Sync, or loosen the filters.</p>}
      <div
        ref={scroller}
        className="history-body"
        role="rowgroup"
        // The header scrolls sideways with the rows on narrow windows.
        onScroll={(event) => {
          if (headerBox.current) headerBox.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {visible.map(({ item, row }) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={row ? row.id === selectedId : undefined}
              data-index={item.index}
              tabIndex={item.index === first ? 0 : -1}
              className="history-row history-data-row"
              style={{
                gridTemplateColumns: grid,
                transform: `translateY(${item.start}px)`,
                height: ROW_HEIGHT,
              }}
              onClick={() => row && onOpen(row)}
              onKeyDown={(event) => onRowKey(event, item.index, row)}
            >
              {row && tableRows.has(row.id) ? (
                tableRows
                  .get(row.id)!
                  .getAllCells()
                  .map((cell) => (
                    <div key={cell.id} role="cell" className={`cell-${cell.column.id}`}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))
              ) : (
                <div role="cell" className="loading-cell">
                  Loading…
                </div>
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
