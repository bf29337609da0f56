import type { AnnotatorId, Label, RatingTable } from './rating-table.js';
import { chanceCorrected, contingencyFromPairs } from './paired-ratings.js';
import type { LevelWeights } from './level-weights.js';

/** Agreement of one pair of annotators over the items both rated. */
export interface AnnotatorPair {
  readonly a: AnnotatorId;
  readonly b: AnnotatorId;
  /** Items both rated. */
  readonly items: number;
  /** Share of those items with the same label. */
  readonly agreement: number;
  /** Cohen's κ of the pair (NaN when undefined; see {@link cohenKappa}). */
  readonly kappa: number;
}

/** The annotator × annotator agreement matrix. */
export interface AnnotatorAgreementMatrix {
  readonly annotators: readonly AnnotatorId[];
  /** Row-major `A × A`, symmetric: items both annotators rated (diagonal: items each rated). */
  readonly shared: Float64Array;
  /** Row-major `A × A`, symmetric: proportion of agreement; NaN on the diagonal and for pairs with no shared item. */
  readonly agreement: Float64Array;
  /** Row-major `A × A`, symmetric: Cohen's κ; NaN on the diagonal and where undefined. */
  readonly kappa: Float64Array;
  /** Every pair with a shared item, weakest κ first (NaN κ last), then fewer shared items, then table order. */
  readonly pairs: readonly AnnotatorPair[];
}

/**
 * Pairwise agreement of every two annotators over the items both rated: number of shared
 * items, proportion of agreement and Cohen's κ (weighted with `weights` over the levels the pair
 * used, as {@link cohenKappa} with `scale: 'observed'`). An annotator's repeated ratings of an
 * item count once, with the last one. Memory is O(A²) for A annotators plus k² per pair that
 * shares an item; cost O(Σ mᵤ²) over items.
 *
 * @example
 * const m = annotatorAgreementMatrix(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b']]));
 * m.pairs[0]; // { a: 0, b: 2, items: 2, agreement: 0.5, kappa: 0 }
 *
 * Reference: pairwise Cohen's κ as in R. J. Light (1971), Measures of response agreement for
 * qualitative data, Psychological Bulletin 76(5):365–377 (whose mean is Light's κ).
 */
export function annotatorAgreementMatrix<V = Label>(
  table: RatingTable<V>,
  options: { readonly weights?: LevelWeights } = {},
): AnnotatorAgreementMatrix {
  const a = table.annotators.length;
  const k = table.levels.length;
  const shared = new Float64Array(a * a);
  const tables = new Map<number, Float64Array>();
  const stamp = new Int32Array(a).fill(-1);
  const present: number[] = [];
  const presentValues: number[] = [];
  const { offsets, values, raters } = table;
  for (let u = 0; u + 1 < offsets.length; u++) {
    present.length = 0;
    presentValues.length = 0;
    // Walk backwards so that the last rating of a repeated annotator is the one kept.
    for (let r = offsets[u + 1]! - 1; r >= offsets[u]!; r--) {
      const rater = raters[r]!;
      if (stamp[rater] === u) continue;
      stamp[rater] = u;
      present.push(rater);
      presentValues.push(values[r]!);
    }
    for (let i = 0; i < present.length; i++) {
      const x = present[i]!;
      shared[x * a + x]! += 1;
      for (let j = i + 1; j < present.length; j++) {
        const y = present[j]!;
        const [first, second, vFirst, vSecond] =
          x < y
            ? [x, y, presentValues[i]!, presentValues[j]!]
            : [y, x, presentValues[j]!, presentValues[i]!];
        const key = first * a + second;
        let pairs = tables.get(key);
        if (pairs === undefined) {
          pairs = new Float64Array(k * k);
          tables.set(key, pairs);
        }
        pairs[vFirst * k + vSecond]! += 1;
        shared[first * a + second]! += 1;
        shared[second * a + first]! += 1;
      }
    }
  }
  const agreement = new Float64Array(a * a).fill(Number.NaN);
  const kappa = new Float64Array(a * a).fill(Number.NaN);
  const list: (AnnotatorPair & { readonly key: number })[] = [];
  for (const [key, pairs] of tables) {
    const first = Math.floor(key / a);
    const second = key % a;
    const items = shared[key]!;
    let same = 0;
    for (let c = 0; c < k; c++) same += pairs[c * k + c]!;
    const value = chanceCorrected(contingencyFromPairs(pairs, k, items, options), 'own');
    agreement[key] = agreement[second * a + first] = same / items;
    kappa[key] = kappa[second * a + first] = value;
    list.push({
      key,
      a: table.annotators[first]!,
      b: table.annotators[second]!,
      items,
      agreement: same / items,
      kappa: value,
    });
  }
  list.sort((x, y) => {
    const xk = Number.isNaN(x.kappa) ? Infinity : x.kappa;
    const yk = Number.isNaN(y.kappa) ? Infinity : y.kappa;
    return xk !== yk ? xk - yk : x.items !== y.items ? x.items - y.items : x.key - y.key;
  });
  const pairs = list.map(({ key: _key, ...pair }) => pair);
  return { annotators: table.annotators, shared, agreement, kappa, pairs };
}
