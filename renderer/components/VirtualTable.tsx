import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import {
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ColumnHeader } from './ColumnHeader';
import { focusRowWhenRendered } from './focus-row';

const features = tableFeatures({});
type Features = typeof features;

/** A table's column: `meta.sortKey` marks one the table can sort on, under that key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column keeps its own value type
export type VirtualColumn<Row extends RowData> = ColumnDef<Features, Row, any>;

/** The helper that declares a VirtualTable's columns with their value types. */
export const virtualColumns = <Row extends RowData>() => createColumnHelper<Features, Row>();

/** Rows a key press moves by; PageUp and PageDown move a screenful. */
const STEPS: Record<string, number> = {
  ArrowDown: 1,
  j: 1,
  ArrowUp: -1,
  k: -1,
  PageDown: 15,
  PageUp: -15,
  Home: -Infinity,
  End: Infinity,
};

interface VirtualTableProps<Row extends RowData, Sort extends string> {
  /** The table's accessible name. */
  label: string;
  columns: readonly VirtualColumn<Row>[];
  /** The CSS grid columns, one a column. */
  grid: string;
  rowHeight: number;
  overscan: number;
  /** How many rows there are; rows not at hand yet (`rowAt` gives undefined) show as loading. */
  count: number;
  rowAt(index: number): Row | undefined;
  rowKey(row: Row): string | number;
  /** The rows on screen changed: a table that fetches pages fetches these. */
  onRange?(first: number, last: number): void;
  sort: { column: Sort; direction: 'asc' | 'desc' };
  /** A click on a sortable header. */
  onSort(column: Sort): void;
  isSelected(row: Row): boolean;
  rowClassName?(row: Row): string;
  onOpen(row: Row): void;
  /** Shown between the header and the rows: an error, or why there are none. */
  notice?: ReactNode;
}

/**
 * A long list as an accessible table: only the rows on screen are drawn and modelled, headers sort, the arrow
 * keys (and j/k, Page Up/Down, Home/End) move between rows and Enter or a click opens one.
 */
export function VirtualTable<Row extends RowData, Sort extends string>({
  label,
  columns,
  grid,
  rowHeight,
  overscan,
  count,
  rowAt,
  rowKey,
  onRange,
  sort,
  onSort,
  isSelected,
  rowClassName,
  onOpen,
  notice,
}: VirtualTableProps<Row, Sort>) {
  const scroller = useRef<HTMLDivElement>(null);
  const headerBox = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (count > 0) onRange?.(first, Math.max(first, last));
  }, [first, last, count, onRange]);

  // The table models only the rows on screen: thousands of rows filter and scroll without thousands of models.
  const data = useMemo(() => {
    const rows: Row[] = [];
    for (let index = first; index <= last; index++) {
      const row = rowAt(index);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }, [first, last, rowAt]);
  const table = useTable({ features, columns: columns as VirtualColumn<Row>[], data });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const models = new Map(table.getRowModel().rows.map((model) => [rowKey(model.original), model]));

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number, row: Row | undefined) => {
    // A key pressed on a button inside the row (a copy button) belongs to the button.
    if ((event.target as HTMLElement).closest('button')) return;
    if (event.key === 'Enter' && row !== undefined) return onOpen(row);
    const step = STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(count - 1, index + step));
    virtualizer.scrollToIndex(target);
    focusRowWhenRendered(scroller.current, target);
  };

  return (
    <div className="virtual-table" role="table" aria-label={label} aria-rowcount={count + 1}>
      <div className="virtual-table-header" role="rowgroup" ref={headerBox}>
        <div role="row" aria-rowindex={1} className="virtual-row" style={{ gridTemplateColumns: grid }}>
          {headers.map((header) => {
            const key = (header.column.columnDef.meta as { sortKey?: Sort } | undefined)?.sortKey;
            return (
              <ColumnHeader
                key={header.id}
                active={key !== undefined && sort.column === key}
                direction={sort.direction}
                onSort={key && (() => onSort(key))}
              >
                <table.FlexRender header={header} />
              </ColumnHeader>
            );
          })}
        </div>
      </div>
      {notice}
      <div
        ref={scroller}
        className="virtual-table-body"
        role="rowgroup"
        // The header scrolls sideways with the rows on narrow windows.
        onScroll={(event) => {
          if (headerBox.current) headerBox.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const model = row === undefined ? undefined : models.get(rowKey(row));
            return (
              <div
                // Keyed by position: a row that arrives while focused (End, then its page loads) keeps the focus.
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row === undefined ? undefined : isSelected(row)}
                data-index={item.index}
                tabIndex={item.index === first ? 0 : -1}
                className={`virtual-row virtual-data-row${row !== undefined && rowClassName ? ` ${rowClassName(row)}` : ''}`}
                style={{
                  gridTemplateColumns: grid,
                  transform: `translateY(${item.start}px)`,
                  height: rowHeight,
                }}
                onClick={() => row !== undefined && onOpen(row)}
                onKeyDown={(event) => onRowKey(event, item.index, row)}
              >
                {model ? (
                  model.getAllCells().map((cell) => (
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
            );
          })}
        </div>
      </div>
    </div>
  );
}
