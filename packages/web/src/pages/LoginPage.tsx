import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { splitErrors } from '../api/errors';
import type { User } from '../api/types';
import { ErrorList, Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { hasErrors, validateLogin } from '../lib/validation';
import type { FormErrors, LoginForm } from '../lib/validation';

interface LoginPageProps {
  readonly api: ApiClient;
  readonly notice: string | null;
  readonly onSignedIn: (user: User) => void;
}

const FIELDS = ['email', 'password'] as const;

export function LoginPage({ api, notice, onSignedIn }: LoginPageProps) {
  const [form, setForm] = useState<LoginForm>({ email: '', password: '' });
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<FormErrors<keyof LoginForm>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Concord';
  }, []);

  // Field checks appear after the first submit and then follow the typing.
  const local = attempted ? validateLogin(form) : {};
  const errors = { ...serverFields, ...local };

  function update(field: keyof LoginForm, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    setServerFields((s) => ({ ...s, [field]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setAttempted(true);
    const problems = validateLogin(form);
    if (hasErrors(problems)) {
      const first = FIELDS.find((f) => problems[f] !== undefined);
      if (first !== undefined) document.getElementById(`login-${first}`)?.focus();
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    setServerFields({});
    api.login(form.email.trim(), form.password).then(
      (result) => onSignedIn(result.user),
      (error: unknown) => {
        const split = splitErrors(error, FIELDS);
        setServerFields(split.fields);
        setGeneral(split.general);
        setSubmitting(false);
        // Wrong credentials: the password is the likelier typo; selecting it lets a retype replace it.
        const retry = document.getElementById('login-password');
        if (retry instanceof HTMLInputElement) retry.select();
      },
    );
  }

  return (
    <div className="login">
      <div className="login__panel">
        <div className="login__brand">
          <span className="brand__mark" aria-hidden="true" />
          Concord
        </div>
        <form
          className="card login__card"
          onSubmit={submit}
          noValidate
          aria-labelledby="login-title"
        >
          <h1 className="login__title" id="login-title">
            Sign in
          </h1>
          {notice !== null && general.length === 0 && <Alert tone="info">{notice}</Alert>}
          <ErrorList messages={general} />
          <Field id="login-email" label="Email" error={errors.email}>
            <input
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              value={form.email}
              onChange={(e) => update('email', e.target.value)}
            />
          </Field>
          <Field id="login-password" label="Password" error={errors.password}>
            <input
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              value={form.password}
              onChange={(e) => update('password', e.target.value)}
            />
          </Field>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={submitting}
          >
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login__footnote">
          Accounts are created by an admin of this Concord server. Ask them if you have none or
          forgot your password.
        </p>
      </div>
    </div>
  );
}
