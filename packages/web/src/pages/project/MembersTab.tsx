import { useEffect, useId, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { buildQuery } from '../../api/client';
import { ApiError, formatPercent } from '../../api/errors';
import type { Member, MembersPage, ProjectDetail, ProjectRole, User } from '../../api/types';
import { useForm } from '../../app/use-form';
import { useOpenedForm } from '../../app/use-opened-form';
import { useResource } from '../../app/use-resource';
import { useRowSave } from '../../app/use-row-save';
import { Notice } from '../../components/Alert';
import { FormCard } from '../../components/FormCard';
import { NewButton, SectionHeader } from '../../components/Page';
import { RowSaveError, RowSaveStatus } from '../../components/RowSave';
import { EmptyList, PagedTable } from '../../components/Table';
import type { Column } from '../../components/Table';
import { SelectField, TextField } from '../../components/TextField';
import {
  PROJECT_ROLE_DESCRIPTIONS,
  PROJECT_ROLE_LABELS,
  countLabel,
  formatDateTimeUtc,
  formatDateUtc,
} from '../../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../../lib/pagination';
import { projectPath } from '../../lib/routes';
import { isEmail } from '../../lib/validation';
import type { FormErrors } from '../../lib/validation';
import type { PageProps } from '../page-props';

const PROJECT_ROLES: readonly ProjectRole[] = ['annotator', 'reviewer', 'manager'];
const ROLE_OPTIONS = PROJECT_ROLES.map((role) => ({
  value: role,
  label: PROJECT_ROLE_LABELS[role],
}));

const COLUMNS: readonly Column[] = [
  { label: 'Member' },
  { label: 'Role', className: 'col-role' },
  { label: 'Qualification', className: 'col-qualification' },
  { label: 'Added (UTC)', className: 'col-date' },
];

const isProjectRole = (value: string): value is ProjectRole =>
  (PROJECT_ROLES as readonly string[]).includes(value);

/** The people of a project, their roles and how their qualification went; managers add people. */
export function MembersTab({
  api,
  user: me,
  search,
  navigate,
  project,
  manage,
}: PageProps & { readonly project: ProjectDetail; readonly manage: boolean }) {
  const page = parsePage(new URLSearchParams(search).get('page'));
  const offset = offsetOf(page, PAGE_SIZE);
  const members = useResource<MembersPage>(
    (signal) => api.listMembers(project.id, { limit: PAGE_SIZE, offset }, { signal }),
    `members:${project.id}:${offset}`,
  );
  const adding = useOpenedForm();
  const [added, setAdded] = useState<{ userId: string; role: ProjectRole } | null>(null);
  // The server answers with the ID only; the reloaded list names the person.
  const person = members.data?.members.find((m) => m.userId === added?.userId);
  const addedNotice =
    added === null || adding.open
      ? null
      : `${person === undefined ? added.userId : `${person.name} (${person.email})`} is now ${PROJECT_ROLE_LABELS[added.role].toLowerCase()} of this project.`;
  const goToPage = (p: number) =>
    navigate(`${projectPath(project.id, 'members')}${buildQuery({ page: p > 1 ? p : undefined })}`);

  return (
    <section aria-labelledby="members-title">
      <SectionHeader
        titleId="members-title"
        title="Members"
        description={
          members.data === null
            ? 'The people who work on this project, and their roles in it.'
            : `${countLabel(members.data.total, 'member')}. Annotators take the qualification set, if there is one, before production items.`
        }
        actions={manage && !adding.open && <NewButton label="Add member" onClick={adding.start} />}
      />
      <Notice message={addedNotice} onDismiss={() => setAdded(null)} />
      {adding.open && (
        <AddMemberForm
          api={api}
          projectId={project.id}
          canSearch={me.role === 'admin'}
          onCancel={adding.cancel}
          onAdded={(userId, role) => {
            adding.cancel();
            setAdded({ userId, role });
            members.reload();
          }}
        />
      )}
      <PagedTable
        resource={members}
        rowsOf={(d) => d.members}
        noun="members"
        page={page}
        onPage={goToPage}
        empty={<EmptyList message="No members yet." />}
        columns={COLUMNS}
      >
        {(rows) =>
          rows.map((member) => (
            <MemberRow
              key={member.userId}
              api={api}
              projectId={project.id}
              member={member}
              isMe={member.userId === me.id}
              manage={manage}
            />
          ))
        }
      </PagedTable>
    </section>
  );
}

function QualificationBadge({ member }: { readonly member: Member }) {
  switch (member.qualification) {
    case 'pending':
      return (
        <span className="status status--off" title="Has not finished the qualification set yet">
          Pending
        </span>
      );
    case 'qualified':
      return (
        <span className="status status--on">
          {member.qualificationScore === null
            ? 'Qualified'
            : `Passed · ${formatPercent(member.qualificationScore)}`}
        </span>
      );
    case 'failed':
      return (
        <span className="status status--failed">
          Failed · {formatPercent(member.qualificationScore)}
        </span>
      );
  }
}

function MemberRow({
  api,
  projectId,
  member,
  isMe,
  manage,
}: {
  readonly api: ApiClient;
  readonly projectId: string;
  readonly member: Member;
  readonly isMe: boolean;
  readonly manage: boolean;
}) {
  const [role, setRole] = useState(member.role);
  const row = useRowSave();
  useEffect(() => setRole(member.role), [member.role]);

  return (
    <>
      <tr>
        <td>
          <div className="cell-title">
            {member.name}
            {isMe && <span className="muted"> (you)</span>}
          </div>
          <div className="cell-sub">{member.email}</div>
        </td>
        <td className="col-role">
          {manage && !isMe ? (
            <span className="role-cell">
              <select
                className="input input--compact"
                aria-label={`Role of ${member.email}`}
                value={role}
                disabled={row.busy}
                onChange={(e) => {
                  const next = e.target.value;
                  if (!isProjectRole(next) || next === role) return;
                  row.save(
                    () => api.setMember(projectId, member.userId, next),
                    `Now ${PROJECT_ROLE_LABELS[next].toLowerCase()}`,
                    () => setRole(next),
                  );
                }}
              >
                {PROJECT_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {PROJECT_ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              <RowSaveStatus state={row.state} />
            </span>
          ) : (
            <span title={manage ? 'Ask another manager to change your own role.' : undefined}>
              {PROJECT_ROLE_LABELS[role]}
            </span>
          )}
        </td>
        <td className="col-qualification">
          <QualificationBadge member={member} />
        </td>
        <td className="col-date" title={formatDateTimeUtc(member.addedAt)}>
          {formatDateUtc(member.addedAt)}
        </td>
      </tr>
      <RowSaveError
        state={row.state}
        subject={member.email}
        columns={COLUMNS.length}
        onDismiss={row.dismiss}
      />
    </>
  );
}

interface AddMemberValues {
  readonly userId: string;
  readonly role: string;
}

/**
 * Adds a person by user ID, or, for admins (who may list users), by email. The API has no
 * lookup by email for anyone else, so a manager who is not an admin asks for the ID, which
 * every user finds on their Account page.
 */
function AddMemberForm({
  api,
  projectId,
  canSearch,
  onAdded,
  onCancel,
}: {
  readonly api: ApiClient;
  readonly projectId: string;
  readonly canSearch: boolean;
  readonly onAdded: (userId: string, role: ProjectRole) => void;
  readonly onCancel: () => void;
}) {
  const listId = useId();
  const [matches, setMatches] = useState<readonly User[]>([]);
  const validate = (values: AddMemberValues): FormErrors<keyof AddMemberValues> => {
    const who = values.userId.trim();
    const errors: FormErrors<keyof AddMemberValues> = {};
    if (who === '') errors.userId = canSearch ? 'Enter an email or a user ID.' : 'Enter a user ID.';
    else if (!canSearch && isEmail(who)) {
      errors.userId =
        'Only admins can look people up by email. Ask the person for their user ID: it is on their Account page.';
    }
    if (!isProjectRole(values.role)) errors.role = 'Choose a role.';
    return errors;
  };
  const form = useForm<AddMemberValues>({
    initial: { userId: '', role: 'annotator' },
    idPrefix: 'member',
    validate,
  });

  // An admin typing an email or name sees the matching people to pick from.
  const typed = form.values.userId.trim();
  useEffect(() => {
    if (!canSearch || typed.length < 2) {
      setMatches([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.listUsers({ limit: 8, offset: 0, q: typed }, { signal: controller.signal }).then(
        (page) => setMatches(page.users.filter((u) => !u.disabled)),
        () => setMatches([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, canSearch, typed]);

  const submit = form.handleSubmit(async (values) => {
    const role = isProjectRole(values.role) ? values.role : 'annotator';
    const who = values.userId.trim();
    let userId = who;
    if (isEmail(who)) {
      const found = await api.listUsers({ limit: 8, offset: 0, q: who });
      const person = found.users.find((u) => u.email.toLowerCase() === who.toLowerCase());
      if (person === undefined || person.disabled) {
        // Said next to the field, as the server says an unknown ID.
        throw new ApiError(400, 'CONCORD_ERR_VALIDATION', 'no such user', [
          { path: 'body.userId', message: 'no active user with this email' },
        ]);
      }
      userId = person.id;
    }
    await api.setMember(projectId, userId, role);
    onAdded(userId, role);
  });

  const role = isProjectRole(form.values.role) ? form.values.role : null;
  return (
    <FormCard
      titleId="add-member-title"
      title="Add a member"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Add member"
      submittingLabel="Adding…"
    >
      <div className="form-grid">
        <TextField
          label={canSearch ? 'Email or user ID' : 'User ID'}
          name="userId"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          list={canSearch ? listId : undefined}
          placeholder={canSearch ? 'ann@example.org' : 'usr_…'}
          hint={
            canSearch
              ? 'Type part of an email or name to pick from the people on this server.'
              : 'Each person finds their user ID on their Account page (the name at the top right).'
          }
          {...form.bind('userId')}
        />
        <SelectField
          label="Role in this project"
          name="role"
          options={ROLE_OPTIONS}
          hint={
            role === null
              ? undefined
              : `${PROJECT_ROLE_LABELS[role]}: ${PROJECT_ROLE_DESCRIPTIONS[role]}.`
          }
          {...form.bind('role')}
        />
      </div>
      {canSearch && (
        <datalist id={listId}>
          {matches.map((u) => (
            <option key={u.id} value={u.email}>
              {u.name}
            </option>
          ))}
        </datalist>
      )}
    </FormCard>
  );
}
