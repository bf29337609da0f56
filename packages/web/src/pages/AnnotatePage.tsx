import { useEffect } from 'react';
import { useResource } from '../app/use-resource';
import { LoadError } from '../components/Alert';
import { Link } from '../components/Link';
import { HOME_PATH } from '../lib/routes';
import type { PageProps } from './page-props';
import { Workspace } from './annotate/Workspace';
import { PhiNote } from '../components/phi/PhiNote';

/** /projects/:id/annotate: the project, then the workspace over it. */
export function AnnotatePage({
  api,
  projectId,
  navigate,
}: PageProps & { readonly projectId: string }) {
  const project = useResource(
    (signal) => api.getProject(projectId, { signal }).then((r) => r.project),
    `project:${projectId}`,
  );
  const name = project.data?.name;
  useEffect(() => {
    document.title = name === undefined ? 'Annotate · Concord' : `Annotate · ${name} · Concord`;
  }, [name]);

  if (project.data === null) {
    return (
      <section className="page">
        <h1 className="visually-hidden">Annotate</h1>
        {project.status === 'failed' ? (
          <>
            <LoadError
              title="The project could not be loaded."
              error={project.error}
              onRetry={project.reload}
            />
            <Link to={HOME_PATH} navigate={navigate}>
              Go to Projects
            </Link>
          </>
        ) : (
          <p className="muted">Opening the workspace…</p>
        )}
      </section>
    );
  }
  return (
    <section className="page page--wide">
      <h1 className="visually-hidden">Annotate {project.data.name}</h1>
      {project.data.config.phi !== undefined && <PhiNote phi={project.data.config.phi} />}
      <Workspace api={api} project={project.data} navigate={navigate} />
    </section>
  );
}
