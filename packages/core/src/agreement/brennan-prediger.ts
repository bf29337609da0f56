import type { Label, RatingTable } from './rating-table.js';
import { percentAgreement } from './percent-agreement.js';

/**
 * Brennan–Prediger coefficient: chance agreement is 1/q for q categories, so
 * (pₐ − 1/q) / (1 − 1/q) with pₐ the {@link percentAgreement}. q is the number of levels of the
 * table (its declared scale, or the observed labels). NaN with a single category.
 *
 * @example
 * brennanPrediger(ratingTableFromWide([['a', 'a'], ['a', 'b']])); // (0.5 − 0.5) / 0.5 = 0
 *
 * Reference: R. L. Brennan & D. J. Prediger (1981), Coefficient kappa: some uses, misuses, and
 * alternatives, Educational and Psychological Measurement 41(3):687–699; as irrCAC `bp.coeff.raw`.
 */
export function brennanPrediger<V = Label>(table: RatingTable<V>): number {
  const q = table.levels.length;
  if (q < 2) return Number.NaN;
  return (percentAgreement(table) - 1 / q) / (1 - 1 / q);
}
