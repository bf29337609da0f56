import type { Label, RatingTable } from './rating-table.js';
import { annotatorAgreementMatrix } from './annotator-agreement-matrix.js';

/**
 * Light's κ: the mean of Cohen's κ over every pair of annotators who share at least one item
 * (pairs whose κ is undefined are left out; NaN when none is left). Repeated ratings count once,
 * with the last, as in {@link cohenKappa}.
 *
 * @example
 * lightKappa(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b']])); // mean of 1, 0 and 0 = 0.3333333333333333
 *
 * Reference: R. J. Light (1971), Measures of response agreement for qualitative data,
 * Psychological Bulletin 76(5):365–377; as R irr `kappam.light`.
 */
export function lightKappa<V = Label>(table: RatingTable<V>): number {
  let sum = 0;
  let pairs = 0;
  for (const pair of annotatorAgreementMatrix(table).pairs) {
    if (Number.isNaN(pair.kappa)) continue;
    sum += pair.kappa;
    pairs += 1;
  }
  return pairs === 0 ? Number.NaN : sum / pairs;
}
