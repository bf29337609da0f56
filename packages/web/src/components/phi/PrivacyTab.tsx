import { buildQuery } from '../../api/client';
import type { ProjectDetail } from '../../api/types';
import { useResource } from '../../app/use-resource';
import { Alert } from '../Alert';
import { SectionHeader } from '../Page';
import type { PageProps } from '../../pages/page-props';
import { parsePage } from '../../lib/pagination';
import { complianceReportPath } from '../../lib/phi-api';
import { isPhiProject } from '../../lib/phi-config';
import { projectPath } from '../../lib/routes';
import { DeidSettings } from './DeidSettings';
import { RevealGrants } from './RevealGrants';
import { usePhiApi } from './use-phi-api';
import { VaultDangerZone } from './VaultDangerZone';
import type { VaultStatus } from './VaultDangerZone';
import '../../styles/phi.css';

/**
 * A PHI project's privacy: how its text is de-identified, who may reveal originals, the vault
 * and its deletion, and the compliance report. Managers change things; admins too; auditors read.
 */
export function PrivacyTab(
  props: PageProps & {
    readonly project: ProjectDetail;
    readonly manage: boolean;
    readonly onChanged: () => void;
  },
) {
  const { api, user, search, navigate, project, manage, onChanged } = props;
  const phiApi = usePhiApi(api);
  const page = parsePage(new URLSearchParams(search).get('page'));
  // The vault's counts and latest purge (a cheap read; the compliance report verifies the chain).
  const vaultState = useResource(
    (signal) => phiApi.vaultStatus(project.id, { signal }),
    `phi-vault:${project.id}`,
  );
  const vault = vaultState.data;
  // Deleted: a deletion is on record and the secret is gone (a retention purge keeps it).
  const deleted = vault !== null && !vault.secret && vault.lastPurge !== null;
  const status: VaultStatus = {
    records: vault?.records ?? null,
    purgedAt: deleted ? (vault.lastPurge?.at ?? null) : null,
    retentionDays: project.config.phi?.retentionDays ?? null,
  };

  if (!isPhiProject(project.config)) {
    return (
      <Alert tone="info" title="Not a PHI project">
        This project stores items as they are imported. A project holding protected data is created
        with a <code>phi</code> section in its config: its text is then de-identified on import and
        the originals kept in the encrypted vault.
      </Alert>
    );
  }

  return (
    <div className="phi-tab">
      <div className="phi-tab__report card phi-card">
        <SectionHeader
          titleId="phi-report-title"
          title="Compliance report"
          description="Who accessed which records and when, every reveal with its reason, grants, annotators’ credentials, guideline versions, the vault and the audit-chain verification."
          actions={
            <a
              className="button button--primary"
              href={complianceReportPath(project.id, 'html')}
              download
            >
              Download compliance report
            </a>
          }
        />
      </div>
      <DeidSettings phiApi={phiApi} project={project} manage={manage} onSaved={onChanged} />
      <RevealGrants
        phiApi={phiApi}
        projectId={project.id}
        me={user}
        manage={manage}
        page={page}
        onChanged={onChanged}
        onPage={(p) =>
          navigate(
            `${projectPath(project.id, 'privacy')}${buildQuery({ page: p > 1 ? p : undefined })}`,
          )
        }
      />
      <VaultDangerZone
        phiApi={phiApi}
        projectId={project.id}
        projectName={project.name}
        status={status}
        manage={manage}
        onPurged={vaultState.reload}
      />
    </div>
  );
}
