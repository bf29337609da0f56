import type { Label, RatingTable } from './rating-table.js';
import { chanceCorrected, contingency, type TwoAnnotatorOptions } from './paired-ratings.js';

/**
 * Cohen's κ between two annotators over the items both rated, unweighted or weighted
 * (`weights: 'linear' | 'quadratic'` or a matrix), the weights spread over the levels the two
 * used (`scale: 'observed'`, the default, as R irr `kappa2` and scikit-learn) or over the table's
 * whole scale (`scale: 'declared'`). An annotator's repeated ratings of an item count once, with
 * the last one. Returns NaN when expected disagreement is zero (both annotators used one and the
 * same level throughout) or when they share no item.
 *
 * @example
 * const table = ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']]);
 * cohenKappa(table); // 0.5  (pₒ = 0.75, pₑ = 0.5)
 *
 * Reference: J. Cohen (1960), A coefficient of agreement for nominal scales, Educational and
 * Psychological Measurement 20(1):37–46; J. Cohen (1968), Weighted kappa, Psychological Bulletin 70(4):213–220.
 */
export function cohenKappa<V = Label>(
  table: RatingTable<V>,
  options: TwoAnnotatorOptions = {},
): number {
  return chanceCorrected(contingency(table, options), 'own');
}
