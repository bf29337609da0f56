import { useEffect, useRef, useState } from 'react';
import type { SpansField } from '@concord/core/config';
import type { LlmFocus } from '../../lib/llm-answer';
import {
  SPANS_KEYS,
  attributeKeys,
  labelCounts,
  quote,
  removeSpan,
  selectSpan,
  toggleAttribute,
} from '../../lib/spans-answer';
import type { SpansAnswer as Answer } from '../../lib/spans-answer';
import { SPAN_COLOURS, colourIndex, tagText } from '../../lib/spans-palette';
import { fieldTitle } from '../../lib/config-summary';
import { Kbd } from '../Kbd';

/**
 * The spans marked so far, as a list beside the text: per label counts that filter it, each span
 * with its words, range and attribute boxes; a click selects a span in the text. The list
 * scrolls on its own, so a note with many spans keeps the buttons in view.
 */
export function SpansAnswer({
  field,
  answer,
  problem,
  disabled,
  onChange,
}: {
  readonly field: SpansField;
  readonly answer: Answer;
  readonly problem: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (answer: Answer, focus: LlmFocus | null) => void;
}) {
  const [only, setOnly] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const counts = labelCounts(field, answer.spans);
  const keys = attributeKeys(field);
  const colourOf = (label: string) =>
    SPAN_COLOURS[
      colourIndex(
        Math.max(
          0,
          field.labels.findIndex((l) => l.value === label),
        ),
      )
    ] ?? '#999999';
  const shown = answer.spans
    .map((span, index) => ({ span, index }))
    .filter(({ span }) => only === null || span.label === only);

  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [answer.selected]);

  return (
    <div className="spans-answer" role="group" aria-labelledby={`spans-${field.name}`}>
      <div className="spans-answer__head">
        <h3 className="answer__field" id={`spans-${field.name}`}>
          {fieldTitle(field)}
          {!field.required && <span className="answer__optional"> optional</span>}
        </h3>
        <div className="spans-answer__filters" role="group" aria-label="Show spans">
          <button
            type="button"
            className={only === null ? 'spans-filter spans-filter--on' : 'spans-filter'}
            aria-pressed={only === null}
            onClick={() => setOnly(null)}
          >
            All <span className="spans-filter__count">{answer.spans.length}</span>
          </button>
          {field.labels.map((label) => (
            <button
              key={label.value}
              type="button"
              className={only === label.value ? 'spans-filter spans-filter--on' : 'spans-filter'}
              aria-pressed={only === label.value}
              onClick={() => setOnly(only === label.value ? null : label.value)}
            >
              <span
                className="spans-filter__dot"
                style={{ background: colourOf(label.value) }}
                aria-hidden="true"
              />
              {label.value} <span className="spans-filter__count">{counts.get(label.value)}</span>
            </button>
          ))}
        </div>
      </div>
      {answer.spans.length === 0 ? (
        <p className="spans-answer__empty muted">
          No spans yet.{' '}
          {field.required ? 'Mark at least one.' : 'Submitting none says there is nothing to mark.'}
        </p>
      ) : (
        <ol className="spans-list" ref={list} aria-label="Spans">
          {shown.map(({ span, index }) => {
            const colour = colourOf(span.label);
            const current = answer.selected === index;
            return (
              <li
                key={`${span.start}-${span.end}-${span.label}`}
                className={current ? 'spans-list__row spans-list__row--current' : 'spans-list__row'}
                aria-current={current ? 'true' : undefined}
                data-span={`${span.label} ${span.start}-${span.end}`}
              >
                <button
                  type="button"
                  className="spans-list__pick"
                  onClick={() => onChange(selectSpan(answer, current ? null : index), 'row')}
                  disabled={disabled}
                >
                  <span
                    className="spans-list__label"
                    style={{ background: colour, color: tagText(colour) }}
                  >
                    {span.label}
                  </span>
                  <span className="spans-list__text">{quote(answer, span, 80)}</span>
                  <span className="spans-list__range">
                    {span.start}–{span.end}
                  </span>
                </button>
                {field.attributes.map((attribute) => (
                  <label key={attribute} className="spans-list__flag">
                    <input
                      type="checkbox"
                      checked={span.attributes?.includes(attribute) === true}
                      disabled={disabled}
                      onChange={() =>
                        onChange(
                          selectSpan(toggleAttribute(field, answer, index, attribute), index),
                          'row',
                        )
                      }
                    />
                    {attribute}
                    {current && keys.get(attribute) !== undefined && (
                      <Kbd keys={[keys.get(attribute) ?? '']} />
                    )}
                  </label>
                ))}
                <button
                  type="button"
                  className="button--link spans-list__remove"
                  aria-label={`Remove ${span.label} ${quote(answer, span)}`}
                  disabled={disabled}
                  onClick={() => onChange(removeSpan(answer, index), 'row')}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {problem !== undefined && (
        <p className="answer__problem" role="alert">
          {problem}
        </p>
      )}
      <p className="spans-answer__keys">
        {SPANS_KEYS.map(({ keys: k, does }) => (
          <span key={does}>
            <Kbd keys={k} /> {does}
          </span>
        ))}
        {field.attributes.length > 0 && (
          <span>
            <Kbd keys={[...keys.values()]} /> toggle {[...keys.keys()].join(', ')}
          </span>
        )}
      </p>
    </div>
  );
}
