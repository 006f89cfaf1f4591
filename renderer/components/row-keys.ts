import type { KeyboardEvent } from 'react';

/**
 * j/k (and the arrow keys) move focus through a table's rows; Home and End jump to the first and last. Rows are
 * the container's elements marked `data-row`; typing in a field inside a row is left alone.
 */
export function onRowKeys(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
  const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, Home: -Infinity, End: Infinity }[event.key];
  if (step === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')];
  if (rows.length === 0) return;
  const current = rows.findIndex((row) => row.contains(target));
  event.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, current + step))]!.focus();
}
