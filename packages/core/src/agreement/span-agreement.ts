import { spanF1, type Span } from '../gold/span-f1.js';
import {
  RatingTableBuilder,
  type AnnotatorId,
  type ItemId,
  type RatingTable,
} from './rating-table.js';

/** A token of a text, as a character range [start, end). */
export interface TokenRange {
  readonly start: number;
  readonly end: number;
}

/** One annotator's spans on one item. */
export interface SpanAnnotation {
  readonly item: ItemId;
  readonly annotator: AnnotatorId;
  readonly spans: readonly Span[];
}

/**
 * The label of each token under a set of spans: the label of the span that overlaps the token
 * most (ties: the earlier span), or `outside` when no span touches it.
 *
 * @example
 * tokenLabels([{ start: 0, end: 4, label: 'PER' }], [{ start: 0, end: 4 }, { start: 5, end: 8 }]); // ['PER', 'O']
 *
 * Reference: span-to-token projection with an "outside" tag, as in L. A. Ramshaw & M. P. Marcus
 * (1995), Text chunking using transformation-based learning, WVLC-3.
 */
export function tokenLabels(
  spans: readonly Span[],
  tokens: readonly TokenRange[],
  outside = 'O',
): string[] {
  return tokens.map((token) => {
    let best = outside;
    let bestOverlap = 0;
    for (const span of spans) {
      const overlap = Math.min(span.end, token.end) - Math.max(span.start, token.start);
      if (overlap > bestOverlap) {
        best = span.label;
        bestOverlap = overlap;
      }
    }
    return best;
  });
}

/**
 * A {@link RatingTable} whose units are the tokens of each item (unit id `"<item>#<token index>"`)
 * and whose values are token labels (see {@link tokenLabels}), so that token-level agreement on
 * spans is `krippendorffAlpha(spanTokenTable(…), 'nominal')`. Every annotator who annotated an
 * item labels every token of it (an unlabelled token is `outside`).
 *
 * @example
 * const table = spanTokenTable(annotations, (item) => tokensOf(item));
 * krippendorffAlpha(table); // token-level α
 *
 * Reference: token-level α for span annotation as in K. Krippendorff (2004), Content Analysis,
 * §11.6 (unitizing approximated on a fixed token grid).
 */
export function spanTokenTable(
  annotations: Iterable<SpanAnnotation>,
  tokensOf: (item: ItemId) => readonly TokenRange[],
  outside = 'O',
): RatingTable<string> {
  const builder = new RatingTableBuilder<string>();
  const cache = new Map<ItemId, readonly TokenRange[]>();
  for (const annotation of annotations) {
    let tokens = cache.get(annotation.item);
    if (tokens === undefined) {
      tokens = tokensOf(annotation.item);
      cache.set(annotation.item, tokens);
    }
    tokenLabels(annotation.spans, tokens, outside).forEach((label, t) => {
      builder.add(`${annotation.item}#${t}`, annotation.annotator, label);
    });
  }
  return builder.build();
}

/**
 * Mean pairwise span F1 between annotators: for every item and every two annotators of it, the F1
 * of one's spans against the other's (F1 is symmetric), averaged over those pairs; `'exact'` or
 * `'overlap'` matching as in {@link spanF1}. NaN when no item has two annotators.
 *
 * @example
 * pairwiseSpanF1([
 *   { item: 1, annotator: 'a', spans: [{ start: 0, end: 4, label: 'PER' }] },
 *   { item: 1, annotator: 'b', spans: [{ start: 0, end: 4, label: 'PER' }, { start: 6, end: 9, label: 'LOC' }] },
 * ]); // 0.6666666666666666
 *
 * Reference: pairwise F1 as an agreement measure for spans, G. Hripcsak & A. S. Rothschild (2005),
 * Agreement, the F-measure, and reliability in information retrieval, JAMIA 12(3):296–298.
 */
export function pairwiseSpanF1(
  annotations: Iterable<SpanAnnotation>,
  mode: 'exact' | 'overlap' = 'exact',
): number {
  const byItem = new Map<ItemId, SpanAnnotation[]>();
  for (const annotation of annotations) {
    const list = byItem.get(annotation.item) ?? [];
    list.push(annotation);
    byItem.set(annotation.item, list);
  }
  let sum = 0;
  let pairs = 0;
  for (const list of byItem.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        sum += spanF1(list[i]!.spans, list[j]!.spans, mode).f1;
        pairs += 1;
      }
    }
  }
  return pairs === 0 ? Number.NaN : sum / pairs;
}
