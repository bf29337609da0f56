import { numericLevels, type AnnotatorId, type Label, type RatingTable } from './rating-table.js';
import { percentAgreement } from './percent-agreement.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { fleissKappa } from './fleiss-kappa.js';
import { gwetAC1 } from './gwet-ac.js';
import { cohenKappa } from './cohen-kappa.js';
import { scottPi } from './scott-pi.js';
import { perLabelAgreement, type LabelAgreement } from './per-label-agreement.js';
import { disagreementMatrix } from './disagreement-matrix.js';
import { annotatorAgreementMatrix, type AnnotatorPair } from './annotator-agreement-matrix.js';

/** Everything a dashboard or `concord agreement` shows about one table. */
export interface AgreementReport<V = Label> {
  /** Items with at least one rating. */
  readonly units: number;
  /** Items with at least two ratings (the ones agreement is computed on). */
  readonly pairableUnits: number;
  readonly annotators: number;
  readonly ratings: number;
  readonly percentAgreement: number;
  /** α nominal always; ordinal, interval and ratio when every label is a number. */
  readonly krippendorffAlpha: {
    readonly nominal: number;
    readonly ordinal?: number;
    readonly interval?: number;
    readonly ratio?: number;
  };
  /** `null` when items carry different numbers of ratings. */
  readonly fleissKappa: number | null;
  readonly gwetAC1: number;
  /** Present when the table has exactly two annotators. */
  readonly twoAnnotators?: {
    readonly cohenKappa: number;
    readonly cohenKappaLinear: number;
    readonly cohenKappaQuadratic: number;
    readonly scottPi: number;
  };
  readonly perLabel: readonly LabelAgreement<V>[];
  /** Label pairs annotators split on, most frequent first. */
  readonly splits: readonly { readonly a: V; readonly b: V; readonly pairs: number }[];
  /** Annotator pairs by Cohen's κ, weakest first (at most `weakestPairs`, default 10). */
  readonly weakestPairs: readonly AnnotatorPair[];
  /** Annotators by how often they agree with the others on shared items, lowest first. */
  readonly annotatorAgreement: readonly {
    readonly annotator: AnnotatorId;
    readonly agreement: number;
    readonly pairs: number;
  }[];
}

/**
 * The standard agreement report of a table: counts, percent agreement, Krippendorff's α (every
 * level that applies), Fleiss' κ, Gwet's AC1, the two-annotator coefficients when there are
 * exactly two annotators, per-label agreement, the most frequent splits and the weakest annotator
 * pairs. Undefined values follow each function (NaN: zero expected disagreement; null: Fleiss on
 * unequal numbers of ratings).
 *
 * @example
 * agreementReport(ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']])).twoAnnotators?.cohenKappa; // 0.5
 *
 * Reference: the coefficients' own references; the selection follows K. Krippendorff (2004),
 * Content Analysis, ch. 11, and K. L. Gwet (2014), Handbook of Inter-Rater Reliability.
 */
export function agreementReport<V = Label>(
  table: RatingTable<V>,
  options: { readonly weakestPairs?: number } = {},
): AgreementReport<V> {
  let pairableUnits = 0;
  for (let u = 0; u + 1 < table.offsets.length; u++)
    if (table.offsets[u + 1]! - table.offsets[u]! >= 2) pairableUnits += 1;
  const numeric = numericLevels(table) !== null && table.levels.length > 0;
  const matrix = annotatorAgreementMatrix(table);
  const agreed = new Map<AnnotatorId, { sum: number; items: number; pairs: number }>();
  for (const pair of matrix.pairs) {
    for (const annotator of [pair.a, pair.b]) {
      const entry = agreed.get(annotator) ?? { sum: 0, items: 0, pairs: 0 };
      entry.sum += pair.agreement * pair.items;
      entry.items += pair.items;
      entry.pairs += 1;
      agreed.set(annotator, entry);
    }
  }
  return {
    units: table.items.length,
    pairableUnits,
    annotators: table.annotators.length,
    ratings: table.values.length,
    percentAgreement: percentAgreement(table),
    krippendorffAlpha: numeric
      ? {
          nominal: krippendorffAlpha(table, 'nominal'),
          ordinal: krippendorffAlpha(table, 'ordinal'),
          interval: krippendorffAlpha(table, 'interval'),
          ratio: krippendorffAlpha(table, 'ratio'),
        }
      : { nominal: krippendorffAlpha(table, 'nominal') },
    fleissKappa: fleissKappa(table),
    gwetAC1: gwetAC1(table),
    ...(table.annotators.length === 2
      ? {
          twoAnnotators: {
            cohenKappa: cohenKappa(table),
            cohenKappaLinear: cohenKappa(table, { weights: 'linear' }),
            cohenKappaQuadratic: cohenKappa(table, { weights: 'quadratic' }),
            scottPi: scottPi(table),
          },
        }
      : {}),
    perLabel: perLabelAgreement(table),
    splits: disagreementMatrix(table).splits,
    weakestPairs: matrix.pairs.slice(0, options.weakestPairs ?? 10),
    annotatorAgreement: [...agreed]
      .map(([annotator, { sum, items, pairs }]) => ({ annotator, agreement: sum / items, pairs }))
      .sort((x, y) => x.agreement - y.agreement),
  };
}
