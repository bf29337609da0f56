import type { PairwiseChoice, PairwiseField } from '@concord/core/config';
import type { LlmFocus, LlmKeyResult } from '../../lib/llm-answer';
import {
  STRENGTH_NAMES,
  activatePairwiseRow,
  choosePairwise,
  judgmentOf,
  pairwiseChoices,
  pairwiseRows,
  setPairwiseJustification,
  setPairwiseStrength,
} from '../../lib/llm-pairwise-answer';
import type { PairwiseAnswer as Answer, Strength } from '../../lib/llm-pairwise-answer';
import { Kbd } from '../Kbd';
import { ComparisonRows, PickButton } from './AnswerRow';

const CHOICE_KEYS: Readonly<Record<PairwiseChoice, string>> = { A: 'a', B: 'b', tie: 't' };
const CHOICE_TEXT: Readonly<Record<PairwiseChoice, string>> = { A: 'A', B: 'B', tie: 'Tie' };
const CHOICE_NAMES: Readonly<Record<PairwiseChoice, string>> = {
  A: 'A is better',
  B: 'B is better',
  tie: 'Tie: equally good',
};
const STRENGTHS: readonly Strength[] = [1, 2, 3];

/**
 * The answer to a pairwise field: A, B or tie per dimension and overall (with how much better
 * when the field asks), and the justification. Controlled: every change goes to `onChange` with
 * where focus should go; the keys come through interpretLlmKey in the workspace.
 */
export function PairwiseAnswer({
  field,
  answer,
  problems,
  disabled,
  focused = true,
  onChange,
}: {
  readonly field: PairwiseField;
  readonly answer: Answer;
  /** Problems by row key (llmAnswerProblems, and the server's). */
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  /** The keys act on this field: its active row is marked. */
  readonly focused?: boolean;
  readonly onChange: (answer: Answer, focus: LlmFocus | null) => void;
}) {
  const apply = (result: LlmKeyResult<Answer>) => onChange(result.state, result.focus);
  const choices = pairwiseChoices(field);
  return (
    <ComparisonRows
      field={field}
      rows={pairwiseRows(field)}
      active={focused ? answer.active : null}
      justification={answer.justification}
      problems={problems}
      disabled={disabled}
      onActivate={(index) => apply(activatePairwiseRow(field, answer, index))}
      onText={(text) => onChange(setPairwiseJustification(answer, text), null)}
      controls={(row, index) => {
        const judgment = judgmentOf(answer, row);
        const canGrade = judgment !== null && judgment.choice !== 'tie';
        return (
          <div className="choices llm-pairwise">
            {choices.map((choice) => (
              <PickButton
                key={choice}
                keyName={CHOICE_KEYS[choice]}
                on={judgment?.choice === choice}
                disabled={disabled}
                label={CHOICE_NAMES[choice]}
                onPick={() => apply(choosePairwise(field, answer, index, choice))}
              >
                {CHOICE_TEXT[choice]}
              </PickButton>
            ))}
            {field.strength && (
              <div
                className="llm-pairwise__strength"
                role="group"
                aria-label={`How much better${row.kind === 'overall' ? '' : ' (optional)'}`}
              >
                {STRENGTHS.map((strength) => (
                  <PickButton
                    key={strength}
                    keyName={String(strength)}
                    on={canGrade && judgment.strength === strength}
                    disabled={disabled || !canGrade}
                    label={`${strength}: ${STRENGTH_NAMES[strength]}`}
                    onPick={() => apply(setPairwiseStrength(field, answer, index, strength))}
                  >
                    {STRENGTH_NAMES[strength].replace(' better', '')}
                  </PickButton>
                ))}
              </div>
            )}
          </div>
        );
      }}
    >
      <Kbd keys={['a']} /> <Kbd keys={['b']} />
      {field.allowTies && (
        <>
          {' '}
          <Kbd keys={['t']} />
        </>
      )}{' '}
      A, B{field.allowTies ? ' or tie' : ''}
      {field.strength ? (
        <>
          {' '}
          · <Kbd keys={['1']} /> <Kbd keys={['2']} /> <Kbd keys={['3']} /> slightly, clearly or much
          better
        </>
      ) : (
        <> (or 1 2{field.allowTies ? ' 3' : ''})</>
      )}{' '}
      · <Kbd keys={['↑', '↓']} /> rows · <Kbd keys={['⌫']} /> clear a row
    </ComparisonRows>
  );
}
