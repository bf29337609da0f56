import { useState } from 'react';
import type { User } from '../../api/types';
import { formatApiError } from '../../api/errors';
import { useForm } from '../../app/use-form';
import { useOpenedForm } from '../../app/use-opened-form';
import { useResource } from '../../app/use-resource';
import { Notice } from '../Alert';
import { ConfirmDialog } from '../ConfirmDialog';
import { FormCard } from '../FormCard';
import { SectionHeader } from '../Page';
import { ACTIONS_COLUMN, EmptyList, PagedTable } from '../Table';
import type { Column } from '../Table';
import { TextField } from '../TextField';
import { countLabel, formatDateTimeUtc, formatDateUtc } from '../../lib/format';
import { memberTargetError, memberTargetOf, onTargetField } from '../../lib/member-target';
import { PAGE_SIZE, offsetOf } from '../../lib/pagination';
import type { PermissionGrant, PermissionsPage, PhiApi } from '../../lib/phi-api';
import type { FormErrors } from '../../lib/validation';

const COLUMNS: readonly Column[] = [
  { label: 'Person' },
  { label: 'Granted by' },
  { label: 'Granted (UTC)', className: 'col-date' },
];

/**
 * Who may reveal the originals of the project's items (`phi:reveal`): a page of grants, a form
 * to grant it by email, and a revoke behind a confirmation. Nobody holds it implicitly; every
 * grant, revoke and reveal is an audit event.
 */
export function RevealGrants({
  phiApi,
  projectId,
  me,
  manage,
  page,
  onPage,
  onChanged,
}: {
  readonly phiApi: PhiApi;
  readonly projectId: string;
  readonly me: User;
  readonly manage: boolean;
  readonly page: number;
  readonly onPage: (page: number) => void;
  /** After a grant or a revocation: the project reloads, its `myPermissions` with it. */
  readonly onChanged?: () => void;
}) {
  const offset = offsetOf(page, PAGE_SIZE);
  const grants = useResource<PermissionsPage>(
    (signal) => phiApi.permissions(projectId, { limit: PAGE_SIZE, offset }, { signal }),
    `phi-grants:${projectId}:${offset}`,
  );
  const adding = useOpenedForm();
  const [revoking, setRevoking] = useState<PermissionGrant | null>(null);
  const [busy, setBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const rows = grants.data?.grants ?? [];
  const nameOf = (userId: string | null) => {
    if (userId === null) return 'the system';
    if (userId === me.id) return `${me.name} (you)`;
    const grant = rows.find((g) => g.userId === userId);
    return grant?.name ?? grant?.email ?? userId;
  };

  function revoke(grant: PermissionGrant) {
    setBusy(true);
    setRevokeError(null);
    phiApi.revoke(projectId, grant.userId, grant.permission).then(
      () => {
        setBusy(false);
        setRevoking(null);
        adding.tell(`${grant.email ?? grant.userId} can no longer reveal originals.`);
        grants.reload();
        onChanged?.();
      },
      (error: unknown) => {
        setBusy(false);
        setRevokeError(formatApiError(error));
      },
    );
  }

  return (
    <section className="card phi-card" aria-labelledby="phi-grants-title">
      <SectionHeader
        titleId="phi-grants-title"
        title="Who may reveal originals"
        description={
          grants.data === null
            ? 'People with the phi:reveal permission see an item’s original text, each time with a reason that is logged.'
            : `${countLabel(grants.data.total, 'person', 'people')} with phi:reveal. Each reveal asks a reason and is logged; admins too must be granted it.`
        }
        actions={
          manage &&
          !adding.open && (
            <button type="button" className="button" onClick={adding.start}>
              Grant reveal
            </button>
          )
        }
      />
      <Notice message={adding.notice} onDismiss={adding.dismiss} />
      {adding.open && (
        <GrantForm
          phiApi={phiApi}
          projectId={projectId}
          onCancel={adding.cancel}
          onGranted={(who) => {
            adding.done(`${who} can now reveal originals in this project.`);
            grants.reload();
            onChanged?.();
          }}
        />
      )}
      <PagedTable
        resource={grants}
        rowsOf={(d) => d.grants}
        noun="grants"
        page={page}
        onPage={onPage}
        empty={<EmptyList message="Nobody may reveal originals in this project." />}
        columns={manage ? [...COLUMNS, ACTIONS_COLUMN] : COLUMNS}
      >
        {(list) =>
          list.map((grant) => (
            <tr key={`${grant.userId}:${grant.permission}`}>
              <td>
                <div className="cell-title">
                  {grant.name ?? grant.userId}
                  {grant.userId === me.id && <span className="muted"> (you)</span>}
                </div>
                <div className="cell-sub">{grant.email ?? grant.userId}</div>
              </td>
              <td>{nameOf(grant.grantedBy)}</td>
              <td className="col-date" title={formatDateTimeUtc(grant.grantedAt)}>
                {formatDateUtc(grant.grantedAt)}
              </td>
              {manage && (
                <td className="col-actions">
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    aria-label={`Revoke reveal: ${grant.email ?? grant.userId}`}
                    onClick={() => {
                      setRevokeError(null);
                      setRevoking(grant);
                    }}
                  >
                    Revoke
                  </button>
                </td>
              )}
            </tr>
          ))
        }
      </PagedTable>
      {revoking !== null && (
        <ConfirmDialog
          title="Revoke the reveal permission?"
          confirmLabel="Revoke"
          busyLabel="Revoking…"
          busy={busy}
          error={revokeError}
          onConfirm={() => revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          {revoking.name ?? revoking.email ?? revoking.userId} will no longer be able to see the
          originals of this project’s items. Their past reveals stay in the audit log.
        </ConfirmDialog>
      )}
    </section>
  );
}

interface GrantValues {
  readonly person: string;
}

function GrantForm({
  phiApi,
  projectId,
  onGranted,
  onCancel,
}: {
  readonly phiApi: PhiApi;
  readonly projectId: string;
  readonly onGranted: (who: string) => void;
  readonly onCancel: () => void;
}) {
  const form = useForm<GrantValues>({
    initial: { person: '' },
    idPrefix: 'grant',
    validate: (values) => {
      const errors: FormErrors<keyof GrantValues> = {};
      const problem = memberTargetError(values.person);
      if (problem !== undefined) errors.person = problem;
      return errors;
    },
  });
  const submit = form.handleSubmit(async (values) => {
    const target = memberTargetOf(values.person);
    if (target === null) return;
    try {
      await phiApi.grant(
        projectId,
        target.kind === 'email' ? { email: target.email } : { userId: target.userId },
      );
    } catch (error) {
      throw onTargetField(error, 'person');
    }
    onGranted(target.kind === 'email' ? target.email : target.userId);
  });
  return (
    <FormCard
      titleId="grant-title"
      title="Grant the reveal permission"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Grant"
      submittingLabel="Granting…"
    >
      <TextField
        label="Email or user ID"
        name="person"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder="dr.lee@example.org"
        hint="They will see the original text of any item of this project, each time giving a reason that is logged."
        {...form.bind('person')}
      />
    </FormCard>
  );
}
