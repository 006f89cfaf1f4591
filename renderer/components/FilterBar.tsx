import { useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES, type Supplier } from '../../shared/domain';
import { Field, TextField } from './Field';

/** A screen's row of filters: one group (or a search landmark) with an accessible name. */
export function FilterBar({
  label,
  search = false,
  children,
}: {
  label: string;
  /** A search landmark: "/" lands in its first field. */
  search?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="filter-bar" role={search ? 'search' : 'group'} aria-label={label}>
      {children}
    </div>
  );
}

/** A labelled input in a filter bar; `search` makes it the screen's search box (wide, and where "/" lands). */
export function InputFilter({
  search = false,
  narrow = false,
  ...field
}: { search?: boolean; narrow?: boolean } & ComponentProps<typeof TextField>) {
  return (
    <TextField
      className={search ? 'field-search' : narrow ? 'field-narrow' : undefined}
      {...(search ? { type: 'search', 'data-search': true } : {})}
      {...field}
    />
  );
}

/** A day input (YYYY-MM-DD); uncontrolled when `value` is omitted, as the ledger's and the audit's are. */
export function DayFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value?: string;
  onChange(day: string): void;
}) {
  return (
    <Field label={label}>
      {(props) => (
        <input
          {...props}
          type="date"
          {...(value === undefined ? {} : { value })}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A choice among values; `any` names the choice that filters nothing (value ''). */
export function SelectFilter<T extends string>({
  label,
  value,
  options,
  any,
  onChange,
}: {
  label: string;
  value: T | '' | undefined;
  /** A value, or a value with its label. */
  options: ReadonlyArray<T | readonly [T, string]>;
  any?: string;
  onChange(value: T | undefined): void;
}) {
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T)}>
          {any !== undefined && <option value="">{any}</option>}
          {options.map((option) => {
            const [optionValue, optionLabel] = typeof option === 'string' ? [option, option] : option;
            return (
              <option key={optionValue} value={optionValue}>
                {optionLabel}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

/** The supplier choice; `any` (e.g. "Both suppliers") where the list may show both. */
export function SupplierFilter({
  value,
  any,
  onChange,
}: {
  value: Supplier | '' | undefined;
  any?: string;
  onChange(supplier: Supplier | undefined): void;
}) {
  return (
    <SelectFilter
      label="Supplier"
      value={value}
      options={SUPPLIERS.map((s) => [s, SUPPLIER_NAMES[s]] as const)}
      any={any}
      onChange={onChange}
    />
  );
}

/**
 * A filter held in a store and reloaded through it: `change` merges the given keys and drops the unset ones (the
 * saved view keeps no empty keys); `text` is the search box's own state, applied after a pause in typing.
 */
export function useStoredFilter<F extends object>(
  filter: F,
  load: (filter: F) => unknown,
  textKey?: keyof F & string,
) {
  const change = (next: Partial<F>) => {
    const merged = { ...filter, ...next };
    for (const key of Object.keys(merged) as Array<keyof F>)
      if (merged[key] === undefined) delete merged[key];
    void load(merged);
  };
  const stored = textKey ? ((filter[textKey] as string | undefined) ?? '') : '';
  const [text, setText] = useState(stored);
  useEffect(() => {
    if (!textKey) return;
    const timer = setTimeout(() => {
      if (stored !== text.trim()) change({ [textKey]: text.trim() || undefined } as Partial<F>);
    }, 250);
    return () => clearTimeout(timer);
  });
  return { change, text, setText };
}

/** Above a list: its count (a status with a name), Export CSV, and where the export went. */
export function ListToolbar({
  countLabel,
  count,
  canExport,
  onExport,
  exported,
  children,
}: {
  countLabel: string;
  count: string;
  canExport: boolean;
  onExport(): void;
  exported: { rows: number; file: string } | null;
  /** More controls, after the count (e.g. a column chooser). */
  children?: ReactNode;
}) {
  return (
    <div className="list-toolbar">
      <span role="status" aria-label={countLabel}>
        {count}
      </span>
      {children}
      <button type="button" className="button" disabled={!canExport} onClick={onExport}>
        Export CSV
      </button>
      {exported && (
        <span role="status">
          Exported {exported.rows.toLocaleString()} rows to {exported.file}
        </span>
      )}
    </div>
  );
}
