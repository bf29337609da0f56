import type { LabelDefinition, StepsField } from '@concord/core/config';
import { choiceKey, labelTitle } from '../../lib/annotation-draft';
import { fieldTitle } from '../../lib/config-summary';
import type { LlmFocus, LlmKeyResult } from '../../lib/llm-answer';
import { stepPreview } from '../../lib/llm-item';
import {
  activateStepsRow,
  firstErrorKey,
  labelStep,
  rowLabel,
  rowLabels,
  stepsRows,
  toggleFirstError,
} from '../../lib/llm-steps-answer';
import type { StepsAnswer as Answer } from '../../lib/llm-steps-answer';
import { Kbd } from '../Kbd';
import { AnswerRow, PickButton } from './AnswerRow';

/**
 * The answer to a steps field: a label per step (with a glimpse of the step; StepsView shows it
 * whole and marks the active one), the first error, and the final answer's label. Controlled
 * like PairwiseAnswer.
 */
export function StepsAnswer({
  field,
  answer,
  steps,
  problems,
  disabled,
  focused = true,
  onChange,
}: {
  readonly field: StepsField;
  readonly answer: Answer;
  /** The item's steps, for a glimpse of each on its row. */
  readonly steps: readonly string[];
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly focused?: boolean;
  readonly onChange: (answer: Answer, focus: LlmFocus | null) => void;
}) {
  const rows = stepsRows(field, answer.labels.length);
  const apply = (result: LlmKeyResult<Answer>) => onChange(result.state, result.focus);
  const firstErrorProblem = problems[firstErrorKey(field)];
  return (
    <div className="answer llm-answer llm-steps" role="group" aria-label={fieldTitle(field)}>
      <h3 className="answer__field">{fieldTitle(field)}</h3>
      {problems[field.name] !== undefined && (
        <p className="answer__problem llm-answer__field-problem" role="alert">
          {problems[field.name]}
        </p>
      )}
      {rows.map((row, index) => {
        const current = rowLabel(answer, row);
        const isFirstError = row.kind === 'step' && answer.firstError === row.step;
        return (
          <AnswerRow
            key={row.key}
            rowKey={row.key}
            title={row.kind === 'step' ? `Step ${row.step + 1}` : 'Final answer'}
            note={
              row.kind === 'step' ? (
                <span title={steps[row.step]?.slice(0, 500)}>
                  {stepPreview(steps[row.step] ?? '', 60)}
                </span>
              ) : undefined
            }
            active={focused && index === answer.active}
            problem={problems[row.key]}
            onActivate={() => apply(activateStepsRow(field, answer, index))}
          >
            <div className="choices">
              {rowLabels(field, row).map((entry, i) => {
                const label: LabelDefinition = entry;
                return (
                  <PickButton
                    key={label.value}
                    keyName={choiceKey(i)}
                    on={current === label.value}
                    disabled={disabled}
                    title={label.definition}
                    onPick={() => apply(labelStep(field, answer, index, label.value))}
                  >
                    {labelTitle(label)}
                  </PickButton>
                );
              })}
              {field.firstError && row.kind === 'step' && (
                <button
                  type="button"
                  className={
                    isFirstError
                      ? 'choice llm-steps__first-error llm-steps__first-error--on'
                      : 'choice llm-steps__first-error'
                  }
                  aria-pressed={isFirstError}
                  disabled={disabled}
                  onClick={() =>
                    onChange({ ...toggleFirstError(field, answer, row.step), active: index }, null)
                  }
                >
                  <Kbd keys={['f']} />
                  <span className="choice__text">First error</span>
                </button>
              )}
            </div>
          </AnswerRow>
        );
      })}
      {field.firstError && (
        <p
          className={
            firstErrorProblem === undefined
              ? 'llm-steps__summary'
              : 'llm-steps__summary llm-steps__summary--invalid'
          }
        >
          First error:{' '}
          <strong>{answer.firstError === null ? 'none' : `step ${answer.firstError + 1}`}</strong>
          {firstErrorProblem !== undefined && (
            <span className="answer__problem" role="alert">
              {' '}
              {firstErrorProblem}
            </span>
          )}
        </p>
      )}
      <p className="answer__keys">
        <Kbd keys={['j', 'k']} /> or <Kbd keys={['↓', '↑']} /> steps · <Kbd keys={['1']} />…
        <Kbd keys={[String(Math.min(9, field.labels.length))]} /> label the step
        {field.firstError && (
          <>
            {' '}
            · <Kbd keys={['f']} /> first error
          </>
        )}{' '}
        · <Kbd keys={['←', '→']} /> another label · <Kbd keys={['⌫']} /> clear
      </p>
    </div>
  );
}
