import type { ReactNode } from 'react';
import type { PairwiseField, RankingField } from '@concord/core/config';
import { humanize } from '../../lib/annotation-draft';
import { fieldTitle } from '../../lib/config-summary';
import { justificationId, justificationLength } from '../../lib/llm-answer';
import type { ComparisonRow } from '../../lib/llm-answer-rows';
import { Kbd } from '../Kbd';

/**
 * One row of an LLM answer widget, laid out as the workspace's rows are: its name on the left,
 * its controls on the right, its problem under them. The active row — where the keys act — is
 * marked; a pointer on the row makes it the active one.
 */
export function AnswerRow({
  rowKey,
  title,
  note,
  active,
  problem,
  onActivate,
  children,
}: {
  readonly rowKey: string;
  readonly title: ReactNode;
  /** A line under the title: a dimension's rubric, "optional". */
  readonly note?: ReactNode;
  readonly active: boolean;
  readonly problem: string | undefined;
  readonly onActivate: () => void;
  readonly children: ReactNode;
}) {
  const titleId = `answer-${rowKey}`;
  const className = [
    'answer__row',
    active ? 'answer__row--active' : '',
    problem !== undefined ? 'answer__row--invalid' : '',
  ].join(' ');
  return (
    <div
      className={className}
      role="group"
      aria-labelledby={titleId}
      aria-current={active ? 'true' : undefined}
      onPointerDown={onActivate}
    >
      <div className="answer__label" id={titleId}>
        {title}
        {note !== undefined && <span className="llm-answer__note">{note}</span>}
      </div>
      <div className="answer__controls">{children}</div>
      {problem !== undefined && (
        <p className="answer__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A button that picks something on a row, with the key that picks it. */
export function PickButton({
  keyName,
  on,
  disabled,
  label,
  title,
  onPick,
  children,
}: {
  readonly keyName: string | null;
  readonly on: boolean;
  readonly disabled: boolean;
  /** The accessible name when the visible text is short ("A" → "A is better"). */
  readonly label?: string;
  readonly title?: string;
  readonly onPick: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={on ? 'choice choice--on' : 'choice'}
      aria-pressed={on}
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={onPick}
    >
      {keyName !== null && <Kbd keys={[keyName]} />}
      <span className="choice__text">{children}</span>
    </button>
  );
}

/**
 * The justification's row: a text area with a live count against the minimum the field asks
 * for. Esc leaves it for the keys, Tab moves on, Ctrl+Enter submits (the workspace's keys).
 */
export function JustificationRow({
  field,
  rowKey,
  active,
  problem,
  text,
  disabled,
  onActivate,
  onText,
}: {
  readonly field: ComparisonField;
  readonly rowKey: string;
  readonly active: boolean;
  readonly problem: string | undefined;
  readonly text: string;
  readonly disabled: boolean;
  readonly onActivate: () => void;
  readonly onText: (text: string) => void;
}) {
  const required = field.justification === 'required';
  const minLength = required ? field.minJustificationLength : 0;
  const length = justificationLength(text);
  const enough = !required || length >= Math.max(1, minLength);
  const id = justificationId(field.name);
  return (
    <AnswerRow
      rowKey={rowKey}
      title="Why"
      note={required ? undefined : 'optional'}
      active={active}
      problem={problem}
      onActivate={onActivate}
    >
      <div className="answer__text">
        <textarea
          id={id}
          className="input textarea answer__textarea"
          rows={3}
          aria-labelledby={`answer-${rowKey}`}
          aria-describedby={`${id}-count`}
          value={text}
          disabled={disabled}
          onFocus={onActivate}
          onChange={(e) => onText(e.target.value)}
        />
        <span className="field__hint llm-answer__count" id={`${id}-count`}>
          <span
            className={
              required
                ? enough
                  ? 'llm-answer__count--enough'
                  : 'llm-answer__count--short'
                : undefined
            }
          >
            {minLength <= 0
              ? `${length} ${length === 1 ? 'character' : 'characters'}`
              : `${length} of at least ${minLength} characters`}
          </span>{' '}
          · <Kbd keys={['Esc']} /> back to the keys · <Kbd keys={['Ctrl', '↵']} /> submit
        </span>
      </div>
    </AnswerRow>
  );
}

/** What the rows of pairwise and ranking answers need of their field. */
type ComparisonField = PairwiseField | RankingField;

/** The title of a dimension or overall row of a pairwise or ranking field, and its rubric. */
function comparisonTitle(
  row: ComparisonRow,
  rubric: Readonly<Record<string, string>> | undefined,
): { readonly title: string; readonly note: string | undefined } {
  return row.kind === 'dimension'
    ? { title: humanize(row.dimension), note: rubric?.[row.dimension] }
    : { title: 'Overall', note: undefined };
}

/**
 * The rows of a pairwise or ranking answer: a row per dimension and the overall one, with the
 * controls `controls` draws for each, then the justification, then the keys (`children`).
 */
export function ComparisonRows({
  field,
  rows,
  active,
  justification,
  problems,
  disabled,
  onActivate,
  onText,
  controls,
  children,
}: {
  readonly field: ComparisonField;
  readonly rows: readonly ComparisonRow[];
  /** The active row's index, or null when the keys act on another field. */
  readonly active: number | null;
  readonly justification: string;
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly onActivate: (index: number) => void;
  readonly onText: (text: string) => void;
  readonly controls: (row: ComparisonRow, index: number) => ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <div className="answer llm-answer" role="group" aria-label={fieldTitle(field)}>
      <h3 className="answer__field">{fieldTitle(field)}</h3>
      {rows.map((row, index) =>
        row.kind === 'justification' ? (
          <JustificationRow
            key={row.key}
            field={field}
            rowKey={row.key}
            active={index === active}
            problem={problems[row.key]}
            text={justification}
            disabled={disabled}
            onActivate={() => onActivate(index)}
            onText={onText}
          />
        ) : (
          <AnswerRow
            key={row.key}
            rowKey={row.key}
            {...comparisonTitle(row, field.rubric)}
            active={index === active}
            problem={problems[row.key]}
            onActivate={() => onActivate(index)}
          >
            {controls(row, index)}
          </AnswerRow>
        ),
      )}
      <p className="answer__keys">{children}</p>
    </div>
  );
}
