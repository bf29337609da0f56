import type { Label, RatingTable } from './rating-table.js';
import { weightMatrix, type LevelWeights } from './level-weights.js';
import { forEachUnit } from './unit-counts.js';

/** Options of {@link gwetAC2}. */
export interface GwetOptions {
  /** Agreement weights over the scale (`'identity'` gives AC1). */
  readonly weights?: LevelWeights;
  /**
   * The categories q of the chance term: `'declared'` (default) — every level of the table,
   * which is the observed levels unless the table was built with a declared scale — or
   * `'observed'` — only the levels someone used (irrCAC's default when no categories are given).
   */
  readonly scale?: 'observed' | 'declared';
}

/**
 * Gwet's AC2: agreement coefficient for any number of annotators with missing ratings, weighted.
 * pₐ is averaged over items with at least two ratings, pₑ = T_w / (q (q − 1)) Σ_k π_k (1 − π_k)
 * with π_k the mean share of level k per item over all items, q the number of categories and T_w
 * the sum of the weights. An annotator's repeated ratings of one item count as separate ratings.
 * Returns NaN when the coefficient is undefined: a single category (q = 1), pₑ = 1, or no item
 * with two ratings.
 *
 * @example
 * gwetAC2(ratingTableFromWide([[1, 1], [1, 2], [3, 3]]), { weights: 'quadratic' }); // 11/14 = 0.7857… (pₐ = 11/12, pₑ = 11/18)
 *
 * Reference: K. L. Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., ch. 4 (AC1) and
 * ch. 3–4 (weighted AC2); the same formulas as R irrCAC `gwet.ac1.raw`.
 */
export function gwetAC2<V = Label>(table: RatingTable<V>, options: GwetOptions = {}): number {
  const levelCount = table.levels.length;
  // The scale: all levels, or the used ones (all levels of a table without a declared scale are used).
  const used = new Uint8Array(levelCount);
  for (const value of table.values) used[value] = 1;
  const scale: number[] = [];
  for (let level = 0; level < levelCount; level++)
    if (options.scale !== 'observed' || used[level]) scale.push(level);
  const q = scale.length;
  const position = new Int32Array(levelCount).fill(-1);
  scale.forEach((level, i) => {
    position[level] = i;
  });
  const weights = weightMatrix(options.weights ?? 'identity', q);
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const shares = new Float64Array(q);
  let agreementSum = 0;
  let pairableItems = 0;
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    let agreeing = 0;
    for (let a = 0; a < distinct; a++) {
      const k = position[levels[a]!]!;
      const rk = counts[levels[a]!]!;
      shares[k]! += rk / m;
      if (m < 2) continue;
      let weighted = 0;
      for (let b = 0; b < distinct; b++)
        weighted += weights[k * q + position[levels[b]!]!]! * counts[levels[b]!]!;
      agreeing += rk * (weighted - 1);
    }
    if (m >= 2) {
      agreementSum += agreeing / (m * (m - 1));
      pairableItems += 1;
    }
  });
  const items = table.items.length;
  if (q < 2 || pairableItems === 0) return Number.NaN;
  let spread = 0;
  for (let k = 0; k < q; k++) {
    const pi = shares[k]! / items;
    spread += pi * (1 - pi);
  }
  const expected = (weightSum * spread) / (q * (q - 1));
  const observed = agreementSum / pairableItems;
  if (Math.abs(1 - expected) < 1e-12) return Number.NaN;
  return (observed - expected) / (1 - expected);
}

/**
 * Gwet's AC1: {@link gwetAC2} with identity weights, for nominal labels, any number of
 * annotators and missing ratings. NaN when there is a single category.
 *
 * @example
 * gwetAC1(ratingTableFromWide([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']])); // 0.5294117647058824 (pₐ = 0.75, pₑ = 0.46875)
 *
 * Reference: K. L. Gwet (2008), Computing inter-rater reliability and its variance in the presence
 * of high agreement, British Journal of Mathematical and Statistical Psychology 61(1):29–48.
 */
export function gwetAC1<V = Label>(
  table: RatingTable<V>,
  options: Pick<GwetOptions, 'scale'> = {},
): number {
  return gwetAC2(table, { ...options, weights: 'identity' });
}
