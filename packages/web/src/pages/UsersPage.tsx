import { useEffect, useState } from 'react';
import { buildQuery } from '../api/client';
import type { ApiClient } from '../api/client';
import { GLOBAL_ROLES } from '../api/types';
import type { GlobalRole, NewUser, User, UsersPage as UsersPageData } from '../api/types';
import { useForm } from '../app/use-form';
import { useOpenedForm } from '../app/use-opened-form';
import { useResource } from '../app/use-resource';
import { useRowSave } from '../app/use-row-save';
import { Notice } from '../components/Alert';
import { FormCard } from '../components/FormCard';
import { RowSaveError, RowSaveStatus } from '../components/RowSave';
import { Kbd } from '../components/Kbd';
import { NewButton, Page } from '../components/Page';
import { ACTIONS_COLUMN, EmptyList, PagedTable } from '../components/Table';
import type { Column } from '../components/Table';
import { RevealToggle, SelectField, TextField } from '../components/TextField';
import {
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  countLabel,
  formatDateTimeUtc,
  formatDateUtc,
} from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { canManageUsers } from '../lib/routes';
import { MIN_PASSWORD_LENGTH, isGlobalRole, validateUser } from '../lib/validation';
import type { PageProps } from './page-props';
import { CredentialChips } from '../components/phi/CredentialChips';
import { usePhiApi } from '../components/phi/use-phi-api';

const ROLE_OPTIONS = GLOBAL_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const SEARCH_DELAY_MS = 250;

const USER_COLUMNS: readonly Column[] = [
  { label: 'Email' },
  { label: 'Name' },
  { label: 'Role', className: 'col-role' },
  { label: 'Credentials', className: 'col-credentials' },
  { label: 'Status', className: 'col-status' },
  { label: 'Created (UTC)', className: 'col-date' },
];

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

  const adding = useOpenedForm();
  const data = users.data;

  return (
    <Page
      title="Users"
      subtitle={
        manage
          ? 'Everyone who can sign in to this server, and their global role.'
          : 'Everyone who can sign in to this server. Read-only for auditors.'
      }
      actions={manage && !adding.open && <NewButton label="Add user" onClick={adding.start} />}
    >
      <Notice message={adding.notice} onDismiss={adding.dismiss} />

      {adding.open && (
        <AddUserForm
          api={api}
          onCancel={adding.cancel}
          onAdded={(user) => {
            adding.done(
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

      <PagedTable
        resource={users}
        rowsOf={(d) => d.users}
        noun="users"
        page={page}
        onPage={(p) => navigate(usersPath(urlQuery, p))}
        empty={
          <EmptyList
            message={
              urlQuery.trim() === ''
                ? 'No users yet.'
                : `No user’s email or name contains “${urlQuery.trim()}”.`
            }
            clear={
              urlQuery.trim() === ''
                ? undefined
                : { label: 'Clear the search', onClear: () => navigate(usersPath('', 1)) }
            }
          />
        }
        columns={manage ? [...USER_COLUMNS, ACTIONS_COLUMN] : USER_COLUMNS}
      >
        {(rows) =>
          rows.map((user) => (
            <UserRow key={user.id} api={api} user={user} me={me} manage={manage} />
          ))
        }
      </PagedTable>
    </Page>
  );
}

interface UserRowProps {
  readonly api: ApiClient;
  readonly user: User;
  readonly me: User;
  readonly manage: boolean;
}

function UserRow({ api, user, me, manage }: UserRowProps) {
  const [shown, setShown] = useState(user);
  const row = useRowSave();
  const phiApi = usePhiApi(api);
  const credentials = shown.credentials ?? [];
  useEffect(() => setShown(user), [user]);

  const isMe = shown.id === me.id;
  const busy = row.busy;

  function change(changes: { role?: GlobalRole; disabled?: boolean }, what: string) {
    row.save(
      () => api.updateUser(shown.id, changes),
      what,
      ({ user: updated }) => setShown(updated),
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
        <td className="col-credentials">
          <CredentialChips
            credentials={credentials}
            owner={shown.email}
            busy={busy}
            onChange={
              manage
                ? (next) =>
                    row.save(
                      () => phiApi.setCredentials(shown.id, next),
                      'Credentials saved',
                      (answer) => setShown(answer.user),
                    )
                : undefined
            }
          />
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
            <RowSaveStatus state={row.state} />
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
      <RowSaveError
        state={row.state}
        subject={shown.email}
        columns={manage ? 7 : 6}
        onDismiss={row.dismiss}
      />
    </>
  );
}

interface AddUserFormProps {
  readonly api: ApiClient;
  readonly onAdded: (user: NewUser) => void;
  readonly onCancel: () => void;
}

function AddUserForm({ api, onAdded, onCancel }: AddUserFormProps) {
  const [showPassword, setShowPassword] = useState(false);
  const form = useForm({
    initial: { email: '', name: '', password: '', role: 'member' },
    idPrefix: 'user',
    validate: validateUser,
    fieldOfCode: { CONCORD_ERR_EMAIL_TAKEN: 'email' },
  });

  const submit = form.handleSubmit((values) => {
    // validateUser has checked the role; the narrowing is for the compiler.
    const role = isGlobalRole(values.role) ? values.role : 'member';
    const user: NewUser = {
      email: values.email.trim(),
      name: values.name.trim(),
      password: values.password,
      role,
    };
    return api.createUser(user).then(() => onAdded(user));
  });

  const role = isGlobalRole(form.values.role) ? form.values.role : null;

  return (
    <FormCard
      titleId="add-user-title"
      title="Add user"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Add user"
      submittingLabel="Adding…"
    >
      <div className="form-grid">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="off"
          autoFocus
          {...form.bind('email')}
        />
        <TextField label="Name" name="name" autoComplete="off" {...form.bind('name')} />
        <div className="field-stack">
          <TextField
            label="Initial password"
            type={showPassword ? 'text' : 'password'}
            name="new-password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with the person over a trusted channel.`}
            {...form.bind('password')}
          />
          <RevealToggle shown={showPassword} onShown={setShowPassword} />
        </div>
        <SelectField
          label="Role"
          name="role"
          options={ROLE_OPTIONS}
          hint={role === null ? undefined : `${ROLE_LABELS[role]}: ${ROLE_DESCRIPTIONS[role]}.`}
          {...form.bind('role')}
        />
      </div>
    </FormCard>
  );
}
