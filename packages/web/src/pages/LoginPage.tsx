import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import { useForm } from '../app/use-form';
import { Alert, ErrorList } from '../components/Alert';
import { TextField } from '../components/TextField';
import { validateLogin } from '../lib/validation';

interface LoginPageProps {
  readonly api: ApiClient;
  readonly notice: string | null;
  readonly onSignedIn: (user: User) => void;
}

export function LoginPage({ api, notice, onSignedIn }: LoginPageProps) {
  const form = useForm({
    initial: { email: '', password: '' },
    idPrefix: 'login',
    validate: validateLogin,
    // Wrong credentials: the password is the likelier typo; selecting it lets a retype replace it.
    onFailed: () => {
      const retry = document.getElementById('login-password');
      if (retry instanceof HTMLInputElement) retry.select();
    },
  });

  useEffect(() => {
    document.title = 'Sign in · Concord';
  }, []);

  const submit = form.handleSubmit(({ email, password }) =>
    api.login(email.trim(), password).then((result) => onSignedIn(result.user)),
  );

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
          {notice !== null && form.general.length === 0 && <Alert tone="info">{notice}</Alert>}
          <ErrorList messages={form.general} />
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            {...form.bind('email')}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            {...form.bind('password')}
          />
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={form.submitting}
          >
            {form.submitting ? 'Signing in…' : 'Sign in'}
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
