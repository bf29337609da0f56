import type { Label, RatingTable } from './rating-table.js';
import { forEachUnit } from './unit-counts.js';

/** Agreement on one label. */
export interface LabelAgreement<V = Label> {
  readonly label: V;
  /** Ratings with this label. */
  readonly ratings: number;
  /**
   * Proportion of specific agreement: given one rating of an item has this label, the chance that
   * another rating of the same item has it too, Σ n_ij (n_ij − 1) / Σ n_ij (mᵢ − 1) — for two
   * annotators 2a / (2a + b + c). NaN when no item with two ratings has this label.
   */
  readonly specificAgreement: number;
  /**
   * Category-specific κ: Fleiss' κ of the label against all others (binary), generalised to
   * items with different numbers of ratings. NaN when every rating has this label or none has.
   */
  readonly kappa: number;
}

/**
 * Agreement per label: for each level, its proportion of specific agreement and its
 * category-specific κ. With m ratings on every item the κ equals Fleiss' (1971) eq. (11):
 * κ_j = 1 − Σᵢ n_ij (m − n_ij) / (N m (m − 1) p_j q_j); for varying mᵢ each item's term is
 * divided by (mᵢ − 1) and N m becomes the number of ratings on items with two or more. Items with
 * a single rating do not count. Repeated ratings of one annotator count as separate ratings.
 *
 * @example
 * perLabelAgreement(ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b']]))[0];
 * // { label: 'a', ratings: 3, specificAgreement: 0.6666666666666666, kappa: 0.33333333333333337 }
 *
 * Reference: J. L. Fleiss (1971), Measuring nominal scale agreement among many raters,
 * Psychological Bulletin 76(5):378–382, eq. (11); specific agreement: J. S. Uebersax (1982),
 * and J. L. Fleiss, B. Levin & M. C. Paik (2003), Statistical Methods for Rates and Proportions, §18.
 */
export function perLabelAgreement<V = Label>(table: RatingTable<V>): LabelAgreement<V>[] {
  const k = table.levels.length;
  const ratings = new Float64Array(k);
  const pairable = new Float64Array(k);
  const agreeingPairs = new Float64Array(k);
  const involvingPairs = new Float64Array(k);
  const disagreement = new Float64Array(k);
  let pairableRatings = 0;
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    for (let d = 0; d < distinct; d++) ratings[levels[d]!]! += counts[levels[d]!]!;
    if (m < 2) return;
    pairableRatings += m;
    for (let d = 0; d < distinct; d++) {
      const level = levels[d]!;
      const n = counts[level]!;
      pairable[level]! += n;
      agreeingPairs[level]! += n * (n - 1);
      involvingPairs[level]! += n * (m - 1);
      disagreement[level]! += (n * (m - n)) / (m - 1);
    }
  });
  return table.levels.map((label, j) => {
    const p = pairable[j]! / pairableRatings;
    const chance = pairableRatings * p * (1 - p);
    return {
      label,
      ratings: ratings[j]!,
      specificAgreement:
        involvingPairs[j]! === 0 ? Number.NaN : agreeingPairs[j]! / involvingPairs[j]!,
      kappa: chance > 1e-12 ? 1 - disagreement[j]! / chance : Number.NaN,
    };
  });
}
