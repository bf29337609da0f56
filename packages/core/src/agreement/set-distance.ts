/**
 * Jaccard distance between two label sets: 1 − |A ∩ B| / |A ∪ B| (0 for two empty sets).
 *
 * @example
 * jaccardDistance(['a', 'b'], ['b', 'c']); // 0.6666666666666667
 *
 * Reference: P. Jaccard (1912), The distribution of the flora in the alpine zone, New Phytologist
 * 11(2); as NLTK `nltk.metrics.distance.jaccard_distance`.
 */
export function jaccardDistance<T>(a: Iterable<T>, b: Iterable<T>): number {
  const left = new Set(a);
  const right = new Set(b);
  const union = new Set([...left, ...right]).size;
  if (union === 0) return 0;
  let shared = 0;
  for (const value of left) if (right.has(value)) shared += 1;
  return 1 - shared / union;
}

/**
 * MASI distance between two label sets: 1 − J·M, where J is the Jaccard similarity and M is 1
 * when the sets are equal, 2/3 when one contains the other, 1/3 when they overlap otherwise and 0
 * when they are disjoint (0 for two empty sets).
 *
 * @example
 * masiDistance(['a', 'b'], ['a']); // 1 − (1/2)(2/3) = 0.6666666666666667
 *
 * Reference: R. Passonneau (2006), Measuring agreement on set-valued items (MASI) for semantic and
 * pragmatic annotation, LREC; as NLTK `nltk.metrics.distance.masi_distance`.
 */
export function masiDistance<T>(a: Iterable<T>, b: Iterable<T>): number {
  const left = new Set(a);
  const right = new Set(b);
  const union = new Set([...left, ...right]).size;
  if (union === 0) return 0;
  let shared = 0;
  for (const value of left) if (right.has(value)) shared += 1;
  let monotonicity: number;
  if (left.size === right.size && shared === left.size) monotonicity = 1;
  else if (shared === Math.min(left.size, right.size)) monotonicity = 2 / 3;
  else if (shared > 0) monotonicity = 1 / 3;
  else monotonicity = 0;
  return 1 - (shared / union) * monotonicity;
}

/**
 * A canonical key for a label set (its distinct labels sorted, joined by U+001F), so that a
 * {@link RatingTable} can hold sets: `ratingTable(rows, { key: labelSetKey })`.
 *
 * @example
 * labelSetKey(['b', 'a', 'b']) === labelSetKey(['a', 'b']); // true
 *
 * Reference: set-valued annotations as values of α, R. Passonneau (2006), LREC.
 */
export function labelSetKey(labels: Iterable<string | number>): string {
  return [...new Set([...labels].map(String))].sort().join('\u001f');
}
