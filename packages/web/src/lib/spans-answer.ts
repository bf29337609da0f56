// The answer to a spans field (named entities, clause tags), built with the mouse and the keys.
// A selection of the text — dragged with the mouse, or picked with the keys — becomes a span with
// a digit (the label's number in the legend). The keys:
//   → / ←            select the next / previous word
//   Shift+→ / ←      grow or shrink the selection by a word (the edge that last moved moves)
//   ] / [            move that edge by one character (character-exact from the keyboard)
//   1–9              label the selection, or re-label the selected span
//   ↓ / ↑            select the next / previous span
//   n, h, y …        toggle an attribute of the selected span (the key shown next to it)
//   ⌫ / Delete       remove the selected span
//   Esc              clear the selection
// Enter, s, g and the rest go on to the workspace. Offsets are code points (spans-text.ts).

import type { LabelDefinition, SpanValue, SpansField } from '@concord/core/config';
import { sortSpans, spanContains, spansOverlap, validateSpansValue } from '@concord/core/config';
import { handled, ignored } from './llm-answer-rows';
import type { LlmKeyResult, LlmPress } from './llm-answer-rows';
import { measure, sliceCodePoints, tokenize, trimRange } from './spans-text';
import type { Token } from './spans-text';

/** A range of the text picked but not labelled yet; `free` is the edge the keys move. */
export interface TextSelection {
  readonly start: number;
  readonly end: number;
  readonly free: 'start' | 'end';
}

export interface SpansAnswer {
  readonly kind: 'spans';
  /** One row: the workspace's rows need an active index. */
  readonly active: number;
  /** The text annotated (the item's data[source]); '' when the item has none. */
  readonly text: string;
  /** The spans so far, in the value's order (by start, longest first). */
  readonly spans: readonly SpanValue[];
  readonly selection: TextSelection | null;
  /** Index (into spans) of the span selected to re-label, flag or remove. */
  readonly selected: number | null;
  /** Why the last action was refused (an overlap the field does not allow), in words. */
  readonly message: string | null;
}

export function newSpansAnswer(field: SpansField, data: unknown): SpansAnswer {
  const text =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)[field.source]
      : undefined;
  return {
    kind: 'spans',
    active: 0,
    text: typeof text === 'string' ? text : '',
    spans: [],
    selection: null,
    selected: null,
    message: null,
  };
}

/** The keys of the spans widget, for the strip under the list and the guidelines panel. */
export const SPANS_KEYS: readonly { readonly keys: readonly string[]; readonly does: string }[] = [
  { keys: ['→', '←'], does: 'select the next / previous word' },
  { keys: ['⇧', '→'], does: 'grow or shrink the selection by a word' },
  { keys: [']', '['], does: 'move its edge by one character' },
  { keys: ['1–9'], does: 'label the selection, or re-label a span' },
  { keys: ['↓', '↑'], does: 'select the next / previous span' },
  { keys: ['⌫'], does: 'remove the selected span' },
  { keys: ['Esc'], does: 'clear the selection' },
];

/** Keys reserved by the workspace (skip, reasons, guidelines) and by the widget ([ ] j k). */
const RESERVED = new Set(['s', 'r', 'g', 'j', 'k']);

/**
 * The key that toggles each attribute: its first letter not taken by an earlier attribute nor
 * by the workspace (negated → n, historical → h, hypothetical → y); none when every letter is.
 */
export function attributeKeys(field: SpansField): ReadonlyMap<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set(RESERVED);
  for (const attribute of field.attributes) {
    const letter = [...attribute.toLowerCase()].find((c) => /[a-z]/.test(c) && !taken.has(c));
    if (letter === undefined) continue;
    keys.set(attribute, letter);
    taken.add(letter);
  }
  return keys;
}

/** The words of a span or selection: its text, shortened to `max` characters. */
export function quote(answer: SpansAnswer, range: { start: number; end: number }, max = 40) {
  const text = sliceCodePoints(measure(answer.text), range.start, range.end).replace(/\s+/g, ' ');
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function labelName(field: SpansField, value: string): string {
  const label: LabelDefinition | undefined = field.labels.find((l) => l.value === value);
  return label?.title !== undefined && label.title !== '' ? label.title : value;
}

const RULE: Readonly<Record<SpansField['overlap'], string>> = {
  none: 'spans in this field may not overlap',
  nested: 'spans in this field may sit inside one another but not cross',
  any: 'the same span cannot be marked twice',
};

/**
 * Why a span cannot join the others under the field's overlap rule, in words; null when it can.
 * `except` is a span being re-labelled (it is not in the way of itself).
 */
export function overlapProblem(
  field: SpansField,
  answer: SpansAnswer,
  span: SpanValue,
  except: number | null = null,
): string | null {
  for (const [i, other] of answer.spans.entries()) {
    if (i === except) continue;
    const same = other.start === span.start && other.end === span.end;
    const clash =
      (same && other.label === span.label) ||
      (field.overlap === 'none' && spansOverlap(span, other)) ||
      (field.overlap === 'nested' &&
        spansOverlap(span, other) &&
        !spanContains(span, other) &&
        !spanContains(other, span));
    if (clash) {
      const what = `${labelName(field, span.label)} “${quote(answer, span)}”`;
      const existing = `${labelName(field, other.label)} “${quote(answer, other)}”`;
      return same && other.label === span.label
        ? `${what} is already marked.`
        : `${what} would overlap ${existing}: ${RULE[field.overlap]}.`;
    }
  }
  return null;
}

const withMessage = (answer: SpansAnswer, message: string): LlmKeyResult<SpansAnswer> =>
  handled({ ...answer, message });

/** A range picked with the mouse (code points): trimmed of white space; nothing when it is all space. */
export function selectRange(answer: SpansAnswer, start: number, end: number): SpansAnswer {
  const range = trimRange(measure(answer.text), start, end);
  return {
    ...answer,
    selection: range === null ? null : { ...range, free: 'end' },
    selected: null,
    message: null,
  };
}

/** A span picked (by a click on it or in the list): the text selection goes. */
export function selectSpan(answer: SpansAnswer, index: number | null): SpansAnswer {
  const selected = index !== null && answer.spans[index] !== undefined ? index : null;
  return { ...answer, selected, selection: null, message: null };
}

/** The range the keys start from: the selection, else the selected span, else none. */
function base(answer: SpansAnswer): { start: number; end: number } | null {
  if (answer.selection !== null) return answer.selection;
  const span = answer.selected === null ? undefined : answer.spans[answer.selected];
  return span ?? null;
}

const pick = (answer: SpansAnswer, token: Token | undefined): SpansAnswer =>
  token === undefined
    ? answer
    : {
        ...answer,
        selection: { start: token.start, end: token.end, free: 'end' },
        selected: null,
        message: null,
      };

/** → and ←: the word after the selection (or span), or the one before it. */
export function moveWord(answer: SpansAnswer, step: 1 | -1): SpansAnswer {
  const tokens = tokenize(measure(answer.text));
  const from = base(answer);
  if (step === 1)
    return pick(
      answer,
      tokens.find((t) => from === null || t.start >= from.end),
    );
  const before = tokens.filter((t) => from === null || t.end <= from.start);
  return pick(answer, from === null ? tokens[0] : before[before.length - 1]);
}

/**
 * Shift+→ and Shift+←: the free edge moves by a word. Shrinking past the fixed edge turns the
 * selection round, so Shift+← from one word takes in the word before it, as in a text editor.
 */
export function extendWord(answer: SpansAnswer, step: 1 | -1): SpansAnswer {
  const from = base(answer);
  if (from === null) return moveWord(answer, step);
  const sel: TextSelection = answer.selection ?? { ...from, free: 'end' };
  const tokens = tokenize(measure(answer.text));
  const nextEnd = (after: number) => tokens.find((t) => t.end > after)?.end;
  const nextStart = (after: number) => tokens.find((t) => t.start > after)?.start;
  const prevEnd = (before: number) => tokens.filter((t) => t.end < before).pop()?.end;
  const prevStart = (before: number) => tokens.filter((t) => t.start < before).pop()?.start;
  const grown = (): TextSelection => {
    if (step === 1 && sel.free === 'end') return { ...sel, end: nextEnd(sel.end) ?? sel.end };
    if (step === 1) {
      const start = nextStart(sel.start);
      return start !== undefined && start < sel.end
        ? { ...sel, start }
        : { ...sel, free: 'end', end: nextEnd(sel.end) ?? sel.end };
    }
    if (sel.free === 'start') return { ...sel, start: prevStart(sel.start) ?? sel.start };
    const end = prevEnd(sel.end);
    return end !== undefined && end > sel.start
      ? { ...sel, end }
      : { ...sel, free: 'start', start: prevStart(sel.start) ?? sel.start };
  };
  const next = grown();
  return { ...answer, selection: next, selected: null, message: null };
}

/** ] and [: the free edge moves one character right or left (never past the other edge). */
export function nudgeEdge(answer: SpansAnswer, step: 1 | -1): SpansAnswer {
  const from = base(answer);
  if (from === null) return answer;
  const sel: TextSelection = answer.selection ?? { ...from, free: 'end' };
  const length = measure(answer.text).length;
  const next =
    sel.free === 'end'
      ? { ...sel, end: Math.min(length, Math.max(sel.start + 1, sel.end + step)) }
      : { ...sel, start: Math.max(0, Math.min(sel.end - 1, sel.start + step)) };
  return { ...answer, selection: next, selected: null, message: null };
}

/** Spans sorted, with the index of `span` among them. */
function placed(spans: readonly SpanValue[], span: SpanValue) {
  const sorted = sortSpans(spans);
  const index = sorted.findIndex(
    (s) => s.start === span.start && s.end === span.end && s.label === span.label,
  );
  return { spans: sorted, index };
}

/**
 * A label for the selection (a new span, selected once made) or for the selected span (it is
 * re-labelled); refused with a message when the field's overlap rule forbids it.
 */
export function applyLabel(field: SpansField, answer: SpansAnswer, label: string): SpansAnswer {
  if (!field.labels.some((l) => l.value === label)) return answer;
  const current = answer.selected === null ? undefined : answer.spans[answer.selected];
  if (current !== undefined) {
    if (current.label === label) return { ...answer, message: null };
    const relabelled: SpanValue = { ...current, label };
    const problem = overlapProblem(field, answer, relabelled, answer.selected);
    if (problem !== null) return { ...answer, message: problem };
    const rest = answer.spans.filter((_, i) => i !== answer.selected);
    const { spans, index } = placed([...rest, relabelled], relabelled);
    return { ...answer, spans, selected: index, message: null };
  }
  if (answer.selection === null)
    return {
      ...answer,
      message: 'Select some text first: drag over it, or press → to pick a word.',
    };
  const span: SpanValue = { start: answer.selection.start, end: answer.selection.end, label };
  const problem = overlapProblem(field, answer, span);
  if (problem !== null) return { ...answer, message: problem };
  const { spans, index } = placed([...answer.spans, span], span);
  return { ...answer, spans, selected: index, selection: null, message: null };
}

/** Removes a span; the span after it (or before, at the end) is selected, so ⌫ can go on. */
export function removeSpan(answer: SpansAnswer, index: number): SpansAnswer {
  if (answer.spans[index] === undefined) return answer;
  const spans = answer.spans.filter((_, i) => i !== index);
  const selected = spans.length === 0 ? null : Math.min(index, spans.length - 1);
  return { ...answer, spans, selected: answer.selected === null ? null : selected, message: null };
}

/** Sets or clears an attribute of a span (kept in the field's order). */
export function toggleAttribute(
  field: SpansField,
  answer: SpansAnswer,
  index: number,
  attribute: string,
): SpansAnswer {
  const span = answer.spans[index];
  if (span === undefined || !field.attributes.includes(attribute)) return answer;
  const had = span.attributes ?? [];
  const on = had.includes(attribute);
  const attributes = field.attributes.filter((a) => (a === attribute ? !on : had.includes(a)));
  const next: SpanValue =
    attributes.length === 0
      ? { start: span.start, end: span.end, label: span.label }
      : { ...span, attributes };
  return { ...answer, spans: answer.spans.map((s, i) => (i === index ? next : s)), message: null };
}

export function interpretSpansKey(
  field: SpansField,
  answer: SpansAnswer,
  press: LlmPress,
): LlmKeyResult<SpansAnswer> {
  const { key } = press;
  if (press.inField || press.ctrlKey || press.metaKey || press.altKey) return ignored(answer);
  const selectedSpan = answer.selected === null ? undefined : answer.spans[answer.selected];
  if (/^[1-9]$/.test(key)) {
    const label = field.labels[Number(key) - 1];
    if (label === undefined)
      return withMessage(
        answer,
        `There is no label ${key}: this field has ${field.labels.length}.`,
      );
    return handled(applyLabel(field, answer, label.value));
  }
  switch (key) {
    case 'ArrowRight':
    case 'ArrowLeft': {
      const step = key === 'ArrowRight' ? 1 : -1;
      return handled(press.shiftKey ? extendWord(answer, step) : moveWord(answer, step));
    }
    case ']':
    case '[':
      return base(answer) === null
        ? withMessage(answer, 'Select some text first, then ] and [ move its edge by a character.')
        : handled(nudgeEdge(answer, key === ']' ? 1 : -1));
    case 'ArrowDown': {
      // Past the last span the key goes on to the workspace (the next field, if any).
      const to = answer.selected === null ? 0 : answer.selected + 1;
      return to < answer.spans.length ? handled(selectSpan(answer, to)) : ignored(answer);
    }
    case 'ArrowUp': {
      if (answer.selected === null || answer.selected === 0) return ignored(answer);
      return handled(selectSpan(answer, answer.selected - 1));
    }
    case 'Delete':
    case 'Backspace':
      return selectedSpan === undefined
        ? withMessage(answer, 'Select a span to remove: click it, or press ↓.')
        : handled(removeSpan(answer, answer.selected ?? 0));
    case 'Escape':
      return answer.selection === null && answer.selected === null && answer.message === null
        ? ignored(answer)
        : handled({ ...answer, selection: null, selected: null, message: null });
  }
  const attribute = [...attributeKeys(field)].find(([, k]) => k === key.toLowerCase())?.[0];
  if (attribute !== undefined) {
    return selectedSpan === undefined
      ? withMessage(answer, `Select a span first, then ${key.toLowerCase()} marks it ${attribute}.`)
      : handled(toggleAttribute(field, answer, answer.selected ?? 0, attribute));
  }
  return ignored(answer);
}

/** The value to submit: the spans in the value's order; attributes only where set. */
export function spansValue(answer: SpansAnswer): SpanValue[] {
  return sortSpans(answer.spans).map((s) =>
    s.attributes !== undefined && s.attributes.length > 0
      ? { start: s.start, end: s.end, label: s.label, attributes: [...s.attributes] }
      : { start: s.start, end: s.end, label: s.label },
  );
}

/** What keeps the answer from being sent, under the field's name; {} when it can be sent. */
export function spansProblems(
  field: SpansField,
  answer: SpansAnswer,
  data: unknown,
): Readonly<Record<string, string>> {
  if (field.required && answer.spans.length === 0)
    return { [field.name]: 'mark at least one span' };
  const issue = validateSpansValue(field, spansValue(answer), data, `value.${field.name}`)[0];
  return issue === undefined ? {} : { [field.name]: issue.message };
}

/** How many spans carry each label, in the order of the field's labels. */
export function labelCounts(field: SpansField, spans: readonly SpanValue[]): Map<string, number> {
  const counts = new Map(field.labels.map((l) => [l.value, 0]));
  for (const span of spans) counts.set(span.label, (counts.get(span.label) ?? 0) + 1);
  return counts;
}

/** Spans whose range contains a code point, innermost (shortest) first. */
export function spansAt(spans: readonly SpanValue[], offset: number): number[] {
  return spans
    .map((span, index) => ({ span, index }))
    .filter(({ span }) => span.start <= offset && offset < span.end)
    .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start) || a.index - b.index)
    .map(({ index }) => index);
}

/**
 * The span a click at a code point selects: the innermost there, or — clicking again where the
 * selected span is — the next one out, so every span of a nest can be reached.
 */
export function spanToSelect(answer: SpansAnswer, offset: number): number | null {
  const here = spansAt(answer.spans, offset);
  if (here.length === 0) return null;
  const at = answer.selected === null ? -1 : here.indexOf(answer.selected);
  return here[(at + 1) % here.length] ?? null;
}
