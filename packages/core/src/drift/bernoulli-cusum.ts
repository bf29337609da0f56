/** Options of {@link bernoulliCusum}. */
export interface BernoulliCusumOptions {
  /** The acceptable (in-control) error rate p₀, in (0, 1). */
  readonly targetErrorRate: number;
  /** The error rate p₁ > p₀ the chart should detect quickly; 2·p₀ (capped below 1) by default. */
  readonly alarmErrorRate?: number;
  /** The decision interval h > 0: an alarm fires when the statistic reaches it. */
  readonly threshold: number;
  /** Whether the statistic restarts at 0 after an alarm (to find later alarms); true by default. */
  readonly resetAfterAlarm?: boolean;
}

/** The path of the chart and where it alarmed. */
export interface BernoulliCusumResult {
  /** The CUSUM statistic after each outcome. */
  readonly statistic: Float64Array;
  /** Sequence numbers (1-based: the n-th gold answer) at which the statistic reached the threshold. */
  readonly alarms: readonly number[];
  /** The first alarm's sequence number, or `null` when the chart never alarmed. */
  readonly firstAlarm: number | null;
  /** The increments used: for an error ln(p₁/p₀), for a correct answer ln((1 − p₁)/(1 − p₀)). */
  readonly errorIncrement: number;
  readonly correctIncrement: number;
}

/**
 * Bernoulli CUSUM over an annotator's gold answers in order (`true` = an error): the
 * log-likelihood-ratio chart Sₜ = max(0, Sₜ₋₁ + wₜ) of error rate p₁ against p₀, alarming when
 * Sₜ ≥ h. Choose h for the false-alarm rate you accept (Reynolds & Stoumbos give average run
 * lengths; larger h, fewer false alarms, slower detection).
 *
 * @example
 * bernoulliCusum([true, true, false, true], { targetErrorRate: 0.1, alarmErrorRate: 0.3, threshold: 2 });
 * // statistic ≈ [1.0986, 2.1972, 0, 1.0986] (ln 3 per error, ln(7/9) per correct answer; reset after the alarm), alarms [2], firstAlarm 2
 *
 * Reference: M. R. Reynolds Jr & Z. G. Stoumbos (1999), A CUSUM chart for monitoring a proportion
 * when inspecting continuously, Journal of Quality Technology 31(1):87–108; E. S. Page (1954),
 * Continuous inspection schemes, Biometrika 41:100–115.
 */
export function bernoulliCusum(
  errors: Iterable<boolean>,
  options: BernoulliCusumOptions,
): BernoulliCusumResult {
  const p0 = options.targetErrorRate;
  const p1 = options.alarmErrorRate ?? Math.min(2 * p0, (1 + p0) / 2);
  if (!(p0 > 0 && p0 < 1)) throw new RangeError(`targetErrorRate must be in (0, 1); got ${p0}`);
  if (!(p1 > p0 && p1 < 1))
    throw new RangeError(`alarmErrorRate must be in (targetErrorRate, 1); got ${p1}`);
  if (!(options.threshold > 0))
    throw new RangeError(`threshold must be positive; got ${options.threshold}`);
  const errorIncrement = Math.log(p1 / p0);
  const correctIncrement = Math.log((1 - p1) / (1 - p0));
  const reset = options.resetAfterAlarm ?? true;
  const path: number[] = [];
  const alarms: number[] = [];
  let s = 0;
  let t = 0;
  for (const error of errors) {
    t += 1;
    s = Math.max(0, s + (error ? errorIncrement : correctIncrement));
    path.push(s);
    if (s >= options.threshold) {
      alarms.push(t);
      if (reset) s = 0;
    }
  }
  return {
    statistic: Float64Array.from(path),
    alarms,
    firstAlarm: alarms[0] ?? null,
    errorIncrement,
    correctIncrement,
  };
}
