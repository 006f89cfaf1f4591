import { useCallback, useMemo } from 'react';
import { VirtualTable, virtualColumns } from '../../components/VirtualTable';
import { pointsAtCurrentRate, pointsUnknownText, type PointRates } from '../../../shared/points';
import { formatMoney, supplierName } from '../../format';
import type { CatalogueRow, CatalogueSort } from './catalogue-filter';

const ROW_HEIGHT = 34;
const helper = virtualColumns<CatalogueRow>();
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

/** Both catalogues as one table: 10,000 items filter and scroll with only the rows on screen drawn. */
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
  const rowAt = useCallback((index: number) => rows[index], [rows]);
  return (
    <VirtualTable<CatalogueRow, CatalogueSort['column']>
      label="Catalogue"
      columns={columns}
      grid={GRID}
      rowHeight={ROW_HEIGHT}
      overscan={15}
      count={rows.length}
      rowAt={rowAt}
      rowKey={(row) => row.key}
      sort={sort}
      onSort={(column) =>
        onSort({ column, direction: sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc' })
      }
      isSelected={(row) => row.key === selectedKey}
      rowClassName={(row) => (row.entry.available ? '' : 'catalogue-withdrawn')}
      onOpen={onOpen}
    />
  );
}
