/** Midranks (1-based; tied values share the mean of their ranks) of `scores`, and Σ (t³ − t) over tie groups. */
export function midranks(scores: ArrayLike<number>): { ranks: Float64Array; ties: number } {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Float64Array(n);
  let ties = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end += 1;
    const rank = (start + end + 1) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = rank;
    const t = end - start;
    ties += t * t * t - t;
    start = end;
  }
  return { ranks, ties };
}

/**
 * Kendall's coefficient of concordance W of m annotators who each ranked (or scored) the same n
 * objects: one row per annotator, one column per object, lower value = better rank. Scores are
 * turned into ranks, ties into midranks, with the tie correction of the denominator. 0 means no
 * agreement on the order, 1 complete agreement. Returns NaN when it is undefined (fewer than two
 * objects, or every annotator tied every object); rows of different lengths are an error (W
 * needs complete rankings).
 *
 * @example
 * kendallW([[1, 2, 3], [1, 2, 3], [1, 2, 3]]); // 1
 * kendallW([[1, 2, 3], [3, 2, 1]]);            // 0
 *
 * Reference: M. G. Kendall & B. Babington Smith (1939), The problem of m rankings, Annals of
 * Mathematical Statistics 10(3):275–287; tie correction as in S. Siegel & N. J. Castellan (1988),
 * Nonparametric Statistics for the Behavioral Sciences, 2nd ed., §9.4 (and R irr `kendall(…, correct = TRUE)`).
 */
export function kendallW(rankings: readonly (readonly number[])[]): number {
  const m = rankings.length;
  const n = rankings[0]?.length ?? 0;
  const sums = new Float64Array(n);
  let ties = 0;
  for (const [r, row] of rankings.entries()) {
    if (row.length !== n)
      throw new RangeError(`rankings[${r}]: ${row.length} objects, expected ${n} like rankings[0]`);
    const ranked = midranks(row);
    ties += ranked.ties;
    for (let j = 0; j < n; j++) sums[j]! += ranked.ranks[j]!;
  }
  if (m === 0 || n < 2) return Number.NaN;
  const mean = (m * (n + 1)) / 2;
  let s = 0;
  for (let j = 0; j < n; j++) s += (sums[j]! - mean) ** 2;
  const denominator = m * m * (n * n * n - n) - m * ties;
  if (denominator <= 0) return Number.NaN;
  return (12 * s) / denominator;
}
