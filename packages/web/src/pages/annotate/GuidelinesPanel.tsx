import { useEffect, useRef } from 'react';
import type { ProjectDetail } from '../../api/types';
import { FieldGuide } from '../../components/FieldGuide';
import { KeyList } from '../../components/Kbd';
import { Markdown } from '../../components/Markdown';
import { SPANS_KEYS } from '../../lib/spans-answer';

/** The workspace's keys, for the panel and the bar under the answer. */
export const WORKSPACE_KEYS: readonly {
  readonly keys: readonly string[];
  readonly does: string;
}[] = [
  { keys: ['1', '…', '9'], does: 'Pick a label or score on the marked row' },
  { keys: ['↑', '↓'], does: 'Move between rows (Tab too)' },
  { keys: ['←', '→'], does: 'Score down or up; the label before or after' },
  { keys: ['⌫'], does: 'Clear the marked row' },
  { keys: ['↵'], does: 'Submit' },
  { keys: ['s'], does: 'Skip this item' },
  { keys: ['r'], does: 'Give it back with a reason' },
  { keys: ['g'], does: 'Guidelines (or ?)' },
  { keys: ['Esc'], does: 'Close, or leave a text field' },
];

type KeyEntry = { readonly keys: readonly string[]; readonly does: string };

/** The keys of the pairwise, ranking and steps widgets, shown when the project has such a field. */
export const LLM_WORKSPACE_KEYS: Readonly<
  Record<'pairwise' | 'ranking' | 'steps', readonly KeyEntry[]>
> = {
  pairwise: [
    { keys: ['a', 'b', 't'], does: 'Pairwise: A better, B better, or tie on the marked row' },
    { keys: ['1', '2', '3'], does: 'Pairwise: slightly, clearly or much better (when asked)' },
    { keys: ['←', '→'], does: 'Pairwise: the choice before or after' },
  ],
  ranking: [
    { keys: ['1', '…', '9'], does: 'Ranking: hold that response' },
    { keys: ['↑', '↓'], does: 'Ranking: move the held response up or down (Alt too)' },
    { keys: ['='], does: 'Ranking: tie the held response with the one above, or untie it' },
    { keys: ['c'], does: 'Ranking: keep the order as it stands and go on' },
    { keys: ['Esc'], does: 'Ranking: let go of the held response' },
    { keys: ['Space'], does: 'Ranking: on a drag handle, pick up or drop the response' },
  ],
  steps: [
    { keys: ['j', 'k'], does: 'Steps: next or previous step (↓ ↑ too)' },
    { keys: ['1', '…', '9'], does: 'Steps: label the marked step (or the final answer)' },
    { keys: ['f'], does: 'Steps: mark the step as the first error, or unmark it' },
  ],
};

/** The keys of a project's workspace: the general ones, then those of its LLM fields' widgets. */
export function workspaceKeys(fieldTypes: readonly string[]): readonly KeyEntry[] {
  const widgets = (['pairwise', 'ranking', 'steps'] as const).filter((t) => fieldTypes.includes(t));
  return [
    ...WORKSPACE_KEYS,
    ...widgets.flatMap((t) => LLM_WORKSPACE_KEYS[t]),
    ...(widgets.length > 0
      ? [{ keys: ['Tab'], does: 'Into the justification; Esc back to the keys' }]
      : []),
    ...(fieldTypes.includes('spans')
      ? SPANS_KEYS.map((k) => ({ keys: k.keys, does: `Spans: ${k.does}` }))
      : []),
  ];
}

/**
 * The guidelines beside the item, not over it: labelling goes on while they are open. The
 * label definitions and decision rules come first — they are what is looked up mid-item.
 */
export function GuidelinesPanel({
  project,
  onClose,
}: {
  readonly project: ProjectDetail;
  readonly onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <aside className="guidelines-panel" aria-labelledby="guidelines-title">
      <div className="guidelines-panel__header">
        <h2 className="guidelines-panel__title" id="guidelines-title" ref={heading} tabIndex={-1}>
          Guidelines <span className="muted">v{project.guidelineVersion}</span>
        </h2>
        <button
          type="button"
          className="alert__dismiss"
          aria-label="Close the guidelines"
          title="Close (g or Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="guidelines-panel__body">
        <section aria-label="Labels">
          <FieldGuide fields={project.config.fields} keys missing={false} />
        </section>
        {project.guidelines.trim() !== '' && (
          <section className="guidelines-panel__text" aria-label="Guidelines text">
            <Markdown source={project.guidelines} headingOffset={2} />
          </section>
        )}
        <section aria-labelledby="workspace-keys-title">
          <h3 className="field-guide__title" id="workspace-keys-title">
            Keys
          </h3>
          <KeyList shortcuts={workspaceKeys(project.config.fields.map((f) => f.type))} />
        </section>
      </div>
    </aside>
  );
}
