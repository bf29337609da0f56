import { urlCategory } from './detectors.js';

/** A labelled span: offsets in Unicode code points, end exclusive (issue 6). */
export interface LabelledSpan {
  start: number;
  end: number;
  category: string;
}

/** One record to score: the gold spans and the spans a detector predicted for the same text. */
export interface EvaluationRecord {
  gold: readonly LabelledSpan[];
  predicted: readonly LabelledSpan[];
}

/**
 * How a gold span counts as found, and a predicted span as correct:
 * - `overlap`: a predicted span shares at least one code point with the gold span;
 * - `coverage`: the predicted spans together cover every code point of the gold span (a
 *   predicted span is correct when it overlaps a gold span that is covered so);
 * - `exact`: a predicted span has the same start and end.
 */
export const MATCHINGS = ['overlap', 'coverage', 'exact'] as const;
export type Matching = (typeof MATCHINGS)[number];

export interface Score {
  /** Gold spans found / all gold spans. */
  goldFound: number;
  gold: number;
  /** Predicted spans that are correct / all predicted spans. */
  predictedCorrect: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The name of the row that ignores categories: PHI found whatever its label. */
export const ANY_CATEGORY = '(any category)';

export interface Evaluation {
  /** Per category (gold or predicted), then `overall` (same category required) and ANY_CATEGORY. */
  byCategory: Record<string, Record<Matching, Score>>;
  overall: Record<Matching, Score>;
  anyCategory: Record<Matching, Score>;
}

const overlaps = (a: LabelledSpan, b: LabelledSpan): boolean => a.start < b.end && b.start < a.end;

/** True when the union of `spans` covers [gold.start, gold.end). */
function covered(gold: LabelledSpan, spans: readonly LabelledSpan[]): boolean {
  let reached = gold.start;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > reached) return false;
    reached = Math.max(reached, s.end);
    if (reached >= gold.end) return true;
  }
  return reached >= gold.end;
}

interface Tally {
  goldFound: number;
  gold: number;
  predictedCorrect: number;
  predicted: number;
}

const emptyTallies = (): Record<Matching, Tally> => ({
  overlap: { goldFound: 0, gold: 0, predictedCorrect: 0, predicted: 0 },
  coverage: { goldFound: 0, gold: 0, predictedCorrect: 0, predicted: 0 },
  exact: { goldFound: 0, gold: 0, predictedCorrect: 0, predicted: 0 },
});

/** Adds one record's spans (all of one category, or all categories for the any-category row). */
function tally(
  into: Record<Matching, Tally>,
  gold: readonly LabelledSpan[],
  predicted: readonly LabelledSpan[],
): void {
  const coveredGold = gold.filter((g) =>
    covered(
      g,
      predicted.filter((p) => overlaps(p, g)),
    ),
  );
  const found: Record<Matching, (g: LabelledSpan) => boolean> = {
    overlap: (g) => predicted.some((p) => overlaps(p, g)),
    coverage: (g) => coveredGold.includes(g),
    exact: (g) => predicted.some((p) => p.start === g.start && p.end === g.end),
  };
  const correct: Record<Matching, (p: LabelledSpan) => boolean> = {
    overlap: (p) => gold.some((g) => overlaps(p, g)),
    coverage: (p) => coveredGold.some((g) => overlaps(p, g)),
    exact: (p) => gold.some((g) => p.start === g.start && p.end === g.end),
  };
  for (const m of MATCHINGS) {
    into[m].gold += gold.length;
    into[m].predicted += predicted.length;
    into[m].goldFound += gold.filter(found[m]).length;
    into[m].predictedCorrect += predicted.filter(correct[m]).length;
  }
}

/** Precision and recall are 1 when there is nothing to get wrong (no predictions / no gold). */
function score(t: Tally): Score {
  const precision = t.predicted === 0 ? 1 : t.predictedCorrect / t.predicted;
  const recall = t.gold === 0 ? 1 : t.goldFound / t.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...t, precision, recall, f1 };
}

const scoreAll = (t: Record<Matching, Tally>): Record<Matching, Score> => ({
  overlap: score(t.overlap),
  coverage: score(t.coverage),
  exact: score(t.exact),
});

/**
 * Scores predicted spans against gold spans, per category (a gold span is found only by a
 * predicted span of the same category), overall (micro-averaged over categories) and for any
 * category (labels ignored: was the PHI caught at all, which is what de-identification needs).
 */
export function evaluateSpans(records: Iterable<EvaluationRecord>): Evaluation {
  const perCategory = new Map<string, Record<Matching, Tally>>();
  const any = emptyTallies();
  for (const record of records) {
    tally(any, record.gold, record.predicted);
    const categories = new Set([...record.gold, ...record.predicted].map((s) => s.category));
    for (const category of categories) {
      let t = perCategory.get(category);
      if (!t) perCategory.set(category, (t = emptyTallies()));
      tally(
        t,
        record.gold.filter((s) => s.category === category),
        record.predicted.filter((s) => s.category === category),
      );
    }
  }
  const overall = emptyTallies();
  for (const t of perCategory.values())
    for (const m of MATCHINGS)
      for (const key of ['goldFound', 'gold', 'predictedCorrect', 'predicted'] as const)
        overall[m][key] += t[m][key];
  const byCategory: Record<string, Record<Matching, Score>> = {};
  for (const category of [...perCategory.keys()].sort())
    byCategory[category] = scoreAll(perCategory.get(category)!);
  return { byCategory, overall: scoreAll(overall), anyCategory: scoreAll(any) };
}

/**
 * presidio-research's synthetic set labels as our detector names them. As presidio-research's
 * own evaluation does, its GPE (geopolitical entity) is scored as LOCATION; its DOMAIN_NAME
 * spans that are full URLs (a scheme or a path, e.g. "https://www.TaxAids.ca/") are scored as
 * URL, the name the detector gives an address with a scheme or path (a bare domain stays
 * DOMAIN_NAME). `text` is the gold span's text.
 */
export function presidioGoldCategory(category: string, text: string): string {
  if (category === 'GPE') return 'LOCATION';
  if (category === 'DOMAIN_NAME') return urlCategory(text);
  return category;
}

/** One record of presidio-research's synthetic set (its JSON array, e.g. synth_dataset_v2.json). */
export interface PresidioRecord {
  full_text: string;
  spans: readonly { entity_type: string; start_position: number; end_position: number }[];
}

/**
 * A presidio-research record's gold spans (code-point offsets, as its positions are), labelled
 * as the detector names them (presidioGoldCategory).
 */
export function presidioGoldSpans(record: PresidioRecord): LabelledSpan[] {
  const chars = Array.from(record.full_text);
  return record.spans.map((s) => ({
    start: s.start_position,
    end: s.end_position,
    category: presidioGoldCategory(
      s.entity_type,
      chars.slice(s.start_position, s.end_position).join(''),
    ),
  }));
}
