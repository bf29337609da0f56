// The state every form of the app keeps: the values as typed; checks that appear after the
// first submit and then follow the typing; the server's refusal split into messages per field
// and general ones, none dropped; and a submit that cannot be sent twice. Saying "saved" is
// the caller's business, once `send` has resolved — never before the server answered.

import type { FormEvent } from 'react';
import { useState } from 'react';
import { splitErrors } from '../api/errors';
import type { SplitErrors } from '../api/errors';
import { firstInvalid, hasErrors } from '../lib/validation';
import type { FormErrors } from '../lib/validation';

type FieldOf<V> = keyof V & string;

export interface FormOptions<V extends Record<keyof V, string>> {
  /** The empty form; the order of its keys is the order of the fields on screen. */
  readonly initial: V;
  /** Controls have the ids `${idPrefix}-${field}`, so the first invalid one can take focus. */
  readonly idPrefix: string;
  readonly validate: (values: V) => FormErrors<FieldOf<V>>;
  /** Error codes that are about one field, shown next to it (CONCORD_ERR_EMAIL_TAKEN → email). */
  readonly fieldOfCode?: Readonly<Record<string, FieldOf<V>>>;
  /** Wording of our own for a field the server refused, in place of the server's message. */
  readonly serverWording?: Readonly<Partial<Record<FieldOf<V>, string>>>;
  /** After a refusal has been shown, e.g. to select a password for retyping. */
  readonly onFailed?: (split: SplitErrors<FieldOf<V>>) => void;
}

/** What a labelled control needs from the form: spread it on a TextField. */
export interface FieldBinding {
  readonly id: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onValue: (value: string) => void;
}

export function useForm<V extends Record<keyof V, string>>(options: FormOptions<V>) {
  const { initial, idPrefix, validate } = options;
  const [values, setValues] = useState<V>(initial);
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<FormErrors<FieldOf<V>>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const fields = Object.keys(initial) as FieldOf<V>[];
  const idOf = (field: FieldOf<V>) => `${idPrefix}-${field}`;
  const errors: FormErrors<FieldOf<V>> = {
    ...serverFields,
    ...(attempted ? validate(values) : {}),
  };

  function update(field: FieldOf<V>, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setServerFields((s) => ({ ...s, [field]: undefined }));
  }

  function bind(field: FieldOf<V>): FieldBinding {
    return {
      id: idOf(field),
      value: values[field],
      error: errors[field],
      onValue: (value) => update(field, value),
    };
  }

  function focus(field: FieldOf<V> | undefined, select = false) {
    if (field === undefined) return;
    const control = document.getElementById(idOf(field));
    control?.focus();
    if (select && control instanceof HTMLInputElement) control.select();
  }

  /** The submit handler of the form: checks, then sends once, then shows any refusal. */
  function handleSubmit(send: (values: V) => Promise<unknown>) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (submitting) return;
      setAttempted(true);
      const problems = validate(values);
      if (hasErrors(problems)) {
        focus(firstInvalid(fields, problems));
        return;
      }
      setSubmitting(true);
      setGeneral([]);
      setServerFields({});
      send(values).then(
        () => setSubmitting(false),
        (error: unknown) => {
          const split = splitErrors(error, fields, options.fieldOfCode);
          const worded: FormErrors<FieldOf<V>> = {};
          for (const field of fields) {
            const message = split.fields[field];
            if (message !== undefined) worded[field] = options.serverWording?.[field] ?? message;
          }
          setServerFields(worded);
          setGeneral(split.general);
          setSubmitting(false);
          focus(firstInvalid(fields, worded), true);
          options.onFailed?.(split);
        },
      );
    };
  }

  /** Back to the empty form, e.g. after a change the server acknowledged. */
  function reset() {
    setValues(initial);
    setAttempted(false);
    setServerFields({});
    setGeneral([]);
  }

  return { values, errors, general, submitting, update, bind, handleSubmit, reset };
}
