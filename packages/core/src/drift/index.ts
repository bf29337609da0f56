export {
  bernoulliCusum,
  type BernoulliCusumOptions,
  type BernoulliCusumResult,
} from './bernoulli-cusum.js';
export { recentAccuracyShift, type AccuracyCount, type AccuracyShift } from './accuracy-window.js';
export { accuracyBySessionTime, type SessionBucket, type TimedOutcome } from './session-fatigue.js';
export {
  countLabels,
  labelDistributionChiSquare,
  populationStabilityIndex,
  type ChiSquareResult,
  type LabelCounts,
} from './label-distribution-shift.js';
export { chiSquareSurvival, twoSidedNormalP } from './special-functions.js';
