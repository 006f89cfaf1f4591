import type { ReactNode } from 'react';
import { onRowKeys } from './row-keys';

/**
 * A plain table with column headers; with `rowKeys`, its rows (marked by `rowFocus`) are one tab stop and j/k or
 * the arrow keys move between them.
 */
export function DataTable({
  label,
  columns,
  className = 'data-table',
  rowKeys = false,
  children,
}: {
  label: string;
  columns: readonly ReactNode[];
  className?: string;
  rowKeys?: boolean;
  children: ReactNode;
}) {
  return (
    <table className={className} aria-label={label} onKeyDown={rowKeys ? onRowKeys : undefined}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A row the keys move to: only the first is in the tab order. */
export const rowFocus = (index: number) => ({ 'data-row': true, tabIndex: index === 0 ? 0 : -1 });
