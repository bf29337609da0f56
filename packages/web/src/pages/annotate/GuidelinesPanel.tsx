import { useEffect, useRef } from 'react';
import type { ProjectDetail } from '../../api/types';
import { FieldGuide } from '../../components/FieldGuide';
import { KeyList } from '../../components/Kbd';
import { Markdown } from '../../components/Markdown';

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
          <KeyList shortcuts={WORKSPACE_KEYS} />
        </section>
      </div>
    </aside>
  );
}
