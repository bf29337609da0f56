import type { SpansField, SpanValue } from '../config/spans-field.js';
import { compareSpans, spanContains, spansOverlap } from '../config/spans-field.js';
import { spansOf } from '../config/spans-gold.js';

/** The consensus of one item's spans field. */
export interface SpansConsensus {
  /** The consensus spans, in canonical order, each with its majority attributes. */
  readonly value: SpanValue[];
  /** Share of annotators behind each consensus span, in the order of `value`. */
  readonly support: number[];
  /**
   * Mean over every span any annotator marked of the share of annotators agreeing with the
   * consensus about it (its support when kept, one minus its support when left out); 1 when no
   * one marked anything.
   */
  readonly confidence: number;
  /** A span or attribute decided by an even split (or two equally supported spans that clash). */
  readonly tied: boolean;
}

const keyOf = (s: SpanValue) => `${s.start}:${s.end}:${s.label}`;

/**
 * The consensus of k annotators' spans on one item: a span (same start, end and label) is kept
 * when at least ⌈k/2⌉ annotators marked it; each attribute of a kept span is kept when more than
 * half of the annotators who marked the span set it (an even split is a tie). When kept spans
 * clash under the field's overlap rule (`none`: they overlap; `nested`: they cross), the better
 * supported one wins (then the longer, then the earlier); a clash of equally supported spans is a
 * tie. A missing value counts as no spans.
 *
 * @example
 * spansConsensus({ overlap: 'none', attributes: [] }, [
 *   [{ start: 0, end: 5, label: 'DRUG' }],
 *   [{ start: 0, end: 5, label: 'DRUG' }],
 *   [],
 * ]).value; // [{ start: 0, end: 5, label: 'DRUG' }] (support 2/3, confidence 2/3)
 *
 * Reference: per-span majority voting of crowd NER labels, as the baseline of F. Rodrigues,
 * F. Pereira & B. Ribeiro (2014), Sequence labeling with multiple annotators, Machine Learning
 * 95(2):165–181.
 */
export function spansConsensus(
  field: Pick<SpansField, 'overlap' | 'attributes'>,
  values: readonly unknown[],
): SpansConsensus {
  const k = values.length;
  const votes = new Map<
    string,
    { span: SpanValue; count: number; attributes: Map<string, number> }
  >();
  for (const value of values) {
    const seen = new Set<string>();
    for (const span of spansOf(value)) {
      const key = keyOf(span);
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = votes.get(key) ?? {
        span: { start: span.start, end: span.end, label: span.label },
        count: 0,
        attributes: new Map<string, number>(),
      };
      entry.count += 1;
      for (const a of new Set(span.attributes ?? []))
        entry.attributes.set(a, (entry.attributes.get(a) ?? 0) + 1);
      votes.set(key, entry);
    }
  }
  if (votes.size === 0) return { value: [], support: [], confidence: 1, tied: false };
  const needed = Math.ceil(k / 2);
  let tied = false;
  // Best supported first, then longest, then earliest: the order in which clashes are settled.
  const candidates = [...votes.values()]
    .filter((v) => v.count >= needed)
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.span.end - b.span.start - (a.span.end - a.span.start) ||
        compareSpans(a.span, b.span),
    );
  const kept: typeof candidates = [];
  for (const c of candidates) {
    const blocker = kept.find((o) => clash(field.overlap, o.span, c.span));
    if (blocker) {
      if (blocker.count === c.count) tied = true;
      continue;
    }
    kept.push(c);
  }
  const keptKeys = new Set(kept.map((c) => keyOf(c.span)));
  let agreeing = 0;
  for (const [key, v] of votes) agreeing += keptKeys.has(key) ? v.count / k : 1 - v.count / k;
  kept.sort((a, b) => compareSpans(a.span, b.span));
  const value = kept.map((c) => {
    const attributes = field.attributes.filter((a) => {
      const n = c.attributes.get(a) ?? 0;
      if (n * 2 === c.count && n > 0) tied = true;
      return n * 2 > c.count;
    });
    return attributes.length > 0 ? { ...c.span, attributes } : c.span;
  });
  return {
    value,
    support: kept.map((c) => c.count / k),
    confidence: agreeing / votes.size,
    tied,
  };
}

function clash(overlap: SpansField['overlap'], a: SpanValue, b: SpanValue): boolean {
  if (overlap === 'any' || !spansOverlap(a, b)) return false;
  if (overlap === 'none') return true;
  return !spanContains(a, b) && !spanContains(b, a);
}
