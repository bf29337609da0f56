import type { ProjectsPage as ProjectsPageData } from '../api/types';
import { useForm } from '../app/use-form';
import { useOpenedForm } from '../app/use-opened-form';
import { useResource } from '../app/use-resource';
import { Notice } from '../components/Alert';
import { FormCard } from '../components/FormCard';
import { Kbd } from '../components/Kbd';
import { NewButton, Page } from '../components/Page';
import { PagedTable } from '../components/Table';
import type { Column } from '../components/Table';
import { TextField } from '../components/TextField';
import { formatDateTimeUtc, formatDateUtc, countLabel } from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { canCreateProject } from '../lib/routes';
import { validateProject } from '../lib/validation';
import type { PageProps } from './page-props';

const PROJECT_COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Your role', className: 'col-role' },
  { label: 'Created (UTC)', className: 'col-date' },
];

const ROLE_NAMES = { manager: 'Manager', reviewer: 'Reviewer', annotator: 'Annotator' } as const;

export function ProjectsPage({ api, user, search, navigate }: PageProps) {
  const page = parsePage(new URLSearchParams(search).get('page'));
  const offset = offsetOf(page, PAGE_SIZE);
  const projects = useResource<ProjectsPageData>(
    (signal) => api.listProjects({ limit: PAGE_SIZE, offset }, { signal }),
    `projects:${offset}`,
  );
  const creating = useOpenedForm();
  const mayCreate = canCreateProject(user.role);

  const data = projects.data;
  const empty = data !== null && data.total === 0;

  const goToPage = (p: number) => navigate(p > 1 ? `/projects?page=${p}` : '/projects');

  return (
    <Page
      title="Projects"
      subtitle={
        data === null || empty
          ? 'Labeling programs on this server.'
          : `${countLabel(data.total, 'project')} ${user.role === 'member' ? 'you can see' : 'on this server'}.`
      }
      actions={
        mayCreate && !creating.open && <NewButton label="New project" onClick={creating.start} />
      }
    >
      <Notice message={creating.notice} onDismiss={creating.dismiss} />

      {creating.open && (
        <NewProjectForm
          onCancel={creating.cancel}
          onCreate={(form) => api.createProject(form)}
          onCreated={(name) => {
            creating.done(`Created project “${name}”.`);
            if (page === 1) projects.reload();
            else goToPage(1);
          }}
        />
      )}

      <PagedTable
        resource={projects}
        rowsOf={(d) => d.projects}
        noun="projects"
        page={page}
        onPage={goToPage}
        empty={creating.open ? null : <ProjectsEmptyState canCreate={mayCreate} />}
        columns={PROJECT_COLUMNS}
      >
        {(rows) =>
          rows.map((project) => (
            <tr key={project.id}>
              <td>
                <div className="cell-title">{project.name}</div>
                {project.description !== '' && (
                  <div className="cell-sub">{project.description}</div>
                )}
              </td>
              <td className="col-role">
                {project.myRole === null ? (
                  <span className="muted" title="You see this project through your global role">
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
          ))
        }
      </PagedTable>
    </Page>
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
  const form = useForm({
    initial: { name: '', description: '' },
    idPrefix: 'project',
    validate: validateProject,
  });

  const submit = form.handleSubmit((values) => {
    const name = values.name.trim();
    const description = values.description.trim();
    return onCreate(description === '' ? { name } : { name, description }).then(() =>
      onCreated(name),
    );
  });

  return (
    <FormCard
      titleId="new-project-title"
      title="New project"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Create project"
      submittingLabel="Creating…"
    >
      <TextField
        label="Name"
        name="name"
        autoFocus
        autoComplete="off"
        placeholder="e.g. Clinical notes NER, Chatbot preference pairs"
        {...form.bind('name')}
      />
      <TextField
        label="Description"
        name="description"
        optional
        rows={3}
        hint="What is labeled, from which source, and what the labels are for."
        {...form.bind('description')}
      />
    </FormCard>
  );
}
