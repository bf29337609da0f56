import type { FieldConfig, LabelDefinition } from '@concord/core/config';
import { choiceKey, humanize, labelTitle, scalePoints } from '../lib/annotation-draft';
import { describeField, fieldTitle } from '../lib/config-summary';
import { Kbd } from './Kbd';

/**
 * What each field asks for, with every label's definition and decision rules and the names of
 * the scale points: the taxonomy as annotators apply it. `keys` shows the key of each label.
 */
export function FieldGuide({
  fields,
  keys = false,
  missing = true,
}: {
  readonly fields: readonly FieldConfig[];
  readonly keys?: boolean;
  /** Say so where a label has no definition: a gap for a manager to fill, noise to annotators. */
  readonly missing?: boolean;
}) {
  return (
    <div className="field-guide">
      {fields.map((field) => (
        <section key={field.name} className="field-guide__field">
          <h3 className="field-guide__title">
            {fieldTitle(field)} <span className="field-guide__type">{describeField(field)}</span>
          </h3>
          {(field.type === 'choice' || field.type === 'spans') && (
            <dl className="label-guide">
              {field.labels.map((entry, i) => {
                const label: LabelDefinition = entry;
                const key = choiceKey(i);
                return (
                  <div key={label.value} className="label-guide__label">
                    <dt>
                      {keys && key !== null && <Kbd keys={[key]} />}
                      <span className="label-guide__name">{labelTitle(label)}</span>
                      {label.title !== undefined && label.title !== label.value && (
                        <code className="label-guide__value">{label.value}</code>
                      )}
                    </dt>
                    <dd>
                      {label.definition === undefined
                        ? missing && <span className="muted">No definition given.</span>
                        : label.definition}
                      {(label.rules ?? []).length > 0 && (
                        <ul className="label-guide__rules">
                          {(label.rules ?? []).map((rule) => (
                            <li key={rule}>{rule}</li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
          {field.type === 'rating' && field.anchors !== undefined && (
            <dl className="label-guide label-guide--scale">
              {scalePoints(field)
                .filter((point) => point.anchor !== null)
                .map((point) => (
                  <div key={point.value} className="label-guide__label">
                    <dt>
                      {keys && point.key !== null ? (
                        <Kbd keys={[point.key]} />
                      ) : (
                        <span className="label-guide__name">{point.value}</span>
                      )}
                    </dt>
                    <dd>{point.anchor}</dd>
                  </div>
                ))}
            </dl>
          )}
          {field.type === 'rating' && (field.dimensions ?? []).length > 0 && (
            <p className="field-guide__note">
              Rate each of {(field.dimensions ?? []).map(humanize).join(', ')} on its own.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
