import { ApiError } from '../api/errors';
import type { ProjectDetail } from '../api/types';
import { useResource } from '../app/use-resource';
import { LoadError } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Tabs } from '../components/Tabs';
import { PROJECT_ROLE_LABELS, countLabel } from '../lib/format';
import {
  HOME_PATH,
  annotatePath,
  canAnnotate,
  canManageProject,
  projectPath,
  projectTabs,
} from '../lib/routes';
import type { ProjectAccess, ProjectTab } from '../lib/routes';
import type { PageProps } from './page-props';
import { AdjudicationTab } from './project/AdjudicationTab';
import { ImportTab } from './project/ImportTab';
import { ItemsTab } from './project/ItemsTab';
import { MembersTab } from './project/MembersTab';
import { OverviewTab } from './project/OverviewTab';
import { QualityTab } from './project/QualityTab';
import { SnapshotsTab } from './project/SnapshotsTab';
import { PhiBadge } from '../components/phi/PhiBadge';
import { PrivacyTab } from '../components/phi/PrivacyTab';
import { isPhiProject } from '../lib/phi-config';

const TAB_LABELS: Readonly<Record<ProjectTab, string>> = {
  overview: 'Overview',
  items: 'Items',
  members: 'Members',
  import: 'Import',
  quality: 'Quality',
  adjudication: 'Adjudication',
  snapshots: 'Snapshots',
  privacy: 'Privacy',
};

interface ProjectPageProps extends PageProps {
  readonly projectId: string;
  readonly tab: ProjectTab;
}

/** A project: its overview, and by role its items, members and the import of items. */
export function ProjectPage(props: ProjectPageProps) {
  const { api, user, projectId, tab, navigate } = props;
  const project = useResource(
    (signal) => api.getProject(projectId, { signal }).then((r) => r.project),
    `project:${projectId}`,
  );

  if (project.data === null) {
    if (project.status === 'failed') {
      const missing = project.error instanceof ApiError && project.error.status === 404;
      return (
        <Page title={missing ? 'Project not found' : 'Project'}>
          {missing ? (
            <p>
              There is no project with this address, or you are not one of its members.{' '}
              <Link to={HOME_PATH} navigate={navigate}>
                Go to Projects
              </Link>
              .
            </p>
          ) : (
            <LoadError
              title="The project could not be loaded."
              error={project.error}
              onRetry={project.reload}
            />
          )}
        </Page>
      );
    }
    return (
      <section className="page" aria-busy="true">
        <p className="muted">Loading the project…</p>
      </section>
    );
  }

  const data: ProjectDetail = project.data;
  const access: ProjectAccess = { globalRole: user.role, projectRole: data.myRole };
  const phi = isPhiProject(data.config);
  const tabs = projectTabs(access, { phi });
  const allowed = tabs.includes(tab);

  return (
    <Page
      title={data.name}
      subtitle={<ProjectFacts project={data} />}
      actions={
        canAnnotate(access) && (
          <Link
            to={annotatePath(data.id)}
            navigate={navigate}
            className="button button--primary"
            title="Open the annotation workspace"
          >
            Start annotating
          </Link>
        )
      }
    >
      {project.status === 'failed' && (
        <LoadError
          title="The project could not be reloaded."
          error={project.error}
          onRetry={project.reload}
        />
      )}
      {tabs.length > 1 && (
        <Tabs
          label="Project"
          current={tab}
          navigate={navigate}
          tabs={tabs.map((t) => ({ id: t, label: TAB_LABELS[t], path: projectPath(data.id, t) }))}
        />
      )}
      {!allowed && (
        <p className="muted">
          {tab === 'import'
            ? 'Only the project’s managers import items.'
            : tab === 'privacy'
              ? phi
                ? 'The privacy settings are for the project’s managers.'
                : 'This project holds no protected data, so it has no privacy settings.'
              : 'This part of the project is for its managers and reviewers.'}{' '}
          <Link to={projectPath(data.id)} navigate={navigate}>
            Back to the overview
          </Link>
          .
        </p>
      )}
      {allowed && tab === 'overview' && (
        <OverviewTab project={data} manage={canManageProject(access)} navigate={navigate} />
      )}
      {allowed && tab === 'items' && <ItemsTab {...props} project={data} />}
      {allowed && tab === 'members' && (
        <MembersTab {...props} project={data} manage={canManageProject(access)} />
      )}
      {allowed && tab === 'import' && (
        <ImportTab api={api} project={data} navigate={navigate} onImported={project.reload} />
      )}
      {allowed && tab === 'quality' && <QualityTab {...props} project={data} />}
      {allowed && tab === 'adjudication' && <AdjudicationTab {...props} project={data} />}
      {allowed && tab === 'snapshots' && <SnapshotsTab {...props} project={data} />}
      {allowed && tab === 'privacy' && (
        <PrivacyTab
          {...props}
          project={data}
          manage={canManageProject(access)}
          onChanged={project.reload}
        />
      )}
    </Page>
  );
}

/** One line under the title: your role, the item count, the versions in force. */
function ProjectFacts({ project }: { readonly project: ProjectDetail }) {
  return (
    <span className="project-facts">
      {project.description !== '' && (
        <span className="project-facts__description">{project.description}</span>
      )}
      <span className="project-facts__line">
        {isPhiProject(project.config) && <PhiBadge />}
        {project.myRole === null ? (
          <span>You see this project through your global role</span>
        ) : (
          <span>
            You are <strong>{PROJECT_ROLE_LABELS[project.myRole].toLowerCase()}</strong>
          </span>
        )}
        <span aria-hidden="true">·</span>
        <span>{countLabel(project.itemCount, 'item')}</span>
        <span aria-hidden="true">·</span>
        <span>
          Guidelines v{project.guidelineVersion}, taxonomy v{project.taxonomyVersion}
        </span>
      </span>
    </span>
  );
}
