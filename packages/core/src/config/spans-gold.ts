import { spanF1, type MatchScore } from '../gold/index.js';
import type { SpanValue } from './spans-field.js';

/** The well-formed spans of a stored value (anything else in it is ignored). */
export function spansOf(value: unknown): SpanValue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is SpanValue =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as SpanValue).start === 'number' &&
      typeof (s as SpanValue).end === 'number' &&
      typeof (s as SpanValue).label === 'string',
  );
}

/**
 * Gold score of a spans answer: span F1 against the gold spans with exact matching (same start,
 * end and label, as in CoNLL-2003); an empty answer to an empty gold list scores 1. Attributes
 * do not count here: they are scored apart by {@link spanAttributeAgreement}, so that a missed
 * "negated" flag does not hide whether the entity itself was found.
 *
 * @example
 * spansGoldScore([{ start: 0, end: 5, label: 'DRUG' }], [{ start: 0, end: 5, label: 'DRUG' }, { start: 9, end: 12, label: 'TEST' }]);
 * // 0.6666666666666666
 *
 * Reference: E. F. Tjong Kim Sang & F. De Meulder (2003), Introduction to the CoNLL-2003 shared
 * task: language-independent named entity recognition.
 */
export function spansGoldScore(answer: unknown, gold: unknown): number {
  return spanF1(spansOf(answer), spansOf(gold), 'exact').f1;
}

/** Span F1 detail (precision, recall, counts) of an answer against gold, exact matching. */
export function spansGoldDetail(answer: unknown, gold: unknown): MatchScore {
  return spanF1(spansOf(answer), spansOf(gold), 'exact');
}

/**
 * Attribute agreement on the spans two lists share exactly (same start, end and label): the
 * share of (span, attribute) decisions made alike, over the field's attributes. Null when the
 * lists share no span or the field has no attributes.
 *
 * @example
 * spanAttributeAgreement(['negated', 'historical'],
 *   [{ start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] }],
 *   [{ start: 0, end: 5, label: 'PROBLEM', attributes: [] }]); // 0.5
 */
export function spanAttributeAgreement(
  attributes: readonly string[],
  a: unknown,
  b: unknown,
): number | null {
  if (attributes.length === 0) return null;
  const byKey = new Map(spansOf(b).map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
  let same = 0;
  let total = 0;
  for (const s of spansOf(a)) {
    const other = byKey.get(`${s.start}:${s.end}:${s.label}`);
    if (!other) continue;
    for (const attribute of attributes) {
      const x = s.attributes?.includes(attribute) ?? false;
      const y = other.attributes?.includes(attribute) ?? false;
      if (x === y) same += 1;
      total += 1;
    }
  }
  return total === 0 ? null : same / total;
}
