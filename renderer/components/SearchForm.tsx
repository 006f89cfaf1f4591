import type { FormEvent, ReactNode } from 'react';
import { Field } from './Field';

interface SearchFormProps {
  /** The form's accessible name (a search landmark). */
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  primary?: boolean;
  busy?: boolean;
  autoFocus?: boolean;
  children?: ReactNode;
}

/** A screen's search box with its button: a search landmark whose box is where "/" lands. */
export function SearchForm({
  name,
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  primary = false,
  busy = false,
  autoFocus,
  children,
}: SearchFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="search-form" role="search" aria-label={name} onSubmit={submit}>
      <Field label={label}>
        {(props) => (
          <div className="search-form-row">
            <input
              {...props}
              type="search"
              data-search
              value={value}
              spellCheck={false}
              autoComplete="off"
              autoFocus={autoFocus}
              onChange={(e) => onChange(e.target.value)}
            />
            <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={busy}>
              {submitLabel}
            </button>
          </div>
        )}
      </Field>
      {children}
    </form>
  );
}
