import { z } from 'zod';
import { fieldName, labelsSchema } from './field-base.js';

/*
 * The spans field type (named entities, clause tagging): labelled ranges of one text of the
 * item, with optional boolean attributes per span (negated, historical, hypothetical …).
 * Offsets are Unicode code points into `data[source]`, end exclusive, so they mean the same
 * thing in every language (JavaScript strings index UTF-16 units; see {@link utf16Offset}).
 */

/** How spans of one annotation may relate: not at all, contained in one another, or any way. */
export const SPAN_OVERLAPS = ['none', 'nested', 'any'] as const;
export type SpanOverlap = (typeof SPAN_OVERLAPS)[number];

export const spansFieldSchema = z
  .object({
    name: fieldName,
    type: z.literal('spans'),
    title: z.string().max(200).optional(),
    labels: labelsSchema,
    /** The key of the item's data whose text is annotated. */
    source: z.string().trim().min(1).max(100).default('text'),
    /**
     * `none`: spans may not share a character; `nested`: a span may contain another but two may
     * not cross; `any`: spans may overlap in any way.
     */
    overlap: z.enum(SPAN_OVERLAPS).default('none'),
    /** Flags an annotator may set on a span, e.g. ["negated", "historical", "hypothetical"]. */
    attributes: z.array(fieldName).max(20).default([]),
    /** At least one span per item (an empty list is otherwise a valid "nothing to mark"). */
    required: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    const seen = new Set<string>();
    field.attributes.forEach((attribute, i) => {
      if (seen.has(attribute))
        ctx.addIssue({
          code: 'custom',
          path: ['attributes', i],
          message: `duplicate attribute "${attribute}"`,
        });
      seen.add(attribute);
    });
  });
export type SpansField = z.infer<typeof spansFieldSchema>;

/** One span of a spans value: code-point offsets [start, end) into the source text. */
export interface SpanValue {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly attributes?: readonly string[];
}

/** What a spans field holds in an annotation: its spans, sorted by start, then longest first. */
export type SpansValue = readonly SpanValue[];

/** The order of a spans value: by start, then longest first (end descending), then label. */
export function compareSpans(a: SpanValue, b: SpanValue): number {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** A spans value in its canonical order (see {@link compareSpans}); attributes sorted too. */
export function sortSpans(spans: readonly SpanValue[]): SpanValue[] {
  return spans
    .map((s) => (s.attributes ? { ...s, attributes: [...s.attributes].sort() } : { ...s }))
    .sort(compareSpans);
}

/**
 * Length of a text in Unicode code points (what span offsets count).
 *
 * @example
 * codePointLength('a😀b'); // 3 (the emoji is two UTF-16 units)
 */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * The UTF-16 index (JavaScript string index) of code point `offset` of `text`; the string's
 * length for an offset at or past the end.
 *
 * @example
 * utf16Offset('a😀b', 2); // 3
 */
export function utf16Offset(text: string, offset: number): number {
  let i = 0;
  for (let n = 0; n < offset && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i +=
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      text.charCodeAt(i + 1) >= 0xdc00 &&
      text.charCodeAt(i + 1) <= 0xdfff
        ? 2
        : 1;
  }
  return i;
}

/**
 * The code-point offset of UTF-16 index `index` of `text` (a selection's index in the browser);
 * an index inside a surrogate pair counts as the pair's start.
 *
 * @example
 * codePointOffset('a😀b', 3); // 2
 */
export function codePointOffset(text: string, index: number): number {
  return codePointLength(text.slice(0, index));
}

/**
 * The text a span covers.
 *
 * @example
 * spanText('a😀b', { start: 1, end: 3, label: 'X' }); // '😀b'
 */
export function spanText(text: string, span: { start: number; end: number }): string {
  return text.slice(utf16Offset(text, span.start), utf16Offset(text, span.end));
}

/** The annotated text of an item for a spans field: `data[source]` when it is a string. */
export function spanSourceText(
  field: Pick<SpansField, 'source'>,
  itemData: unknown,
): string | null {
  if (typeof itemData !== 'object' || itemData === null || Array.isArray(itemData)) return null;
  const text = (itemData as Record<string, unknown>)[field.source];
  return typeof text === 'string' ? text : null;
}

/** Whether two ranges share a character. */
export function spansOverlap(a: SpanValue, b: SpanValue): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether one range contains the other (equal ranges contain each other). */
export function spanContains(outer: SpanValue, inner: SpanValue): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
