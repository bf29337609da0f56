import type { Label, RatingTable } from './rating-table.js';
import { forEachUnit } from './unit-counts.js';

/** Label × label pair counts: where annotators agree (diagonal) and where they split (off it). */
export interface DisagreementMatrix<V = Label> {
  readonly levels: readonly V[];
  /**
   * Row-major `k × k`, symmetric: entry (c, d) is the number of pairs of ratings of one item
   * where one rating is c and the other d. A split c–d (c ≠ d) appears in both (c, d) and (d, c);
   * each unordered pair of ratings is counted once per cell.
   */
  readonly counts: Float64Array;
  /** Unordered label pairs (c ≠ d) with at least one split, most frequent first. */
  readonly splits: readonly { readonly a: V; readonly b: V; readonly pairs: number }[];
}

/**
 * The label × label disagreement matrix: pairs of ratings of one item by label pair, counting
 * every pair of ratings of an item (so an item rated a, a, b adds one a–a pair and two a–b
 * pairs). Shows *where* annotators split; `splits` lists the off-diagonal pairs, most frequent first.
 *
 * @example
 * disagreementMatrix(ratingTableFromWide([['a', 'a', 'b']])).splits; // [{ a: 'a', b: 'b', pairs: 2 }]
 *
 * Reference: the (unweighted) coincidences of K. Krippendorff (2004), Content Analysis, 2nd ed., §11.3.
 */
export function disagreementMatrix<V = Label>(table: RatingTable<V>): DisagreementMatrix<V> {
  const k = table.levels.length;
  const counts = new Float64Array(k * k);
  forEachUnit(table, (_u, _m, distinct, levels, itemCounts) => {
    for (let a = 0; a < distinct; a++) {
      const c = levels[a]!;
      const nc = itemCounts[c]!;
      counts[c * k + c]! += (nc * (nc - 1)) / 2;
      for (let b = a + 1; b < distinct; b++) {
        const d = levels[b]!;
        const pairs = nc * itemCounts[d]!;
        counts[c * k + d]! += pairs;
        counts[d * k + c]! += pairs;
      }
    }
  });
  const splits: { a: V; b: V; pairs: number }[] = [];
  for (let c = 0; c < k; c++) {
    for (let d = c + 1; d < k; d++) {
      const pairs = counts[c * k + d]!;
      if (pairs > 0) splits.push({ a: table.levels[c]!, b: table.levels[d]!, pairs });
    }
  }
  splits.sort((x, y) => y.pairs - x.pairs);
  return { levels: table.levels, counts, splits };
}
