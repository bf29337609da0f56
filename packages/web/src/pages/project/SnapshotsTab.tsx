import { useId, useMemo, useState } from 'react';
import { buildQuery } from '../../api/client';
import { formatApiError } from '../../api/errors';
import type { QualityApi, SnapshotSummary } from '../../api/quality';
import type { ProjectDetail } from '../../api/types';
import { useResource } from '../../app/use-resource';
import { Alert, LoadError, Notice } from '../../components/Alert';
import { Link } from '../../components/Link';
import { methodLabel } from '../../lib/adjudication-view';
import { formatDateTimeUtc } from '../../lib/format';
import { percent } from '../../lib/quality-charts';
import { agreementVerdict, formatAlpha } from '../../lib/quality-verdict';
import { canManageProject, projectPath } from '../../lib/routes';
import {
  exportFileName,
  fileContents,
  fileTitle,
  formatBytes,
  isTrainingFile,
  readManifest,
  verifyCommand,
  versionSummary,
} from '../../lib/snapshot-manifest';
import type { Manifest, ManifestFile } from '../../lib/snapshot-manifest';
import {
  DEFAULT_TRAINING_FORM,
  describeTraining,
  minAgreementProblem,
  readTrainingForm,
  trainingChoices,
} from '../../lib/snapshot-training';
import type { TrainingForm } from '../../lib/snapshot-training';
import type { PageProps } from '../page-props';
import { Badge, Figure, Panel, RELIABILITY_TONES, useQualityApi } from './QualityShared';

type Names = ReadonlyMap<string, string>;

/**
 * Snapshots of the project's final labels: create one (managers), and for each its manifest —
 * how the labels were decided, under which guideline and taxonomy versions, by which
 * (pseudonymous) annotators with what gold accuracy, the agreement — and its files to download,
 * each with its SHA-256 and the command that checks it.
 */
export function SnapshotsTab({
  api,
  user,
  search,
  navigate,
  project,
}: PageProps & { readonly project: ProjectDetail }) {
  const qualityApi = useQualityApi(api, project.id);
  const manages = canManageProject({ globalRole: user.role, projectRole: project.myRole });
  const selectedId = new URLSearchParams(search).get('snapshot');
  const here = projectPath(project.id, 'snapshots');

  const list = useResource(
    (signal) => qualityApi.snapshots(project.id, { signal }).then((r) => r.snapshots),
    `snapshots:${project.id}`,
  );
  const quality = useResource(
    (signal) => qualityApi.quality(project.id, { signal }),
    `snapshot-quality:${project.id}`,
  );
  const members = useResource(
    (signal) => api.listMembers(project.id, { limit: 200, offset: 0 }, { signal }),
    `members:${project.id}`,
  );
  const names: Names = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members.data?.members ?? []) map.set(m.userId, m.name);
    map.set(user.id, `${user.name} (you)`);
    return map;
  }, [members.data, user.id, user.name]);

  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const choices = useMemo(() => trainingChoices(project.config), [project.config]);
  const [trainingForm, setTrainingForm] = useState<TrainingForm>(DEFAULT_TRAINING_FORM);
  const [showProblems, setShowProblems] = useState(false);

  function create() {
    if (creating) return;
    setNotice(null);
    setCreateError(null);
    // Only a project with preferences has options; the others send none (the server's defaults).
    const read = choices.preferences ? readTrainingForm(trainingForm) : null;
    if (read !== null && 'problem' in read) {
      setShowProblems(true);
      return;
    }
    setCreating(true);
    api.createSnapshot(project.id, read?.training).then(
      (created) => {
        setCreating(false);
        setNotice(`Snapshot v${created.version} is saved. Its files are ready to download below.`);
        list.reload();
        quality.reload();
        navigate(`${here}${buildQuery({ snapshot: created.id })}`);
      },
      (error: unknown) => {
        setCreating(false);
        setCreateError(`The snapshot was not created: ${formatApiError(error)}`);
      },
    );
  }

  const snapshots = list.data ?? [];
  const selected = snapshots.find((s) => s.id === selectedId) ?? snapshots[0] ?? null;
  const pending = quality.data?.adjudication.pending ?? 0;

  return (
    <div className="snapshots-tab">
      <div className="toolbar snapshots__toolbar">
        {manages && (
          <button
            type="button"
            className="button button--primary"
            onClick={create}
            disabled={creating}
          >
            {creating ? 'Creating the snapshot…' : 'Create snapshot'}
          </button>
        )}
        <span className="toolbar__meta">
          A snapshot freezes the final labels as they are now under a new version number; its files
          never change afterwards.
          {pending > 0 &&
            ` ${pending.toLocaleString('en-US')} ${pending === 1 ? 'item still waits' : 'items still wait'} for adjudication and would go in as undecided.`}
        </span>
      </div>
      {manages && choices.preferences && (
        <TrainingOptions
          form={trainingForm}
          rankings={choices.rankings}
          showProblems={showProblems}
          disabled={creating}
          onChange={setTrainingForm}
        />
      )}
      <Notice message={notice} onDismiss={() => setNotice(null)} />
      {createError !== null && (
        <Alert tone="error" onDismiss={() => setCreateError(null)}>
          {createError}
        </Alert>
      )}
      {list.status === 'failed' && (
        <LoadError
          title="The snapshots could not be loaded."
          error={list.error}
          onRetry={list.reload}
        />
      )}
      {list.data === null && list.status === 'loading' && (
        <p className="muted">Loading snapshots…</p>
      )}
      {list.data !== null && snapshots.length === 0 && (
        <div className="empty-state">
          <p className="empty-state__title">No snapshots yet</p>
          <p>
            A snapshot is what you deliver: every production item with its final label, how it was
            decided and its confidence, optionally every individual annotation — in JSON Lines and
            CSV, with a manifest of its lineage and the SHA-256 of each file.
          </p>
          {!manages && <p>The project’s managers create snapshots.</p>}
        </div>
      )}
      {selected !== null && (
        <div className="snapshots">
          <nav className="card" aria-label="Snapshots">
            <ul className="snapshot-list">
              {snapshots.map((s) => (
                <li key={s.id}>
                  <Link
                    to={`${here}${buildQuery({ snapshot: s.id })}`}
                    navigate={navigate}
                    className="snapshot-list__item"
                    aria-current={s.id === selected.id ? 'true' : undefined}
                  >
                    <span className="snapshot-list__version">Snapshot v{s.version}</span>
                    <span className="snapshot-list__meta">
                      {formatDateTimeUtc(s.createdAt)} UTC · {s.items.toLocaleString('en-US')} items
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <SnapshotManifest
            key={selected.id}
            snapshot={selected}
            qualityApi={qualityApi}
            names={names}
          />
        </div>
      )}
    </div>
  );
}

function SnapshotManifest({
  snapshot,
  qualityApi,
  names,
}: {
  readonly snapshot: SnapshotSummary;
  readonly qualityApi: QualityApi;
  readonly names: Names;
}) {
  const raw = useResource(
    (signal) => qualityApi.manifest(snapshot.id, { signal }),
    `manifest:${snapshot.id}`,
  );
  const manifest = useMemo(() => (raw.data === null ? null : readManifest(raw.data)), [raw.data]);

  if (manifest === null) {
    return raw.status === 'failed' ? (
      <LoadError title="The manifest could not be loaded." error={raw.error} onRetry={raw.reload} />
    ) : (
      <p className="muted">Loading the manifest…</p>
    );
  }
  const version = manifest.version ?? snapshot.version;
  const labelFiles = manifest.files.filter((f) => !isTrainingFile(f));
  const trainingFiles = manifest.files.filter(isTrainingFile);
  const firstFile = manifest.files[0];
  const verifyLine =
    firstFile === undefined
      ? ''
      : verifyCommand(exportFileName(manifest.projectName, version, firstFile), firstFile.sha256);
  return (
    <article className="manifest" aria-labelledby="manifest-title">
      <div className="card panel">
        <header className="panel__header">
          <div>
            <h3 className="panel__title" id="manifest-title">
              Snapshot v{version}
            </h3>
            <p className="panel__description">
              Created {formatDateTimeUtc(snapshot.createdAt)} UTC by{' '}
              {names.get(snapshot.createdBy) ??
                'someone outside the project (an admin or a former member)'}{' '}
              ·{' '}
              <a
                href={`/api/snapshots/${encodeURIComponent(snapshot.id)}/manifest`}
                target="_blank"
                rel="noreferrer"
              >
                manifest JSON
              </a>
            </p>
          </div>
        </header>
        <div className="manifest__figures">
          <Figure
            label="Items"
            value={manifest.total.toLocaleString('en-US')}
            note="production items"
          />
          <Figure
            label="Guidelines"
            {...versionSummary(manifest.guidelineVersions, manifest.currentGuidelineVersion)}
          />
          <Figure
            label="Taxonomy"
            {...versionSummary(manifest.taxonomyVersions, manifest.currentTaxonomyVersion)}
          />
          <Figure
            label="Annotators"
            value={manifest.annotators.length.toLocaleString('en-US')}
            note="under pseudonyms"
          />
        </div>
        <MethodBreakdown manifest={manifest} />
      </div>

      <Panel
        id="manifest-files"
        title="Files"
        description="Each file is streamed from the snapshot, byte for byte the same every time; its SHA-256 was computed when the snapshot was made."
      >
        <div className="files">
          {labelFiles.map((file) => (
            <ExportFile
              key={fileKey(file)}
              file={file}
              title={fileTitle(file, manifest.files)}
              fileName={exportFileName(manifest.projectName, version, file)}
            />
          ))}
        </div>
        {trainingFiles.length > 0 && (
          <section className="training-files" aria-labelledby="training-files-title">
            <h4 className="splits__title" id="training-files-title">
              Training files
            </h4>
            {manifest.training !== null && (
              <dl className="training-used" aria-label="How the training files were made">
                {describeTraining(
                  manifest.training,
                  manifest.files.some((f) => f.format === 'reward'),
                ).map((line) => (
                  <div key={line.label}>
                    <dt>{line.label}</dt>
                    <dd>{line.value}</dd>
                  </div>
                ))}
              </dl>
            )}
            <div className="files">
              {trainingFiles.map((file, i) => (
                <ExportFile
                  key={fileKey(file)}
                  file={file}
                  title={fileTitle(file, manifest.files)}
                  fileName={exportFileName(manifest.projectName, version, file)}
                  // What a line holds, said once for the files of a kind (DPO: overall, then each dimension).
                  describe={trainingFiles.findIndex((f) => f.format === file.format) === i}
                />
              ))}
            </div>
          </section>
        )}
        {firstFile !== undefined && (
          <div className="verify-help">
            <p className="panel__footnote">
              To check a download, run this where the file is: it prints “OK” when the file is
              exactly the one in the manifest, “FAILED” otherwise. For another file, put in its
              SHA-256 and name.
            </p>
            <div className="verify-help__row">
              <pre className="verify">{verifyLine}</pre>
              <CopyButton text={verifyLine} what="the command" />
            </div>
          </div>
        )}
      </Panel>

      <div className="manifest-columns">
        <Panel
          id="manifest-agreement"
          title="Agreement"
          description={
            manifest.threshold === null
              ? 'Krippendorff’s α when the snapshot was made.'
              : `Krippendorff’s α when the snapshot was made; the policy asked for ${manifest.threshold}.`
          }
        >
          {manifest.agreement.length === 0 ? (
            <p className="muted">No field with measured agreement.</p>
          ) : (
            <table className="manifest-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Items</th>
                  <th scope="col" className="th-symbol">
                    α
                  </th>
                  <th scope="col">Raw agreement</th>
                </tr>
              </thead>
              <tbody>
                {manifest.agreement.map((f) => {
                  const verdict = agreementVerdict(f.alpha, f.units, manifest.threshold ?? 0.8);
                  return (
                    <tr key={f.key}>
                      <td>{breakable(f.key)}</td>
                      <td>{f.units.toLocaleString('en-US')}</td>
                      <td>
                        {formatAlpha(f.alpha)}{' '}
                        <Badge tone={RELIABILITY_TONES[verdict.reliability]}>{verdict.title}</Badge>
                      </td>
                      <td>{percent(f.percentAgreement)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel
          id="manifest-annotators"
          title="Annotators"
          description="Pseudonyms stable within this project: no names or emails leave with the data."
        >
          {manifest.annotators.length === 0 ? (
            <p className="muted">No annotations in this snapshot.</p>
          ) : (
            <table className="manifest-table">
              <thead>
                <tr>
                  <th scope="col">Annotator</th>
                  <th scope="col">Annotations</th>
                  <th scope="col">Gold accuracy</th>
                </tr>
              </thead>
              <tbody>
                {manifest.annotators.map((a) => (
                  <tr key={a.id}>
                    <td className="cell-mono">{a.id}</td>
                    <td>{a.annotations.toLocaleString('en-US')}</td>
                    <td>{percent(a.goldAccuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </article>
  );
}

function MethodBreakdown({ manifest }: { readonly manifest: Manifest }) {
  const total = Math.max(1, manifest.total);
  // Only the ways labels were actually decided: a majority project has no Dawid–Skene row.
  const known = manifest.methods.filter((m) => m.count > 0);
  return (
    <div className="methods" aria-label="How the final labels were decided">
      <h4 className="splits__title">How the final labels were decided</h4>
      <div className="method-bar" aria-hidden="true">
        {known.map((m) => (
          <div
            key={m.method}
            className={`method-bar__part--${m.method}`}
            style={{ width: `${(m.count / total) * 100}%` }}
          />
        ))}
      </div>
      <ul className="method-legend">
        {known.map((m) => (
          <li key={m.method}>
            <span
              className={`method-legend__swatch method-bar__part--${m.method}`}
              aria-hidden="true"
            />
            {methodLabel(m.method)}: <strong>{m.count.toLocaleString('en-US')}</strong>
            <span className="muted">({percent(m.count / total)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A field key that may wrap after its dots and colons ("preference.accuracy:strength"), so the
 * agreement table fits its column.
 */
function breakable(key: string) {
  return key.split(/(?<=[.:])/).map((part, i) => (
    <span key={i}>
      {i > 0 && <wbr />}
      {part}
    </span>
  ));
}

/** A key unique among a manifest's files: format, annotations, field and dimension. */
function fileKey(file: ManifestFile): string {
  return [file.format, String(file.annotations), file.field ?? '', file.dimension ?? ''].join('|');
}

function ExportFile({
  file,
  title,
  fileName,
  describe = false,
}: {
  readonly file: ManifestFile;
  readonly title: string;
  readonly fileName: string;
  /** Say what one line of this training file holds. */
  readonly describe?: boolean;
}) {
  const contents = fileContents(file);
  return (
    <div className="file">
      <div>
        <div className="file__title">{title}</div>
        {describe && contents !== null && (
          <div className="file__contents">Each line: {contents}.</div>
        )}
        <div className="file__meta">
          {fileName} · {file.rows.toLocaleString('en-US')}{' '}
          {contents === null ? 'rows' : file.rows === 1 ? 'line' : 'lines'} ·{' '}
          {formatBytes(file.bytes)}
        </div>
      </div>
      {file.path !== '' && (
        <a className="button" href={file.path} download={fileName} aria-label={`Download ${title}`}>
          Download
        </a>
      )}
      <div className="file__hash">
        <span className="file__hash-label">SHA-256</span>
        <code>{file.sha256}</code>
        <CopyButton text={file.sha256} what="the SHA-256" />
      </div>
    </div>
  );
}

/**
 * How the next snapshot's preference files treat ties and pairs the annotators split on: chosen
 * before "Create snapshot", sent with it, and recorded in the manifest.
 */
function TrainingOptions({
  form,
  rankings,
  showProblems,
  disabled,
  onChange,
}: {
  readonly form: TrainingForm;
  readonly rankings: boolean;
  readonly showProblems: boolean;
  readonly disabled: boolean;
  readonly onChange: (form: TrainingForm) => void;
}) {
  const id = useId();
  const problem = minAgreementProblem(form.minAgreement);
  // A problem shows once the number looks finished (on leaving the box) or on "Create snapshot".
  const [touched, setTouched] = useState(false);
  const shown = problem !== null && (touched || showProblems);
  const noMinimum = form.minAgreement.trim() === '';
  return (
    <fieldset className="card training-options" disabled={disabled}>
      <legend className="training-options__title">Training files of the next snapshot</legend>
      <p className="training-options__intro">
        How the DPO pairs treat ties and pairs the annotators split on. Fixed when the snapshot is
        made; its manifest records them.
      </p>
      <div className="training-options__fields">
        <label className="field">
          <span className="field__label">Ties</span>
          <select
            className="input input--compact"
            value={form.ties}
            onChange={(e) =>
              onChange({ ...form, ties: e.target.value === 'flag' ? 'flag' : 'exclude' })
            }
          >
            <option value="exclude">Leave out</option>
            <option value="flag">Keep, flagged “tie”</option>
          </select>
        </label>
        <div className={shown ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-min`}>
            Minimum agreement <span className="field__optional">optional</span>
          </label>
          <input
            id={`${id}-min`}
            className="input input--compact"
            inputMode="decimal"
            placeholder="none"
            value={form.minAgreement}
            aria-invalid={shown}
            aria-describedby={`${id}-min-help`}
            onChange={(e) => onChange({ ...form, minAgreement: e.target.value })}
            onBlur={() => setTouched(true)}
          />
          <span id={`${id}-min-help`} className={shown ? 'field__error' : 'field__hint'}>
            {shown
              ? `Minimum agreement: ${problem}.`
              : 'Share of judgments that agree with a pair, 0 to 1.'}
          </span>
        </div>
        <label className="field">
          <span className="field__label">Pairs below it</span>
          <select
            className="input input--compact"
            value={form.lowAgreement}
            disabled={noMinimum}
            title={noMinimum ? 'Give a minimum agreement first' : undefined}
            onChange={(e) =>
              onChange({ ...form, lowAgreement: e.target.value === 'flag' ? 'flag' : 'exclude' })
            }
          >
            <option value="exclude">Leave out</option>
            <option value="flag">Keep, flagged “low-agreement”</option>
          </select>
        </label>
        {rankings && (
          <label className="field">
            <span className="field__label">Pairs of a ranking</span>
            <select
              className="input input--compact"
              value={form.rankingPairs}
              onChange={(e) =>
                onChange({
                  ...form,
                  rankingPairs: e.target.value === 'best-vs-rest' ? 'best-vs-rest' : 'all',
                })
              }
            >
              <option value="all">Every pair it orders</option>
              <option value="best-vs-rest">The best against each other</option>
            </select>
          </label>
        )}
      </div>
    </fieldset>
  );
}

/** Copies a text; says "Copied" once the clipboard took it, and says so when it did not. */
function CopyButton({ text, what }: { readonly text: string; readonly what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      aria-label={`Copy ${what}`}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select it' : 'Copy'}
    </button>
  );
}
