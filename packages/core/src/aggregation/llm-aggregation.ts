import { dimensionsOf } from '../agreement/llm-agreement.js';
import { ratingTable, type Label, type Rating } from '../agreement/rating-table.js';
import type {
  LlmField,
  PairwiseChoice,
  PairwiseValue,
  RankingValue,
  StepsValue,
} from '../config/llm-fields.js';
import { bradleyTerry, type Comparison } from './bradley-terry.js';
import { majorityVote } from './majority-vote.js';

/*
 * Consensus of the LLM feedback fields on one item: Bradley–Terry over the item's responses
 * (from pairwise judgments, or rankings broken into pairs) per dimension, majority per step, each
 * with a confidence and a low-confidence flag for adjudication.
 */

/** Options shared by the consensus functions. */
export interface LlmConsensusOptions {
  /**
   * Below this confidence an item is flagged for adjudication (`lowConfidence`); the project's
   * `adjudicationThreshold`, default 0.5. Confidence is always a share of judgments agreeing.
   */
  readonly threshold?: number;
  /**
   * Virtual ties added between every pair of responses before fitting Bradley–Terry (default 1:
   * half a win each way). They keep strengths finite when a response never lost — the maximum
   * likelihood estimate does not exist then — and shrink a single judgment's margin (one vote
   * A gives P(A) = 0.75, three give 0.875). 0 is plain maximum likelihood.
   */
  readonly virtualTies?: number;
}

/** Bradley–Terry strengths of the responses of one item. */
export interface ResponseStrengths {
  /** Per response (by index), summing to 1; P(i preferred to j) = πᵢ / (πᵢ + πⱼ). */
  readonly strengths: readonly number[];
  /** Response indices, strongest first (equal strengths keep index order). */
  readonly order: readonly number[];
  /** P(the strongest response is preferred to the second); NaN with fewer than two responses. */
  readonly topWinProbability: number;
  readonly converged: boolean;
}

/**
 * Bradley–Terry strengths of the `n` responses of one item (players 0…n − 1) from comparisons,
 * with `virtualTies` ties added between every pair first (see {@link LlmConsensusOptions}). A
 * response in no comparison (possible only with `virtualTies: 0`) gets strength 0.
 *
 * @example
 * responseStrengths(2, [{ winner: 0, loser: 1 }], { virtualTies: 1 }).strengths; // [0.75, 0.25]
 *
 * Reference: R. A. Bradley & M. E. Terry (1952), Biometrika 39; fitted by Hunter's MM,
 * D. R. Hunter (2004), Annals of Statistics 32(1) (see `bradleyTerry`).
 */
export function responseStrengths(
  n: number,
  comparisons: Iterable<Comparison>,
  options: Pick<LlmConsensusOptions, 'virtualTies'> = {},
): ResponseStrengths {
  const virtualTies = options.virtualTies ?? 1;
  if (!(virtualTies >= 0)) throw new RangeError(`virtualTies must be ≥ 0; got ${virtualTies}`);
  const all: Comparison[] = [];
  if (virtualTies > 0)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        all.push({ winner: i, loser: j, tie: true, count: virtualTies });
  for (const comparison of comparisons) all.push(comparison);
  const fit = bradleyTerry(all);
  const strengths = Array.from({ length: n }, (_, i) => {
    const p = fit.players.indexOf(i);
    return p < 0 ? 0 : fit.strengths[p]!;
  });
  const order = strengths.map((_, i) => i).sort((a, b) => strengths[b]! - strengths[a]! || a - b);
  const first = strengths[order[0]!] ?? 0;
  const second = strengths[order[1]!] ?? 0;
  return {
    strengths,
    order,
    topWinProbability: n < 2 || first + second === 0 ? Number.NaN : first / (first + second),
    converged: fit.converged,
  };
}

/** The comparison of responses 0 (A) and 1 (B) a pairwise choice makes, or null. */
function pairwiseComparison(choice: unknown): Comparison | null {
  if (choice === 'A') return { winner: 0, loser: 1 };
  if (choice === 'B') return { winner: 1, loser: 0 };
  if (choice === 'tie') return { winner: 0, loser: 1, tie: true };
  return null;
}

/**
 * The pairs a ranking breaks into (full rank breaking): for every two responses, the better
 * ranked one wins, equal ranks tie.
 *
 * @example
 * rankingComparisons([2, 1, 2]);
 * // [{ winner: 1, loser: 0 }, { winner: 0, loser: 2, tie: true }, { winner: 1, loser: 2 }]
 *
 * Reference: H. Azari Soufiani, D. C. Parkes & L. Xia (2013), Generalized method-of-moments for
 * rank aggregation, NeurIPS (full breaking); as reward-model training uses rankings (Ouyang et
 * al. 2022, arXiv:2203.02155, all K-choose-2 comparisons of a prompt).
 */
export function rankingComparisons(ranks: readonly number[]): Comparison[] {
  const out: Comparison[] = [];
  for (let i = 0; i < ranks.length; i++)
    for (let j = i + 1; j < ranks.length; j++) {
      const d = ranks[i]! - ranks[j]!;
      if (d < 0) out.push({ winner: i, loser: j });
      else if (d > 0) out.push({ winner: j, loser: i });
      else out.push({ winner: i, loser: j, tie: true });
    }
  return out;
}

/** The consensus of one pairwise choice (overall or one dimension) on one item. */
export interface PairwiseConsensus {
  /** The majority choice over {A, B, tie}; null when two choices tie for the most votes. */
  readonly choice: PairwiseChoice | null;
  /** The majority's share of the judgments (with a tie, the share of each tied choice). */
  readonly confidence: number;
  readonly votes: { readonly A: number; readonly B: number; readonly tie: number };
  /** Bradley–Terry P(A preferred to B), ties half a win each, with the virtual ties. */
  readonly probabilityA: number;
  /**
   * Mean signed strength (−3 A much better … 0 tie … +3 B much better) over the ties and the
   * judgments that have a strength; null when no judgment has one.
   */
  readonly meanSignedStrength: number | null;
  readonly lowConfidence: boolean;
}

/** The consensus of a pairwise field on one item, overall and per dimension. */
export interface PairwiseItemConsensus {
  readonly overall: PairwiseConsensus;
  readonly dimensions: Readonly<Record<string, PairwiseConsensus>>;
  /** Whether the overall choice or any dimension is low-confidence. */
  readonly lowConfidence: boolean;
}

function choiceConsensus(
  judgments: readonly ({ readonly choice?: unknown; readonly strength?: unknown } | undefined)[],
  threshold: number,
  virtualTies: number,
): PairwiseConsensus {
  const votes = { A: 0, B: 0, tie: 0 };
  const ratings: Rating[] = [];
  const comparisons: Comparison[] = [];
  let strengthSum = 0;
  let strengthCount = 0;
  let anyStrength = false;
  judgments.forEach((j, annotator) => {
    const comparison = pairwiseComparison(j?.choice);
    if (comparison === null) return;
    const choice = j!.choice as PairwiseChoice;
    votes[choice] += 1;
    ratings.push({ item: 0, annotator, value: choice });
    comparisons.push(comparison);
    if (choice === 'tie') {
      strengthCount += 1;
    } else if (typeof j!.strength === 'number') {
      strengthSum += choice === 'A' ? -j!.strength : j!.strength;
      strengthCount += 1;
      anyStrength = true;
    }
  });
  if (ratings.length === 0)
    return {
      choice: null,
      confidence: 0,
      votes,
      probabilityA: Number.NaN,
      meanSignedStrength: null,
      lowConfidence: true,
    };
  const [vote] = majorityVote(ratingTable(ratings, { levels: ['A', 'B', 'tie'] }));
  const fit = responseStrengths(2, comparisons, { virtualTies });
  return {
    choice: vote!.label as PairwiseChoice | null,
    confidence: vote!.confidence,
    votes,
    probabilityA: fit.strengths[0]!,
    meanSignedStrength: anyStrength ? strengthSum / strengthCount : null,
    lowConfidence: vote!.label === null || vote!.confidence < threshold,
  };
}

/** Options of the consensus functions of fields with dimensions. */
export interface DimensionConsensusOptions extends LlmConsensusOptions {
  /** The field's dimensions; default: those found in the values. */
  readonly dimensions?: readonly string[];
}

/** A consensus of the overall judgment and of each dimension, low-confidence when any part is. */
function byDimension<
  V extends { readonly dimensions?: Readonly<Record<string, unknown>> },
  J,
  C extends { readonly lowConfidence: boolean },
>(
  values: readonly (V | null | undefined)[],
  options: DimensionConsensusOptions,
  part: (value: V, dimension: string | null) => J,
  consensus: (parts: J[], threshold: number, virtualTies: number) => C,
): { overall: C; dimensions: Record<string, C>; lowConfidence: boolean } {
  const threshold = options.threshold ?? 0.5;
  const virtualTies = options.virtualTies ?? 1;
  const present = values.filter((v): v is V => v !== null && v !== undefined);
  const overall = consensus(
    present.map((v) => part(v, null)),
    threshold,
    virtualTies,
  );
  const dimensions: Record<string, C> = {};
  for (const d of dimensionsOf(present, options.dimensions))
    dimensions[d] = consensus(
      present.map((v) => part(v, d)),
      threshold,
      virtualTies,
    );
  return {
    overall,
    dimensions,
    lowConfidence: overall.lowConfidence || Object.values(dimensions).some((c) => c.lowConfidence),
  };
}

/**
 * The consensus of a pairwise field on one item from its annotators' values: per choice (overall
 * and each dimension) the majority over {A, B, tie} with its share as confidence (a tie between
 * choices is no consensus), the Bradley–Terry probability that A is preferred (its margin, e.g.
 * for DPO), the mean signed strength, and `lowConfidence` when the majority is missing or below
 * `threshold`.
 *
 * @example
 * pairwiseConsensus([{ choice: 'A' }, { choice: 'A' }, { choice: 'tie' }]).overall;
 * // { choice: 'A', confidence: 0.6666666666666666, votes: { A: 2, B: 0, tie: 1 },
 * //   probabilityA: 0.75 (= (2 + ½ + ½) / 4 with one virtual tie), meanSignedStrength: null,
 * //   lowConfidence: false }
 *
 * Reference: the plurality rule with explicit ties (see `majorityVote`); Bradley & Terry (1952).
 */
export function pairwiseConsensus(
  values: readonly (PairwiseValue | null | undefined)[],
  options: DimensionConsensusOptions = {},
): PairwiseItemConsensus {
  return byDimension(
    values,
    options,
    (value, dimension) => (dimension === null ? value : value.dimensions?.[dimension]),
    choiceConsensus,
  );
}

/** The consensus of one ranking (overall or one dimension) on one item. */
export interface RankingConsensus extends ResponseStrengths {
  /** Consensus ranks (1 = best), competition style: equal strengths share a rank. */
  readonly ranks: readonly number[];
  /**
   * The weakest adjacent decision of the consensus order: over each two neighbours in `order`,
   * the share of rankings that order them as the consensus does (strictly, or tied where the
   * consensus ties them); the minimum over neighbours. 1 when every ranking agrees on the order.
   */
  readonly confidence: number;
  /** Rankings that went into it. */
  readonly rankings: number;
  readonly lowConfidence: boolean;
}

/** The consensus of a ranking field on one item, overall and per dimension. */
export interface RankingItemConsensus {
  readonly overall: RankingConsensus;
  readonly dimensions: Readonly<Record<string, RankingConsensus>>;
  readonly lowConfidence: boolean;
}

/** Strengths this close (relative) are a tie in the consensus ranks. */
const TIED_STRENGTH = 1e-9;

function oneRankingConsensus(
  rankings: readonly (readonly number[])[],
  threshold: number,
  virtualTies: number,
): RankingConsensus {
  const n = rankings[0]?.length ?? 0;
  const rows = rankings.filter((r) => r.length === n);
  const fit = responseStrengths(n, rows.flatMap(rankingComparisons), { virtualTies });
  const tied = (a: number, b: number) =>
    Math.abs(fit.strengths[a]! - fit.strengths[b]!) <=
    TIED_STRENGTH * Math.max(fit.strengths[a]!, fit.strengths[b]!);
  const ranks = new Array<number>(n).fill(0);
  fit.order.forEach((response, position) => {
    const previous = fit.order[position - 1];
    ranks[response] =
      previous !== undefined && tied(previous, response) ? ranks[previous]! : position + 1;
  });
  let confidence = rows.length > 0 ? 1 : 0;
  for (let k = 0; k + 1 < n; k++) {
    const better = fit.order[k]!;
    const worse = fit.order[k + 1]!;
    const agreeing = rows.filter((r) =>
      tied(better, worse) ? r[better] === r[worse] : r[better]! < r[worse]!,
    ).length;
    confidence = Math.min(confidence, rows.length > 0 ? agreeing / rows.length : 0);
  }
  return {
    ...fit,
    ranks,
    confidence,
    rankings: rows.length,
    lowConfidence: rows.length === 0 || confidence < threshold,
  };
}

/**
 * The consensus of a ranking field on one item: Bradley–Terry over the responses from the
 * annotators' rankings broken into pairs ({@link rankingComparisons}), overall and per dimension,
 * with the consensus order and ranks, the probability that the top response beats the second,
 * and as confidence the weakest adjacent decision's share of agreeing rankings.
 *
 * @example
 * rankingConsensus([{ ranks: [2, 1, 3] }, { ranks: [2, 1, 3] }, { ranks: [1, 2, 3] }]).overall;
 * // { order: [1, 0, 2], ranks: [2, 1, 3], confidence: 0.6666666666666666, … }
 *
 * Reference: Bradley & Terry (1952); full rank breaking as Azari Soufiani et al. (2013).
 */
export function rankingConsensus(
  values: readonly (RankingValue | null | undefined)[],
  options: DimensionConsensusOptions = {},
): RankingItemConsensus {
  return byDimension(
    values,
    options,
    (value, dimension) => (dimension === null ? value.ranks : value.dimensions?.[dimension]?.ranks),
    (rankings, threshold, virtualTies) =>
      oneRankingConsensus(
        rankings.filter((r): r is readonly number[] => Array.isArray(r)),
        threshold,
        virtualTies,
      ),
  );
}

/** The consensus of a steps field on one item. */
export interface StepsConsensus {
  /** The majority label per step; null where labels tie for the most votes. */
  readonly steps: readonly (string | null)[];
  /** The majority's share per step. */
  readonly stepConfidence: readonly number[];
  readonly final: string | null;
  readonly finalConfidence: number;
  /**
   * With `errorLabels`, the first step whose consensus label is an error (null: none); without,
   * the majority of the annotators' first errors, the earliest of tied ones.
   */
  readonly firstError: number | null;
  /** The weakest of the step and final shares. */
  readonly confidence: number;
  /** Whether some step or the final label tied. */
  readonly tied: boolean;
  readonly lowConfidence: boolean;
}

/**
 * The consensus of a steps field on one item: majority per step with its share, majority of the
 * final label, the first error, and as confidence the weakest share; `lowConfidence` when a
 * label ties or a share is below `threshold`.
 *
 * @example
 * stepsConsensus([
 *   { steps: ['ok', 'bad'], firstError: 1, final: 'wrong' },
 *   { steps: ['ok', 'bad'], firstError: 1, final: 'wrong' },
 *   { steps: ['ok', 'ok'], firstError: null, final: 'right' },
 * ]).steps; // ['ok', 'bad'] (confidence 2/3)
 *
 * Reference: per-step majority, as the plurality rule of `majorityVote` applied to each step.
 */
export function stepsConsensus(
  values: readonly (StepsValue | null | undefined)[],
  options: LlmConsensusOptions & { readonly errorLabels?: readonly string[] } = {},
): StepsConsensus {
  const threshold = options.threshold ?? 0.5;
  const present = values.filter((v): v is StepsValue => v !== null && v !== undefined);
  const stepRatings: Rating[] = [];
  const finalRatings: Rating[] = [];
  const firstErrors: Rating[] = [];
  let n = 0;
  present.forEach((value, annotator) => {
    const labels = Array.isArray(value.steps) ? (value.steps as readonly string[]) : [];
    n = Math.max(n, labels.length);
    labels.forEach((label, step) => stepRatings.push({ item: step, annotator, value: label }));
    finalRatings.push({ item: 0, annotator, value: value.final });
    if (value.firstError !== undefined)
      firstErrors.push({ item: 0, annotator, value: value.firstError ?? Number.MAX_SAFE_INTEGER });
  });
  const byStep = new Map(
    stepRatings.length > 0
      ? majorityVote(ratingTable(stepRatings)).map((c) => [c.item as number, c])
      : [],
  );
  const steps = Array.from(
    { length: n },
    (_, s) => (byStep.get(s)?.label as string | undefined) ?? null,
  );
  const stepConfidence = Array.from({ length: n }, (_, s) => byStep.get(s)?.confidence ?? 0);
  const [final] = finalRatings.length > 0 ? majorityVote(ratingTable(finalRatings)) : [];
  let firstError: number | null = null;
  if (options.errorLabels) {
    const errors = new Set(options.errorLabels);
    const index = steps.findIndex((label) => label !== null && errors.has(label));
    firstError = index < 0 ? null : index;
  } else if (firstErrors.length > 0) {
    const [vote] = majorityVote(ratingTable(firstErrors), { tieBreak: 'first-level' });
    const earliest = vote!.label as number;
    firstError = earliest === Number.MAX_SAFE_INTEGER ? null : earliest;
  }
  const finalConfidence = final?.confidence ?? 0;
  const confidence = Math.min(finalConfidence, ...stepConfidence);
  const tied = steps.some((label) => label === null) || final?.label === null;
  return {
    steps,
    stepConfidence,
    final: (final?.label as string | null | undefined) ?? null,
    finalConfidence,
    firstError,
    confidence,
    tied,
    lowConfidence: tied || present.length === 0 || confidence < threshold,
  };
}

/** The consensus value of an LLM field on one item, shaped like an annotator's value. */
export interface LlmFieldConsensus {
  /** `{choice, strength?, dimensions}`, `{ranks, dimensions}` or `{steps, firstError, final}`. */
  readonly value: Readonly<Record<string, unknown>>;
  /** The weakest support of any part (overall, a dimension, a step). */
  readonly confidence: number;
  /** Whether the item should go to adjudication (a tie, or support below the threshold). */
  readonly lowConfidence: boolean;
}

/**
 * The consensus of any LLM field on one item, as a value of the field's own shape (so it can be
 * stored as the item's consensus, validated and exported like an annotation): pairwise through
 * {@link pairwiseConsensus} (strength: the rounded mean strength of the winning side), ranking
 * through {@link rankingConsensus}, steps through {@link stepsConsensus}.
 *
 * @example
 * llmFieldConsensus(pairwiseField, [{ choice: 'B' }, { choice: 'B' }]).value; // { choice: 'B', dimensions: {} }
 */
export function llmFieldConsensus(
  field: LlmField,
  values: readonly unknown[],
  options: LlmConsensusOptions = {},
): LlmFieldConsensus {
  if (field.type === 'steps') {
    const c = stepsConsensus(values as StepsValue[], {
      ...options,
      ...(field.errorLabels ? { errorLabels: field.errorLabels } : {}),
    });
    return {
      value: { steps: c.steps, firstError: c.firstError, final: c.final },
      confidence: c.confidence,
      lowConfidence: c.lowConfidence,
    };
  }
  if (field.type === 'ranking') {
    const c = rankingConsensus(values as RankingValue[], {
      ...options,
      dimensions: field.dimensions,
    });
    const dimensions: Record<string, { ranks: readonly number[] }> = {};
    for (const [d, r] of Object.entries(c.dimensions)) dimensions[d] = { ranks: r.ranks };
    return {
      value: { ranks: c.overall.ranks, dimensions },
      confidence: Math.min(
        c.overall.confidence,
        ...Object.values(c.dimensions).map((r) => r.confidence),
      ),
      lowConfidence: c.lowConfidence,
    };
  }
  const c = pairwiseConsensus(values as PairwiseValue[], {
    ...options,
    dimensions: field.dimensions,
  });
  const dimensions: Record<string, { choice: PairwiseChoice | null }> = {};
  for (const [d, p] of Object.entries(c.dimensions)) dimensions[d] = { choice: p.choice };
  const strength =
    field.strength && (c.overall.choice === 'A' || c.overall.choice === 'B')
      ? meanStrength(values as PairwiseValue[], c.overall.choice)
      : null;
  return {
    value: {
      choice: c.overall.choice,
      ...(strength !== null ? { strength } : {}),
      dimensions,
    },
    confidence: Math.min(
      c.overall.confidence,
      ...Object.values(c.dimensions).map((p) => p.confidence),
    ),
    lowConfidence: c.lowConfidence,
  };
}

/** The rounded mean strength (1–3) of the judgments that chose `side`, or null when none gave one. */
function meanStrength(
  values: readonly (PairwiseValue | null | undefined)[],
  side: Label,
): number | null {
  const strengths = values
    .filter((v) => v?.choice === side && typeof v.strength === 'number')
    .map((v) => v!.strength!);
  if (strengths.length === 0) return null;
  return Math.round(strengths.reduce((a, b) => a + b, 0) / strengths.length);
}
