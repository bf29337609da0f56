import type { AnnotatorId, ItemId, Label, RatingTable } from '../agreement/rating-table.js';
import { randomInt, type RandomSource } from '../agreement/seeded-random.js';

/**
 * What to do when labels tie for the most votes on an item: `'abstain'` — no label (`label:
 * null`), so the item goes to adjudication; `'first-level'` — the tied label that comes first on
 * the table's scale (deterministic, but biased towards early levels); or `{ random }` — one of the
 * tied labels drawn from a seeded random source (unbiased and reproducible).
 */
export type TieBreak = 'abstain' | 'first-level' | { readonly random: RandomSource };

/** The consensus of one item. */
export interface ItemConsensus<V = Label> {
  readonly item: ItemId;
  /** The winning label, or `null` when a tie was left unresolved (`tieBreak: 'abstain'`). */
  readonly label: V | null;
  /** The winner's share of the (weighted) votes on the item; with a tie, the share of each tied label. */
  readonly confidence: number;
  /** The labels that tied for the most votes (empty when one label won outright). */
  readonly tied: readonly V[];
}

/** Options of {@link majorityVote} and {@link weightedVote}. */
export interface VoteOptions {
  /** Tie handling; `'abstain'` by default (a tie is not a majority). */
  readonly tieBreak?: TieBreak;
}

/**
 * Majority vote per item: the label with the most votes, its share of the votes as confidence,
 * and explicit tie handling (see {@link TieBreak}; by default a tie yields `label: null` and lists
 * the tied labels). Every rating is a vote, including an annotator's repeated ratings of one item
 * (as in Dawid–Skene, where they are separate observations).
 *
 * @example
 * majorityVote(ratingTableFromWide([['a', 'a', 'b'], ['a', 'b', null]]));
 * // [{ item: 0, label: 'a', confidence: 0.6666666666666666, tied: [] },
 * //  { item: 1, label: null, confidence: 0.5, tied: ['a', 'b'] }]
 *
 * Reference: the plurality rule; the baseline "MV" of Y. Zheng et al. (2017), Truth inference in
 * crowdsourcing: is the problem solved?, PVLDB 10(5).
 */
export function majorityVote<V = Label>(
  table: RatingTable<V>,
  options: VoteOptions = {},
): ItemConsensus<V>[] {
  return vote(table, null, options);
}

/**
 * Weighted vote per item: as {@link majorityVote}, each rating weighing its annotator's weight
 * (e.g. {@link logOddsWeight} of the annotator's gold accuracy). An annotator missing from
 * `weights` weighs 1.
 *
 * @example
 * weightedVote(ratingTableFromWide([['a', 'b', 'b']]), new Map([[0, 3]]))[0]!.label; // 'a' (3 against 2)
 *
 * Reference: the optimal weighted majority of S. Nitzan & J. Paroush (1982), Optimal decision rules
 * in uncertain dichotomous choice situations, International Economic Review 23(2):289–297.
 */
export function weightedVote<V = Label>(
  table: RatingTable<V>,
  weights: ReadonlyMap<AnnotatorId, number>,
  options: VoteOptions = {},
): ItemConsensus<V>[] {
  const dense = new Float64Array(table.annotators.length).fill(1);
  table.annotators.forEach((annotator, j) => {
    const weight = weights.get(annotator);
    if (weight !== undefined) dense[j] = weight;
  });
  return vote(table, dense, options);
}

/**
 * The weight of an annotator of accuracy `accuracy` in the optimal weighted vote over `classes`
 * classes: log((K − 1) p / (1 − p)), clamped to p in [0.001, 0.999].
 *
 * @example
 * logOddsWeight(0.9, 2); // 2.1972245773362196 (= ln 9)
 *
 * Reference: Nitzan & Paroush (1982); the K-class form as in Li & Yu (2014), Error rate bounds
 * and iterative weighted majority voting for crowdsourcing, arXiv:1411.4086.
 */
export function logOddsWeight(accuracy: number, classes: number): number {
  const p = Math.min(0.999, Math.max(0.001, accuracy));
  return Math.log(((classes - 1) * p) / (1 - p));
}

function vote<V>(
  table: RatingTable<V>,
  weights: Float64Array | null,
  options: VoteOptions,
): ItemConsensus<V>[] {
  const tieBreak = options.tieBreak ?? 'abstain';
  const { offsets, values, raters } = table;
  const scores = new Float64Array(table.levels.length);
  const touched = new Int32Array(table.levels.length);
  const seen = new Int32Array(table.levels.length).fill(-1);
  const results: ItemConsensus<V>[] = [];
  for (let u = 0; u + 1 < offsets.length; u++) {
    let distinct = 0;
    let total = 0;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      const level = values[r]!;
      const weight = weights === null ? 1 : weights[raters[r]!]!;
      if (seen[level] !== u) {
        seen[level] = u;
        touched[distinct++] = level;
      }
      scores[level]! += weight;
      total += weight;
    }
    let best = -Infinity;
    for (let d = 0; d < distinct; d++) best = Math.max(best, scores[touched[d]!]!);
    const top: number[] = [];
    for (let d = 0; d < distinct; d++) if (scores[touched[d]!] === best) top.push(touched[d]!);
    top.sort((a, b) => a - b);
    for (let d = 0; d < distinct; d++) scores[touched[d]!] = 0;
    let winner: number | null;
    if (top.length === 1 || tieBreak === 'first-level') winner = top[0]!;
    else if (tieBreak === 'abstain') winner = null;
    else winner = top[randomInt(tieBreak.random, top.length)]!;
    results.push({
      item: table.items[u]!,
      label: winner === null ? null : table.levels[winner]!,
      confidence: total > 0 ? best / total : Number.NaN,
      tied: top.length > 1 ? top.map((level) => table.levels[level]!) : [],
    });
  }
  return results;
}
