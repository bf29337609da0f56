// The text a spans field annotates, measured as its values are: offsets in Unicode code points
// (an emoji or a character outside the Basic Multilingual Plane counts once), end exclusive. The
// browser measures in UTF-16 code units (such a character counts twice), so every offset that
// comes from the DOM or goes to it is converted here. Also: the words the keyboard moves by, and
// the pieces the text is drawn in, each with the spans that cover it and the level of each
// span's underline, so that nested and overlapping spans all stay visible.

import type { SpanValue } from '@concord/core/config';
import { spansOverlap } from '@concord/core/config';

/** A text with its code points counted once, for conversions both ways. */
export interface MeasuredText {
  readonly text: string;
  /** Number of code points. */
  readonly length: number;
  /** UTF-16 index of each code point, and the text's UTF-16 length at the end (length + 1 entries). */
  readonly utf16: Uint32Array;
}

let lastMeasured: MeasuredText | null = null;

/** The text measured (the last one is kept: the same note is measured on every key). */
export function measure(text: string): MeasuredText {
  if (lastMeasured?.text === text) return lastMeasured;
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    starts.push(i);
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
  }
  starts.push(text.length);
  lastMeasured = { text, length: starts.length - 1, utf16: Uint32Array.from(starts) };
  return lastMeasured;
}

/** The UTF-16 index of a code-point offset (clamped to the text). */
export function toUtf16(measured: MeasuredText, codePoint: number): number {
  const at = Math.min(measured.length, Math.max(0, Math.trunc(codePoint)));
  return measured.utf16[at] ?? measured.text.length;
}

/**
 * The code-point offset of a UTF-16 index. An index inside a surrogate pair (between the two
 * halves of one character) goes to the character's start: a selection cannot split it.
 */
export function toCodePoint(measured: MeasuredText, utf16: number): number {
  const { utf16: starts } = measured;
  let lo = 0;
  let hi = measured.length;
  // The last code point whose UTF-16 start is ≤ the index.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? Infinity) <= utf16) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The text between two code-point offsets. */
export function sliceCodePoints(measured: MeasuredText, start: number, end: number): string {
  return measured.text.slice(toUtf16(measured, start), toUtf16(measured, end));
}

const SPACE = /\s/u;

/**
 * A selection's range without the white space at either end, in code points; null when nothing
 * but white space (or nothing at all) is selected.
 */
export function trimRange(
  measured: MeasuredText,
  start: number,
  end: number,
): { readonly start: number; readonly end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(measured.length, Math.max(start, end));
  const at = (cp: number) => sliceCodePoints(measured, cp, cp + 1);
  while (from < to && SPACE.test(at(from))) from++;
  while (to > from && SPACE.test(at(to - 1))) to--;
  return from < to ? { start: from, end: to } : null;
}

/** A word the keyboard moves by, in code points. */
export interface Token {
  readonly start: number;
  readonly end: number;
}

// A word: letters, digits and marks, with inner apostrophes, hyphens, dots and slashes between
// them ("40MG", "don't", "x-ray", "q.i.d", "5/10"). Any other character that is not white space
// is a word of its own (punctuation, a symbol, an emoji with its modifiers and joined parts).
const WORD =
  /[\p{L}\p{N}\p{M}]+(?:['’\-./][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}](?:[\p{M}\u{1F3FB}-\u{1F3FF}]|\u200d\p{Extended_Pictographic})*/gu;

let lastTokens: { text: string; tokens: readonly Token[] } | null = null;

/** The words of the text, in order. */
export function tokenize(measured: MeasuredText): readonly Token[] {
  if (lastTokens?.text === measured.text) return lastTokens.tokens;
  const tokens: Token[] = [];
  for (const match of measured.text.matchAll(WORD)) {
    const from = match.index;
    tokens.push({
      start: toCodePoint(measured, from),
      end: toCodePoint(measured, from + match[0].length),
    });
  }
  lastTokens = { text: measured.text, tokens };
  return tokens;
}

/**
 * The underline level of each span (by index): 0 nearest the text. Shorter spans are placed
 * first, each at the lowest level no overlapping span already has, so an inner span's line sits
 * nearest the text, an outer span's frames it below, and overlapping spans never share a line.
 */
export function spanLevels(spans: readonly SpanValue[]): number[] {
  const levels: number[] = spans.map(() => -1);
  const length = (i: number) => spans[i]!.end - spans[i]!.start;
  const byLength = spans.map((_, i) => i).sort((a, b) => length(a) - length(b) || a - b);
  // By start, so the spans that can overlap one are found near it: those starting before its
  // end and no further back than the longest span reaches.
  const byStart = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  const starts = byStart.map((i) => spans[i]!.start);
  const longest = spans.reduce((max, _, i) => Math.max(max, length(i)), 0);
  const firstAtOrAfter = (offset: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const i of byLength) {
    const span = spans[i]!;
    const taken = new Set<number>();
    for (let k = firstAtOrAfter(span.start - longest); k < byStart.length; k++) {
      const j = byStart[k]!;
      if (spans[j]!.start >= span.end) break;
      if (levels[j]! >= 0 && spansOverlap(span, spans[j]!)) taken.add(levels[j]!);
    }
    let level = 0;
    while (taken.has(level)) level++;
    levels[i] = level;
  }
  return levels;
}

/** A piece of the text between two span boundaries, with the spans (indices) that cover it. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly covering: readonly number[];
}

/**
 * The text cut at every span boundary and line break, each piece with the spans covering it. A
 * piece of text is drawn once, so a selection over it measures the text and nothing else.
 */
export function segments(measured: MeasuredText, spans: readonly SpanValue[]): Segment[] {
  const clamp = (offset: number) => Math.min(measured.length, Math.max(0, offset));
  const cuts = new Set<number>([0, measured.length]);
  // Spans by where they start, for a sweep from the start of the text to its end.
  const starting = new Map<number, number[]>();
  spans.forEach((span, index) => {
    const start = clamp(span.start);
    cuts.add(start);
    cuts.add(clamp(span.end));
    starting.set(start, [...(starting.get(start) ?? []), index]);
  });
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: Segment[] = [];
  let open: number[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] ?? 0;
    const end = sorted[i + 1] ?? 0;
    open = [...open, ...(starting.get(start) ?? [])].filter((j) => clamp(spans[j]!.end) > start);
    if (end <= start) continue;
    const covering = open.filter((j) => clamp(spans[j]!.start) <= start).sort((x, y) => x - y);
    pieces.push({ start, end, text: sliceCodePoints(measured, start, end), covering });
  }
  return pieces;
}
