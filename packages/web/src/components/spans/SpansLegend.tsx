import type { LabelDefinition } from '@concord/core/config';
import {
  applyLabel,
  attributeKeys,
  labelCounts,
  quote,
  toggleAttribute,
} from '../../lib/spans-answer';
import { SPAN_COLOURS, colourIndex, tagText } from '../../lib/spans-palette';
import { Kbd } from '../Kbd';
import type { SpansWidgetProps } from './SpansText';

const titleOf = (label: LabelDefinition) =>
  label.title !== undefined && label.title !== '' ? label.title : label.value;

/**
 * Above the text, in view while it scrolls: each label with its key, colour and count (a click
 * labels the selection), the attributes with their keys, what is selected, and why the last
 * action was refused.
 */
export function SpansLegend({ field, answer, onChange }: SpansWidgetProps) {
  const counts = labelCounts(field, answer.spans);
  const keys = attributeKeys(field);
  const current = answer.selected === null ? undefined : answer.spans[answer.selected];
  const target = answer.selection ?? current ?? null;
  return (
    <div className="spans-legend" role="group" aria-label="Labels">
      <div className="spans-legend__labels">
        {field.labels.map((entry, i) => {
          const label: LabelDefinition = entry;
          const colour = SPAN_COLOURS[colourIndex(i)] ?? '#999999';
          const on = current?.label === label.value;
          return (
            <button
              key={label.value}
              type="button"
              className={on ? 'spans-label spans-label--on' : 'spans-label'}
              aria-pressed={on}
              title={label.definition}
              onClick={() => onChange(applyLabel(field, answer, label.value), 'row')}
            >
              {i < 9 && <Kbd keys={[String(i + 1)]} />}
              <span
                className="spans-label__chip"
                style={{ background: colour, color: tagText(colour) }}
              >
                {titleOf(label)}
              </span>
              <span className="spans-label__count" aria-label={`${counts.get(label.value)} marked`}>
                {counts.get(label.value)}
              </span>
            </button>
          );
        })}
        {field.attributes.length > 0 && (
          <span className="spans-legend__attributes" role="group" aria-label="Attributes">
            {field.attributes.map((attribute) => {
              const on = current?.attributes?.includes(attribute) === true;
              const key = keys.get(attribute);
              return (
                <button
                  key={attribute}
                  type="button"
                  className={on ? 'spans-flag spans-flag--on' : 'spans-flag'}
                  aria-pressed={on}
                  disabled={current === undefined}
                  onClick={() =>
                    answer.selected !== null &&
                    onChange(toggleAttribute(field, answer, answer.selected, attribute), 'row')
                  }
                >
                  {key !== undefined && <Kbd keys={[key]} />} {attribute}
                </button>
              );
            })}
          </span>
        )}
      </div>
      <p className="spans-legend__status" aria-live="polite">
        {answer.message !== null ? (
          <span className="spans-legend__message" role="alert">
            {answer.message}
          </span>
        ) : target === null ? (
          <span className="muted">
            Drag over the text, or press <Kbd keys={['→']} /> to pick a word, then a number.
          </span>
        ) : answer.selection !== null ? (
          <>
            Selected “<strong>{quote(answer, target, 60)}</strong>” ({target.start}–{target.end}):
            press a number to label it.
          </>
        ) : (
          <>
            Span {current?.label} “<strong>{quote(answer, target, 60)}</strong>”: a number re-labels
            it, <Kbd keys={['⌫']} /> removes it.
          </>
        )}
      </p>
    </div>
  );
}
