import { Fragment, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { ApiError, formatApiError } from '../api/errors';
import type { ApiToken, CreatedApiToken } from '../api/types';
import { useForm } from '../app/use-form';
import { useOpenedForm } from '../app/use-opened-form';
import { useResource } from '../app/use-resource';
import { Alert, LoadError, Notice } from '../components/Alert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormCard } from '../components/FormCard';
import { NewButton, Page, SectionHeader } from '../components/Page';
import { SecretField } from '../components/SecretField';
import { ACTIONS_COLUMN, EmptyList, Table } from '../components/Table';
import type { Column } from '../components/Table';
import { RevealToggle, SelectField, TextField } from '../components/TextField';
import {
  EMPTY_TOKEN_FORM,
  MAX_TOKEN_DAYS,
  TOKEN_EXPIRY_CHOICES,
  describeTokenExpiry,
  tokenExpiresInDays,
  tokenExpiry,
  validateToken,
} from '../lib/api-tokens';
import { ROLE_LABELS, formatDateTimeUtc, formatDateUtc } from '../lib/format';
import { MIN_PASSWORD_LENGTH, validatePasswordChange } from '../lib/validation';
import type { PageProps } from './page-props';

const TOKEN_COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Created (UTC)', className: 'col-date' },
  { label: 'Expires (UTC)', className: 'col-expiry' },
  ACTIONS_COLUMN,
];

const EMPTY_PASSWORD_FORM = { currentPassword: '', newPassword: '', confirmPassword: '' };

const PASSWORD_FIELDS: readonly {
  readonly field: keyof typeof EMPTY_PASSWORD_FORM;
  readonly label: string;
  readonly autoComplete: string;
  readonly hint?: string;
}[] = [
  { field: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  {
    field: 'newPassword',
    label: 'New password',
    autoComplete: 'new-password',
    hint: `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`,
  },
  { field: 'confirmPassword', label: 'Repeat new password', autoComplete: 'new-password' },
];

const useTokens = (api: ApiClient) => useResource((signal) => api.listTokens({ signal }), 'tokens');
type TokensResource = ReturnType<typeof useTokens>;

export function AccountPage({ api, user }: PageProps) {
  const tokens = useTokens(api);
  return (
    <Page
      title="Account"
      subtitle={
        <>
          {user.name} · {user.email} ·{' '}
          <span className={`role-badge role-badge--${user.role}`}>{ROLE_LABELS[user.role]}</span>
        </>
      }
    >
      <div className="account">
        <section className="account-section" aria-labelledby="user-id-title">
          <SectionHeader
            titleId="user-id-title"
            title="Your user ID"
            description="A project’s manager adds you to the project with it: send it to them when they ask."
          />
          <div className="card form-card">
            <SecretField id="account-user-id" label="User ID" value={user.id} noun="ID" />
          </div>
        </section>
        {/* A new password revokes every token: the list is reloaded to show it. */}
        <PasswordSection api={api} onChanged={tokens.reload} />
        <TokensSection api={api} tokens={tokens} />
      </div>
    </Page>
  );
}

function PasswordSection({
  api,
  onChanged,
}: {
  readonly api: ApiClient;
  readonly onChanged: () => void;
}) {
  const [shown, setShown] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm({
    initial: EMPTY_PASSWORD_FORM,
    idPrefix: 'password',
    validate: validatePasswordChange,
    serverWording: { currentPassword: 'This is not your current password.' },
  });

  const submit = form.handleSubmit(({ currentPassword, newPassword }) => {
    setSaved(null);
    return api.changePassword(currentPassword, newPassword).then(() => {
      form.reset();
      setShown(false);
      setSaved(
        'Password changed. Your other sessions are signed out and your API tokens revoked; this browser stays signed in.',
      );
      onChanged();
    });
  });

  return (
    <section className="account-section" aria-labelledby="password-title">
      <SectionHeader
        titleId="password-title"
        title="Password"
        description="Changing it signs you out of every other browser and revokes all your API tokens. This browser stays signed in."
      />
      <FormCard
        titleId="password-title"
        form={form}
        onSubmit={submit}
        submitLabel="Change password"
        submittingLabel="Changing password…"
      >
        <Notice message={saved} onDismiss={() => setSaved(null)} />
        <div className="form-grid">
          {PASSWORD_FIELDS.map(({ field, label, autoComplete, hint }) => (
            <Fragment key={field}>
              <TextField
                label={label}
                type={shown ? 'text' : 'password'}
                name={field}
                autoComplete={autoComplete}
                hint={hint}
                {...form.bind(field)}
              />
              {/* The current password stands alone on its row, the new one twice under it. */}
              {field === 'currentPassword' && <div className="form-grid__gap" aria-hidden="true" />}
            </Fragment>
          ))}
        </div>
        <RevealToggle shown={shown} onShown={setShown} label="Show passwords" />
      </FormCard>
    </section>
  );
}

function TokensSection({
  api,
  tokens,
}: {
  readonly api: ApiClient;
  readonly tokens: TokensResource;
}) {
  const newToken = useOpenedForm();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const rows = tokens.data?.tokens ?? [];
  const nowMs = Date.now();

  return (
    <section className="account-section" aria-labelledby="tokens-title">
      <SectionHeader
        titleId="tokens-title"
        title="API tokens"
        description={
          <>
            Scripts use a token in place of your password, sent as{' '}
            <code>Authorization: Bearer &lt;token&gt;</code>. A token can do everything you can, so
            give each script its own and revoke those you no longer use.
          </>
        }
        actions={
          !newToken.open &&
          created === null && <NewButton label="New token" onClick={newToken.start} />
        }
      />

      <Notice message={newToken.notice} onDismiss={newToken.dismiss} />

      {created !== null && <CreatedToken token={created} onDone={() => setCreated(null)} />}

      {newToken.open && (
        <NewTokenForm
          api={api}
          onCancel={newToken.cancel}
          onCreated={(token) => {
            // No notice: the panel with the secret says it all.
            newToken.cancel();
            setCreated(token);
            tokens.reload();
          }}
        />
      )}

      {tokens.status === 'failed' && (
        <LoadError
          title="Your API tokens could not be loaded."
          error={tokens.error}
          onRetry={tokens.reload}
        />
      )}
      {tokens.data === null && tokens.status === 'loading' && (
        <p className="muted">Loading tokens…</p>
      )}
      {tokens.data !== null && rows.length === 0 && !newToken.open && (
        <EmptyList message="You have no API tokens. Create one for each script that calls the API." />
      )}
      {rows.length > 0 && (
        <Table busy={tokens.status === 'loading'} columns={TOKEN_COLUMNS}>
          {rows.map((token) => {
            const expiry = tokenExpiry(token.expiresAt, nowMs);
            return (
              <tr key={token.id} className={expiry.kind === 'expired' ? 'row--muted' : undefined}>
                <td className="cell-title">{token.name}</td>
                <td className="col-date" title={formatDateTimeUtc(token.createdAt)}>
                  {formatDateUtc(token.createdAt)}
                </td>
                <td className="col-expiry">{describeTokenExpiry(expiry)}</td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    aria-label={`Revoke ${token.name}`}
                    onClick={() => setRevoking(token)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      {revoking !== null && (
        <RevokeTokenDialog
          api={api}
          token={revoking}
          onCancel={() => setRevoking(null)}
          onRevoked={(message) => {
            setRevoking(null);
            newToken.tell(message);
            tokens.reload();
          }}
        />
      )}
    </section>
  );
}

interface NewTokenFormProps {
  readonly api: ApiClient;
  readonly onCreated: (token: CreatedApiToken) => void;
  readonly onCancel: () => void;
}

function NewTokenForm({ api, onCreated, onCancel }: NewTokenFormProps) {
  const form = useForm({ initial: EMPTY_TOKEN_FORM, idPrefix: 'token', validate: validateToken });
  const submit = form.handleSubmit((values) =>
    api
      .createToken({ name: values.name.trim(), expiresInDays: tokenExpiresInDays(values) })
      .then(onCreated),
  );
  const expiry = form.values.expiry;
  return (
    <FormCard
      titleId="new-token-title"
      title="New API token"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Create token"
      submittingLabel="Creating…"
    >
      <div className="form-grid">
        <TextField
          label="Name"
          autoFocus
          autoComplete="off"
          placeholder="e.g. nightly export, CI pipeline"
          hint="Which script or machine uses it, so you know what breaks when you revoke it."
          {...form.bind('name')}
        />
        <SelectField
          label="Expires after"
          options={TOKEN_EXPIRY_CHOICES}
          hint={
            expiry === 'never'
              ? 'It works until you revoke it or change your password.'
              : 'After that, requests with it are refused; create a new one.'
          }
          {...form.bind('expiry')}
        />
        {expiry === 'custom' && (
          <>
            <div className="form-grid__gap" aria-hidden="true" />
            <TextField
              label="Days"
              inputMode="numeric"
              autoComplete="off"
              placeholder={`1–${MAX_TOKEN_DAYS}`}
              {...form.bind('customDays')}
            />
          </>
        )}
      </div>
    </FormCard>
  );
}

/** The secret of a new token: on screen until dismissed, never stored anywhere. */
function CreatedToken({
  token,
  onDone,
}: {
  readonly token: CreatedApiToken;
  readonly onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const origin = window.location.origin;
  return (
    <section className="card form-card created-token" aria-labelledby="created-token-title">
      <h3 className="form-card__title" id="created-token-title" ref={heading} tabIndex={-1}>
        Token “{token.name}” created
      </h3>
      <Alert tone="warning" title="Copy it now: it is shown only this once.">
        Concord keeps only a fingerprint of it and cannot show it again. Store it where the script
        reads its secrets; if it is lost, revoke it and create another.
      </Alert>
      <SecretField id="created-token" label="Token" value={token.token} />
      <dl className="details">
        <dt>Expires</dt>
        <dd>{describeTokenExpiry(tokenExpiry(token.expiresAt, Date.now()))}</dd>
        <dt>Try it</dt>
        <dd>
          <code className="command">
            curl -H &quot;Authorization: Bearer $CONCORD_TOKEN&quot; {origin}/api/auth/me
          </code>
          <span className="field__hint">With the token in the CONCORD_TOKEN variable.</span>
        </dd>
      </dl>
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Done, I have stored it
        </button>
      </div>
    </section>
  );
}

interface RevokeTokenDialogProps {
  readonly api: ApiClient;
  readonly token: ApiToken;
  readonly onCancel: () => void;
  /** With what to tell the person: revoked now, or found revoked already. */
  readonly onRevoked: (message: string) => void;
}

function RevokeTokenDialog({ api, token, onCancel, onRevoked }: RevokeTokenDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function revoke() {
    setBusy(true);
    setError(null);
    api.revokeToken(token.id).then(
      () => onRevoked(`Revoked “${token.name}”. Requests with it are now refused.`),
      (failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) {
          onRevoked(`“${token.name}” had already been revoked.`);
          return;
        }
        setBusy(false);
        setError(formatApiError(failure));
      },
    );
  }

  return (
    <ConfirmDialog
      title={`Revoke “${token.name}”?`}
      confirmLabel="Revoke token"
      busyLabel="Revoking…"
      busy={busy}
      error={error}
      onConfirm={revoke}
      onCancel={onCancel}
    >
      <p>
        Scripts that use this token are refused from now on. This cannot be undone: a script that
        still needs access needs a new token.
      </p>
    </ConfirmDialog>
  );
}
