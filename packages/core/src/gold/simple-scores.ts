/**
 * 1 when the answer equals the gold answer, else 0 (`===` on strings, numbers and booleans).
 *
 * @example
 * exactMatch('spam', 'spam'); // 1
 *
 * Reference: accuracy on gold ("exact match") as in P. G. Ipeirotis, F. Provost & J. Wang (2010),
 * Quality management on Amazon Mechanical Turk, HCOMP.
 */
export function exactMatch(
  answer: string | number | boolean,
  gold: string | number | boolean,
): 0 | 1 {
  return answer === gold ? 1 : 0;
}

/**
 * Jaccard similarity of a multi-label answer and the gold set: |A ∩ G| / |A ∪ G| (1 for two empty sets).
 *
 * @example
 * jaccardScore(['a', 'b'], ['b', 'c']); // 0.3333333333333333
 *
 * Reference: P. Jaccard (1912), New Phytologist 11(2):37–50.
 */
export function jaccardScore<T>(answer: Iterable<T>, gold: Iterable<T>): number {
  const a = new Set(answer);
  const g = new Set(gold);
  let shared = 0;
  for (const value of a) if (g.has(value)) shared += 1;
  const union = a.size + g.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * 1 when a rating is within `tolerance` of the gold rating (|answer − gold| ≤ tolerance), else 0.
 *
 * @example
 * withinTolerance(4, 5, 1); // 1
 *
 * Reference: the "within-one" accuracy of ordinal rating tasks, e.g. J. Cohen (1968) on partial credit.
 */
export function withinTolerance(answer: number, gold: number, tolerance: number): 0 | 1 {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0; got ${tolerance}`);
  return Math.abs(answer - gold) <= tolerance + 1e-12 * Math.max(1, Math.abs(gold)) ? 1 : 0;
}

/**
 * Share of steps labelled as in the gold (a label per reasoning or trajectory step). Steps beyond
 * the gold's length are ignored; missing steps count as wrong. NaN when the gold has no step.
 *
 * @example
 * perStepAccuracy(['correct', 'incorrect', 'correct'], ['correct', 'correct', 'correct']); // 0.6666666666666666
 *
 * Reference: step-level labels as in H. Lightman et al. (2023), Let's verify step by step, arXiv:2305.20050.
 */
export function perStepAccuracy<T>(answer: readonly T[], gold: readonly T[]): number {
  if (gold.length === 0) return Number.NaN;
  let correct = 0;
  for (let i = 0; i < gold.length; i++)
    if (i < answer.length && answer[i] === gold[i]) correct += 1;
  return correct / gold.length;
}
