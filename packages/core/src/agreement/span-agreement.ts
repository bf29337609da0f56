import { spanF1, type Span } from '../gold/span-f1.js';
import { alphaOfState, applyUnit, emptyCoincidenceState } from './coincidence-state.js';
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
 * most (ties: the earlier span), or `outside` when no span touches it. Tokens in text order
 * that do not overlap (as {@link textTokens} gives them) are labelled in time linear in the
 * tokens the spans cover — each span visits only its own tokens, found by binary search; other
 * token lists have every span tried on every token.
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
  return tokenSpans(spans, tokens).map((i) => (i < 0 ? outside : spans[i]!.label));
}

/**
 * For each token, the index in `spans` of the span that overlaps it most (ties: the earlier
 * span), or -1 when no span touches it: what {@link tokenLabels} and a BIO export (which tells a
 * span's first token from its next ones) both read.
 */
export function tokenSpans(
  spans: readonly { readonly start: number; readonly end: number }[],
  tokens: readonly TokenRange[],
): number[] {
  const chosen = new Array<number>(tokens.length).fill(-1);
  const best = new Array<number>(tokens.length).fill(0);
  const inOrder = tokensInOrder(tokens);
  spans.forEach((span, i) => {
    for (let t = inOrder ? firstTokenEndingAfter(tokens, span.start) : 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (inOrder && token.start >= span.end) break;
      const overlap = Math.min(span.end, token.end) - Math.max(span.start, token.start);
      if (overlap > best[t]!) {
        best[t] = overlap;
        chosen[t] = i;
      }
    }
  });
  return chosen;
}

/**
 * Whether each token is touched by a span of `label` (1) or not (0): the binary unit of one label
 * when spans may nest or overlap. Fast for tokens in text order, like {@link tokenLabels}.
 *
 * @example
 * tokenMarks([{ start: 0, end: 4, label: 'PER' }], [{ start: 0, end: 4 }, { start: 5, end: 8 }], 'PER'); // [1, 0]
 */
export function tokenMarks(
  spans: readonly Span[],
  tokens: readonly TokenRange[],
  label: string,
): number[] {
  const own = spans.filter((s) => s.label === label);
  return tokenLabels(own, tokens, '').map((l) => (l === '' ? 0 : 1));
}

/** Whether tokens are in text order and do not overlap (so their ends are sorted too). */
function tokensInOrder(tokens: readonly TokenRange[]): boolean {
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.end < token.start || (t > 0 && token.start < tokens[t - 1]!.end)) return false;
  }
  return true;
}

/** The first token that ends after `offset` (tokens in order, not overlapping). */
function firstTokenEndingAfter(tokens: readonly TokenRange[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/**
 * The word and punctuation tokens of a text, as code-point ranges: a run of letters, marks,
 * digits and `_` is one token, every other character that is not white space is a token of its
 * own. The grid on which token-level agreement and CoNLL export work.
 *
 * @example
 * textTokens('No chest-pain.'); // [{start:0,end:2}, {start:3,end:8}, {start:8,end:9}, {start:9,end:13}, {start:13,end:14}]
 */
export function textTokens(text: string): TokenRange[] {
  const tokens: TokenRange[] = [];
  let offset = 0;
  let wordStart = -1;
  for (const ch of text) {
    if (WORD.test(ch)) {
      if (wordStart < 0) wordStart = offset;
    } else {
      if (wordStart >= 0) tokens.push({ start: wordStart, end: offset });
      wordStart = -1;
      if (!SPACE.test(ch)) tokens.push({ start: offset, end: offset + 1 });
    }
    offset += 1;
  }
  if (wordStart >= 0) tokens.push({ start: wordStart, end: offset });
  return tokens;
}
const WORD = /^[\p{L}\p{M}\p{N}_]$/u;
const SPACE = /^\s$/u;

/** What {@link spansAgreement} needs of a spans field. */
export interface SpansAgreementOptions {
  readonly labels: readonly string[];
  /** `none`: one nominal α over token labels; otherwise only the binary α per label. */
  readonly overlap: 'none' | 'nested' | 'any';
  readonly attributes?: readonly string[];
}

/** Agreement on one label of a spans field. */
export interface SpanLabelAgreement {
  readonly label: string;
  /** Binary α over (item, token) units: inside a span of this label or not. */
  readonly tokenAlpha: number;
  /** Pooled pairwise span F1 (positive specific agreement) with exact and with overlap matching. */
  readonly exactF1: number;
  readonly overlapF1: number;
  /** Spans of this label over all annotations of items with two or more annotators. */
  readonly spans: number;
}

/** Agreement of the annotators of a spans field; NaN where there is nothing to compare. */
export interface SpansAgreement {
  /** Nominal α over (item, token) units valued by the token's label or `O` (overlap `none` only, else NaN). */
  readonly tokenAlpha: number;
  /** Pairable (item, token) units: tokens of items with two or more annotators. */
  readonly tokenUnits: number;
  readonly exactF1: number;
  readonly overlapF1: number;
  /** Share of attribute decisions made alike on the spans two annotators share exactly. */
  readonly attributeAgreement: number;
  /** Items with two or more annotators (and a text). */
  readonly items: number;
  /** Annotator pairs compared, summed over items. */
  readonly pairs: number;
  readonly perLabel: readonly SpanLabelAgreement[];
}

interface AttributedSpan extends Span {
  readonly attributes?: readonly string[];
}

/** Matches and spans of every pair of lists (F1 pooled over pairs is 2 matches / spans). */
function pairCounts(
  lists: readonly (readonly Span[])[],
  mode: 'exact' | 'overlap',
): { matches: number; spans: number } {
  let matches = 0;
  let spans = 0;
  for (let i = 0; i < lists.length; i++)
    for (let j = i + 1; j < lists.length; j++) {
      matches += spanF1(lists[i]!, lists[j]!, mode).truePositives;
      spans += lists[i]!.length + lists[j]!.length;
    }
  return { matches, spans };
}

/**
 * Agreement of a spans field's annotators, over the items two or more of them annotated:
 *
 * - token-level Krippendorff α: the text is cut into word and punctuation tokens
 *   ({@link textTokens}); with overlap `none` a unit is an (item, token) pair valued by the
 *   label of the span covering the token or `O` ({@link tokenLabels}), and α is nominal; with
 *   nested or overlapping spans a token may carry several labels, so instead there is one binary
 *   α per label (inside a span of the label or not), reported per label in every mode;
 * - pairwise span F1, pooled over items and annotator pairs (2 Σ matches / Σ spans of both),
 *   with exact matching (start, end and label) and with overlap matching (same label, at least
 *   one shared character), overall and per label. Pooled F1 between two annotators is their
 *   positive specific agreement and needs no count of true negatives, which spans lack;
 * - attributes: the share of (span, attribute) decisions made alike on exactly shared spans.
 *
 * An annotator without a value for the field marked nothing (an empty list).
 *
 * @example
 * spansAgreement(
 *   [{ item: 1, annotator: 'a', spans: [{ start: 0, end: 4, label: 'P' }] },
 *    { item: 1, annotator: 'b', spans: [{ start: 0, end: 4, label: 'P' }] }],
 *   () => 'pain in chest', { labels: ['P'], overlap: 'none' },
 * ).exactF1; // 1
 *
 * References: G. Hripcsak & A. S. Rothschild (2005), Agreement, the F-measure, and reliability in
 * information retrieval, JAMIA 12(3):296–298 (F1 between annotators equals positive specific
 * agreement and approaches κ when negatives abound); K. Krippendorff (2011), Computing
 * Krippendorff's alpha-reliability, Annenberg School for Communication, University of
 * Pennsylvania (the coincidence-matrix α used here, on a token grid).
 */
export function spansAgreement(
  annotations: Iterable<SpanAnnotation & { readonly spans: readonly AttributedSpan[] }>,
  textOf: (item: ItemId) => string | null,
  options: SpansAgreementOptions,
): SpansAgreement {
  const byItem = new Map<ItemId, (readonly AttributedSpan[])[]>();
  for (const a of annotations) {
    const list = byItem.get(a.item) ?? [];
    list.push(a.spans);
    byItem.set(a.item, list);
  }
  const labels = options.labels;
  // The label of a token no span covers ('' when a label is called O: labels are never empty).
  const outside = labels.includes('O') ? '' : 'O';
  const nominal = emptyCoincidenceState([...labels, outside]);
  const binary = new Map(labels.map((l) => [l, emptyCoincidenceState([0, 1])]));
  let items = 0;
  let pairs = 0;
  let tokenUnits = 0;
  let sameAttributes = 0;
  let attributeDecisions = 0;
  const perItemLists: (readonly AttributedSpan[])[][] = [];
  for (const [item, lists] of byItem) {
    if (lists.length < 2) continue;
    const text = textOf(item);
    if (text === null) continue;
    items += 1;
    pairs += (lists.length * (lists.length - 1)) / 2;
    perItemLists.push(lists);
    const tokens = textTokens(text);
    tokenUnits += tokens.length;
    if (options.overlap === 'none') {
      const labelled = lists.map((spans) => tokenLabels(spans, tokens, outside));
      tokens.forEach((_, t) =>
        applyUnit(
          nominal,
          labelled.map((l) => l[t]!),
          1,
        ),
      );
    }
    for (const label of labels) {
      const state = binary.get(label)!;
      const inside = lists.map((spans) => tokenMarks(spans, tokens, label));
      tokens.forEach((_, t) =>
        applyUnit(
          state,
          inside.map((v) => v[t]!),
          1,
        ),
      );
    }
    for (let i = 0; i < lists.length; i++)
      for (let j = i + 1; j < lists.length; j++) {
        const other = new Map(lists[j]!.map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
        for (const s of lists[i]!) {
          const o = other.get(`${s.start}:${s.end}:${s.label}`);
          if (!o) continue;
          for (const attribute of options.attributes ?? []) {
            if (
              (s.attributes?.includes(attribute) ?? false) ===
              (o.attributes?.includes(attribute) ?? false)
            )
              sameAttributes += 1;
            attributeDecisions += 1;
          }
        }
      }
  }
  const pooled = (mode: 'exact' | 'overlap', label?: string) => {
    let matches = 0;
    let spans = 0;
    for (const lists of perItemLists) {
      const own =
        label === undefined ? lists : lists.map((l) => l.filter((s) => s.label === label));
      const counts = pairCounts(own, mode);
      matches += counts.matches;
      spans += counts.spans;
    }
    return spans === 0 ? Number.NaN : (2 * matches) / spans;
  };
  return {
    tokenAlpha: options.overlap === 'none' ? alphaOfState(nominal, 'nominal') : Number.NaN,
    tokenUnits,
    exactF1: pooled('exact'),
    overlapF1: pooled('overlap'),
    attributeAgreement: attributeDecisions === 0 ? Number.NaN : sameAttributes / attributeDecisions,
    items,
    pairs,
    perLabel: labels.map((label) => ({
      label,
      tokenAlpha: alphaOfState(binary.get(label)!, 'nominal'),
      exactF1: pooled('exact', label),
      overlapF1: pooled('overlap', label),
      spans: perItemLists.reduce(
        (n, lists) => n + lists.reduce((m, l) => m + l.filter((s) => s.label === label).length, 0),
        0,
      ),
    })),
  };
}
