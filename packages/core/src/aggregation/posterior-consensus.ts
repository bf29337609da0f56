import type { AnnotatorId, ItemId, Label } from '../agreement/rating-table.js';

/**
 * What every probabilistic truth-inference model returns (Dawid–Skene, GLAD, MACE): the posterior
 * over the true label of each item and the consensus it implies. Each model's result adds its own
 * parameters.
 */
export interface PosteriorConsensus<V = Label> {
  readonly items: readonly ItemId[];
  readonly annotators: readonly AnnotatorId[];
  readonly levels: readonly V[];
  /** Row-major `items × levels`: posterior probability of each true label. */
  readonly posteriors: Float64Array;
  /** Most probable label per item (a tie between posteriors goes to the first level). */
  readonly labels: readonly V[];
  /** The posterior of that label per item. */
  readonly confidence: Float64Array;
}
