import type { Label, RatingTable } from './rating-table.js';
import { forEachUnit } from './unit-counts.js';

/**
 * Mean pairwise percent agreement: for each item with at least two ratings, the share of its
 * pairs of ratings that carry the same label; then the mean over those items (Fleiss's P̄). With
 * two annotators this is the plain proportion of items they agree on; with complete data it equals
 * the mean over annotator pairs of their proportion of agreement. Every rating counts, including
 * an annotator's repeated ratings of one item. NaN when no item has two ratings.
 *
 * @example
 * percentAgreement(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b']])); // (1/3 + 1) / 2 = 0.6666666666666666
 *
 * Reference: J. L. Fleiss (1971), Measuring nominal scale agreement among many raters,
 * Psychological Bulletin 76(5):378–382 (the P̄ of eq. 2).
 */
export function percentAgreement<V = Label>(table: RatingTable<V>): number {
  let sum = 0;
  let items = 0;
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    if (m < 2) return;
    let agreeing = 0;
    for (let d = 0; d < distinct; d++) {
      const n = counts[levels[d]!]!;
      agreeing += n * (n - 1);
    }
    sum += agreeing / (m * (m - 1));
    items += 1;
  });
  return items === 0 ? Number.NaN : sum / items;
}
