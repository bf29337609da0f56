import { formatPercent } from '../../api/errors';
import type { ProjectDetail } from '../../api/types';
import type { Navigate } from '../../app/history';
import { Alert } from '../../components/Alert';
import { FieldGuide } from '../../components/FieldGuide';
import { Link } from '../../components/Link';
import { Markdown } from '../../components/Markdown';
import { SectionHeader } from '../../components/Page';
import { describePolicy } from '../../lib/config-summary';
import { projectPath } from '../../lib/routes';

/** What the project asks of annotators, its quality rules and its guidelines, on one page. */
export function OverviewTab({
  project,
  manage,
  navigate,
}: {
  readonly project: ProjectDetail;
  readonly manage: boolean;
  readonly navigate: Navigate;
}) {
  const { policy, config } = project;
  const configured = config.fields.length > 0;
  return (
    <div className="overview">
      {!configured && (
        <Alert tone="warning" title="This project has no fields">
          It was created without a template or config, so there is nothing to annotate or import.
          Create a new project from a template, or with a config of your own.
        </Alert>
      )}
      {configured && manage && project.itemCount === 0 && (
        <Alert tone="info" title="No items yet">
          Import the items to annotate — a JSON array, JSON Lines or CSV file, with gold answers and
          a qualification set if you want them.{' '}
          <Link to={projectPath(project.id, 'import')} navigate={navigate}>
            Import items
          </Link>
        </Alert>
      )}

      <div className="stat-grid" aria-label="At a glance">
        <Stat label="Items" value={project.itemCount.toLocaleString('en-US')} />
        <Stat
          label="Overlap"
          value={String(policy.overlap)}
          note={policy.overlap === 1 ? 'annotator per item' : 'annotators per item'}
        />
        <Stat
          label="Hidden gold"
          value={policy.goldRate === 0 ? 'none' : formatPercent(policy.goldRate)}
          note="of served items"
        />
        <Stat
          label="Pass mark"
          value={formatPercent(policy.qualificationPassMark)}
          note="on the qualification set"
        />
      </div>

      <div className="overview__columns">
        <div className="overview__stack">
          <section className="card overview__card" aria-labelledby="overview-fields">
            <SectionHeader
              titleId="overview-fields"
              title="What annotators fill in"
              description={`Taxonomy version ${project.taxonomyVersion}. Every annotation records the version it was made under.`}
            />
            {configured ? (
              <FieldGuide fields={config.fields} />
            ) : (
              <p className="muted">No fields.</p>
            )}
            {config.display !== undefined && config.display.length > 0 && (
              <p className="field-guide__note">
                Shown from each item’s data:{' '}
                {config.display.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ', '}
                    <code>{key}</code>
                  </span>
                ))}
                .
              </p>
            )}
          </section>

          <section className="card overview__card" aria-labelledby="overview-guidelines">
            <SectionHeader
              titleId="overview-guidelines"
              title="Guidelines"
              description={`Version ${project.guidelineVersion}, shown to annotators beside every item.`}
            />
            {project.guidelines.trim() === '' ? (
              <p className="muted">This project has no written guidelines.</p>
            ) : (
              <Markdown source={project.guidelines} headingOffset={2} />
            )}
          </section>
        </div>

        <section className="card overview__card" aria-labelledby="overview-policy">
          <SectionHeader titleId="overview-policy" title="Quality policy" />
          <dl className="policy-list">
            {describePolicy(policy).map((line) => (
              <div key={line.term}>
                <dt>{line.term}</dt>
                <dd>
                  <span className="policy-list__value">{line.value}</span>
                  <span className="policy-list__why">{line.explanation}</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

function Stat({
  label,
  value,
  note,
}: {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}) {
  return (
    <div className="stat">
      <div className="stat__label">{label}</div>
      <div className="stat__value">{value}</div>
      {note !== undefined && <div className="stat__note">{note}</div>}
    </div>
  );
}
