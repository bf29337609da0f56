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

/** Above this many pair-table cells (8 bytes each), pair tables are allocated per pair that meets. */
const DENSE_CELLS = 1 << 22;

/**
 * Pairwise agreement of every two annotators over the items both rated: number of shared
 * items, proportion of agreement and Cohen's κ (weighted with `weights` over the levels the pair
 * used, as {@link cohenKappa} with `scale: 'observed'`). An annotator's repeated ratings of an
 * item count once, with the last one. Cost O(Σ mᵤ²) over items with no allocation per item or
 * pair; memory O(A²) for A annotators plus k² counts per pair (one dense array when
 * A(A − 1)/2 · k² ≤ 4M, otherwise one per pair that shares an item).
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
  const cells = k * k;
  const shared = new Float64Array(a * a);
  // Pair (x < y) is number p = x·a + y; its k × k counts (row: x's level) start at base[p].
  const dense = ((a * (a - 1)) / 2) * cells <= DENSE_CELLS;
  const base = new Int32Array(dense ? a * a : 0).fill(-1);
  let counts = new Float64Array(0);
  if (dense) {
    let next = 0;
    for (let x = 0; x < a; x++) {
      for (let y = x + 1; y < a; y++) {
        base[x * a + y] = next;
        next += cells;
      }
    }
    counts = new Float64Array(next);
  }
  const sparse = new Map<number, Float64Array>();
  const stamp = new Int32Array(a).fill(-1);
  const present = new Int32Array(a);
  const presentValues = new Int32Array(a);
  const { offsets, values, raters } = table;
  for (let u = 0; u + 1 < offsets.length; u++) {
    let m = 0;
    // Walk backwards so that the last rating of a repeated annotator is the one kept.
    for (let r = offsets[u + 1]! - 1; r >= offsets[u]!; r--) {
      const rater = raters[r]!;
      if (stamp[rater] === u) continue;
      stamp[rater] = u;
      present[m] = rater;
      presentValues[m] = values[r]!;
      m += 1;
    }
    for (let i = 0; i < m; i++) {
      const x = present[i]!;
      const vx = presentValues[i]!;
      shared[x * a + x]! += 1;
      for (let j = i + 1; j < m; j++) {
        const y = present[j]!;
        const vy = presentValues[j]!;
        const pair = x < y ? x * a + y : y * a + x;
        const cell = x < y ? vx * k + vy : vy * k + vx;
        shared[pair]! += 1;
        if (dense) {
          counts[base[pair]! + cell]! += 1;
        } else {
          let pairCounts = sparse.get(pair);
          if (pairCounts === undefined) {
            pairCounts = new Float64Array(cells);
            sparse.set(pair, pairCounts);
          }
          pairCounts[cell]! += 1;
        }
      }
    }
  }
  const agreement = new Float64Array(a * a).fill(Number.NaN);
  const kappa = new Float64Array(a * a).fill(Number.NaN);
  const list: (AnnotatorPair & { readonly key: number })[] = [];
  const visit = (key: number, pairCounts: Float64Array) => {
    const first = Math.floor(key / a);
    const second = key % a;
    const items = shared[key]!;
    shared[second * a + first] = items;
    let same = 0;
    for (let c = 0; c < k; c++) same += pairCounts[c * k + c]!;
    const value = chanceCorrected(contingencyFromPairs(pairCounts, k, items, options), 'own');
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
  };
  if (dense) {
    for (let x = 0; x < a; x++) {
      for (let y = x + 1; y < a; y++) {
        const key = x * a + y;
        const start = base[key]!;
        if (shared[key]! > 0) visit(key, counts.subarray(start, start + cells));
      }
    }
  } else {
    for (const [key, pairCounts] of sparse) visit(key, pairCounts);
  }
  list.sort((x, y) => {
    const xk = Number.isNaN(x.kappa) ? Infinity : x.kappa;
    const yk = Number.isNaN(y.kappa) ? Infinity : y.kappa;
    return xk !== yk ? xk - yk : x.items !== y.items ? x.items - y.items : x.key - y.key;
  });
  const pairs = list.map(({ key: _key, ...pair }) => pair);
  return { annotators: table.annotators, shared, agreement, kappa, pairs };
}
