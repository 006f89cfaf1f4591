import type { ReactNode } from 'react';

interface ColumnHeaderProps {
  children: ReactNode;
  /** Whether the table is sorted on this column now, and which way. */
  active: boolean;
  direction: 'asc' | 'desc';
  /** Omitted for a column that cannot sort. */
  onSort?: () => void;
}

/** A table column header; a sortable one is a button and says its order with aria-sort and an arrow. */
export function ColumnHeader({ children, active, direction, onSort }: ColumnHeaderProps) {
  return (
    <div
      role="columnheader"
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {onSort ? (
        <button type="button" className="sort-button" onClick={onSort}>
          {children}
          <span aria-hidden="true">{active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : (
        children
      )}
    </div>
  );
}
