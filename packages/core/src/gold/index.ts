export { exactMatch, jaccardScore, withinTolerance, perStepAccuracy } from './simple-scores.js';
export { spanF1, type Span } from './span-f1.js';
export { boxF1, intersectionOverUnion, type Box } from './box-f1.js';
export { kendallTau } from './kendall-tau.js';
export { type MatchScore } from './precision-recall.js';
