import { PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import type { NewProject, ProjectsPage as ProjectsPageData } from '../api/types';
import { useForm } from '../app/use-form';
import { useOpenedForm } from '../app/use-opened-form';
import { useResource } from '../app/use-resource';
import { Notice } from '../components/Alert';
import { FieldGuide } from '../components/FieldGuide';
import { FormCard } from '../components/FormCard';
import { Link } from '../components/Link';
import { Markdown } from '../components/Markdown';
import { Kbd } from '../components/Kbd';
import { NewButton, Page } from '../components/Page';
import { PagedTable } from '../components/Table';
import type { Column } from '../components/Table';
import { TextField } from '../components/TextField';
import { PROJECT_ROLE_LABELS, countLabel, formatDateTimeUtc, formatDateUtc } from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { fieldTags } from '../lib/config-summary';
import {
  CUSTOM,
  EMPTY_PROJECT_FORM,
  findTemplate,
  newProjectRequest,
  policyFieldsOf,
  validateNewProject,
} from '../lib/project-form';
import type { NewProjectForm } from '../lib/project-form';
import { canCreateProject, projectPath } from '../lib/routes';
import type { PageProps } from './page-props';
import { PhiBadge } from '../components/phi/PhiBadge';
import { isPhiProject } from '../lib/phi-config';

const PROJECT_COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Your role', className: 'col-role' },
  { label: 'Created (UTC)', className: 'col-date' },
];

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
          onCreate={(project) => api.createProject(project)}
          onCreated={(id) => navigate(projectPath(id))}
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
                <div className="cell-title">
                  <Link to={projectPath(project.id)} navigate={navigate}>
                    {project.name}
                  </Link>
                  {isPhiProject(project.config) && (
                    <>
                      {' '}
                      <PhiBadge />
                    </>
                  )}
                </div>
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
                  PROJECT_ROLE_LABELS[project.myRole]
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

const POLICY_FIELDS: readonly {
  readonly field: 'overlap' | 'goldRate' | 'passMark';
  readonly label: string;
  readonly inputMode: 'numeric' | 'decimal';
  readonly hint: string;
}[] = [
  {
    field: 'overlap',
    label: 'Overlap',
    inputMode: 'numeric',
    hint: 'Annotators per item (1–50). Agreement needs at least 2.',
  },
  {
    field: 'goldRate',
    label: 'Hidden gold (%)',
    inputMode: 'decimal',
    hint: 'Share of served items with known answers (0–50; 5–15 is usual).',
  },
  {
    field: 'passMark',
    label: 'Qualification pass mark (%)',
    inputMode: 'decimal',
    hint: 'Score needed on the qualification set before production items.',
  },
];

interface NewProjectFormProps {
  readonly onCreate: (project: NewProject) => Promise<{ id: string }>;
  readonly onCreated: (id: string) => void;
  readonly onCancel: () => void;
}

function NewProjectForm({ onCreate, onCreated, onCancel }: NewProjectFormProps) {
  const form = useForm<NewProjectForm>({
    initial: EMPTY_PROJECT_FORM,
    idPrefix: 'project',
    validate: validateNewProject,
  });

  const submit = form.handleSubmit((values) =>
    onCreate(newProjectRequest(values)).then(({ id }) => onCreated(id)),
  );

  const chosen = findTemplate(form.values.template);
  const custom = form.values.template === CUSTOM;
  const choose = (id: string) => {
    form.update('template', id);
    if (id !== CUSTOM) {
      const policy = policyFieldsOf(id);
      for (const { field } of POLICY_FIELDS) form.update(field, policy[field]);
    }
  };

  return (
    <FormCard
      titleId="new-project-title"
      title="New project"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Create project"
      submittingLabel="Creating…"
      wide
    >
      <div className="form-grid">
        <TextField
          label="Name"
          name="name"
          autoFocus
          autoComplete="off"
          placeholder="e.g. Support tickets sentiment, Chatbot answer quality"
          {...form.bind('name')}
        />
        <TextField
          label="Description"
          name="description"
          optional
          hint="What is labelled, from which source, and what the labels are for. Left empty, the template’s description is used."
          {...form.bind('description')}
        />
      </div>

      <TemplatePicker value={form.values.template} error={form.errors.template} onChoose={choose} />

      {chosen !== undefined && (
        <div className="template-detail">
          <FieldGuide fields={projectConfigSchema.parse(chosen.config).fields} />
          <details className="template-detail__guidelines">
            <summary>The template’s guidelines</summary>
            <Markdown source={chosen.guidelines} headingOffset={2} />
          </details>
        </div>
      )}

      {custom && (
        <div className="form-grid">
          <TextField
            label="Fields (JSON)"
            name="config"
            rows={12}
            mono
            hint={
              <>
                <code>{'{"fields": [...], "display": [...]}'}</code>: fields of type{' '}
                <code>choice</code> (labels, multiple), <code>rating</code> (min, max, anchors,
                dimensions) or <code>text</code>; <code>display</code> names the data keys to show.
              </>
            }
            {...form.bind('config')}
          />
          <TextField
            label="Guidelines (markdown)"
            name="guidelines"
            optional
            rows={12}
            hint="Decision rules with examples and counter-examples, shown beside every item."
            {...form.bind('guidelines')}
          />
        </div>
      )}

      <fieldset className="fieldset">
        <legend className="field__label">Quality policy</legend>
        <div className="form-grid form-grid--three">
          {POLICY_FIELDS.map(({ field, ...props }) => (
            <TextField key={field} name={field} {...props} {...form.bind(field)} />
          ))}
        </div>
      </fieldset>
    </FormCard>
  );
}

function TemplatePicker({
  value,
  error,
  onChoose,
}: {
  readonly value: string;
  readonly error: string | undefined;
  readonly onChoose: (id: string) => void;
}) {
  const options = [
    ...PROJECT_TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      labels: projectConfigSchema.parse(t.config).fields.flatMap(fieldTags),
    })),
    {
      id: CUSTOM,
      name: 'Custom',
      description: 'Write the fields as JSON: choices, ratings and free text, your labels.',
      labels: [],
    },
  ];
  return (
    <fieldset
      className={error === undefined ? 'fieldset' : 'fieldset field--invalid'}
      aria-describedby={error === undefined ? undefined : 'project-template-error'}
    >
      <legend className="field__label">Template</legend>
      <div className="template-grid" role="radiogroup" aria-label="Template">
        {options.map((option, i) => (
          <label
            key={option.id}
            className={value === option.id ? 'template-card template-card--on' : 'template-card'}
          >
            <input
              type="radio"
              name="template"
              id={i === 0 ? 'project-template' : undefined}
              value={option.id}
              checked={value === option.id}
              onChange={() => onChoose(option.id)}
            />
            <span className="template-card__name">{option.name}</span>
            <span className="template-card__description">{option.description}</span>
            {option.labels.length > 0 && (
              <span className="template-card__labels">
                {option.labels.map((label) => (
                  <span key={label} className="tag">
                    {label}
                  </span>
                ))}
              </span>
            )}
          </label>
        ))}
      </div>
      {error !== undefined && (
        <p className="field__error" id="project-template-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
