import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AdjudicationItem, QualityApi } from '../../api/quality';
import type { ProjectDetail } from '../../api/types';
import { ErrorList } from '../../components/Alert';
import { Kbd } from '../../components/Kbd';
import { TextField } from '../../components/TextField';
import { chooseOn, interpretAdjudicationKey } from '../../lib/adjudication-keys';
import type { AdjudicationCommand, AdjudicationState } from '../../lib/adjudication-keys';
import {
  chooseLlmOption,
  formatRowValue,
  formatValue,
  initialDraft,
  llmOptionKey,
  llmOptions,
  methodLabel,
  rationaleProblem,
  rowOptions,
  rowTitle,
  sameValue,
  splitDecisionErrors,
  whyQueued,
} from '../../lib/adjudication-view';
import type { DecisionErrors } from '../../lib/adjudication-view';
import {
  answerRows,
  buildValue,
  draftProblems,
  rowValue,
  setText,
} from '../../lib/annotation-draft';
import type { AnswerRow } from '../../lib/annotation-draft';
import { formatDateTimeUtc } from '../../lib/format';
import { ItemView } from '../annotate/ItemView';
import { Badge, Panel } from './QualityShared';

const NO_ERRORS: DecisionErrors = { rows: {}, rationale: null, general: [] };

function typingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * One contested item: its data, who said what, the computed decision; and the reviewer's own
 * decision with a rationale, by keyboard or by click. `onDecided` runs only once the server has
 * stored the decision.
 */
export function AdjudicationDecision({
  item,
  project,
  qualityApi,
  canDecide,
  onDecided,
  onSkip,
}: {
  readonly item: AdjudicationItem;
  readonly project: ProjectDetail;
  readonly qualityApi: QualityApi;
  readonly canDecide: boolean;
  readonly onDecided: (summary: string) => void;
  readonly onSkip: () => void;
}) {
  const { config, policy } = project;
  const rows = useMemo(() => answerRows(config), [config]);
  const [state, setState] = useState<AdjudicationState>(() => {
    const draft = initialDraft(config, item.decision.value, item.annotations);
    const open = rows.findIndex((row) => row.kind !== 'text' && rowValue(draft, row) === undefined);
    return { draft, active: Math.max(0, open) };
  });
  const [rationale, setRationale] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<DecisionErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const rationaleId = useId();
  const form = useRef<HTMLDivElement>(null);

  const localRows = attempted ? draftProblems(config, state.draft, item.data) : {};
  const localRationale = attempted ? rationaleProblem(rationale) : null;
  const rowError = (row: AnswerRow) =>
    serverErrors.rows[row.key] ?? localRows[row.key] ?? localRows[row.field.name];
  const rationaleError = serverErrors.rationale ?? localRationale ?? undefined;

  // Keys go to the form, not into the page, from the moment an item is shown.
  useEffect(() => {
    if (canDecide) form.current?.focus({ preventScroll: true });
  }, [canDecide]);

  function focusRationale() {
    document.getElementById(rationaleId)?.focus();
  }

  function decide() {
    if (submitting || !canDecide) return;
    setAttempted(true);
    setServerErrors(NO_ERRORS);
    const problems = draftProblems(config, state.draft, item.data);
    const firstBad = rows.findIndex(
      (r) => problems[r.key] !== undefined || problems[r.field.name] !== undefined,
    );
    if (firstBad !== -1) {
      setState((s) => ({ ...s, active: firstBad }));
      form.current?.focus();
      return;
    }
    if (rationaleProblem(rationale) !== null) {
      focusRationale();
      return;
    }
    const value = buildValue(config, state.draft);
    setSubmitting(true);
    qualityApi.adjudicate(item.itemId, { value, rationale: rationale.trim() }).then(
      () => {
        setSubmitting(false);
        onDecided(`Saved: ${formatValue(config, value)}. The next item is up.`);
      },
      (error: unknown) => {
        setSubmitting(false);
        const split = splitDecisionErrors(error, rows);
        setServerErrors(split);
        if (split.rationale !== null) focusRationale();
      },
    );
  }

  function run(command: AdjudicationCommand | null) {
    switch (command?.kind) {
      case 'decide':
        decide();
        return;
      case 'skip':
        onSkip();
        return;
      case 'focus-rationale':
        focusRationale();
        return;
      case 'focus-choices':
        form.current?.focus();
        return;
      default:
        return;
    }
  }

  // The latest of everything the key handler needs, so it is registered once per item.
  const latest = useRef({ state, run, labels: item.annotations });
  latest.current = { state, run, labels: item.annotations };

  useEffect(() => {
    if (!canDecide) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const target = event.target;
      if (target instanceof HTMLElement && target.closest('dialog[open]') !== null) return;
      const inRationale = target instanceof HTMLElement && target.id === rationaleId;
      const press = {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inRationale,
        inField: !inRationale && typingTarget(target),
      };
      const current = latest.current;
      // A digit on a pairwise, ranking or steps row takes that annotator's value.
      const result =
        llmOptionKey(current.state, rows, current.labels, press) ??
        interpretAdjudicationKey(current.state, rows, press);
      if (!result.handled) return;
      event.preventDefault();
      event.stopPropagation();
      setState(result.state);
      latest.current.run(result.command);
    }
    // Capture, so these keys are used here before the shell's shortcuts see them.
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [canDecide, rows, rationaleId]);

  function choose(
    index: number,
    value: string | number | Readonly<Record<string, unknown>> | readonly unknown[],
  ) {
    const result =
      typeof value === 'object'
        ? chooseLlmOption(state, rows, index, value)
        : chooseOn(state, rows, index, value);
    setState(result.state);
    run(result.command);
  }

  const decision = item.decision;
  // The highest digit any row answers to, for the hint.
  const lastKey = String(
    Math.max(
      1,
      ...rows.flatMap((row) =>
        [...rowOptions(row, []), ...llmOptions(row, item.annotations)].map((o) =>
          o.key === null ? 1 : Number(o.key),
        ),
      ),
    ),
  );
  return (
    <div className="adjudication">
      <div className="adjudication__evidence">
        <Panel
          id="adjudication-item"
          title="The item"
          description={<span className="item-data__id">{item.itemId}</span>}
        >
          <ItemView display={config.display} data={item.data} />
        </Panel>
        <Panel
          id="adjudication-said"
          className="adjudication__said"
          title="Who said what"
          description={`${item.annotations.length} annotators labelled this item.`}
        >
          <div className="table-scroll">
            <table className="said">
              <thead>
                <tr>
                  <th scope="col">Annotator</th>
                  {rows.map((row) => (
                    <th scope="col" key={row.key}>
                      {rowTitle(row)}
                    </th>
                  ))}
                  <th scope="col">Submitted (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {item.annotations.map((label) => (
                  <tr key={label.userId}>
                    <td className="said__who">{label.name}</td>
                    {rows.map((row) => (
                      <td key={row.key}>
                        {formatRowValue(row, label.value)}
                        {row.kind === 'llm' && <Justification value={label.value} row={row} />}
                      </td>
                    ))}
                    <td className="said__when">{formatDateTimeUtc(label.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="computed">
            <span>
              <strong>Computed:</strong> {formatValue(config, decision.value, 'no majority')}
            </span>
            <Badge tone="none">{methodLabel(decision.method)}</Badge>
            <Badge tone={decision.confidence < policy.adjudicationThreshold ? 'warn' : 'none'}>
              confidence {Math.round(decision.confidence * 100)} %
            </Badge>
            <span className="computed__why">{whyQueued(config, decision, policy)}</span>
          </div>
        </Panel>
      </div>

      <Panel id="adjudication-decide" title="Your decision" className="decide-panel">
        {!canDecide ? (
          <div className="decide">
            <p className="muted">
              You can read the queue; deciding is for the project’s reviewers and managers.
            </p>
            <div className="decide__actions">
              <button type="button" className="button" onClick={onSkip}>
                Next item →
              </button>
            </div>
          </div>
        ) : (
          <div
            className="decide"
            ref={form}
            tabIndex={-1}
            role="group"
            aria-label="Your decision: number keys pick a label, Enter decides"
          >
            <ErrorList messages={serverErrors.general} />
            {rows.map((row, index) => (
              <DecisionRow
                key={row.key}
                row={row}
                index={index}
                active={rows.length > 1 && index === state.active}
                item={item}
                value={rowValue(state.draft, row)}
                error={rowError(row)}
                disabled={submitting}
                onChoose={(value) => choose(index, value)}
                onText={(text) =>
                  row.kind === 'text' &&
                  setState((s) => ({ ...s, draft: setText(s.draft, row.field, text) }))
                }
              />
            ))}
            <TextField
              id={rationaleId}
              label="Why (for the adjudication log)"
              rows={3}
              value={rationale}
              onValue={(text) => {
                setRationale(text);
                setServerErrors((e) => ({ ...e, rationale: null }));
              }}
              error={rationaleError}
              placeholder="e.g. Sarcasm about a refund: negative, per rule 3."
              hint={
                <>
                  <Kbd keys={['Enter']} /> decides, <Kbd keys={['Shift', 'Enter']} /> starts a new
                  line, <Kbd keys={['Esc']} /> goes back to the labels.
                </>
              }
            />
            <div className="decide__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={decide}
                disabled={submitting}
              >
                {submitting ? 'Saving…' : 'Decide'} <Kbd keys={['Enter']} />
              </button>
              <button type="button" className="button" onClick={onSkip} disabled={submitting}>
                Skip for now <Kbd keys={['s']} />
              </button>
            </div>
            <p className="decide__hint">
              {rows.length === 1 ? (
                <>
                  <Kbd keys={['1']} />–<Kbd keys={[lastKey]} /> pick,{' '}
                </>
              ) : (
                <>
                  <Kbd keys={['1']} />–<Kbd keys={[lastKey]} /> pick on the highlighted row,{' '}
                  <Kbd keys={['↑']} /> <Kbd keys={['↓']} /> change rows,{' '}
                </>
              )}
              <Kbd keys={['r']} /> writes the rationale. The decision becomes the item’s final label
              and is kept in the log.
            </p>
          </div>
        )}
      </Panel>
    </div>
  );
}

function DecisionRow({
  row,
  index,
  active,
  item,
  value,
  error,
  disabled,
  onChoose,
  onText,
}: {
  readonly row: AnswerRow;
  readonly index: number;
  readonly active: boolean;
  readonly item: AdjudicationItem;
  readonly value: unknown;
  readonly error: string | undefined;
  readonly disabled: boolean;
  readonly onChoose: (
    value: string | number | Readonly<Record<string, unknown>> | readonly unknown[],
  ) => void;
  readonly onText: (text: string) => void;
}) {
  const title = rowTitle(row);
  const errorId = `decide-row-${index}-error`;
  if (row.kind === 'text') {
    return (
      <TextField
        id={`decide-row-${index}`}
        label={title}
        rows={2}
        value={typeof value === 'string' ? value : ''}
        onValue={onText}
        error={error}
        optional={!row.field.required}
      />
    );
  }
  const titleId = `decide-row-${index}-title`;
  // A pairwise, ranking or steps row offers each annotator's value whole; the others their labels
  // or scale points, each with who chose it.
  const shown: readonly ShownOption[] =
    row.kind === 'llm'
      ? llmOptions(row, item.annotations).map((option) => ({
          id: option.voter,
          key: option.key,
          title: option.title,
          detail: option.justification === null ? null : `“${option.justification}”`,
          voters: [option.voter],
          pressed: sameValue(value, option.value),
          value: option.value,
        }))
      : rowOptions(row, item.annotations).map((option) => ({
          id: String(option.value),
          key: option.key,
          title: option.title,
          detail: option.definition,
          voters: option.voters,
          pressed: Array.isArray(value) ? value.includes(option.value) : value === option.value,
          value: option.value,
        }));
  const note =
    row.kind === 'llm'
      ? 'take one annotator’s judgment'
      : row.kind === 'choice' && row.field.multiple
        ? 'any number of labels'
        : null;
  return (
    <div
      role="group"
      aria-labelledby={titleId}
      className={`decide__row${active ? ' decide__row--active' : ''}`}
      aria-describedby={error === undefined ? undefined : errorId}
    >
      <div className="decide__legend">
        <span id={titleId}>{title}</span>
        {note !== null && <span className="muted">{note}</span>}
        {error !== undefined && (
          <span className="decide__row-error" id={errorId}>
            {error}
          </span>
        )}
      </div>
      <div className={row.kind === 'rating' ? 'options options--scale' : 'options'}>
        {shown.map((option) => (
          <button
            key={option.id}
            type="button"
            className={row.kind === 'llm' ? 'option option--llm' : 'option'}
            aria-pressed={option.pressed}
            disabled={disabled}
            onClick={() => onChoose(option.value)}
          >
            {option.key === null ? <span /> : <Kbd keys={[option.key]} />}
            <span className="option__text">
              <span className="option__title">{option.title}</span>
              {option.detail !== null && (
                <span className="option__definition">{option.detail}</span>
              )}
            </span>
            <span className="option__voters">
              {option.voters.map((name) => (
                <span key={name} className="voter" title={`${name} chose this`}>
                  {name}
                </span>
              ))}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

/** An option of a decision row as drawn: a label, a scale point or an annotator's whole value. */
interface ShownOption {
  readonly id: string;
  readonly key: string | null;
  readonly title: string;
  /** The label's definition, or the annotator's justification. */
  readonly detail: string | null;
  readonly voters: readonly string[];
  readonly pressed: boolean;
  readonly value: string | number | Readonly<Record<string, unknown>> | readonly unknown[];
}

/** An annotator's justification of a pairwise or ranking value, under its summary. */
function Justification({ value, row }: { readonly value: unknown; readonly row: AnswerRow }) {
  const entry =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[row.field.name]
      : undefined;
  const why =
    typeof entry === 'object' && entry !== null
      ? (entry as Record<string, unknown>).justification
      : undefined;
  if (typeof why !== 'string' || why.trim() === '') return null;
  return <p className="said__why">“{why}”</p>;
}
