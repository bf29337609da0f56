import type { Label } from './rating-table.js';
import {
  alphaFromCoincidences,
  distanceMatrix,
  marginalsOf,
  type AlphaMetric,
} from './krippendorff-alpha.js';

/**
 * Krippendorff's coincidence matrix over a declared scale as plain JSON, so a server can store it
 * and update it inside the transaction that stores an annotation: live agreement without
 * re-reading every annotation. `matrix` is row-major `levels × levels`.
 */
export interface CoincidenceState {
  readonly levels: readonly Label[];
  readonly matrix: number[];
  /** Units (items) with two or more values currently in the matrix. */
  units: number;
}

/** An empty state over the declared `levels` (in scale order). */
export function emptyCoincidenceState(levels: readonly Label[]): CoincidenceState {
  return {
    levels: [...levels],
    matrix: new Array<number>(levels.length * levels.length).fill(0),
    units: 0,
  };
}

/**
 * Adds (`sign` 1) or removes (`sign` −1) one unit's values: every ordered pair of values (i ≠ j)
 * contributes 1 / (m − 1) to o(vᵢ, vⱼ), as in the batch computation. A unit with fewer than two
 * values contributes nothing. To change a unit, remove its old values and add the new ones.
 * Values outside the declared levels are an error.
 *
 * @example
 * const s = emptyCoincidenceState(['a', 'b']);
 * applyUnit(s, ['a', 'a'], 1); applyUnit(s, ['b', 'b'], 1); applyUnit(s, ['a', 'b'], 1);
 * alphaOfState(s); // 0.4444444444444444 (= krippendorffAlpha of the same three units)
 */
export function applyUnit(state: CoincidenceState, values: readonly Label[], sign: 1 | -1): void {
  const m = values.length;
  if (m < 2) return;
  const k = state.levels.length;
  const index = values.map((v) => {
    const i = state.levels.indexOf(v);
    if (i < 0)
      throw new RangeError(
        `value ${JSON.stringify(v)} is not on the declared scale (${state.levels.join(', ')})`,
      );
    return i;
  });
  const weight = sign / (m - 1);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) state.matrix[index[i]! * k + index[j]!]! += weight;
    }
  }
  state.units += sign;
}

/** α of the units in the state; NaN when expected disagreement is zero. See {@link alphaFromCoincidences}. */
export function alphaOfState(state: CoincidenceState, metric: AlphaMetric = 'nominal'): number {
  const k = state.levels.length;
  const matrix = Float64Array.from(state.matrix, (x) => (Math.abs(x) < 1e-9 ? 0 : x));
  const marginals = marginalsOf(matrix, k);
  return alphaFromCoincidences(
    matrix,
    k,
    distanceMatrix(state.levels, metric, marginals),
    marginals,
  );
}
