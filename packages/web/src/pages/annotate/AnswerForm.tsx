import type { LabelDefinition, LlmField } from '@concord/core/config';
import {
  choiceKey,
  humanize,
  labelTitle,
  llmAnswerOf,
  rowValue,
  scalePoints,
  setText,
} from '../../lib/annotation-draft';
import type { AnswerRow, Draft } from '../../lib/annotation-draft';
import { fieldTitle } from '../../lib/config-summary';
import type { LlmAnswer, LlmFocus } from '../../lib/llm-answer';
import { llmItemView } from '../../lib/llm-item';
import { Kbd } from '../../components/Kbd';
import { PairwiseAnswer } from '../../components/llm/PairwiseAnswer';
import { RankingAnswer } from '../../components/llm/RankingAnswer';
import { StepsAnswer } from '../../components/llm/StepsAnswer';
import { SpansAnswer } from '../../components/spans/SpansAnswer';

interface AnswerFormProps {
  readonly rows: readonly AnswerRow[];
  readonly draft: Draft;
  /** The item's data: the responses a ranking orders, the steps a steps field labels. */
  readonly data: unknown;
  readonly active: number;
  /** Problems to show next to rows, by row key (after a refused Enter, or the server's). */
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  /** A label or score clicked on a row. */
  readonly onChoose: (row: number, value: string | number) => void;
  readonly onText: (draft: Draft) => void;
  readonly onActivate: (row: number) => void;
  /** A pairwise, ranking or steps answer changed with the pointer, and where focus goes. */
  readonly onLlm: (row: number, field: string, answer: LlmAnswer, focus: LlmFocus | null) => void;
}

/** The widget of a pairwise, ranking or steps field, its rows marked while the keys act on it. */
function LlmAnswerWidget({
  field,
  answer,
  data,
  focused,
  problems,
  disabled,
  onChange,
}: {
  readonly field: LlmField;
  readonly answer: LlmAnswer;
  readonly data: unknown;
  readonly focused: boolean;
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly onChange: (answer: LlmAnswer, focus: LlmFocus | null) => void;
}) {
  const view = llmItemView(data);
  const common = { problems, disabled, focused, onChange };
  if (field.type === 'pairwise' && answer.kind === 'pairwise')
    return <PairwiseAnswer field={field} answer={answer} {...common} />;
  if (field.type === 'ranking' && answer.kind === 'ranking')
    return (
      <RankingAnswer
        field={field}
        answer={answer}
        responses={view?.kind === 'responses' ? view.responses : []}
        {...common}
      />
    );
  if (field.type === 'steps' && answer.kind === 'steps')
    return (
      <StepsAnswer
        field={field}
        answer={answer}
        steps={view?.kind === 'steps' ? view.steps : []}
        {...common}
      />
    );
  return null;
}

function rowTitle(row: AnswerRow): string {
  if (row.kind === 'rating' && row.dimension !== null) return humanize(row.dimension);
  return fieldTitle(row.field);
}

/** Whether the row starts a new field (a rated field's first dimension carries its title). */
function fieldHeading(rows: readonly AnswerRow[], index: number): string | null {
  const row = rows[index];
  if (row?.kind !== 'rating' || row.dimension === null) return null;
  const previous = rows[index - 1];
  return previous?.field.name === row.field.name ? null : fieldTitle(row.field);
}

/**
 * The answer, a row per choice field, rated dimension and text field. Every label and score
 * shows the key that picks it; the active row — where the keys act — is marked.
 */
export function AnswerForm(props: AnswerFormProps) {
  const { rows, draft, active, problems, disabled } = props;
  return (
    <div className="answer" role="group" aria-label="Your answer">
      {rows.map((row, index) => {
        const problem = problems[row.key] ?? problems[row.field.name];
        const heading = fieldHeading(rows, index);
        const className = [
          'answer__row',
          index === active ? 'answer__row--active' : '',
          problem !== undefined ? 'answer__row--invalid' : '',
        ].join(' ');
        const titleId = `answer-${row.key}`;
        if (row.kind === 'llm') {
          const answer = llmAnswerOf(draft, row.field);
          if (row.field.type === 'spans')
            return (
              <div key={row.key} className="answer__block">
                {answer?.kind === 'spans' && (
                  <SpansAnswer
                    field={row.field}
                    answer={answer}
                    problem={problem}
                    disabled={disabled}
                    onChange={(next, focus) => props.onLlm(index, row.field.name, next, focus)}
                  />
                )}
              </div>
            );
          const field = row.field;
          return (
            <div key={row.key} className="answer__block">
              {answer === null ? null : (
                <LlmAnswerWidget
                  field={field}
                  answer={answer}
                  data={props.data}
                  focused={index === active}
                  problems={problems}
                  disabled={disabled}
                  onChange={(next, focus) => props.onLlm(index, row.field.name, next, focus)}
                />
              )}
            </div>
          );
        }
        return (
          <div key={row.key} className="answer__block">
            {heading !== null && <h3 className="answer__field">{heading}</h3>}
            <div
              className={className}
              role="group"
              aria-labelledby={titleId}
              aria-current={index === active ? 'true' : undefined}
              onPointerDown={() => props.onActivate(index)}
            >
              <div className="answer__label" id={titleId}>
                {rowTitle(row)}
                {row.field.required || row.kind === 'rating' ? null : (
                  <span className="answer__optional"> optional</span>
                )}
              </div>
              <div className="answer__controls">
                {row.kind === 'choice' && (
                  <div className="choices">
                    {row.field.labels.map((entry, i) => {
                      const label: LabelDefinition = entry;
                      const value = rowValue(draft, row);
                      const on = Array.isArray(value)
                        ? value.includes(label.value)
                        : value === label.value;
                      const key = choiceKey(i);
                      return (
                        <button
                          key={label.value}
                          type="button"
                          className={on ? 'choice choice--on' : 'choice'}
                          aria-pressed={on}
                          disabled={disabled}
                          title={label.definition}
                          onClick={() => props.onChoose(index, label.value)}
                        >
                          {key !== null && <Kbd keys={[key]} />}
                          <span className="choice__text">{labelTitle(label)}</span>
                          {row.field.multiple && (
                            <span className="choice__check" aria-hidden="true">
                              {on ? '✓' : ''}
                            </span>
                          )}
                        </button>
                      );
                    })}
                  </div>
                )}
                {row.kind === 'rating' && (
                  <div className="scale">
                    {scalePoints(row.field).map((point) => {
                      const on = rowValue(draft, row) === point.value;
                      return (
                        <button
                          key={point.value}
                          type="button"
                          className={on ? 'scale__point scale__point--on' : 'scale__point'}
                          aria-pressed={on}
                          aria-label={`${point.value}${point.anchor === null ? '' : ` (${point.anchor})`}`}
                          disabled={disabled}
                          onClick={() => props.onChoose(index, point.value)}
                        >
                          <span className="scale__value">{point.value}</span>
                          {point.anchor !== null && (
                            <span className="scale__anchor">{point.anchor}</span>
                          )}
                          {point.key !== null && point.key !== String(point.value) && (
                            <Kbd keys={[point.key]} />
                          )}
                        </button>
                      );
                    })}
                  </div>
                )}
                {row.kind === 'text' && (
                  <div className="answer__text">
                    <textarea
                      id={`answer-text-${row.field.name}`}
                      className="input textarea answer__textarea"
                      rows={2}
                      aria-labelledby={titleId}
                      value={
                        typeof draft[row.field.name] === 'string'
                          ? (draft[row.field.name] as string)
                          : ''
                      }
                      disabled={disabled}
                      maxLength={row.field.maxLength}
                      onFocus={() => props.onActivate(index)}
                      onChange={(e) => props.onText(setText(draft, row.field, e.target.value))}
                    />
                    <span className="field__hint">
                      <Kbd keys={['Esc']} /> back to the keys · <Kbd keys={['Ctrl', '↵']} /> submit
                    </span>
                  </div>
                )}
              </div>
              {problem !== undefined && (
                <p className="answer__problem" role="alert">
                  {problem}
                </p>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
