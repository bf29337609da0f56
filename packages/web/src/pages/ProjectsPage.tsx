import type { FormEvent } from 'react';
import { useState } from 'react';
import { splitErrors } from '../api/errors';
import type { ProjectsPage as ProjectsPageData } from '../api/types';
import { useResource } from '../app/use-resource';
import { Alert, ErrorList } from '../components/Alert';
import { Field } from '../components/Field';
import { Kbd } from '../components/Kbd';
import { PageHeader } from '../components/PageHeader';
import { PastTheEnd } from '../components/PastTheEnd';
import { Pager } from '../components/Pager';
import { formatDateTimeUtc, formatDateUtc, countLabel } from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { canCreateProject } from '../lib/routes';
import { hasErrors, validateProject } from '../lib/validation';
import type { FormErrors, ProjectForm } from '../lib/validation';
import { formatApiError } from '../api/errors';
import type { PageProps } from './page-props';

const FIELDS = ['name', 'description'] as const;
const ROLE_NAMES = { manager: 'Manager', reviewer: 'Reviewer', annotator: 'Annotator' } as const;

export function ProjectsPage({ api, user, search, navigate }: PageProps) {
  const page = parsePage(new URLSearchParams(search).get('page'));
  const offset = offsetOf(page, PAGE_SIZE);
  const projects = useResource<ProjectsPageData>(
    (signal) => api.listProjects({ limit: PAGE_SIZE, offset }, { signal }),
    `projects:${offset}`,
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const mayCreate = canCreateProject(user.role);

  const data = projects.data;
  const empty = data !== null && data.total === 0;

  const goToPage = (p: number) => navigate(p > 1 ? `/projects?page=${p}` : '/projects');

  const newButton = mayCreate && !creating && (
    <button
      type="button"
      className="button button--primary"
      data-shortcut="new"
      onClick={() => {
        setCreated(null);
        setCreating(true);
      }}
      title="New project (n)"
    >
      New project
    </button>
  );

  return (
    <section className="page">
      <PageHeader
        title="Projects"
        subtitle={
          data === null || empty
            ? 'Labeling programs on this server.'
            : `${countLabel(data.total, 'project')} ${user.role === 'member' ? 'you can see' : 'on this server'}.`
        }
        actions={newButton}
      />

      {created !== null && (
        <Alert tone="success" onDismiss={() => setCreated(null)}>
          Created project “{created}”.
        </Alert>
      )}

      {creating && (
        <NewProjectForm
          onCancel={() => setCreating(false)}
          onCreate={(form) => api.createProject(form)}
          onCreated={(name) => {
            setCreating(false);
            setCreated(name);
            if (page === 1) projects.reload();
            else goToPage(1);
          }}
        />
      )}

      {projects.status === 'failed' && (
        <Alert tone="error" title="Projects could not be loaded.">
          {formatApiError(projects.error)}{' '}
          <button type="button" className="button--link" onClick={projects.reload}>
            Try again
          </button>
        </Alert>
      )}

      {data === null && projects.status === 'loading' && <p className="muted">Loading projects…</p>}

      {empty && !creating && <ProjectsEmptyState canCreate={mayCreate} />}

      {data !== null && !empty && data.projects.length === 0 && (
        <PastTheEnd total={data.total} limit={PAGE_SIZE} noun="projects" onPage={goToPage} />
      )}

      {data !== null && data.projects.length > 0 && (
        <>
          <div className="table-wrap" aria-busy={projects.status === 'loading'}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="col-role">
                    Your role
                  </th>
                  <th scope="col" className="col-date">
                    Created (UTC)
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.projects.map((project) => (
                  <tr key={project.id}>
                    <td>
                      <div className="cell-title">{project.name}</div>
                      {project.description !== '' && (
                        <div className="cell-sub">{project.description}</div>
                      )}
                    </td>
                    <td className="col-role">
                      {project.myRole === null ? (
                        <span
                          className="muted"
                          title="You see this project through your global role"
                        >
                          —
                        </span>
                      ) : (
                        ROLE_NAMES[project.myRole]
                      )}
                    </td>
                    <td className="col-date" title={formatDateTimeUtc(project.createdAt)}>
                      {formatDateUtc(project.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            limit={PAGE_SIZE}
            total={data.total}
            offset={data.offset}
            rowsOnPage={data.projects.length}
            noun="projects"
            onPage={goToPage}
            busy={projects.status === 'loading'}
          />
        </>
      )}
    </section>
  );
}

function ProjectsEmptyState({ canCreate }: { readonly canCreate: boolean }) {
  return (
    <div className="empty-state">
      <h2 className="empty-state__title">No projects yet</h2>
      <p>
        A project is one labeling program: the items to annotate, the fields annotators fill in for
        each item, the labels and guidelines they follow, and the quality rules — overlap, hidden
        gold items, agreement thresholds — that decide when a label can be trusted.
      </p>
      {canCreate ? (
        <p>
          Start one with <strong>New project</strong> (or press <Kbd keys={['n']} />
          ). It needs only a name; you can describe it now or later.
        </p>
      ) : (
        <p>
          Admins and members create projects. As an auditor you will see every project here once one
          exists, read-only.
        </p>
      )}
    </div>
  );
}

interface NewProjectFormProps {
  readonly onCreate: (form: { name: string; description?: string }) => Promise<unknown>;
  readonly onCreated: (name: string) => void;
  readonly onCancel: () => void;
}

function NewProjectForm({ onCreate, onCreated, onCancel }: NewProjectFormProps) {
  const [form, setForm] = useState<ProjectForm>({ name: '', description: '' });
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<FormErrors<keyof ProjectForm>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const errors = { ...serverFields, ...(attempted ? validateProject(form) : {}) };

  function update(field: keyof ProjectForm, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    setServerFields((s) => ({ ...s, [field]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setAttempted(true);
    const problems = validateProject(form);
    if (hasErrors(problems)) {
      const first = FIELDS.find((f) => problems[f] !== undefined);
      if (first !== undefined) document.getElementById(`project-${first}`)?.focus();
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    const name = form.name.trim();
    const description = form.description.trim();
    onCreate(description === '' ? { name } : { name, description }).then(
      () => onCreated(name),
      (error: unknown) => {
        const split = splitErrors(error, FIELDS);
        setServerFields(split.fields);
        setGeneral(split.general);
        setSubmitting(false);
      },
    );
  }

  return (
    <form
      className="card form-card"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-project-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !submitting) onCancel();
      }}
    >
      <h2 className="form-card__title" id="new-project-title">
        New project
      </h2>
      <ErrorList messages={general} />
      <Field id="project-name" label="Name" error={errors.name}>
        <input
          className="input"
          name="name"
          autoFocus
          autoComplete="off"
          value={form.name}
          onChange={(e) => update('name', e.target.value)}
          placeholder="e.g. Clinical notes NER, Chatbot preference pairs"
        />
      </Field>
      <Field
        id="project-description"
        label="Description"
        optional
        error={errors.description}
        hint="What is labeled, from which source, and what the labels are for."
      >
        <textarea
          className="input textarea"
          name="description"
          rows={3}
          value={form.description}
          onChange={(e) => update('description', e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create project'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}
