export {
  RatingTableBuilder,
  ratingTable,
  ratingTableFromWide,
  numericLevels,
  type AnnotatorId,
  type ItemId,
  type Label,
  type Rating,
  type RatingTable,
  type RatingTableOptions,
  type WideTableOptions,
} from './rating-table.js';
export { seededRandom, type RandomSource } from './seeded-random.js';
export { weightMatrix, type LevelWeights } from './level-weights.js';
export {
  contingency,
  type Contingency,
  type TwoAnnotatorOptions,
  type WeightScale,
} from './paired-ratings.js';
export { percentAgreement } from './percent-agreement.js';
export { cohenKappa } from './cohen-kappa.js';
export { scottPi } from './scott-pi.js';
export { fleissKappa } from './fleiss-kappa.js';
export { congerKappa } from './conger-kappa.js';
export { lightKappa } from './light-kappa.js';
export { brennanPrediger } from './brennan-prediger.js';
export {
  krippendorffAlpha,
  coincidences,
  alphaFromCoincidences,
  distanceMatrix,
  marginalsOf,
  type AlphaMetric,
  type Coincidences,
} from './krippendorff-alpha.js';
export {
  krippendorffAlphaBootstrap,
  type AlphaBootstrapOptions,
  type AlphaInterval,
} from './alpha-bootstrap.js';
export { AlphaAccumulator, type AlphaAccumulatorOptions } from './alpha-accumulator.js';
export { jaccardDistance, masiDistance, labelSetKey } from './set-distance.js';
export { gwetAC1, gwetAC2, type GwetOptions } from './gwet-ac.js';
export { kendallW } from './kendall-w.js';
export { perLabelAgreement, type LabelAgreement } from './per-label-agreement.js';
export { disagreementMatrix, type DisagreementMatrix } from './disagreement-matrix.js';
export {
  annotatorAgreementMatrix,
  type AnnotatorAgreementMatrix,
  type AnnotatorPair,
} from './annotator-agreement-matrix.js';
export { agreementReport, type AgreementReport } from './agreement-report.js';
export {
  pairwiseSpanF1,
  spanTokenTable,
  tokenLabels,
  tokenMarks,
  tokenSpans,
  textTokens,
  spansAgreement,
  type SpanAnnotation,
  type TokenRange,
  type SpansAgreement,
  type SpansAgreementOptions,
  type SpanLabelAgreement,
} from './span-agreement.js';
export { meanPairwiseKendallTau } from './ranking-agreement.js';
export { pairwiseBoxF1, type BoxAnnotation } from './box-agreement.js';
export { perLabelAlpha, type LabelSetRating } from './multi-label-agreement.js';
export {
  emptyCoincidenceState,
  applyUnit,
  alphaOfState,
  type CoincidenceState,
} from './coincidence-state.js';
export {
  pairwiseAgreement,
  rankingAgreement,
  rankingItemAgreement,
  stepsAgreement,
  stepUnit,
  llmAgreementKeys,
  SIGNED_STRENGTHS,
  type FieldAnnotation,
  type ChoiceAgreement,
  type DimensionTradeOff,
  type DimensionOptions,
  type PairwiseAgreement,
  type RankingItemAgreement,
  type RankingSummary,
  type RankingAgreement,
  type StepsAgreement,
  type LlmAgreementKey,
} from './llm-agreement.js';
