import { llmItemView } from '../../lib/llm-item';
import type { LlmAnswer } from '../../lib/llm-answer';
import { Conversation } from './Conversation';
import { ResponsesSideBySide } from './ResponsesSideBySide';
import { StepsView } from './StepsView';

/**
 * An item of an LLM feedback field: the conversation and the responses to compare, or the
 * solution in steps. The answer being built shows on it: the response the ranking keys hold,
 * the step being labelled with the labels so far. Null for data of another shape — the generic
 * ItemView shows that.
 */
export function LlmItem({
  data,
  answer = null,
  onSelectStep,
}: {
  readonly data: unknown;
  readonly answer?: LlmAnswer | null;
  /** A pointer on a step (or the final answer, index = number of steps) to label it. */
  readonly onSelectStep?: (index: number) => void;
}) {
  const view = llmItemView(data);
  if (view === null) return null;
  if (view.kind === 'steps') {
    const steps = answer?.kind === 'steps' ? answer : null;
    return (
      <StepsView
        question={view.question}
        steps={view.steps}
        answer={view.answer}
        current={steps?.active ?? null}
        labels={steps?.labels ?? []}
        finalLabel={steps?.final ?? null}
        firstError={steps?.firstError ?? null}
        onSelect={onSelectStep}
      />
    );
  }
  return (
    <div className="llm-item">
      <Conversation messages={view.messages} promptOnly={view.promptOnly} />
      <ResponsesSideBySide
        responses={view.responses}
        selected={answer?.kind === 'ranking' ? answer.selected : null}
      />
    </div>
  );
}
