import { useEffect, useMemo, useState } from 'react';
import { buildQuery } from '../../api/client';
import type {
  AnnotatorQuality,
  FieldAgreement,
  QualityApi,
  QualityReport,
} from '../../api/quality';
import type { ProjectDetail } from '../../api/types';
import { LoadError } from '../../components/Alert';
import { Link } from '../../components/Link';
import { PagedTable } from '../../components/Table';
import type { Column } from '../../components/Table';
import { useChartTheme } from '../../components/charts/chart-theme';
import { humanize } from '../../lib/annotation-draft';
import { llmFields } from '../../lib/llm-quality';
import { PAGE_SIZE, offsetOf, parsePage } from '../../lib/pagination';
import { projectPath } from '../../lib/routes';
import { alertActions } from '../../lib/quality-alerts';
import type { AlertAction } from '../../lib/quality-alerts';
import {
  ANNOTATOR_SORTS,
  RETRAIN_BELOW,
  annotatorFlags,
  describeFatigue,
  formatActiveTime,
  pageOfAnnotator,
  parseAnnotatorSort,
  sortAnnotators,
} from '../../lib/quality-annotators';
import type { AnnotatorSort } from '../../lib/quality-annotators';
import {
  agreementOverTimeOption,
  annotatorsOption,
  chartHeight,
  chartedAnnotators,
  disagreementOption,
  matrixFocus,
  percent,
  perLabelOption,
} from '../../lib/quality-charts';
import { formatPairs, labelsWeakestFirst, topSplits } from '../../lib/quality-matrix';
import { agreementVerdict, formatAlpha, formatThreshold } from '../../lib/quality-verdict';
import type { PageProps } from '../page-props';
import { LlmQuality } from './LlmQuality';
import {
  Badge,
  Chart,
  Figure,
  Panel,
  RELIABILITY_TONES,
  clockUtc,
  useQualityApi,
} from './QualityShared';

/** How often the dashboard reads the report again while it is on screen. */
export const REFRESH_MS = 15_000;

const ANNOTATORS_CHARTED = 15;
const MATRIX_LABELS = 15;

interface Live {
  readonly report: QualityReport | null;
  readonly error: unknown;
  /** When the report on screen was read (ms since the epoch). */
  readonly readAt: number | null;
  readonly loading: boolean;
}

/**
 * The quality report, read now and every REFRESH_MS while the page is visible; read again at once
 * when the page comes back into view. A failed refresh keeps the last figures on screen.
 */
function useLiveQuality(qualityApi: QualityApi, projectId: string) {
  const [live, setLive] = useState<Live>({
    report: null,
    error: null,
    readAt: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'visible') timer = setTimeout(load, REFRESH_MS);
    };
    function load() {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      setLive((l) => ({ ...l, loading: true }));
      qualityApi.quality(projectId, { signal: current.signal }).then(
        (report) => {
          if (current.signal.aborted) return;
          setLive({ report, error: null, readAt: Date.now(), loading: false });
          schedule();
        },
        (error: unknown) => {
          if (current.signal.aborted) return;
          setLive((l) => ({ ...l, error, loading: false }));
          schedule();
        },
      );
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') load();
      else clearTimeout(timer);
    };
    load();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      controller?.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [qualityApi, projectId, generation]);

  return { ...live, reload: () => setGeneration((n) => n + 1) };
}

function fieldTitle(field: FieldAgreement): string {
  // A pairwise choice is measured twice: A/B/tie, and with its strength (key `…:strength`).
  const strength = field.key.endsWith(':strength') ? ' · with strength' : '';
  return field.dimension === null
    ? `${humanize(field.field)}${strength}`
    : `${humanize(field.field)} · ${humanize(field.dimension)}${strength}`;
}

interface QualityTabProps extends PageProps {
  readonly project: ProjectDetail;
}

/**
 * The manager's and reviewer's view of quality while the labelling runs: alerts with what to do,
 * agreement per field against the policy's threshold, where annotators split, and every
 * annotator's gold accuracy, agreement with consensus, speed, drift and fatigue.
 */
export function QualityTab({ api, search, navigate, project }: QualityTabProps) {
  const qualityApi = useQualityApi(api, project.id);
  const live = useLiveQuality(qualityApi, project.id);
  const params = new URLSearchParams(search);
  const report = live.report;

  return (
    <div className="quality">
      <div className="quality__status" aria-live="polite">
        <span
          className={`live-dot${live.error === null ? '' : ' live-dot--stale'}`}
          aria-hidden="true"
        />
        <span>
          {live.readAt === null
            ? 'Reading the latest figures…'
            : `Live: figures read at ${clockUtc(live.readAt)}, refreshed every ${REFRESH_MS / 1000} s while this page is open.`}
        </span>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={live.reload}
          disabled={live.loading}
        >
          {live.loading && live.readAt !== null ? 'Refreshing…' : 'Refresh now'}
        </button>
      </div>

      {live.error !== null && report === null && (
        <LoadError
          title="The quality report could not be loaded."
          error={live.error}
          onRetry={live.reload}
        />
      )}
      {live.error !== null && report !== null && live.readAt !== null && (
        <LoadError
          title={`Could not refresh; the figures below are from ${clockUtc(live.readAt)}.`}
          error={live.error}
          onRetry={live.reload}
        />
      )}
      {report === null && live.error === null && (
        <p className="muted">Loading the quality report…</p>
      )}
      {report !== null && (
        <Dashboard report={report} project={project} params={params} navigate={navigate} />
      )}
    </div>
  );
}

function Dashboard({
  report,
  project,
  params,
  navigate,
}: {
  readonly report: QualityReport;
  readonly project: ProjectDetail;
  readonly params: URLSearchParams;
  readonly navigate: PageProps['navigate'];
}) {
  const here = projectPath(project.id, 'quality');
  const actions = alertActions(report);
  const fieldKey = params.get('field');
  const field = report.fields.find((f) => f.key === fieldKey) ?? report.fields[0] ?? null;
  const sort = parseAnnotatorSort(params.get('sort'));
  const focusedAnnotator = params.get('annotator');

  const go = (changes: Record<string, string | undefined>, anchor?: string) => {
    const next = {
      field: params.get('field') ?? undefined,
      sort: params.get('sort') ?? undefined,
      page: params.get('page') ?? undefined,
      annotator: params.get('annotator') ?? undefined,
      ...changes,
    };
    navigate(`${here}${buildQuery(next)}`);
    if (anchor !== undefined) {
      requestAnimationFrame(() =>
        document.getElementById(anchor)?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
      );
    }
  };

  const actOn = (action: AlertAction) => {
    const target = action.link?.target;
    if (target === undefined) return;
    switch (target.kind) {
      case 'adjudication':
        navigate(projectPath(project.id, 'adjudication'));
        return;
      case 'field':
        go({ field: target.key }, 'quality-matrix');
        return;
      case 'annotator': {
        const page = pageOfAnnotator(
          sortAnnotators(report.annotators, sort),
          target.userId,
          PAGE_SIZE,
        );
        go(
          {
            annotator: target.userId,
            page: page === null || page === 1 ? undefined : String(page),
          },
          `annotator-${target.userId}`,
        );
        return;
      }
    }
  };

  if (report.annotations === 0) {
    return (
      <div className="empty-state quality__empty">
        <p className="empty-state__title">No labels yet</p>
        <p>
          Agreement, gold accuracy and the charts appear here as soon as annotators submit their
          first labels; this page keeps itself up to date.
        </p>
        <p>
          {project.policy.overlap >= 2
            ? `Agreement is measured on items with at least two labels: with an overlap of ${project.policy.overlap}, every production item gets ${project.policy.overlap} annotators.`
            : 'With an overlap of 1 no item gets two labels, so agreement cannot be measured. Raise the overlap to 2 or more to see it.'}{' '}
          {project.policy.goldRate > 0
            ? `Gold accuracy comes from the hidden gold items (${percent(project.policy.goldRate)} of what is served).`
            : 'Gold accuracy needs gold items: import some with their answers.'}
        </p>
      </div>
    );
  }

  return (
    <>
      {actions.length > 0 && (
        <section className="quality-alerts" aria-label="Alerts">
          {actions.map((action, i) => (
            <AlertRow
              key={`${action.alert.kind}-${action.alert.userId ?? ''}-${i}`}
              action={action}
              onAct={() => actOn(action)}
            />
          ))}
        </section>
      )}

      <section aria-labelledby="quality-agreement-title" className="quality-section">
        <div className="quality-section__header">
          <h2 className="quality-section__title" id="quality-agreement-title">
            Agreement
          </h2>
          <p className="quality-section__hint">
            Krippendorff’s α per field, on items with two or more labels. The policy asks for α ≥{' '}
            {formatThreshold(report.threshold)}; below 0.667 labels are unreliable.
          </p>
        </div>
        <div className="quality-headline">
          {report.fields.map((f) => (
            <FieldCard
              key={f.key}
              field={f}
              threshold={report.threshold}
              selected={field?.key === f.key && report.fields.length > 1}
              onSelect={report.fields.length > 1 ? () => go({ field: f.key }) : undefined}
            />
          ))}
          <div className="card quality-figures">
            <Figure
              label="Annotations"
              value={report.annotations.toLocaleString('en-US')}
              note="submitted, gold included"
            />
            <Figure
              label="Annotators"
              value={report.annotators.length.toLocaleString('en-US')}
              note={`overlap ${project.policy.overlap} per item`}
            />
            <Figure
              label="Waiting for adjudication"
              value={
                report.adjudication.pending === 0 ? (
                  '0'
                ) : (
                  <Link to={projectPath(project.id, 'adjudication')} navigate={navigate}>
                    {report.adjudication.pending.toLocaleString('en-US')}
                  </Link>
                )
              }
              note={
                report.adjudication.pending === 0 ? 'nothing contested' : 'ties and weak majorities'
              }
            />
            <Figure
              label="Decided"
              value={report.adjudication.decided.toLocaleString('en-US')}
              note="items with a final label"
            />
          </div>
        </div>
      </section>

      <LlmQuality fields={llmFields(report)} threshold={report.threshold} />

      {field !== null && (
        <FieldCharts field={field} report={report} onPickField={(key) => go({ field: key })} />
      )}

      <AnnotatorsSection
        report={report}
        sort={sort}
        page={parsePage(params.get('page'))}
        focused={focusedAnnotator}
        onSort={(s) => go({ sort: s === 'gold' ? undefined : s, page: undefined })}
        onPage={(p) => go({ page: p === 1 ? undefined : String(p) })}
      />
    </>
  );
}

function AlertRow({ action, onAct }: { readonly action: AlertAction; readonly onAct: () => void }) {
  const critical = action.alert.severity === 'critical';
  return (
    <div
      className={`quality-alert quality-alert--${action.alert.severity}`}
      role={critical ? 'alert' : undefined}
    >
      <div className="quality-alert__icon" aria-hidden="true">
        {critical ? '!' : 'i'}
      </div>
      <div className="quality-alert__body">
        <p className="quality-alert__title">
          <span className="visually-hidden">{critical ? 'Critical: ' : 'Warning: '}</span>
          {action.title}
        </p>
        {/* The backlog's message says no more than its title. */}
        {action.alert.message.replace(/\.$/, '') !== action.title && (
          <p className="quality-alert__message">{action.alert.message}</p>
        )}
        <p className="quality-alert__todo">
          <strong>What to do:</strong> {action.todo}
        </p>
      </div>
      {action.link !== null && (
        <button type="button" className="button button--small quality-alert__act" onClick={onAct}>
          {action.link.label} →
        </button>
      )}
    </div>
  );
}

function FieldCard({
  field,
  threshold,
  selected,
  onSelect,
}: {
  readonly field: FieldAgreement;
  readonly threshold: number;
  readonly selected: boolean;
  readonly onSelect: (() => void) | undefined;
}) {
  const verdict = agreementVerdict(field.krippendorff_alpha, field.units, threshold);
  const title = fieldTitle(field);
  const content = (
    <>
      <div className="field-card__top">
        <span className="field-card__name">{title}</span>
        <Badge tone={RELIABILITY_TONES[verdict.reliability]}>{verdict.title}</Badge>
      </div>
      <div className="field-card__alpha">
        <span className="field-card__symbol">α</span>
        <span
          className="field-card__value"
          data-field={field.key}
          title={field.krippendorff_alpha === null ? undefined : `α = ${field.krippendorff_alpha}`}
        >
          {formatAlpha(field.krippendorff_alpha)}
        </span>
        <span className="field-card__bar">/ {formatThreshold(threshold)} needed</span>
      </div>
      <AlphaGauge alpha={field.krippendorff_alpha} threshold={threshold} />
      <p className="field-card__explanation">
        {verdict.explanation}
        {verdict.preliminary &&
          ` Based on only ${field.units} items so far: an early reading that can still move.`}
      </p>
      <dl className="field-card__more">
        <div>
          <dt>Items</dt>
          <dd>{field.units.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Raw agreement</dt>
          <dd>{percent(field.percent_agreement)}</dd>
        </div>
        {field.fleiss_kappa !== undefined && (
          <div>
            <dt>Fleiss κ</dt>
            <dd>{formatAlpha(field.fleiss_kappa)}</dd>
          </div>
        )}
        {field.gwet_ac1 !== undefined && (
          <div>
            <dt>Gwet AC1</dt>
            <dd>{formatAlpha(field.gwet_ac1)}</dd>
          </div>
        )}
        {field.krippendorff_alpha_interval !== undefined && (
          <div>
            <dt>α interval</dt>
            <dd>{formatAlpha(field.krippendorff_alpha_interval)}</dd>
          </div>
        )}
      </dl>
    </>
  );
  const className = `card field-card field-card--${RELIABILITY_TONES[verdict.reliability]}${selected ? ' field-card--selected' : ''}`;
  return onSelect === undefined ? (
    <div className={className} aria-label={`Agreement on ${title}`} role="group">
      {content}
    </div>
  ) : (
    <button
      type="button"
      className={className}
      aria-pressed={selected}
      aria-label={`Agreement on ${title}: α ${formatAlpha(field.krippendorff_alpha)}, ${verdict.title}. Show its charts.`}
      onClick={onSelect}
    >
      {content}
    </button>
  );
}

/** A bar from -0.2 (or lower) to 1 with the bands, the threshold and α's position on it. */
function AlphaGauge({
  alpha,
  threshold,
}: {
  readonly alpha: number | null;
  readonly threshold: number;
}) {
  const min = Math.min(0, Math.floor((alpha ?? 0) * 10) / 10);
  const at = (x: number) => `${((Math.max(min, Math.min(1, x)) - min) / (1 - min)) * 100}%`;
  return (
    <div className="gauge" aria-hidden="true">
      <div className="gauge__band gauge__band--bad" style={{ left: 0, width: at(0.667) }} />
      <div
        className="gauge__band gauge__band--warn"
        style={{ left: at(0.667), width: `calc(${at(threshold)} - ${at(0.667)})` }}
      />
      <div className="gauge__band gauge__band--good" style={{ left: at(threshold), right: 0 }} />
      <div className="gauge__threshold" style={{ left: at(threshold) }} />
      {alpha !== null && <div className="gauge__marker" style={{ left: at(alpha) }} />}
    </div>
  );
}

function FieldCharts({
  field,
  report,
  onPickField,
}: {
  readonly field: FieldAgreement;
  readonly report: QualityReport;
  readonly onPickField: (key: string) => void;
}) {
  const theme = useChartTheme();
  const overTime = useMemo(() => field.overTime ?? [], [field.overTime]);
  const overTimeOption = useMemo(
    () => agreementOverTimeOption(overTime, report.threshold, theme),
    [overTime, report.threshold, theme],
  );
  const labelOption = useMemo(
    () => perLabelOption(field.perLabel, report.threshold, theme),
    [field.perLabel, report.threshold, theme],
  );
  const matrixOption = useMemo(
    () => disagreementOption(field.disagreement, theme, MATRIX_LABELS),
    [field.disagreement, theme],
  );
  const { measured, unused } = labelsWeakestFirst(field.perLabel);
  const splits = topSplits(field.disagreement, 3);
  const shownLabels = matrixFocus(field.disagreement, MATRIX_LABELS).length;
  const allLabels = field.disagreement.levels.length;
  const title = fieldTitle(field);
  const weakest = measured[0];

  return (
    <section aria-labelledby="quality-charts-title" className="quality-section">
      <div className="quality-section__header">
        <h2 className="quality-section__title" id="quality-charts-title">
          Where annotators agree and split{report.fields.length > 1 ? `: ${title}` : ''}
        </h2>
        {report.fields.length > 1 && (
          <label className="quality-select">
            <span>Field</span>
            <select
              className="input input--compact"
              value={field.key}
              onChange={(e) => onPickField(e.target.value)}
            >
              {report.fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldTitle(f)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {field.units === 0 ? (
        <p className="empty-state empty-state--compact">
          No item has two labels on {title} yet, so there is nothing to compare. The charts appear
          once{' '}
          {report.annotators.length > 1
            ? 'a second annotator labels an item'
            : 'a second annotator joins'}
          .
        </p>
      ) : (
        <div className="quality-charts">
          <Panel
            id="quality-over-time"
            className="quality-charts__wide"
            title="Agreement over time"
            description="α over the items completed up to each day (UTC). A falling line after a guideline change, or with new annotators, is the time to look closer."
          >
            {overTime.length === 0 ? (
              <p className="muted panel__empty">No day has completed items yet.</p>
            ) : (
              <Chart
                option={overTimeOption}
                height={240}
                label={`Agreement on ${title} over ${overTime.length} days; latest α ${formatAlpha(overTime[overTime.length - 1]?.krippendorff_alpha)} against the threshold ${formatThreshold(report.threshold)}.`}
              />
            )}
            {overTime.length === 1 && (
              <p className="panel__footnote">
                One day of labels so far: the line grows as the days go by.
              </p>
            )}
          </Panel>

          <Panel
            id="quality-labels"
            title="Agreement per label"
            description="Of all values carrying a label, the share an annotator paired with the same label. The weakest labels come first: they need clearer definitions or examples."
          >
            {measured.length === 0 ? (
              <p className="muted panel__empty">No label has been compared yet.</p>
            ) : (
              <Chart
                option={labelOption}
                height={chartHeight(measured.length, 34, 48)}
                label={`Specific agreement per label on ${title}, weakest first${weakest === undefined ? '' : `: ${String(weakest.label)} at ${percent(weakest.specificAgreement)}`}.`}
              />
            )}
            {unused.length > 0 && (
              <p className="panel__footnote">Not used yet: {unused.map(String).join(', ')}.</p>
            )}
          </Panel>

          <Panel
            id="quality-matrix"
            title="Disagreement matrix"
            description="How often one annotator’s label met another’s on the same item. The diagonal is agreement; red cells off it are the boundaries annotators split on."
          >
            <Chart
              option={matrixOption}
              height={chartHeight(shownLabels, 44, 64, 200)}
              label={`Disagreement matrix of ${title}: ${splits.length === 0 ? 'no disagreement so far' : `most splits between ${String(splits[0]?.a)} and ${String(splits[0]?.b)}`}.`}
            />
            {shownLabels < allLabels && (
              <p className="panel__footnote">
                The {shownLabels} labels with the most disagreement, of {allLabels}.
              </p>
            )}
            <div className="splits">
              <h4 className="splits__title">Most frequent splits</h4>
              {splits.length === 0 ? (
                <p className="muted">None: every pair of labels agreed so far.</p>
              ) : (
                <ol className="splits__list">
                  {splits.map((s) => (
                    <li key={`${String(s.a)}|${String(s.b)}`}>
                      <span className="splits__pair">
                        {String(s.a)} <span aria-label="versus">↔</span> {String(s.b)}
                      </span>
                      <span className="splits__count">
                        {formatPairs(s.pairs)} {s.pairs === 1 ? 'pair' : 'pairs'} ·{' '}
                        {percent(s.share)} of all disagreement
                      </span>
                    </li>
                  ))}
                </ol>
              )}
              {splits.length > 0 && (
                <p className="panel__footnote">
                  Write the decision rule for the top boundary, with an example and a
                  counter-example side by side, and go through these items in a calibration session.
                </p>
              )}
            </div>
          </Panel>
        </div>
      )}
    </section>
  );
}

const ANNOTATOR_COLUMNS: readonly Column[] = [
  { label: 'Annotator' },
  { label: 'Annotations', className: 'col-number' },
  { label: 'Gold accuracy', className: 'col-number' },
  { label: 'Agreement with consensus', className: 'col-number' },
  { label: 'Median time per item', className: 'col-number' },
  { label: 'Flags', className: 'col-flags' },
];

function AnnotatorsSection({
  report,
  sort,
  page,
  focused,
  onSort,
  onPage,
}: {
  readonly report: QualityReport;
  readonly sort: AnnotatorSort;
  readonly page: number;
  readonly focused: string | null;
  readonly onSort: (sort: AnnotatorSort) => void;
  readonly onPage: (page: number) => void;
}) {
  const theme = useChartTheme();
  const sorted = useMemo(() => sortAnnotators(report.annotators, sort), [report.annotators, sort]);
  const offset = offsetOf(page, PAGE_SIZE);
  const option = useMemo(
    () => annotatorsOption(report.annotators, theme, ANNOTATORS_CHARTED),
    [report.annotators, theme],
  );
  const charted = chartedAnnotators(report.annotators, ANNOTATORS_CHARTED).shown.length;
  const withFigures = report.annotators.some(
    (a) => a.goldAccuracy !== null || a.agreementWithConsensus !== null,
  );

  useEffect(() => {
    if (focused === null) return;
    document.getElementById(`annotator-${focused}`)?.scrollIntoView({ block: 'center' });
  }, [focused, page]);

  const resource = {
    status: 'ready' as const,
    error: null,
    reload: () => undefined,
    data: {
      total: sorted.length,
      limit: PAGE_SIZE,
      offset,
      annotators: sorted.slice(offset, offset + PAGE_SIZE),
    },
  };

  return (
    <section
      aria-labelledby="quality-annotators-title"
      className="quality-section"
      id="quality-annotators"
    >
      <div className="quality-section__header">
        <h2 className="quality-section__title" id="quality-annotators-title">
          Annotators
        </h2>
        <p className="quality-section__hint">
          Gold accuracy is scored on hidden gold items; agreement with consensus compares each
          answer with the item’s final label. Below {percent(RETRAIN_BELOW)} on gold, retrain or
          reassign.
        </p>
      </div>
      {withFigures && (
        <Panel
          id="quality-annotator-chart"
          title="Gold accuracy and agreement with consensus"
          description={
            report.annotators.length > charted
              ? `The ${charted} annotators with the lowest gold accuracy, of ${report.annotators.length}; all of them are in the table.`
              : 'Lowest gold accuracy first.'
          }
        >
          <Chart
            option={option}
            height={chartHeight(charted, 44, 76, 180)}
            label={`Gold accuracy and agreement with consensus of ${charted} annotators, lowest gold accuracy first.`}
          />
        </Panel>
      )}
      <div className="toolbar quality-toolbar">
        <label className="quality-select">
          <span>Order by</span>
          <select
            className="input input--compact"
            value={sort}
            onChange={(e) => onSort(parseAnnotatorSort(e.target.value))}
          >
            {ANNOTATOR_SORTS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PagedTable
        resource={resource}
        rowsOf={(d) => d.annotators}
        noun="annotators"
        page={page}
        onPage={onPage}
        empty={<p className="muted">Nobody has submitted a label yet.</p>}
        columns={ANNOTATOR_COLUMNS}
        className="table table--annotators"
      >
        {(rows) =>
          rows.map((a) => (
            <AnnotatorRow
              key={a.userId}
              annotator={a}
              report={report}
              focused={a.userId === focused}
            />
          ))
        }
      </PagedTable>
    </section>
  );
}

function AnnotatorRow({
  annotator: a,
  report,
  focused,
}: {
  readonly annotator: AnnotatorQuality;
  readonly report: QualityReport;
  readonly focused: boolean;
}) {
  const flags = annotatorFlags(a, report.alerts);
  const fatigue = describeFatigue(a);
  const lowGold = a.goldAccuracy !== null && a.goldAccuracy < RETRAIN_BELOW;
  return (
    <tr id={`annotator-${a.userId}`} className={focused ? 'row--focused' : undefined}>
      <td>
        <div className="cell-title">{a.name}</div>
        <div className="cell-sub">{a.email}</div>
      </td>
      <td className="col-number">
        {a.annotations.toLocaleString('en-US')}
        {a.revisions > 0 && <div className="cell-sub">+{a.revisions} corrections</div>}
      </td>
      <td className="col-number">
        <span className={lowGold ? 'figure-low' : undefined}>{percent(a.goldAccuracy)}</span>
        <div className="cell-sub">
          {a.goldAnswers === 0 ? 'no gold yet' : `on ${a.goldAnswers} gold`}
        </div>
      </td>
      <td className="col-number">{percent(a.agreementWithConsensus)}</td>
      <td className="col-number">{formatActiveTime(a.medianActiveMs)}</td>
      <td className="col-flags">
        {flags.length === 0 ? (
          <span
            className="muted"
            title={
              fatigue === null ? undefined : `Gold accuracy by time into a session: ${fatigue}`
            }
          >
            —
          </span>
        ) : (
          <span className="flags">
            {flags.map((f) => (
              <Badge
                key={f.kind}
                tone={f.kind === 'drift' ? 'bad' : 'warn'}
                title={
                  f.kind === 'fatigue' && fatigue !== null ? `${f.detail} (${fatigue})` : f.detail
                }
              >
                {f.label}
              </Badge>
            ))}
          </span>
        )}
      </td>
    </tr>
  );
}
