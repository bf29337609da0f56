import { useEffect, useMemo, useRef } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { SpansField } from '@concord/core/config';
import { codePointLength } from '@concord/core/config';
import type { LlmFocus } from '../../lib/llm-answer';
import { selectRange, selectSpan, spanToSelect } from '../../lib/spans-answer';
import type { SpansAnswer } from '../../lib/spans-answer';
import { SPAN_COLOURS, colourIndex, paletteVariables, tagText } from '../../lib/spans-palette';
import { measure, segments, spanLevels } from '../../lib/spans-text';
import { SpansLegend } from './SpansLegend';

/** Height of one underline and the gap below it, in px. */
const BAND = 3;
const STEP = 5;

/** The palette's shades as CSS variables on the widget (spans.css picks the theme's). */
const paletteStyle = paletteVariables() as CSSProperties;

/** What the parts of the spans widget take: the field, the answer, and where a change goes. */
export interface SpansWidgetProps {
  readonly field: SpansField;
  readonly answer: SpansAnswer;
  /** A change made with the pointer, and where focus goes (out of any field: 'row'). */
  readonly onChange: (answer: SpansAnswer, focus: LlmFocus | null) => void;
}

/**
 * The code-point offset of a DOM point in the text: the length of the text before it, tags
 * left out. Counting the characters of a cloned range works wherever the point is — in a text
 * node, between elements, or on a line break.
 */
function offsetOf(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return 0;
  }
  const before = range.cloneContents();
  before.querySelectorAll('[data-tag]').forEach((tag) => tag.remove());
  return codePointLength(before.textContent ?? '');
}

/**
 * Where a DOM point is against the text: its code-point offset inside it, 0 before it, the
 * text's length after it.
 */
function clampedOffset(root: HTMLElement, node: Node, offset: number, length: number): number {
  const whole = document.createRange();
  whole.selectNodeContents(root);
  const side = whole.comparePoint(node, offset);
  return side < 0 ? 0 : side > 0 ? length : offsetOf(root, node, offset);
}

/**
 * What the mouse did, once released: a click on a tag or a span selects that span (the
 * innermost at the point, then outward), a click elsewhere clears; a drag selects its text,
 * clamped to the text and trimmed of white space. Null when the text was not involved.
 */
function pointerSelection(
  root: HTMLElement,
  target: EventTarget | null,
  answer: SpansAnswer,
): SpansAnswer | null {
  const selection = window.getSelection();
  if (selection === null) return null;
  const length = measure(answer.text).length;
  if (selection.rangeCount === 0 || selection.isCollapsed) {
    const tag = target instanceof Element ? target.closest('[data-tag]') : null;
    if (tag !== null && root.contains(tag))
      return selectSpan(answer, Number(tag.getAttribute('data-tag')));
    if (selection.rangeCount === 0 || selection.anchorNode === null) return null;
    if (!root.contains(selection.anchorNode)) return null;
    const at = offsetOf(root, selection.anchorNode, selection.anchorOffset);
    return selectSpan(answer, spanToSelect(answer, at));
  }
  const range = selection.getRangeAt(0);
  const start = clampedOffset(root, range.startContainer, range.startOffset, length);
  const end = clampedOffset(root, range.endContainer, range.endOffset, length);
  if (start === end) return null;
  selection.removeAllRanges();
  return selectRange(answer, start, end);
}

/**
 * The annotated text: every span tinted and underlined in its label's colour, a nested or
 * overlapping span on a line of its own below, each with a tag naming its label (and its
 * attributes). A drag selects text (trimmed of spaces); a click on a span selects it, a second
 * click on a nest the span around it.
 */
export function SpansText({ field, answer, onChange }: SpansWidgetProps) {
  const root = useRef<HTMLDivElement>(null);
  const measured = measure(answer.text);
  const levels = useMemo(() => spanLevels(answer.spans), [answer.spans]);
  const depth = levels.reduce((max, l) => Math.max(max, l + 1), 0);
  const colourOf = (label: string) =>
    colourIndex(
      Math.max(
        0,
        field.labels.findIndex((l) => l.value === label),
      ),
    );

  const pieces = useMemo(() => {
    // The selection is cut out too, so it can be drawn over whole pieces.
    const cuts =
      answer.selection === null
        ? answer.spans
        : [...answer.spans, { ...answer.selection, label: '' }];
    return segments(measure(answer.text), cuts).map((piece) => ({
      ...piece,
      covering: piece.covering.filter((i) => i < answer.spans.length),
    }));
  }, [answer.text, answer.spans, answer.selection]);

  // What the keys select comes into view (a long note scrolls to it).
  useEffect(() => {
    root.current
      ?.querySelector('.spans-seg--selection, .spans-seg--current')
      ?.scrollIntoView({ block: 'nearest' });
  }, [answer.selection, answer.selected]);

  // A drag that starts in the text may end anywhere (past the end of a line, over the legend):
  // the mouseup is read on the document, and the selection clamped to the text.
  const dragging = useRef(false);
  const latest = useRef({ answer, onChange });
  latest.current = { answer, onChange };
  useEffect(() => {
    function onUp(event: MouseEvent) {
      const element = root.current;
      const started = dragging.current;
      dragging.current = false;
      if (element === null || event.button !== 0) return;
      const inside = event.target instanceof Node && element.contains(event.target);
      if (!started && !inside) return;
      const { answer: current, onChange: change } = latest.current;
      const next = pointerSelection(element, event.target, current);
      if (next !== null) change(next, 'row');
    }
    document.addEventListener('mouseup', onUp);
    return () => document.removeEventListener('mouseup', onUp);
  }, []);

  /**
   * The tint and underlines of a piece covered by these spans: the innermost span tints it,
   * every span draws its line at its level.
   */
  function marks(covering: readonly number[], strong = false): CSSProperties {
    if (covering.length === 0) return {};
    const inner = [...covering].sort((a, b) => (levels[a] ?? 0) - (levels[b] ?? 0))[0] ?? 0;
    const padding = depth * STEP;
    const colour = (i: number) => colourOf(answer.spans[i]?.label ?? '');
    return {
      paddingBottom: `${padding}px`,
      // The selected span's pieces are tinted deeper (an outline would box each piece apart).
      backgroundColor: `var(--span-${strong ? 's' : 't'}${colour(inner)})`,
      backgroundImage: covering
        .map((i) => `linear-gradient(var(--span-b${colour(i)}) 0 0)`)
        .join(', '),
      backgroundSize: covering.map(() => `100% ${BAND}px`).join(', '),
      backgroundPosition: covering
        .map((i) => `0 calc(100% - ${padding - (levels[i] ?? 0) * STEP - BAND}px)`)
        .join(', '),
    };
  }

  /** The spans ending at each offset: their tags follow the piece that ends there. */
  const endingAt = new Map<number, number[]>();
  answer.spans.forEach((span, index) =>
    endingAt.set(span.end, [...(endingAt.get(span.end) ?? []), index]),
  );

  const sel = answer.selection;
  const current = answer.selected === null ? undefined : answer.spans[answer.selected];
  const content: ReactNode[] = [];
  for (const piece of pieces) {
    const covering = piece.covering;
    const inSelection = sel !== null && sel.start <= piece.start && piece.end <= sel.end;
    const isCurrent =
      current !== undefined && current.start <= piece.start && piece.end <= current.end;
    const style: CSSProperties = { ...marks(covering, isCurrent) };
    if (inSelection) {
      // The selection is drawn over any tint, in the theme's colours for something chosen.
      style.backgroundColor = 'var(--selected)';
      style.color = 'var(--selected-text)';
    }
    const className = [
      'spans-seg',
      covering.length > 0 ? 'spans-seg--marked' : '',
      inSelection ? 'spans-seg--selection' : '',
      isCurrent ? 'spans-seg--current' : '',
    ]
      .filter(Boolean)
      .join(' ');
    // On hover: the spans here, innermost first, with their attributes.
    const title =
      covering.length === 0
        ? undefined
        : [...covering]
            .sort((a, b) => (levels[a] ?? 0) - (levels[b] ?? 0))
            .map((i) => {
              const s = answer.spans[i];
              const flags = s?.attributes ?? [];
              return `${s?.label ?? ''}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
            })
            .join(' · ');
    const seg = (start: number, text: string) => (
      <span
        key={`s${start}`}
        className={className}
        style={style}
        data-start={start}
        data-spans={covering.join(' ') || undefined}
        title={title}
      >
        {text}
      </span>
    );
    // Tags of the spans that end here, the inner ones first.
    const ending = (endingAt.get(piece.end) ?? [])
      .map((index) => ({ span: answer.spans[index]!, index }))
      .sort((a, b) => (levels[a.index] ?? 0) - (levels[b.index] ?? 0));
    if (ending.length === 0) {
      content.push(seg(piece.start, piece.text));
      continue;
    }
    const tags = ending.map(({ span, index }) => {
      const colour = SPAN_COLOURS[colourOf(span.label)] ?? '#999999';
      const flags = span.attributes ?? [];
      return (
        <span
          key={`t${index}-${span.start}-${span.end}-${span.label}`}
          className={answer.selected === index ? 'spans-tag spans-tag--current' : 'spans-tag'}
          data-tag={index}
          contentEditable={false}
          aria-hidden="true"
          style={{ background: colour, color: tagText(colour) }}
        >
          {span.label}
          {flags.length > 0 && (
            <span className="spans-tag__flags">
              {flags.map((f) => f.slice(0, 3).toUpperCase()).join(' ')}
            </span>
          )}
        </span>
      );
    });
    // The last word of the span stays on the line of its tags.
    const tail = /\S+$/u.exec(piece.text)?.[0] ?? '';
    const head = piece.text.slice(0, piece.text.length - tail.length);
    if (head !== '') content.push(seg(piece.start, head));
    // Spans that go on past these tags (an outer span around an inner one) run under them too.
    const through = covering.filter((i) => (answer.spans[i]?.end ?? 0) > piece.end);
    content.push(
      <span key={`g${piece.start}`} className="spans-glue">
        {tail !== '' && seg(piece.end - measure(tail).length, tail)}
        {through.length === 0 ? (
          tags
        ) : (
          <span className="spans-seg--marked spans-tags" style={marks(through)}>
            {tags}
          </span>
        )}
      </span>,
    );
  }

  return (
    <div className="spans" style={paletteStyle}>
      <SpansLegend field={field} answer={answer} onChange={onChange} />
      <div
        ref={root}
        className="spans-text"
        style={{ '--spans-depth': depth } as CSSProperties}
        onMouseDown={(event) => {
          if (event.button === 0) dragging.current = true;
        }}
        aria-label={`Text to mark: ${measured.length} characters`}
        data-spans-text=""
      >
        {content}
      </div>
    </div>
  );
}
