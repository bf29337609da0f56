import { useEffect, useId, useRef, useState } from 'react';
import type { ApiClient, QualificationDecision } from '../../api/client';
import { buildQuery } from '../../api/client';
import type { Member, MembersPage, ProjectDetail, ProjectRole, User } from '../../api/types';
import { useForm } from '../../app/use-form';
import { useOpenedForm } from '../../app/use-opened-form';
import { useResource } from '../../app/use-resource';
import { useRowSave } from '../../app/use-row-save';
import { Notice } from '../../components/Alert';
import { FormCard } from '../../components/FormCard';
import { NewButton, SectionHeader } from '../../components/Page';
import { RowConfirm } from '../../components/RowConfirm';
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
import {
  decisionNote,
  decisionNoteError,
  decisionWording,
  qualificationBadge,
  qualificationChoices,
} from '../../lib/member-qualification';
import { memberTargetError, memberTargetOf, onTargetField } from '../../lib/member-target';
import { PAGE_SIZE, offsetOf, parsePage } from '../../lib/pagination';
import { projectPath } from '../../lib/routes';
import type { FormErrors } from '../../lib/validation';
import type { PageProps } from '../page-props';
import {
  MissingCredentials,
  RequiredCredentials,
  missingOf,
  memberCredentials,
} from '../../components/phi/MemberCredentials';

const PROJECT_ROLES: readonly ProjectRole[] = ['annotator', 'reviewer', 'manager'];
const ROLE_OPTIONS = PROJECT_ROLES.map((role) => ({
  value: role,
  label: PROJECT_ROLE_LABELS[role],
}));

const columnsOf = (manage: boolean): readonly Column[] => [
  { label: 'Member' },
  { label: 'Role', className: 'col-role' },
  {
    label: 'Qualification',
    // Room for the decisions beside the badge.
    className: manage ? 'col-qualification col-qualification--manage' : 'col-qualification',
  },
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
  // A project that requires credentials (e.g. clinical) warns beside members who lack them.
  const required = project.config.credentials ?? [];
  const held = memberCredentials(required, members.data?.members ?? null);
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
      <RequiredCredentials required={required} />
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
        columns={columnsOf(manage)}
      >
        {(rows) =>
          rows.map((member) => (
            <MemberRow
              key={member.userId}
              api={api}
              projectId={project.id}
              passMark={project.policy.qualificationPassMark}
              member={member}
              isMe={member.userId === me.id}
              manage={manage}
              missing={member.missingCredentials ?? missingOf(required, held, member.userId)}
              onChanged={members.reload}
            />
          ))
        }
      </PagedTable>
    </section>
  );
}

function MemberRow({
  api,
  projectId,
  passMark,
  member,
  isMe,
  manage,
  missing,
  onChanged,
}: {
  readonly api: ApiClient;
  readonly projectId: string;
  readonly passMark: number;
  readonly member: Member;
  readonly isMe: boolean;
  readonly manage: boolean;
  /** Credentials the project requires that this member lacks. */
  readonly missing: readonly string[];
  /** After a decision the server acknowledged: the list is loaded again. */
  readonly onChanged: () => void;
}) {
  const [role, setRole] = useState(member.role);
  const row = useRowSave();
  useEffect(() => setRole(member.role), [member.role]);
  // A decision on the qualification has its own status, beside the badge, and its own confirm.
  const decision = useRowSave();
  const [deciding, setDeciding] = useState<QualificationDecision | null>(null);
  const returnFocus = useRef<HTMLButtonElement | null>(null);
  const badge = qualificationBadge(member, passMark);
  const columns = columnsOf(manage).length;
  // Nobody decides on their own qualification, as nobody changes their own role.
  const choices = manage && !isMe ? qualificationChoices(member) : [];
  const wording = deciding === null ? null : decisionWording(deciding, member);

  function cancel() {
    setDeciding(null);
    decision.dismiss();
    returnFocus.current?.focus();
  }

  return (
    <>
      <tr>
        <td>
          <div className="cell-title">
            {member.name}
            {isMe && <span className="muted"> (you)</span>}
          </div>
          <div className="cell-sub">{member.email}</div>
          <MissingCredentials missing={missing} />
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
          <div className="qualification-cell">
            <span className={`status status--${badge.tone}`} title={badge.title}>
              {badge.text}
            </span>
            {choices.map((choice) => (
              <button
                key={choice}
                type="button"
                className={
                  // Offered on most rows, so it stays quiet until pointed at.
                  choice === 'failed'
                    ? 'button button--small button--ghost button--danger-quiet'
                    : 'button button--small'
                }
                aria-label={`${decisionWording(choice, member).action}: ${member.email}`}
                aria-expanded={deciding === choice}
                disabled={decision.busy}
                onClick={(e) => {
                  returnFocus.current = e.currentTarget;
                  decision.dismiss();
                  setDeciding(deciding === choice ? null : choice);
                }}
              >
                {decisionWording(choice, member).action}
              </button>
            ))}
            <RowSaveStatus state={decision.state} />
          </div>
        </td>
        <td className="col-date" title={formatDateTimeUtc(member.addedAt)}>
          {formatDateUtc(member.addedAt)}
        </td>
      </tr>
      {deciding !== null && wording !== null && (
        <RowConfirm
          key={deciding}
          columns={columns}
          question={wording.question}
          confirmLabel={wording.action}
          busyLabel={wording.busy}
          busy={decision.busy}
          danger={deciding === 'failed'}
          noteLabel="Note"
          noteHint="Kept with the decision in the audit log. Ctrl+Enter confirms, Esc cancels."
          noteError={decisionNoteError}
          onCancel={cancel}
          onConfirm={(text) =>
            decision.save(
              () => api.decideQualification(projectId, member.userId, deciding, decisionNote(text)),
              wording.done,
              () => {
                setDeciding(null);
                onChanged();
              },
            )
          }
        >
          {wording.consequence}
        </RowConfirm>
      )}
      <RowSaveError
        state={row.state}
        subject={member.email}
        columns={columns}
        onDismiss={row.dismiss}
      />
      <RowSaveError
        state={decision.state}
        subject={`the qualification of ${member.email}`}
        columns={columns}
        onDismiss={decision.dismiss}
      />
    </>
  );
}

interface AddMemberValues {
  readonly person: string;
  readonly role: string;
}

/**
 * Adds a person by the email of their account or by their user ID; the account must exist (an
 * admin creates it under Users). Admins, who may list users, also get suggestions as they type.
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
    const errors: FormErrors<keyof AddMemberValues> = {};
    // Only a problem is set: an undefined key would hide the server's message for the field.
    const person = memberTargetError(values.person);
    if (person !== undefined) errors.person = person;
    if (!isProjectRole(values.role)) errors.role = 'Choose a role.';
    return errors;
  };
  const form = useForm<AddMemberValues>({
    initial: { person: '', role: 'annotator' },
    idPrefix: 'member',
    validate,
  });

  // An admin typing an email or name sees the matching people to pick from.
  const typed = form.values.person.trim();
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
    const target = memberTargetOf(values.person);
    if (target === null) return;
    try {
      const added =
        target.kind === 'email'
          ? await api.addMemberByEmail(projectId, target.email, role)
          : await api.setMember(projectId, target.userId, role);
      onAdded(added.userId, role);
    } catch (error) {
      // The server names body.email or body.userId: both are this one input.
      throw onTargetField(error, 'person');
    }
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
          label="Email or user ID"
          name="person"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          list={canSearch ? listId : undefined}
          placeholder="ann@example.org"
          hint={
            canSearch
              ? 'Type part of an email or name to pick from the people on this server.'
              : 'The person needs an account on this server: an admin creates it under Users.'
          }
          {...form.bind('person')}
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
