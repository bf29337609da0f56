import { twoSidedNormalP } from './special-functions.js';

/** Correct answers out of a number of gold answers. */
export interface AccuracyCount {
  readonly correct: number;
  readonly total: number;
  /** correct / total; NaN when total is 0. */
  readonly accuracy: number;
}

/** Recent against earlier accuracy. */
export interface AccuracyShift {
  readonly earlier: AccuracyCount;
  readonly recent: AccuracyCount;
  /** recent − earlier accuracy (negative: the annotator got worse). */
  readonly difference: number;
  /** Two-proportion z statistic with the pooled proportion; NaN when undefined. */
  readonly z: number;
  /** Two-sided p-value of z; NaN when undefined. */
  readonly pValue: number;
}

function count(outcomes: readonly boolean[]): AccuracyCount {
  const correct = outcomes.filter(Boolean).length;
  return {
    correct,
    total: outcomes.length,
    accuracy: outcomes.length > 0 ? correct / outcomes.length : Number.NaN,
  };
}

/**
 * Compares an annotator's accuracy on their last `window` gold answers (in order, `true` =
 * correct) with their accuracy on all earlier ones, with a two-proportion z-test. With no earlier
 * answers, or when every answer is right (or every one wrong), z and the p-value are NaN.
 *
 * @example
 * recentAccuracyShift([true, true, true, true, false, false], { window: 2 });
 * // { earlier: { correct: 4, total: 4, accuracy: 1 }, recent: { correct: 0, total: 2, accuracy: 0 }, difference: -1, z: -2.449…, pValue: 0.0143… }
 *
 * Reference: the pooled two-proportion z-test, e.g. A. Agresti (2013), Categorical Data Analysis, 3rd ed., §3.1.
 */
export function recentAccuracyShift(
  outcomes: readonly boolean[],
  options: { readonly window: number },
): AccuracyShift {
  if (!(options.window >= 1))
    throw new RangeError(`window must be at least 1; got ${options.window}`);
  const split = Math.max(0, outcomes.length - options.window);
  const earlier = count(outcomes.slice(0, split));
  const recent = count(outcomes.slice(split));
  const difference = recent.accuracy - earlier.accuracy;
  const pooled = (earlier.correct + recent.correct) / (earlier.total + recent.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / earlier.total + 1 / recent.total));
  const z = earlier.total > 0 && recent.total > 0 && se > 0 ? difference / se : Number.NaN;
  return {
    earlier,
    recent,
    difference,
    z,
    pValue: Number.isNaN(z) ? Number.NaN : twoSidedNormalP(z),
  };
}
