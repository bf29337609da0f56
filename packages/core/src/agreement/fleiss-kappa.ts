import type { Label, RatingTable } from './rating-table.js';

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
  const { offsets, values } = table;
  const items = offsets.length - 1;
  if (items < 1) return null;
  const perItem = offsets[1]! - offsets[0]!;
  if (perItem < 2) return null;
  const k = table.levels.length;
  // Integers throughout: the count of each level, the agreeing ordered pairs Σᵤ Σⱼ nᵤⱼ(nᵤⱼ − 1)
  // (an item's count of a level goes from c to c + 1 with 2c more agreeing pairs), so that P̄ and
  // Pₑ are each rounded once instead of accumulating one rounding per item.
  const totals = new Float64Array(k);
  const counts = new Int32Array(k);
  let agreeing = 0;
  for (let u = 0; u < items; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    if (end - start !== perItem) return null;
    for (let r = start; r < end; r++) {
      const level = values[r]!;
      agreeing += 2 * counts[level]!;
      counts[level]! += 1;
    }
    for (let r = start; r < end; r++) {
      const level = values[r]!;
      totals[level]! += counts[level]!;
      counts[level] = 0;
    }
  }
  const ratings = items * perItem;
  let squares = 0;
  for (let j = 0; j < k; j++) squares += totals[j]! * totals[j]!;
  const expected = squares / (ratings * ratings);
  if (Math.abs(1 - expected) < 1e-12) return Number.NaN;
  const observed = agreeing / (items * perItem * (perItem - 1));
  return (observed - expected) / (1 - expected);
}
