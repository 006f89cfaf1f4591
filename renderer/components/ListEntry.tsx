import type { ReactNode } from 'react';

/**
 * An entry of a list that opens an order: its reference, its status in words and colour, and what else tells it
 * apart; pressed while its detail is open.
 */
export function ListEntry({
  reference,
  tone,
  status,
  selected,
  onSelect,
  children,
}: {
  reference: string;
  tone: string;
  status: string;
  selected: boolean;
  onSelect(): void;
  children: ReactNode;
}) {
  return (
    <li>
      <button type="button" aria-pressed={selected} onClick={onSelect} className="row-button list-button">
        <span className="path" data-reference="">
          {reference}
        </span>
        <span className={`tone-status tone-${tone}`}>{status}</span>
        <span className="hint">{children}</span>
      </button>
    </li>
  );
}
