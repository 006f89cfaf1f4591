import { useMemo, useRef, type KeyboardEvent } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ColumnHeader } from '../../components/ColumnHeader';
import { focusRowWhenRendered } from '../../components/focus-row';
import { pointsAtCurrentRate, pointsUnknownText, type PointRates } from '../../../shared/points';
import { formatMoney, supplierName } from '../../format';
import type { CatalogueRow, CatalogueSort } from './catalogue-filter';

const ROW_HEIGHT = 34;
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, CatalogueRow>();
const GRID =
  'minmax(220px, 2fr) 140px minmax(120px, 1fr) 70px 70px minmax(160px, 1.4fr) minmax(150px, 1.2fr) 110px';

const valuesOf = (row: CatalogueRow, rates: PointRates, points: boolean) => {
  const { item } = row.entry;
  // Points only from the rate of the card's own currency; none there, the cell says so instead of a number.
  if (points && !pointsAtCurrentRate(1, item.currency, rates)) return pointsUnknownText(item.currency);
  const show = (v: number) =>
    points
      ? pointsAtCurrentRate(v, item.currency, rates)!.points.toLocaleString()
      : formatMoney(v, item.currency);
  if (item.supplier === 'gcp' && item.denominationType === 'Variable' && row.min !== null && row.max !== null)
    return `${show(row.min)} – ${show(row.max)}`;
  return item.denominations.map(show).join(' / ');
};

interface CatalogueTableProps {
  rows: CatalogueRow[];
  rates: PointRates;
  sort: CatalogueSort;
  selectedKey: string | null;
  onSort(sort: CatalogueSort): void;
  onOpen(row: CatalogueRow): void;
}

/** Both catalogues as one accessible, virtualised table; arrow keys move between rows and Enter opens one. */
export function CatalogueTable({ rows, rates, sort, selectedKey, onSort, onOpen }: CatalogueTableProps) {
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((r) => r.entry.item.name, { id: 'name', header: 'Name', meta: { sortKey: 'name' } }),
        helper.accessor((r) => r.entry.item.supplier, {
          id: 'supplier',
          header: 'Supplier',
          cell: (c) => supplierName(c.getValue()),
          meta: { sortKey: 'supplier' },
        }),
        helper.accessor(
          (r) => (r.entry.item.supplier === 'ascenda' ? r.categories.join(', ') : r.deliveryTypes.join(', ')),
          { id: 'kind', header: 'Category / delivery' },
        ),
        helper.accessor((r) => r.country ?? '—', { id: 'country', header: 'Country' }),
        helper.accessor((r) => r.currency ?? '—', { id: 'currency', header: 'Currency' }),
        helper.accessor((r) => valuesOf(r, rates, false), {
          id: 'value',
          header: 'Face values',
          meta: { sortKey: 'value' },
        }),
        helper.accessor((r) => valuesOf(r, rates, true), { id: 'points', header: 'Points' }),
        helper.accessor((r) => r.entry.available, {
          id: 'available',
          header: 'Status',
          cell: (c) => (c.getValue() ? 'Available' : '⚠ Withdrawn'),
        }),
      ]),
    [rates],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const headerBox = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  // The table models only the rows on screen: 10,000 items filter without building 10,000 row models.
  const data = useMemo(() => rows.slice(first, last + 1), [rows, first, last]);
  const table = useTable({ features, columns, data });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const models = table.getRowModel().rows;

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15, Home: -Infinity, End: Infinity }[
      event.key
    ];
    if (event.key === 'Enter') return onOpen(rows[index]!);
    if (step === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(rows.length - 1, index + step));
    virtualizer.scrollToIndex(target);
    focusRowWhenRendered(scroller.current, target);
  };

  return (
    <div
      className="history-table catalogue-table"
      role="table"
      aria-label="Catalogue"
      aria-rowcount={rows.length + 1}
    >
      <div className="history-header" role="rowgroup" ref={headerBox}>
        <div role="row" aria-rowindex={1} className="history-row" style={{ gridTemplateColumns: GRID }}>
          {headers.map((header) => {
            const key = (header.column.columnDef.meta as { sortKey?: CatalogueSort['column'] } | undefined)
              ?.sortKey;
            const active = key !== undefined && sort.column === key;
            return (
              <ColumnHeader
                key={header.id}
                active={active}
                direction={sort.direction}
                onSort={
                  key &&
                  (() =>
                    onSort({ column: key, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' }))
                }
              >
                <table.FlexRender header={header} />
              </ColumnHeader>
            );
          })}
        </div>
      </div>
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
          {items.map((item) => {
            const row = rows[item.index]!;
            const model = models[item.index - first];
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row.key === selectedKey}
                data-index={item.index}
                tabIndex={item.index === first ? 0 : -1}
                className={`history-row history-data-row${row.entry.available ? '' : ' unavailable'}`}
                style={{
                  gridTemplateColumns: GRID,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
                onClick={() => onOpen(row)}
                onKeyDown={(event) => onRowKey(event, item.index)}
              >
                {model?.getAllCells().map((cell) => (
                  <div key={cell.id} role="cell" className={`cell-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
