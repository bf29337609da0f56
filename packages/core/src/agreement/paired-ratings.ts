import { annotatorIndex, type AnnotatorId, type Label, type RatingTable } from './rating-table.js';
import { weightMatrix, type LevelWeights } from './level-weights.js';

/**
 * Which levels a two-annotator statistic spreads its weights over: `'observed'` — the levels
 * either annotator used on the items they share (what R irr `kappa2` and scikit-learn do) — or
 * `'declared'` — every level of the table's scale, used or not. Unweighted statistics are the same
 * either way; weighted ones differ when a level in the middle of the scale is never used.
 */
export type WeightScale = 'observed' | 'declared';

/** Options of the two-annotator statistics (Cohen's κ, Scott's π). */
export interface TwoAnnotatorOptions {
  /** The two annotators to compare; defaults to the only two of a table that has exactly two. */
  readonly annotators?: readonly [AnnotatorId, AnnotatorId];
  /** Agreement weights; `'identity'` (unweighted) by default. */
  readonly weights?: LevelWeights;
  /** The scale the weights are spread over; `'observed'` by default. */
  readonly scale?: WeightScale;
}

/** Joint distribution of two annotators' ratings over the items both rated. */
export interface Contingency {
  /** Number of items both annotators rated. */
  readonly items: number;
  /** The scale, as indices into the table's levels. */
  readonly levels: Int32Array;
  /** Row-major `k × k` counts: row = first annotator's level, column = second's. */
  readonly counts: Float64Array;
  /** Agreement weights on that scale. */
  readonly weights: Float64Array;
}

/**
 * Cross-tabulates two annotators. An annotator who rated an item more than once counts with
 * their *last* rating in table order (a correction is a newer revision).
 *
 * @example
 * contingency(ratingTableFromWide([['a', 'a'], ['a', 'b']])).counts; // [1, 1, 0, 0] (rows: first annotator)
 *
 * Reference: the agreement table of J. Cohen (1960), Educational and Psychological Measurement 20(1).
 */
export function contingency<V = Label>(
  table: RatingTable<V>,
  options: TwoAnnotatorOptions = {},
): Contingency {
  let first: number;
  let second: number;
  if (options.annotators) {
    first = annotatorIndex(table, options.annotators[0]);
    second = annotatorIndex(table, options.annotators[1]);
  } else if (table.annotators.length === 2) {
    first = 0;
    second = 1;
  } else {
    throw new RangeError(
      `this table has ${table.annotators.length} annotators: pass options.annotators to say which two to compare`,
    );
  }
  const levelCount = table.levels.length;
  const pairs = new Float64Array(levelCount * levelCount);
  const { offsets, values, raters } = table;
  let items = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    let a = -1;
    let b = -1;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      if (raters[r] === first) a = values[r]!;
      if (raters[r] === second) b = values[r]!;
    }
    if (a >= 0 && b >= 0) {
      pairs[a * levelCount + b]! += 1;
      items += 1;
    }
  }
  return contingencyFromPairs(pairs, levelCount, items, options);
}

/**
 * A {@link Contingency} from a `levels × levels` table of pair counts over the whole scale,
 * restricted to the used levels unless `options.scale` is `'declared'`.
 */
export function contingencyFromPairs(
  pairs: Float64Array,
  levelCount: number,
  items: number,
  options: Pick<TwoAnnotatorOptions, 'scale' | 'weights'>,
): Contingency {
  let scale: Int32Array;
  if (options.scale === 'declared') {
    scale = Int32Array.from({ length: levelCount }, (_, i) => i);
  } else {
    const used: number[] = [];
    for (let i = 0; i < levelCount; i++) {
      let total = 0;
      for (let j = 0; j < levelCount; j++)
        total += pairs[i * levelCount + j]! + pairs[j * levelCount + i]!;
      if (total > 0) used.push(i);
    }
    scale = Int32Array.from(used);
  }
  const k = scale.length;
  const counts = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) counts[i * k + j] = pairs[scale[i]! * levelCount + scale[j]!]!;
  }
  return { items, levels: scale, counts, weights: weightMatrix(options.weights ?? 'identity', k) };
}

/**
 * Chance-corrected agreement `(pₒ − pₑ) / (1 − pₑ)` of a contingency table, with chance from each
 * annotator's own marginals (Cohen) or from their pooled marginals (Scott). NaN when `pₑ = 1`
 * (expected disagreement zero) or when the annotators share no item.
 */
export function chanceCorrected(table: Contingency, chance: 'own' | 'pooled'): number {
  const { counts, weights, items } = table;
  const k = table.levels.length;
  if (items === 0) return Number.NaN;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let observed = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const count = counts[i * k + j]!;
      rows[i]! += count;
      cols[j]! += count;
      observed += weights[i * k + j]! * count;
    }
  }
  observed /= items;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p =
        chance === 'own'
          ? (rows[i]! / items) * (cols[j]! / items)
          : ((rows[i]! + cols[i]!) / (2 * items)) * ((rows[j]! + cols[j]!) / (2 * items));
      expected += weights[i * k + j]! * p;
    }
  }
  // Compare with a tolerance: rounding can leave 1 − pₑ at 1e-16 when every rating is one level.
  if (Math.abs(1 - expected) < 1e-12) return Number.NaN;
  return (observed - expected) / (1 - expected);
}
