import { kendallTau } from '../gold/kendall-tau.js';

/**
 * Mean pairwise Kendall's τ-b between annotators who ranked (or scored) the same objects: one row
 * per annotator, lower = better; pairs whose τ is undefined (one side tied everything) are left
 * out; NaN when no pair is left.
 *
 * @example
 * meanPairwiseKendallTau([[1, 2, 3], [1, 2, 3], [3, 2, 1]]); // (1 − 1 − 1) / 3 = −0.3333333333333333
 *
 * Reference: M. G. Kendall (1945), The treatment of ties in ranking problems, Biometrika 33(3);
 * the average of pairwise rank correlations, M. G. Kendall (1948), Rank Correlation Methods, ch. 6.
 */
export function meanPairwiseKendallTau(rankings: readonly (readonly number[])[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < rankings.length; i++) {
    for (let j = i + 1; j < rankings.length; j++) {
      const tau = kendallTau(rankings[i]!, rankings[j]!);
      if (Number.isNaN(tau)) continue;
      sum += tau;
      pairs += 1;
    }
  }
  return pairs === 0 ? Number.NaN : sum / pairs;
}
