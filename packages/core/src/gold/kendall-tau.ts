/**
 * Kendall's τ-b between an annotator's scores (or ranks) of n objects and the gold's: concordant
 * minus discordant pairs over √((n₀ − n₁)(n₀ − n₂)), which corrects for ties on either side (for
 * two rankings without ties it is τ-a). O(n²), meant for the handful of responses one ranking
 * item carries. NaN when either side ties every object or n < 2.
 *
 * @example
 * kendallTau([1, 2, 3, 4], [1, 3, 2, 4]); // 0.6666666666666666
 *
 * Reference: M. G. Kendall (1945), The treatment of ties in ranking problems, Biometrika
 * 33(3):239–251; as scipy.stats `kendalltau` (variant 'b').
 */
export function kendallTau(answer: readonly number[], gold: readonly number[]): number {
  if (answer.length !== gold.length) {
    throw new RangeError(`kendallTau: ${answer.length} answers against ${gold.length} gold values`);
  }
  const n = answer.length;
  let concordant = 0;
  let discordant = 0;
  let tiedAnswer = 0;
  let tiedGold = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = Math.sign(answer[i]! - answer[j]!);
      const g = Math.sign(gold[i]! - gold[j]!);
      if (a === 0) tiedAnswer += 1;
      if (g === 0) tiedGold += 1;
      if (a !== 0 && g !== 0) {
        if (a === g) concordant += 1;
        else discordant += 1;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedAnswer) * (pairs - tiedGold));
  return denominator > 0 ? (concordant - discordant) / denominator : Number.NaN;
}
