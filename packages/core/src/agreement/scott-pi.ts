import type { Label, RatingTable } from './rating-table.js';
import { chanceCorrected, contingency, type TwoAnnotatorOptions } from './paired-ratings.js';

/**
 * Scott's π between two annotators over the items both rated: like Cohen's κ, but chance
 * agreement comes from the two annotators' pooled label distribution. Weighted forms and the
 * scale option as in {@link cohenKappa}. Returns NaN when expected disagreement is zero or when
 * the annotators share no item.
 *
 * @example
 * const table = ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']]);
 * scottPi(table); // 0.4666666666666667  (pₒ = 0.75, pₑ = (3/8)² + (5/8)²)
 *
 * Reference: W. A. Scott (1955), Reliability of content analysis: the case of nominal scale
 * coding, Public Opinion Quarterly 19(3):321–325.
 */
export function scottPi<V = Label>(
  table: RatingTable<V>,
  options: TwoAnnotatorOptions = {},
): number {
  return chanceCorrected(contingency(table, options), 'pooled');
}
