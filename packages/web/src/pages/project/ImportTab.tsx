import { useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { ApiClient } from '../../api/client';
import { ApiError, NETWORK_ERROR, formatApiError, rowProblemsOf } from '../../api/errors';
import type { ProjectDetail, RowProblem } from '../../api/types';
import type { Navigate } from '../../app/history';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { SectionHeader } from '../../components/Page';
import { Table } from '../../components/Table';
import { countLabel } from '../../lib/format';
import { checkRows, chunkRows, lineRange, rowKind, toFileLines } from '../../lib/import-check';
import type { ImportChunk, RowsCheck } from '../../lib/import-check';
import { exampleSketch, importExample } from '../../lib/import-example';
import { CSV_COLUMNS_HINT, FORMAT_NAMES, readImportFile } from '../../lib/import-file';
import type { FileReading } from '../../lib/import-file';
import { formatAnswer, previewText } from '../../lib/item-display';
import { projectPath } from '../../lib/routes';
import { KindBadge } from './ItemsTab';

/** Rows per request: big enough to be fast, small enough that progress moves. */
export const IMPORT_CHUNK_ROWS = 5000;
/** Problems listed at first; the rest are one click away, never dropped. */
const PROBLEMS_SHOWN = 200;
const PREVIEW_ROWS = 5;

interface ReadFile {
  readonly name: string;
  readonly reading: FileReading;
  readonly check: RowsCheck;
}

interface Totals {
  readonly imported: number;
  readonly gold: number;
  readonly qualification: number;
  /** Rows left out by the server (with skipInvalid), on the lines of the file. */
  readonly rejected: readonly RowProblem[];
}

const NO_TOTALS: Totals = { imported: 0, gold: 0, qualification: 0, rejected: [] };

type ImportState =
  | { readonly kind: 'empty'; readonly error: string | null }
  | { readonly kind: 'reading'; readonly name: string }
  | { readonly kind: 'read'; readonly file: ReadFile }
  | {
      readonly kind: 'importing';
      readonly file: ReadFile;
      readonly sentRows: number;
      readonly totalRows: number;
      readonly stopping: boolean;
    }
  | {
      readonly kind: 'finished';
      readonly file: ReadFile;
      readonly totals: Totals;
      /** Set when the person stopped before the end: the first row not sent. */
      readonly stoppedAt: number | null;
    }
  | {
      readonly kind: 'refused';
      readonly file: ReadFile;
      readonly totals: Totals;
      /** The chunk the server refused, from which a retry starts. */
      readonly chunk: ImportChunk;
      readonly problems: readonly RowProblem[];
      readonly error: unknown;
      /** Whether the refused request asked for the valid rows only. */
      readonly skipInvalid: boolean;
    };

const byLine = (a: RowProblem, b: RowProblem) => a.line - b.line;

/** Reads a file in the browser, shows every problem with its line, then sends it in chunks. */
export function ImportTab({
  api,
  project,
  navigate,
  onImported,
}: {
  readonly api: ApiClient;
  readonly project: ProjectDetail;
  readonly navigate: Navigate;
  readonly onImported: () => void;
}) {
  const [state, setState] = useState<ImportState>({ kind: 'empty', error: null });
  const stopRequested = useRef(false);
  const configured = project.config.fields.length > 0;

  function choose(file: File) {
    setState({ kind: 'reading', name: file.name });
    file.text().then(
      (text) => {
        const reading = readImportFile(file.name, text, project.config);
        setState({
          kind: 'read',
          file: { name: file.name, reading, check: checkRows(project.config, reading.rows) },
        });
      },
      () => setState({ kind: 'empty', error: `${file.name} could not be read.` }),
    );
  }

  async function send(file: ReadFile, skipInvalid: boolean, fromRow: number, start: Totals) {
    const rows = file.reading.rows;
    const chunks = chunkRows(rows.slice(fromRow), IMPORT_CHUNK_ROWS).map((c) => ({
      ...c,
      start: c.start + fromRow,
    }));
    let totals = start;
    stopRequested.current = false;
    setState({
      kind: 'importing',
      file,
      sentRows: fromRow,
      totalRows: rows.length,
      stopping: false,
    });
    for (const chunk of chunks) {
      if (stopRequested.current) {
        setState({ kind: 'finished', file, totals, stoppedAt: chunk.start });
        onImported();
        return;
      }
      try {
        const result = await api.importItems(
          project.id,
          chunk.rows.map((r) => r.row),
          { skipInvalid },
        );
        totals = {
          imported: totals.imported + result.imported,
          gold: totals.gold + result.gold,
          qualification: totals.qualification + result.qualification,
          rejected: [...totals.rejected, ...toFileLines(chunk, result.rejected)],
        };
        const sentRows = chunk.start + chunk.rows.length;
        setState((s) => ({
          kind: 'importing',
          file,
          sentRows,
          totalRows: rows.length,
          stopping: s.kind === 'importing' && s.stopping,
        }));
      } catch (error) {
        setState({
          kind: 'refused',
          file,
          totals,
          chunk,
          problems: toFileLines(chunk, rowProblemsOf(error)),
          error,
          skipInvalid,
        });
        if (totals.imported > 0) onImported();
        return;
      }
    }
    setState({ kind: 'finished', file, totals, stoppedAt: null });
    onImported();
  }

  function resumeFrom(s: Extract<ImportState, { kind: 'refused' }>, skipInvalid: boolean) {
    void send(s.file, skipInvalid, s.chunk.start, s.totals);
  }

  const reset = () => setState({ kind: 'empty', error: null });

  if (!configured) {
    return (
      <Alert tone="warning" title="Nothing to import into">
        This project has no fields, so items cannot be checked against them.
      </Alert>
    );
  }

  return (
    <section aria-labelledby="import-title" className="import">
      <SectionHeader
        titleId="import-title"
        title="Import items"
        description="Each row is checked here first; nothing is sent until you have seen the problems."
      />
      {state.kind === 'empty' && (
        <>
          {state.error !== null && <Alert tone="error">{state.error}</Alert>}
          <FileDrop onFile={choose} />
          <FormatHelp project={project} />
        </>
      )}
      {state.kind === 'reading' && <p className="muted">Reading {state.name}…</p>}
      {state.kind === 'read' && (
        <FileReview
          file={state.file}
          project={project}
          onImport={(skipInvalid) => void send(state.file, skipInvalid, 0, NO_TOTALS)}
          onOther={reset}
        />
      )}
      {state.kind === 'importing' && (
        <div className="card import__progress">
          <p>
            <strong>Importing {state.file.name}…</strong> {state.sentRows.toLocaleString('en-US')}{' '}
            of {state.totalRows.toLocaleString('en-US')} rows sent
          </p>
          <progress
            className="progress"
            max={state.totalRows}
            value={state.sentRows}
            aria-label="Rows sent"
          />
          <button
            type="button"
            className="button button--small"
            disabled={state.stopping}
            onClick={() => {
              stopRequested.current = true;
              setState({ ...state, stopping: true });
            }}
          >
            {state.stopping ? 'Stopping after this chunk…' : 'Stop after this chunk'}
          </button>
        </div>
      )}
      {state.kind === 'finished' && (
        <Finished state={state} project={project} navigate={navigate} onAnother={reset} />
      )}
      {state.kind === 'refused' && (
        <Refused
          state={state}
          onSkipInvalid={() => resumeFrom(state, true)}
          onRetry={() => resumeFrom(state, state.skipInvalid)}
          onOther={reset}
        />
      )}
    </section>
  );
}

function FileDrop({ onFile }: { readonly onFile: (file: File) => void }) {
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) onFile(file);
  };
  return (
    <label
      className={over ? 'dropzone dropzone--over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="dropzone__title">Drop a file here, or choose one</span>
      <span className="dropzone__hint">.json (an array of rows), .jsonl or .csv</span>
      <input
        className="dropzone__input"
        type="file"
        accept=".json,.jsonl,.ndjson,.csv,application/json,text/csv"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file !== undefined) onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}

function FormatHelp({ project }: { readonly project: ProjectDetail }) {
  const { config } = project;
  const example = useMemo(() => importExample(config), [config]);
  const sketch = useMemo(() => exampleSketch(config), [config]);
  const href = useMemo(
    () => `data:${example.mediaType};charset=utf-8,${encodeURIComponent(example.text)}`,
    [example],
  );
  const structured = config.fields.some(
    (f) => f.type === 'pairwise' || f.type === 'ranking' || f.type === 'steps',
  );
  const download = (
    <a
      className="button button--small"
      href={href}
      download={`${project.name} example.${example.format}`}
    >
      Download an example {example.format === 'csv' ? 'CSV' : 'JSON Lines file'} for this project
    </a>
  );
  return (
    <div className="format-help">
      <div>
        <h3 className="format-help__title">JSON and JSON Lines</h3>
        <pre className="code" aria-label="Example rows, with their texts left out">
          {sketch}
        </pre>
        <p className="field__hint">
          <code>gold</code> makes a row a hidden gold item with its answer;{' '}
          <code>qualification: true</code> puts a gold item in the qualification set new annotators
          take first; <code>priority</code> (a whole number) serves a row sooner. Texts are “…”
          here.
        </p>
        {example.format === 'jsonl' && download}
      </div>
      <div>
        <h3 className="format-help__title">CSV</h3>
        <p className="field__hint">Columns: {CSV_COLUMNS_HINT}.</p>
        <p className="field__hint">
          Several labels in one cell are separated by <code>|</code>. An empty cell is no value.
        </p>
        {example.format === 'csv' ? (
          download
        ) : structured ? (
          <p className="field__hint">
            This project’s items hold lists (responses or steps) and its answers are structured: CSV
            cells cannot hold them, so import it as JSON Lines.
          </p>
        ) : (
          <p className="field__hint">
            Written answers are long text over several lines: the example is JSON Lines, which keeps
            them intact.
          </p>
        )}
      </div>
    </div>
  );
}

function ProblemList({
  title,
  problems,
}: {
  readonly title: string;
  readonly problems: readonly RowProblem[];
}) {
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => [...problems].sort(byLine), [problems]);
  const shown = all ? sorted : sorted.slice(0, PROBLEMS_SHOWN);
  if (problems.length === 0) return null;
  return (
    <div className="problem-list">
      <h3 className="problem-list__title">{title}</h3>
      <div className="problem-list__scroll">
        <Table columns={[{ label: 'Line', className: 'col-seq' }, { label: 'Problem' }]}>
          {shown.map((problem, i) => (
            <tr key={`${problem.line}-${i}`}>
              <td className="col-seq">{problem.line.toLocaleString('en-US')}</td>
              <td className="cell-mono">{problem.message}</td>
            </tr>
          ))}
        </Table>
      </div>
      {shown.length < sorted.length && (
        <p className="field__hint">
          Showing the first {shown.length.toLocaleString('en-US')} of{' '}
          {sorted.length.toLocaleString('en-US')} problems.{' '}
          <button type="button" className="button--link" onClick={() => setAll(true)}>
            Show all
          </button>
        </p>
      )}
    </div>
  );
}

function FileReview({
  file,
  project,
  onImport,
  onOther,
}: {
  readonly file: ReadFile;
  readonly project: ProjectDetail;
  readonly onImport: (skipInvalid: boolean) => void;
  readonly onOther: () => void;
}) {
  const { reading, check } = file;
  const problems = useMemo(
    () => [...reading.unreadable, ...check.problems],
    [reading.unreadable, check.problems],
  );
  const badRows = reading.unreadable.length + check.invalidLines.size;
  const goodRows = reading.rows.length - check.invalidLines.size;
  const preview = reading.rows
    .filter((r) => !check.invalidLines.has(r.line))
    .slice(0, PREVIEW_ROWS);

  if (reading.fatal.length > 0) {
    return (
      <>
        <Alert tone="error" title={`${file.name} cannot be imported as it is`}>
          Fix {reading.fatal.length === 1 ? 'this problem' : 'these problems'} in the file and
          choose it again. Nothing was sent.
        </Alert>
        <ProblemList title="Problems with the file" problems={reading.fatal} />
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={onOther}>
            Choose another file
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <div className="card import__summary">
        <p>
          <strong>{file.name}</strong> · {FORMAT_NAMES[reading.format]} ·{' '}
          {countLabel(reading.rows.length + reading.unreadable.length, 'row')}
          {reading.blankLines > 0 && ` (${countLabel(reading.blankLines, 'blank line')} skipped)`}
        </p>
        <ul className="import__counts">
          <li>
            <strong>{goodRows.toLocaleString('en-US')}</strong> ready:{' '}
            {check.counts.production.toLocaleString('en-US')} to annotate,{' '}
            {check.counts.gold.toLocaleString('en-US')} hidden gold,{' '}
            {check.counts.qualification.toLocaleString('en-US')} qualification
          </li>
          {badRows > 0 && (
            <li className="import__bad">
              <strong>{badRows.toLocaleString('en-US')}</strong>{' '}
              {badRows === 1 ? 'row has' : 'rows have'} problems (listed below)
            </li>
          )}
        </ul>
      </div>

      {badRows > 0 && <ProblemList title="Rows with problems" problems={problems} />}

      {preview.length > 0 && (
        <div className="import__preview">
          <h3 className="problem-list__title">The first rows, as they will be stored</h3>
          <Table
            columns={[
              { label: 'Line', className: 'col-seq' },
              { label: 'Kind', className: 'col-kind' },
              { label: 'Data' },
              { label: 'Gold answer', className: 'col-gold' },
            ]}
          >
            {preview.map(({ line, row }) => {
              const record = row as { data?: unknown; gold?: unknown };
              return (
                <tr key={line}>
                  <td className="col-seq">{line}</td>
                  <td className="col-kind">
                    <KindBadge kind={rowKind(row)} />
                  </td>
                  <td>
                    <div className="cell-data">
                      {previewText(project.config.display, record.data)}
                    </div>
                  </td>
                  <td className="col-gold">{formatAnswer(record.gold)}</td>
                </tr>
              );
            })}
          </Table>
        </div>
      )}

      <div className="form-actions import__actions">
        {badRows === 0 ? (
          <button
            type="button"
            className="button button--primary"
            disabled={goodRows === 0}
            onClick={() => onImport(false)}
          >
            Import {countLabel(goodRows, 'item')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={goodRows === 0}
            onClick={() => onImport(true)}
          >
            Import the {countLabel(goodRows, 'valid row')} only
          </button>
        )}
        <button type="button" className="button" onClick={onOther}>
          Choose another file
        </button>
        {badRows > 0 && (
          <span className="field__hint">
            Or fix the {badRows === 1 ? 'row' : 'rows'} above and choose the file again, so that
            every row is imported.
          </span>
        )}
      </div>
    </>
  );
}

function notImportedOf(file: ReadFile, totals: Totals): RowProblem[] {
  return [...file.reading.unreadable, ...totals.rejected].sort(byLine);
}

function Finished({
  state,
  project,
  navigate,
  onAnother,
}: {
  readonly state: Extract<ImportState, { kind: 'finished' }>;
  readonly project: ProjectDetail;
  readonly navigate: Navigate;
  readonly onAnother: () => void;
}) {
  const { totals, file, stoppedAt } = state;
  const notImported = notImportedOf(file, totals);
  const unsent = stoppedAt === null ? [] : file.reading.rows.slice(stoppedAt);
  return (
    <>
      <Alert
        tone="success"
        title={`Imported ${countLabel(totals.imported, 'item')} from ${file.name}`}
      >
        {totals.gold.toLocaleString('en-US')} hidden gold,{' '}
        {totals.qualification.toLocaleString('en-US')} in the qualification set.{' '}
        <Link to={projectPath(project.id, 'items')} navigate={navigate}>
          See the items
        </Link>
      </Alert>
      {unsent.length > 0 && (
        <Alert tone="warning" title="Stopped before the end">
          You stopped the import: {lineRange(unsent)} ({countLabel(unsent.length, 'row')}) were not
          sent.
        </Alert>
      )}
      <ProblemList
        title={`${countLabel(notImported.length, 'problem')} kept rows out of the import`}
        problems={notImported}
      />
      <div className="form-actions">
        <button type="button" className="button" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </>
  );
}

function Refused({
  state,
  onSkipInvalid,
  onRetry,
  onOther,
}: {
  readonly state: Extract<ImportState, { kind: 'refused' }>;
  readonly onSkipInvalid: () => void;
  readonly onRetry: () => void;
  readonly onOther: () => void;
}) {
  const { totals, chunk, problems, error, file } = state;
  const rest = file.reading.rows.slice(chunk.start);
  const lost = error instanceof ApiError && error.code === NETWORK_ERROR;
  const refused = problems.length > 0;
  const validRest = rest.length - new Set(problems.map((p) => p.line)).size;
  const stored = totals.imported > 0;
  return (
    <>
      <Alert
        tone="error"
        title={
          refused
            ? stored
              ? `The server refused ${lineRange(chunk.rows)}`
              : 'Nothing was imported: the server refused the file'
            : `The import stopped at ${lineRange(chunk.rows)}`
        }
      >
        {stored && (
          <p>
            {countLabel(totals.imported, 'item')} before line{' '}
            {chunk.rows[0]?.line.toLocaleString('en-US')} were imported. Nothing from{' '}
            {lineRange(rest)} was stored.
          </p>
        )}
        {refused ? (
          <p>
            Every row of a request is checked before any is stored; these rows failed the server’s
            checks.
          </p>
        ) : (
          <p>
            {formatApiError(error)}
            {lost &&
              ' The rows of this request may or may not have been stored: look at the Items tab before importing them again.'}
          </p>
        )}
      </Alert>
      <ProblemList title="Rows the server refused" problems={problems} />
      <div className="form-actions">
        {refused && (
          <button type="button" className="button button--primary" onClick={onSkipInvalid}>
            {stored
              ? `Import the remaining ${countLabel(validRest, 'valid row')}`
              : `Import the ${countLabel(validRest, 'valid row')} only`}
          </button>
        )}
        {!refused && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            Send again from line {chunk.rows[0]?.line.toLocaleString('en-US')}
          </button>
        )}
        <button type="button" className="button" onClick={onOther}>
          {stored ? 'Stop here' : 'Choose another file'}
        </button>
      </div>
    </>
  );
}
