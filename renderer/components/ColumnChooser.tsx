import { useId, useState } from 'react';
import { Checkbox } from './Field';

interface ColumnChooserProps<C extends string> {
  all: readonly C[];
  labels: Record<C, string>;
  visible: readonly C[];
  onChange(columns: C[]): void;
}

/** Which columns a table shows (kept with the profile's saved view); at least one always stays. */
export function ColumnChooser<C extends string>({ all, labels, visible, onChange }: ColumnChooserProps<C>) {
  const id = useId();
  // The choices exist only while the chooser is open: closed, it adds no labelled controls to the page.
  const [open, setOpen] = useState(false);
  return (
    <details className="column-chooser" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Columns ({visible.length} of {all.length})
      </summary>
      {open && (
        <fieldset aria-describedby={`${id}-hint`}>
          <legend>Show columns</legend>
          <p className="hint" id={`${id}-hint`}>
            Saved for this profile.
          </p>
          {all.map((column) => (
            <Checkbox
              key={column}
              label={labels[column]}
              checked={visible.includes(column)}
              disabled={visible.length === 1 && visible.includes(column)}
              onChange={(checked) =>
                onChange(
                  checked
                    ? all.filter((c) => c === column || visible.includes(c))
                    : visible.filter((c) => c !== column),
                )
              }
            />
          ))}
        </fieldset>
      )}
    </details>
  );
}
