import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './Field';

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'children'
>;

interface TextFieldProps extends InputAttributes {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly optional?: boolean;
  /** A few lines of text: a textarea of this many rows instead of an input. */
  readonly rows?: number;
  /** The denser control of filter bars. */
  readonly compact?: boolean;
  /** Code or data (JSON): a monospace font, no spell-checking. */
  readonly mono?: boolean;
}

/** A labelled text input (or textarea) with its hint and error: `<TextField {...form.bind('name')} />`. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, error, hint, optional, rows, compact, mono, ...input } = props;
  const className = ['input', compact ? 'input--compact' : '', mono ? 'input--mono' : '']
    .filter((c) => c !== '')
    .join(' ');
  return (
    <Field id={id} label={label} error={error} hint={hint} optional={optional}>
      {rows === undefined ? (
        <input
          className={className}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          {...input}
        />
      ) : (
        <textarea
          className={`${className} textarea`}
          rows={rows}
          name={input.name}
          placeholder={input.placeholder}
          spellCheck={mono ? false : input.spellCheck}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly name?: string;
}

/** A labelled select of a few fixed choices. */
export function SelectField({
  id,
  label,
  value,
  onValue,
  options,
  error,
  hint,
  name,
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select className="input" name={name} value={value} onChange={(e) => onValue(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** "Show password(s)": the person checks what they typed before a password is saved. */
export function RevealToggle({
  shown,
  onShown,
  label = 'Show password',
}: {
  readonly shown: boolean;
  readonly onShown: (shown: boolean) => void;
  readonly label?: string;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={shown} onChange={(e) => onShown(e.target.checked)} />
      {label}
    </label>
  );
}
