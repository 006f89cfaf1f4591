import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  /** Read the error out as it appears: for a small form with one field; a long form announces a summary. */
  announce?: boolean;
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }): ReactNode;
}

/** The desk's one labelled form field: the control, its hint and its error, tied together for screen readers. */
export function Field({ label, error, hint, className, announce = false, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role={announce ? 'alert' : undefined}>
          {error}
        </span>
      )}
    </div>
  );
}

type TextFieldProps = Omit<FieldProps, 'children'> & {
  value: string;
  onChange(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>;

/** A Field holding a text input: the common case, its value as a string. */
export function TextField({
  label,
  error,
  hint,
  className,
  announce,
  value,
  onChange,
  ...input
}: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className} announce={announce}>
      {(props) => <input {...props} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A checkbox with its label beside it (the label is the box's accessible name). */
export function Checkbox({
  label,
  checked,
  onChange,
  disabled,
  className = 'checkbox',
}: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <label className={className}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

/** One choice among a few, all in view: a fieldset named by its legend, a radio button a choice. */
export function RadioGroup<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  className,
  optionClassName,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<readonly [value: T, label: string]>;
  value: T;
  onChange(value: T): void;
  className: string;
  optionClassName?: string;
}) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} className={optionClassName}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
