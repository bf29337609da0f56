import type { Label, RatingTable } from './rating-table.js';
import { percentAgreement } from './percent-agreement.js';

/**
 * Conger's κ ("exact" κ): the multi-annotator generalisation of Cohen's κ, with chance agreement
 * from each annotator's own label distribution, pₑ = Σ_k (p̄_k² − s_k² / R), where p_gk is the
 * share of annotator g's ratings with label k, p̄_k its mean over the R annotators and s_k² its
 * variance (denominator R − 1). pₐ is {@link percentAgreement}. Handles missing ratings as Gwet
 * (2014) does; every rating counts. NaN when expected disagreement is zero or fewer than two
 * annotators rated.
 *
 * @example
 * congerKappa(ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']])); // 0.5, as Cohen's κ for two annotators
 *
 * Reference: A. J. Conger (1980), Integration and generalization of kappas for multiple raters,
 * Psychological Bulletin 88(2):322–328; K. L. Gwet (2014), Handbook of Inter-Rater Reliability,
 * 4th ed., §2.4 (missing ratings); as R irr `kappam.fleiss(exact = TRUE)` and irrCAC `conger.kappa.raw`.
 */
export function congerKappa<V = Label>(table: RatingTable<V>): number {
  const k = table.levels.length;
  const r = table.annotators.length;
  if (r < 2) return Number.NaN;
  const counts = new Float64Array(r * k);
  const totals = new Float64Array(r);
  for (let i = 0; i < table.values.length; i++) {
    counts[table.raters[i]! * k + table.values[i]!]! += 1;
    totals[table.raters[i]!]! += 1;
  }
  let expected = 0;
  for (let c = 0; c < k; c++) {
    let sum = 0;
    let squares = 0;
    for (let g = 0; g < r; g++) {
      const p = counts[g * k + c]! / totals[g]!;
      sum += p;
      squares += p * p;
    }
    const mean = sum / r;
    const variance = (squares - r * mean * mean) / (r - 1);
    expected += mean * mean - variance / r;
  }
  const observed = percentAgreement(table);
  if (Math.abs(1 - expected) < 1e-12) return Number.NaN;
  return (observed - expected) / (1 - expected);
}
