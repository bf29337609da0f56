import { useState } from 'react';
import type { SpansField } from '@concord/core/config';
import { SpansText } from '../../components/spans/SpansText';
import { LlmItem } from '../../components/llm/LlmItem';
import { displayEntries } from '../../lib/item-display';
import type { DisplayEntry } from '../../lib/item-display';
import type { LlmAnswer, LlmFocus } from '../../lib/llm-answer';
import type { SpansAnswer } from '../../lib/spans-answer';
import { llmItemView } from '../../lib/llm-item';

function ItemImage({ entry }: { readonly entry: Extract<DisplayEntry, { kind: 'image' }> }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <p className="item-view__missing">
        The image could not be loaded:{' '}
        <a href={entry.src} target="_blank" rel="noopener noreferrer">
          {entry.src.startsWith('data:') ? 'inline image' : entry.src}
        </a>
      </p>
    );
  }
  return (
    <img
      className="item-view__image"
      src={entry.src}
      alt={entry.key}
      onError={() => setFailed(true)}
    />
  );
}

function EntryValue({ entry }: { readonly entry: DisplayEntry }) {
  switch (entry.kind) {
    case 'text':
      return <div className="item-view__text">{entry.text}</div>;
    case 'image':
      return <ItemImage entry={entry} />;
    case 'link':
      return (
        <a className="item-view__link" href={entry.href} target="_blank" rel="noopener noreferrer">
          {entry.href}
        </a>
      );
    case 'value':
      return <div className="item-view__value">{entry.text}</div>;
    case 'json':
      return <pre className="code item-view__json">{entry.text}</pre>;
    case 'missing':
      return <p className="item-view__missing">This item has no {entry.key}.</p>;
  }
}

/**
 * The item's data as the project displays it: text to read at a comfortable measure, images; an
 * LLM feedback item (a prompt or conversation with responses, a solution in steps) as such.
 */
export function ItemView({
  display,
  data,
  answer = null,
  onSelectStep,
  spans,
}: {
  readonly display: readonly string[] | undefined;
  readonly data: unknown;
  /** The pairwise, ranking or steps answer being built, shown on the item. */
  readonly answer?: LlmAnswer | null;
  readonly onSelectStep?: (index: number) => void;
  /** A spans field being answered: its source text is shown as the text to mark. */
  readonly spans?: {
    readonly field: SpansField;
    readonly answer: SpansAnswer;
    readonly onChange: (answer: SpansAnswer, focus: LlmFocus | null) => void;
  };
}) {
  if (llmItemView(data) !== null && spans === undefined)
    return <LlmItem data={data} answer={answer} onSelectStep={onSelectStep} />;
  const shown = displayEntries(display, data);
  // The text a spans field marks comes first, even when the project does not list it to display.
  const entries =
    spans === undefined || shown.some((e) => e.key === spans.field.source)
      ? shown
      : [...displayEntries([spans.field.source], data), ...shown];
  const captions = entries.length > 1;
  return (
    <div className="item-view">
      {entries.map((entry) => (
        <section key={entry.key} className="item-view__entry">
          {captions && <h2 className="item-view__caption">{entry.key}</h2>}
          {spans !== undefined && entry.key === spans.field.source && entry.kind === 'text' ? (
            <SpansText field={spans.field} answer={spans.answer} onChange={spans.onChange} />
          ) : (
            <EntryValue entry={entry} />
          )}
        </section>
      ))}
    </div>
  );
}
