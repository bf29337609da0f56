/**
 * Agreement weights between the levels of a scale, as a dense row-major `k × k` matrix with
 * 1 on the diagonal: `'identity'` (unweighted), `'linear'` (1 − |i − j| / (k − 1)) or
 * `'quadratic'` (1 − (i − j)² / (k − 1)²), where i and j are the *positions* of the levels on the
 * scale (for a scale of equally spaced integers such as 1–6 that is the same as their values), or
 * a caller's own matrix.
 */
export type LevelWeights = 'identity' | 'linear' | 'quadratic' | Float64Array;

/**
 * The `k × k` weight matrix for `weights` (see {@link LevelWeights}).
 *
 * @example
 * weightMatrix('linear', 3); // [1, 0.5, 0,  0.5, 1, 0.5,  0, 0.5, 1]
 *
 * Reference: Cohen (1968), Weighted kappa, Psychological Bulletin 70(4); Fleiss & Cohen (1973) for
 * the quadratic weights; the same definitions as scikit-learn `cohen_kappa_score(weights=…)`.
 */
export function weightMatrix(weights: LevelWeights, k: number): Float64Array {
  if (weights instanceof Float64Array) {
    if (weights.length !== k * k)
      throw new RangeError(`weights: expected a ${k}×${k} matrix, got ${weights.length} entries`);
    return weights;
  }
  const matrix = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (weights === 'identity' || k === 1) matrix[i * k + j] = i === j ? 1 : 0;
      else if (weights === 'linear') matrix[i * k + j] = 1 - Math.abs(i - j) / (k - 1);
      else matrix[i * k + j] = 1 - ((i - j) * (i - j)) / ((k - 1) * (k - 1));
    }
  }
  return matrix;
}
