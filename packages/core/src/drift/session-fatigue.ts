import type { AccuracyCount } from './accuracy-window.js';

/** A gold answer with the time since its session began (time is passed in; core never reads the clock). */
export interface TimedOutcome {
  readonly minutesIntoSession: number;
  readonly correct: boolean;
}

/** Accuracy within one stretch of session time. */
export interface SessionBucket extends AccuracyCount {
  /** '0–30', '30–60', '60–90', '90–120' or '120+'. */
  readonly bucket: string;
  /** Lower bound in minutes (inclusive); the upper bound is exclusive. */
  readonly fromMinute: number;
  readonly toMinute: number;
}

const EDGES = [0, 30, 60, 90, 120, Infinity];

/**
 * Accuracy by minutes into the session, in the buckets [0, 30), [30, 60), [60, 90), [90, 120) and
 * 120+ minutes: a falling accuracy across buckets is a sign of fatigue. Empty buckets have
 * accuracy NaN. A negative or non-finite time is an error.
 *
 * @example
 * accuracyBySessionTime([{ minutesIntoSession: 5, correct: true }, { minutesIntoSession: 95, correct: false }]);
 * // buckets '0–30' 1/1, '30–60' 0/0 (NaN), '60–90' 0/0, '90–120' 0/1, '120+' 0/0
 *
 * Reference: bucketed accuracy over time-on-task, as in studies of annotator fatigue such as
 * Y. Zheng et al. (2017), and the vigilance decrement literature (J. S. Warm et al. 2008, Human Factors 50(3)).
 */
export function accuracyBySessionTime(outcomes: Iterable<TimedOutcome>): SessionBucket[] {
  const correct = new Float64Array(5);
  const total = new Float64Array(5);
  for (const outcome of outcomes) {
    const minutes = outcome.minutesIntoSession;
    if (!(minutes >= 0) || !Number.isFinite(minutes)) {
      throw new RangeError(`minutesIntoSession must be a finite number ≥ 0; got ${minutes}`);
    }
    let b = 0;
    while (minutes >= EDGES[b + 1]!) b += 1;
    total[b]! += 1;
    if (outcome.correct) correct[b]! += 1;
  }
  return Array.from({ length: 5 }, (_, b) => ({
    bucket: b === 4 ? '120+' : `${EDGES[b]}–${EDGES[b + 1]}`,
    fromMinute: EDGES[b]!,
    toMinute: EDGES[b + 1]!,
    correct: correct[b]!,
    total: total[b]!,
    accuracy: total[b]! > 0 ? correct[b]! / total[b]! : Number.NaN,
  }));
}
