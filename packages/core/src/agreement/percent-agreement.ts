import type { Label, RatingTable } from './rating-table.js';

/**
 * Mean pairwise percent agreement: for each item with at least two ratings, the share of its
 * pairs of ratings that carry the same label; then the mean over those items (Fleiss's P̄). With
 * two annotators this is the plain proportion of items they agree on; with complete data it equals
 * the mean over annotator pairs of their proportion of agreement. Every rating counts, including
 * an annotator's repeated ratings of one item. NaN when no item has two ratings.
 *
 * @example
 * percentAgreement(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b']])); // (1/3 + 1) / 2 = 0.6666666666666666
 *
 * Reference: J. L. Fleiss (1971), Measuring nominal scale agreement among many raters,
 * Psychological Bulletin 76(5):378–382 (the P̄ of eq. 2).
 */
export function percentAgreement<V = Label>(table: RatingTable<V>): number {
  const { offsets, values } = table;
  const counts = new Int32Array(table.levels.length);
  // Per number of ratings m: the items with m ratings and their agreeing ordered pairs
  // Σ n(n − 1), both integers, so 1,000,000 items add no rounding error; one division per m.
  let agreeingByM = new Float64Array(16);
  let itemsByM = new Float64Array(16);
  let maxM = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    const m = end - start;
    if (m < 2) continue;
    let agreeing = 0;
    for (let r = start; r < end; r++) {
      const level = values[r]!;
      agreeing += 2 * counts[level]!;
      counts[level]! += 1;
    }
    for (let r = start; r < end; r++) counts[values[r]!] = 0;
    if (m >= agreeingByM.length) {
      const size = Math.max(m + 1, agreeingByM.length * 2);
      agreeingByM = grow(agreeingByM, size);
      itemsByM = grow(itemsByM, size);
    }
    agreeingByM[m]! += agreeing;
    itemsByM[m]! += 1;
    if (m > maxM) maxM = m;
  }
  let sum = 0;
  let items = 0;
  for (let m = 2; m <= maxM; m++) {
    if (itemsByM[m] === 0) continue;
    sum += agreeingByM[m]! / (m * (m - 1));
    items += itemsByM[m]!;
  }
  return items === 0 ? Number.NaN : sum / items;
}

function grow(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}
