import type { Label, RatingTable } from './rating-table.js';
import {
  addUnit,
  alphaFromCoincidences,
  distanceMatrix,
  marginalsOf,
  type AlphaMetric,
} from './krippendorff-alpha.js';
import { forEachUnit } from './unit-counts.js';
import { randomInt, type RandomSource } from './seeded-random.js';

/** Options of {@link krippendorffAlphaBootstrap}. */
export interface AlphaBootstrapOptions<V = Label> {
  readonly metric?: AlphaMetric<V>;
  /** Number of bootstrap replicates (default 1000). */
  readonly samples?: number;
  /** Coverage of the interval (default 0.95). */
  readonly confidence?: number;
  /** The random source, e.g. `seededRandom(7)`; core never calls Math.random. */
  readonly random: RandomSource;
}

/** α with a percentile bootstrap interval. */
export interface AlphaInterval {
  readonly alpha: number;
  readonly lower: number;
  readonly upper: number;
  /** Replicates whose α was defined (replicates with zero expected disagreement are left out). */
  readonly replicates: Float64Array;
}

/**
 * Krippendorff's α with a percentile bootstrap confidence interval from resampling the pairable
 * items (units) with replacement: each replicate draws as many items as the table has pairable
 * items, rebuilds the coincidence matrix from their contributions and recomputes α (for ordinal
 * data, with the replicate's own ranks). This is the unit-level (cluster) bootstrap, not the
 * Hayes–Krippendorff procedure that resamples pairs of values. Replicates whose α is undefined
 * (zero expected disagreement) are dropped; lower and upper are NaN when none is left.
 *
 * @example
 * krippendorffAlphaBootstrap(table, { metric: 'nominal', samples: 2000, random: seededRandom(1) });
 * // { alpha: 0.743, lower: …, upper: … } for Krippendorff's (2011) example; the same seed gives the same interval
 *
 * Reference: B. Efron & R. Tibshirani (1993), An Introduction to the Bootstrap, ch. 13 (percentile
 * interval); units as the resampling unit follows A. F. Hayes & K. Krippendorff (2007), Answering
 * the call for a standard reliability measure for coding data, Communication Methods and Measures 1(1).
 */
export function krippendorffAlphaBootstrap<V = Label>(
  table: RatingTable<V>,
  options: AlphaBootstrapOptions<V>,
): AlphaInterval {
  const metric = options.metric ?? 'nominal';
  const samples = options.samples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const k = table.levels.length;
  // Each pairable unit's contributions, as sparse (cell, amount) lists in one flat buffer.
  const unitStart: number[] = [0];
  const cells: number[] = [];
  const amounts: number[] = [];
  const scratch = new Float64Array(k * k);
  const full = new Float64Array(k * k);
  forEachUnit(table, (_u, m, distinct, levels, counts) => {
    if (m < 2) return;
    addUnit(scratch, k, m, distinct, levels, counts, 1);
    addUnit(full, k, m, distinct, levels, counts, 1);
    for (let a = 0; a < distinct; a++) {
      for (let b = 0; b < distinct; b++) {
        const cell = levels[a]! * k + levels[b]!;
        if (scratch[cell] !== 0) {
          cells.push(cell);
          amounts.push(scratch[cell]!);
          scratch[cell] = 0;
        }
      }
    }
    unitStart.push(cells.length);
  });
  const fullMarginals = marginalsOf(full, k);
  const fixedDelta =
    metric === 'ordinal' ? null : distanceMatrix(table.levels, metric, fullMarginals);
  const alpha = alphaFromCoincidences(
    full,
    k,
    fixedDelta ?? distanceMatrix(table.levels, metric, fullMarginals),
    fullMarginals,
  );
  const units = unitStart.length - 1;
  const replicates: number[] = [];
  const matrix = new Float64Array(k * k);
  for (let s = 0; s < samples && units > 0; s++) {
    matrix.fill(0);
    for (let i = 0; i < units; i++) {
      const u = randomInt(options.random, units);
      for (let e = unitStart[u]!; e < unitStart[u + 1]!; e++) matrix[cells[e]!]! += amounts[e]!;
    }
    const marginals = marginalsOf(matrix, k);
    const value = alphaFromCoincidences(
      matrix,
      k,
      fixedDelta ?? distanceMatrix(table.levels, metric, marginals),
      marginals,
    );
    if (!Number.isNaN(value)) replicates.push(value);
  }
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - confidence) / 2;
  return {
    alpha,
    lower: quantile(sorted, tail),
    upper: quantile(sorted, 1 - tail),
    replicates: sorted,
  };
}

/** Linear-interpolation quantile of sorted values (type 7, the default of R and NumPy). */
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
