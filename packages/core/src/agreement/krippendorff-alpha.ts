import { numericLevels, type Label, type RatingTable } from './rating-table.js';
import { forEachUnit } from './unit-counts.js';

/**
 * The metric of Krippendorff's α: one of its four standard levels of measurement, or a caller's
 * distance between two values, used as α's δ² as is (e.g. {@link masiDistance} or
 * {@link jaccardDistance} on label sets — NLTK plugs `masi_distance` in the same way). A custom
 * distance must be symmetric, non-negative and 0 between equal values.
 */
export type AlphaMetric<V = Label> =
  'nominal' | 'ordinal' | 'interval' | 'ratio' | ((a: V, b: V) => number);

/**
 * The coincidence matrix of a table: `matrix[c·k + d]` is the number of ordered pairs of values
 * (c, d) within one item, each item's pairs weighted by 1 / (mᵤ − 1), over the items with mᵤ ≥ 2
 * ratings (the pairable values). Row sums are the pairable values per level. Every rating counts,
 * including an annotator's repeated ratings of one item (α never looks at who rated).
 */
export interface Coincidences {
  /** Number of levels k. */
  readonly levels: number;
  /** Row-major `k × k`, symmetric. */
  readonly matrix: Float64Array;
}

/**
 * The coincidence matrix of Krippendorff's α (see {@link Coincidences}).
 *
 * @example
 * coincidences(ratingTableFromWide([['a', 'a', 'b']])).matrix; // [1, 1, 1, 0] (a–a: 2·1/2, a–b: 2·1/2)
 *
 * Reference: K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C.
 */
export function coincidences<V = Label>(table: RatingTable<V>): Coincidences {
  const k = table.levels.length;
  const matrix = new Float64Array(k * k);
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    addUnit(matrix, k, m, distinct, levels, counts, 1);
  });
  return { levels: k, matrix };
}

/** Adds `sign` × one item's coincidences to `matrix`; O(distinct²). */
export function addUnit(
  matrix: Float64Array,
  k: number,
  m: number,
  distinct: number,
  levels: Int32Array,
  counts: Float64Array,
  sign: number,
): void {
  if (m < 2) return;
  const scale = sign / (m - 1);
  for (let a = 0; a < distinct; a++) {
    const c = levels[a]!;
    const nc = counts[c]!;
    matrix[c * k + c]! += nc * (nc - 1) * scale;
    for (let b = a + 1; b < distinct; b++) {
      const d = levels[b]!;
      const pair = nc * counts[d]! * scale;
      matrix[c * k + d]! += pair;
      matrix[d * k + c]! += pair;
    }
  }
}

/**
 * The `k × k` matrix of squared distances δ² for a standard metric, given the levels in scale
 * order, their numeric values (interval, ratio) and the pairable values per level (ordinal).
 */
export function metricDistances(
  metric: 'nominal' | 'ordinal' | 'interval' | 'ratio',
  k: number,
  numeric: Float64Array | null,
  marginals: Float64Array,
): Float64Array {
  const delta = new Float64Array(k * k);
  if ((metric === 'interval' || metric === 'ratio') && numeric === null) {
    throw new TypeError(
      `Krippendorff's alpha (${metric}) needs numeric labels; this table has non-numeric levels`,
    );
  }
  // Cumulative pairable values, so an ordinal distance is O(1): Σ_{g=c..d} n_g = cum[d+1] − cum[c].
  const cumulative = new Float64Array(k + 1);
  for (let c = 0; c < k; c++) cumulative[c + 1] = cumulative[c]! + marginals[c]!;
  for (let c = 0; c < k; c++) {
    for (let d = c + 1; d < k; d++) {
      let value: number;
      if (metric === 'nominal') value = 1;
      else if (metric === 'ordinal') {
        const between = cumulative[d + 1]! - cumulative[c]! - (marginals[c]! + marginals[d]!) / 2;
        value = between * between;
      } else {
        const x = numeric![c]!;
        const y = numeric![d]!;
        if (metric === 'interval') value = (x - y) * (x - y);
        else value = x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
      }
      delta[c * k + d] = value;
      delta[d * k + c] = value;
    }
  }
  return delta;
}

/** Pairable values per level: the row sums of a coincidence matrix. */
export function marginalsOf(matrix: Float64Array, k: number): Float64Array {
  const marginals = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let d = 0; d < k; d++) sum += matrix[c * k + d]!;
    marginals[c] = sum;
  }
  return marginals;
}

/**
 * α from a coincidence matrix and a δ² matrix: `1 − (n − 1) Σ o_cd δ²_cd / Σ n_c n_d δ²_cd`.
 * NaN when expected disagreement is zero (all pairable values equal, or fewer than two of them).
 */
export function alphaFromCoincidences(
  matrix: Float64Array,
  k: number,
  delta: Float64Array,
  marginals: Float64Array,
): number {
  let n = 0;
  for (let c = 0; c < k; c++) n += marginals[c]!;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    const nc = marginals[c]!;
    for (let d = 0; d < k; d++) {
      const distance = delta[c * k + d]!;
      if (distance === 0) continue;
      observed += matrix[c * k + d]! * distance;
      expected += nc * marginals[d]! * distance;
    }
  }
  if (n < 2 || expected <= 0) return Number.NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** The δ² matrix of `metric` over `levels` (in scale order), given the pairable values per level. */
export function distanceMatrix<V>(
  levels: readonly V[],
  metric: AlphaMetric<V>,
  marginals: Float64Array,
): Float64Array {
  const k = levels.length;
  if (typeof metric !== 'function')
    return metricDistances(metric, k, numericLevels({ levels }), marginals);
  const delta = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let d = c + 1; d < k; d++) {
      const value = metric(levels[c]!, levels[d]!);
      if (!(value >= 0))
        throw new RangeError(`alpha distance must be a non-negative number; got ${value}`);
      delta[c * k + d] = value;
      delta[d * k + c] = value;
    }
  }
  return delta;
}

/**
 * Krippendorff's α for any number of annotators, with missing values (items with a single
 * rating are not pairable and drop out), for nominal, ordinal, interval or ratio data, or with a
 * caller's distance function. Ordinal uses the order of `table.levels` (declare the scale when the
 * labels are not numbers); interval and ratio need numeric labels. Every rating counts, including
 * an annotator's repeated ratings of one item. Returns NaN when expected disagreement is zero
 * (all pairable values equal, or fewer than two pairable values).
 *
 * @example
 * // Krippendorff (2011), 4 observers × 12 units with missing values (see the tests):
 * krippendorffAlpha(table, 'nominal');  // 0.743
 * krippendorffAlpha(table, 'interval'); // 0.849
 *
 * Reference: K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, Annenberg School
 * for Communication, University of Pennsylvania; K. Krippendorff (2004), Content Analysis, 2nd ed., ch. 11.
 */
export function krippendorffAlpha<V = Label>(
  table: RatingTable<V>,
  metric: AlphaMetric<V> = 'nominal',
): number {
  const { matrix, levels: k } = coincidences(table);
  const marginals = marginalsOf(matrix, k);
  return alphaFromCoincidences(
    matrix,
    k,
    distanceMatrix(table.levels, metric, marginals),
    marginals,
  );
}
