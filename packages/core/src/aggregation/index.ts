export {
  majorityVote,
  weightedVote,
  logOddsWeight,
  type ItemConsensus,
  type TieBreak,
  type VoteOptions,
} from './majority-vote.js';
export {
  dawidSkene,
  oneCoinDawidSkene,
  type DawidSkeneOptions,
  type DawidSkeneResult,
} from './dawid-skene.js';
export {
  bradleyTerry,
  type BradleyTerryOptions,
  type BradleyTerryResult,
  type Comparison,
  type PlayerId,
} from './bradley-terry.js';
export { bordaCount, type BordaScore } from './borda-count.js';
export { mace, type MaceOptions, type MaceResult } from './mace.js';
export { glad, type GladOptions, type GladResult } from './glad.js';
export type { PosteriorConsensus } from './posterior-consensus.js';
export {
  responseStrengths,
  rankingComparisons,
  pairwiseConsensus,
  rankingConsensus,
  stepsConsensus,
  llmFieldConsensus,
  type LlmConsensusOptions,
  type DimensionConsensusOptions,
  type ResponseStrengths,
  type PairwiseConsensus,
  type PairwiseItemConsensus,
  type RankingConsensus,
  type RankingItemConsensus,
  type StepsConsensus,
  type LlmFieldConsensus,
} from './llm-aggregation.js';
export { spansConsensus, type SpansConsensus } from './span-consensus.js';
