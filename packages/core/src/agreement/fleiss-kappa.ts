import type { Label, RatingTable } from './rating-table.js';
import { forEachUnit } from './unit-counts.js';

/**
 * Fleiss' κ for any number of annotators when every item carries the same number m ≥ 2 of
 * ratings (who gave them does not matter; an annotator's repeated ratings count as separate
 * ratings). Returns `null` when items carry different numbers of ratings or fewer than two — the
 * coefficient is not defined for that data; use {@link krippendorffAlpha} — and NaN when expected
 * disagreement is zero (every rating has the same label).
 *
 * @example
 * fleissKappa(ratingTableFromWide([['a', 'a', 'a'], ['a', 'b', 'b'], ['b', 'b', 'b']])); // 0.55 (P̄ = 7/9, Pₑ = 41/81)
 *
 * Reference: J. L. Fleiss (1971), Measuring nominal scale agreement among many raters,
 * Psychological Bulletin 76(5):378–382; agrees with statsmodels `fleiss_kappa` and R irr `kappam.fleiss`.
 */
export function fleissKappa<V = Label>(table: RatingTable<V>): number | null {
  const k = table.levels.length;
  const totals = new Float64Array(k);
  let perItem = -1;
  let equal = true;
  let agreementSum = 0;
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    if (perItem < 0) perItem = m;
    else if (m !== perItem) equal = false;
    let agreeing = 0;
    for (let d = 0; d < distinct; d++) {
      const level = levels[d]!;
      const n = counts[level]!;
      totals[level]! += n;
      agreeing += n * (n - 1);
    }
    agreementSum += m > 1 ? agreeing / (m * (m - 1)) : 0;
  });
  if (!equal || perItem < 2) return null;
  const items = table.items.length;
  const ratings = items * perItem;
  let expected = 0;
  for (let j = 0; j < k; j++) expected += (totals[j]! / ratings) ** 2;
  if (Math.abs(1 - expected) < 1e-12) return Number.NaN;
  return (agreementSum / items - expected) / (1 - expected);
}
