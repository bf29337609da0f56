import { useId, useState } from 'react';
import { isLongText, lineCount } from '../../lib/llm-item';
import { Markdown } from '../Markdown';

/**
 * A prompt, a message or a response as markdown at a reading measure. A very long one folds to
 * a screenful with "Show all" (a button, so Tab and Enter reach it), so that a 300-line answer
 * does not push everything else out of sight.
 */
export function FoldedMarkdown({
  source,
  foldable = true,
}: {
  readonly source: string;
  /** False where the text already sits in a box of its own that scrolls. */
  readonly foldable?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const folds = foldable && isLongText(source);
  const closed = folds && !open;
  return (
    <div className={closed ? 'fold fold--closed' : 'fold'}>
      <div className="fold__body" id={id}>
        {/* Headings of a model's text sit below the workspace's own (h2 captions, h3 fields). */}
        <Markdown source={source} headingOffset={3} breaks className="llm-text" />
      </div>
      {folds && (
        <button
          type="button"
          className="button button--small fold__toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Show less' : `Show all (${lineCount(source)} lines)`}
        </button>
      )}
    </div>
  );
}
