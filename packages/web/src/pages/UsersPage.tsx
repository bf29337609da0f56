import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { buildQuery } from '../api/client';
import type { ApiClient } from '../api/client';
import { formatApiError, splitErrors } from '../api/errors';
import { GLOBAL_ROLES } from '../api/types';
import type { GlobalRole, NewUser, User, UsersPage as UsersPageData } from '../api/types';
import { useResource } from '../app/use-resource';
import { Alert, ErrorList } from '../components/Alert';
import { Field } from '../components/Field';
import { Kbd } from '../components/Kbd';
import { PageHeader } from '../components/PageHeader';
import { PastTheEnd } from '../components/PastTheEnd';
import { Pager } from '../components/Pager';
import {
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  countLabel,
  formatDateTimeUtc,
  formatDateUtc,
} from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { canManageUsers } from '../lib/routes';
import { MIN_PASSWORD_LENGTH, hasErrors, isGlobalRole, validateUser } from '../lib/validation';
import type { FormErrors, UserForm } from '../lib/validation';
import type { PageProps } from './page-props';

const FIELDS = ['email', 'name', 'password', 'role'] as const;
const SEARCH_DELAY_MS = 250;

const usersPath = (q: string, page: number) =>
  `/users${buildQuery({ q: q.trim(), page: page > 1 ? page : undefined })}`;

export function UsersPage({ api, user: me, search, navigate }: PageProps) {
  const params = new URLSearchParams(search);
  const page = parsePage(params.get('page'));
  const urlQuery = params.get('q') ?? '';
  const offset = offsetOf(page, PAGE_SIZE);
  const manage = canManageUsers(me.role);

  const users = useResource<UsersPageData>(
    (signal) => api.listUsers({ limit: PAGE_SIZE, offset, q: urlQuery }, { signal }),
    `users:${offset}:${urlQuery}`,
  );

  // The search box follows the URL (back/forward) and writes to it once typing pauses.
  const [query, setQuery] = useState(urlQuery);
  useEffect(() => setQuery(urlQuery), [urlQuery]);
  useEffect(() => {
    if (query.trim() === urlQuery.trim()) return;
    const timer = setTimeout(
      () => navigate(usersPath(query, 1), { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [query, urlQuery, navigate]);

  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const data = users.data;

  return (
    <section className="page">
      <PageHeader
        title="Users"
        subtitle={
          manage
            ? 'Everyone who can sign in to this server, and their global role.'
            : 'Everyone who can sign in to this server. Read-only for auditors.'
        }
        actions={
          manage &&
          !adding && (
            <button
              type="button"
              className="button button--primary"
              data-shortcut="new"
              title="Add user (n)"
              onClick={() => {
                setAdded(null);
                setAdding(true);
              }}
            >
              Add user
            </button>
          )
        }
      />

      {added !== null && (
        <Alert tone="success" onDismiss={() => setAdded(null)}>
          {added}
        </Alert>
      )}

      {adding && (
        <AddUserForm
          api={api}
          onCancel={() => setAdding(false)}
          onAdded={(user) => {
            setAdding(false);
            setAdded(
              `Added ${user.name} (${user.email}) as ${ROLE_LABELS[user.role]}. They can sign in with the initial password you set.`,
            );
            users.reload();
          }}
        />
      )}

      <div className="toolbar">
        <label className="visually-hidden" htmlFor="users-search">
          Search users
        </label>
        <div className="search">
          <input
            id="users-search"
            className="input input--search"
            type="search"
            placeholder="Search by email or name"
            value={query}
            data-shortcut="search"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') navigate(usersPath(query, 1), { replace: true });
            }}
          />
          <Kbd keys={['/']} />
        </div>
        {data !== null && (
          <span className="toolbar__meta">
            {urlQuery.trim() === ''
              ? countLabel(data.total, 'user')
              : `${countLabel(data.total, 'match', 'matches')} for “${urlQuery.trim()}”`}
          </span>
        )}
      </div>

      {users.status === 'failed' && (
        <Alert tone="error" title="Users could not be loaded.">
          {formatApiError(users.error)}{' '}
          <button type="button" className="button--link" onClick={users.reload}>
            Try again
          </button>
        </Alert>
      )}

      {data === null && users.status === 'loading' && <p className="muted">Loading users…</p>}

      {data !== null && data.users.length === 0 && data.total > 0 && (
        <PastTheEnd
          total={data.total}
          limit={PAGE_SIZE}
          noun="users"
          onPage={(p) => navigate(usersPath(urlQuery, p))}
        />
      )}

      {data !== null && data.total === 0 && (
        <div className="empty-state empty-state--compact">
          {urlQuery.trim() === '' ? (
            <p>No users yet.</p>
          ) : (
            <p>
              No user’s email or name contains “{urlQuery.trim()}”.{' '}
              <button
                type="button"
                className="button--link"
                onClick={() => navigate(usersPath('', 1))}
              >
                Clear the search
              </button>
            </p>
          )}
        </div>
      )}

      {data !== null && data.users.length > 0 && (
        <>
          <div className="table-wrap" aria-busy={users.status === 'loading'}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="col-role">
                    Role
                  </th>
                  <th scope="col" className="col-status">
                    Status
                  </th>
                  <th scope="col" className="col-date">
                    Created (UTC)
                  </th>
                  {manage && (
                    <th scope="col" className="col-actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <UserRow key={user.id} api={api} user={user} me={me} manage={manage} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            limit={PAGE_SIZE}
            total={data.total}
            offset={data.offset}
            rowsOnPage={data.users.length}
            noun="users"
            onPage={(p) => navigate(usersPath(urlQuery, p))}
            busy={users.status === 'loading'}
          />
        </>
      )}
    </section>
  );
}

type RowState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly what: string }
  | { readonly kind: 'saved'; readonly what: string }
  | { readonly kind: 'failed'; readonly message: string };

interface UserRowProps {
  readonly api: ApiClient;
  readonly user: User;
  readonly me: User;
  readonly manage: boolean;
}

function UserRow({ api, user, me, manage }: UserRowProps) {
  const [shown, setShown] = useState(user);
  const [state, setState] = useState<RowState>({ kind: 'idle' });
  useEffect(() => setShown(user), [user]);

  // "Saved" is shown only once the server has answered, and fades after a few seconds.
  useEffect(() => {
    if (state.kind !== 'saved') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const isMe = shown.id === me.id;
  const busy = state.kind === 'saving';

  function change(changes: { role?: GlobalRole; disabled?: boolean }, what: string) {
    setState({ kind: 'saving', what });
    api.updateUser(shown.id, changes).then(
      ({ user: updated }) => {
        setShown(updated);
        setState({ kind: 'saved', what });
      },
      (error: unknown) => setState({ kind: 'failed', message: formatApiError(error) }),
    );
  }

  const selfNote = 'You cannot change your own role or disable yourself; ask another admin.';

  return (
    <>
      <tr className={shown.disabled ? 'row--muted' : undefined}>
        <td>{shown.email}</td>
        <td>
          {shown.name}
          {isMe && <span className="muted"> (you)</span>}
        </td>
        <td className="col-role">
          {manage && !isMe ? (
            <select
              className="input input--compact"
              aria-label={`Role of ${shown.email}`}
              value={shown.role}
              disabled={busy}
              onChange={(e) => {
                const role = e.target.value;
                if (isGlobalRole(role) && role !== shown.role) {
                  change({ role }, `Role set to ${ROLE_LABELS[role]}`);
                }
              }}
            >
              {GLOBAL_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          ) : (
            <span
              className={`role-badge role-badge--${shown.role}`}
              title={manage ? selfNote : undefined}
            >
              {ROLE_LABELS[shown.role]}
            </span>
          )}
        </td>
        <td className="col-status">
          {shown.disabled ? (
            <span className="status status--off">Disabled</span>
          ) : (
            <span className="status status--on">Active</span>
          )}
        </td>
        <td className="col-date" title={formatDateTimeUtc(shown.createdAt)}>
          {formatDateUtc(shown.createdAt)}
        </td>
        {manage && (
          <td className="col-actions">
            <span className="row-status" aria-live="polite">
              {state.kind === 'saving' && <span className="muted">Saving…</span>}
              {state.kind === 'saved' && <span className="text-success">✓ {state.what}</span>}
            </span>
            {!isMe && (
              <button
                type="button"
                className={
                  shown.disabled
                    ? 'button button--small'
                    : 'button button--small button--danger-quiet'
                }
                disabled={busy}
                onClick={() =>
                  shown.disabled
                    ? change({ disabled: false }, 'Enabled')
                    : change({ disabled: true }, 'Disabled')
                }
              >
                {shown.disabled ? 'Enable' : 'Disable'}
              </button>
            )}
          </td>
        )}
      </tr>
      {state.kind === 'failed' && (
        <tr className="row-error">
          <td colSpan={manage ? 6 : 5}>
            <span role="alert">
              Could not change {shown.email}: {state.message}
            </span>{' '}
            <button
              type="button"
              className="button--link"
              onClick={() => setState({ kind: 'idle' })}
            >
              Dismiss
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

interface AddUserFormProps {
  readonly api: ApiClient;
  readonly onAdded: (user: NewUser) => void;
  readonly onCancel: () => void;
}

function AddUserForm({ api, onAdded, onCancel }: AddUserFormProps) {
  const [form, setForm] = useState<UserForm>({ email: '', name: '', password: '', role: 'member' });
  const [showPassword, setShowPassword] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<FormErrors<keyof UserForm>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const errors = { ...serverFields, ...(attempted ? validateUser(form) : {}) };

  function update(field: keyof UserForm, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    setServerFields((s) => ({ ...s, [field]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setAttempted(true);
    const problems = validateUser(form);
    if (hasErrors(problems) || !isGlobalRole(form.role)) {
      const first = FIELDS.find((f) => problems[f] !== undefined);
      if (first !== undefined) document.getElementById(`user-${first}`)?.focus();
      return;
    }
    const user: NewUser = {
      email: form.email.trim(),
      name: form.name.trim(),
      password: form.password,
      role: form.role,
    };
    setSubmitting(true);
    setGeneral([]);
    api.createUser(user).then(
      () => onAdded(user),
      (error: unknown) => {
        const split = splitErrors(error, FIELDS, { CONCORD_ERR_EMAIL_TAKEN: 'email' });
        setServerFields(split.fields);
        setGeneral(split.general);
        setSubmitting(false);
      },
    );
  }

  const role = isGlobalRole(form.role) ? form.role : null;

  return (
    <form
      className="card form-card"
      onSubmit={submit}
      noValidate
      aria-labelledby="add-user-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !submitting) onCancel();
      }}
    >
      <h2 className="form-card__title" id="add-user-title">
        Add user
      </h2>
      <ErrorList messages={general} />
      <div className="form-grid">
        <Field id="user-email" label="Email" error={errors.email}>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="off"
            autoFocus
            value={form.email}
            onChange={(e) => update('email', e.target.value)}
          />
        </Field>
        <Field id="user-name" label="Name" error={errors.name}>
          <input
            className="input"
            name="name"
            autoComplete="off"
            value={form.name}
            onChange={(e) => update('name', e.target.value)}
          />
        </Field>
        <div className="field-stack">
          <Field
            id="user-password"
            label="Initial password"
            error={errors.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with the person over a trusted channel.`}
          >
            <input
              className="input"
              type={showPassword ? 'text' : 'password'}
              name="new-password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => update('password', e.target.value)}
            />
          </Field>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showPassword}
              onChange={(e) => setShowPassword(e.target.checked)}
            />
            Show password
          </label>
        </div>
        <Field
          id="user-role"
          label="Role"
          error={errors.role}
          hint={role === null ? undefined : `${ROLE_LABELS[role]}: ${ROLE_DESCRIPTIONS[role]}.`}
        >
          <select
            className="input"
            name="role"
            value={form.role}
            onChange={(e) => update('role', e.target.value)}
          >
            {GLOBAL_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}
