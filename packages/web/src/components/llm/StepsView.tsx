import { useEffect, useRef } from 'react';
import { parseStep } from '../../lib/llm-item';
import type { StepPart } from '../../lib/llm-item';
import { FoldedMarkdown } from './FoldedMarkdown';

const PART_CLASS: Readonly<Record<StepPart['kind'], string>> = {
  thought: 'tool-step__thought',
  call: 'tool-step__call',
  observation: 'tool-step__observation',
};

/** One step: reasoning as markdown, or an agent's tool call and what it observed. */
function StepBody({ source }: { readonly source: string }) {
  const step = parseStep(source);
  if (step.kind === 'reasoning') return <FoldedMarkdown source={step.text} />;
  return (
    <dl className="tool-step">
      {step.parts.map((part, i) => (
        <div key={i} className={`tool-step__part ${PART_CLASS[part.kind]}`}>
          <dt>{part.label}</dt>
          <dd>
            {part.kind === 'thought' ? (
              <FoldedMarkdown source={part.text} />
            ) : (
              <pre className="tool-step__text">
                <code>{part.text}</code>
              </pre>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A solution in steps: the question, the numbered steps — reasoning, or tool calls with their
 * observations — and the final answer. The step being labelled is highlighted and kept in view;
 * each step shows the label it has and whether it is marked as the first error.
 */
export function StepsView({
  question,
  steps,
  answer,
  current = null,
  labels = [],
  finalLabel = null,
  firstError = null,
  onSelect,
}: {
  readonly question: string;
  readonly steps: readonly string[];
  readonly answer: string | null;
  /** The step being labelled (its index), or steps.length for the final answer; null for none. */
  readonly current?: number | null;
  /** The label given to each step so far (null: none yet). */
  readonly labels?: readonly (string | null)[];
  readonly finalLabel?: string | null;
  readonly firstError?: number | null;
  /** A pointer on a step makes it the one being labelled. */
  readonly onSelect?: (index: number) => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  // The highlighted step comes into view as j / k move through a long trajectory.
  useEffect(() => {
    root.current
      ?.querySelector('[aria-current="step"]')
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [current]);

  return (
    <div className="steps-view" ref={root}>
      <section className="steps-view__question" aria-labelledby="steps-view-question">
        <h2 className="item-view__caption" id="steps-view-question">
          Question
        </h2>
        <FoldedMarkdown source={question} />
      </section>
      <ol className="steps-view__steps" aria-label="Steps">
        {steps.map((step, i) => {
          const label = labels[i] ?? null;
          const className = [
            'step',
            i === current ? 'step--current' : '',
            i === firstError ? 'step--first-error' : '',
          ].join(' ');
          return (
            <li
              key={i}
              className={className}
              aria-current={i === current ? 'step' : undefined}
              aria-label={`Step ${i + 1}${label === null ? '' : `, labelled ${label}`}${i === firstError ? ', first error' : ''}`}
              onPointerDown={onSelect === undefined ? undefined : () => onSelect(i)}
            >
              <div className="step__head" aria-hidden="true">
                <span className="step__number">Step {i + 1}</span>
                {label !== null && <span className="step__label">{label}</span>}
                {i === firstError && <span className="step__first-error">First error</span>}
              </div>
              <StepBody source={step} />
            </li>
          );
        })}
      </ol>
      {answer !== null && (
        <section
          className={
            current === steps.length ? 'steps-view__answer step--current' : 'steps-view__answer'
          }
          aria-labelledby="steps-view-answer"
          aria-current={current === steps.length ? 'step' : undefined}
          onPointerDown={onSelect === undefined ? undefined : () => onSelect(steps.length)}
        >
          <h2 className="item-view__caption" id="steps-view-answer">
            Final answer
            {finalLabel !== null && <span className="step__label">{finalLabel}</span>}
          </h2>
          <FoldedMarkdown source={answer} />
        </section>
      )}
    </div>
  );
}
