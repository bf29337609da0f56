import type { AnnotatorId, ItemId, Label, RatingTable } from '../agreement/rating-table.js';

/** Options of {@link dawidSkene} and {@link oneCoinDawidSkene}. */
export interface DawidSkeneOptions {
  /**
   * EM stops when no item's posterior probability of any class moved by more than this between
   * two iterations (default 1e-6).
   */
  readonly tolerance?: number;
  /** EM stops after this many iterations even if not converged (default 1000); see `converged`. */
  readonly maxIterations?: number;
  /**
   * Pseudo-count added to every cell of every confusion matrix before it is normalised (a
   * symmetric Dirichlet prior; MAP instead of maximum likelihood). Default 0: the maximum-likelihood
   * estimate of the original paper. Small values (0.01–1) keep sparse annotators' matrices from
   * collapsing onto a few answers.
   */
  readonly smoothing?: number;
}

/** The fitted model and the consensus it implies. */
export interface DawidSkeneResult<V = Label> {
  readonly items: readonly ItemId[];
  readonly annotators: readonly AnnotatorId[];
  readonly levels: readonly V[];
  /** Row-major `items × levels`: posterior probability of each true class. */
  readonly posteriors: Float64Array;
  /** Most probable class per item (a tie between posteriors goes to the first level). */
  readonly labels: readonly V[];
  /** The posterior of that class per item. */
  readonly confidence: Float64Array;
  /** Estimated class priors. */
  readonly priors: Float64Array;
  /**
   * `annotators × levels × levels`: entry (j, k, l) is the probability that annotator j answers l
   * when the truth is k (for the one-coin model, the matrix its single accuracy implies).
   */
  readonly confusion: Float64Array;
  /** Per annotator: the expected share of their ratings that equal the true class under the posteriors. */
  readonly accuracy: Float64Array;
  /** Log-likelihood of the ratings under the final parameters (before the last E-step). */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** Whether the tolerance was reached before the iteration cap. */
  readonly converged: boolean;
}

/** Confusion probabilities below this are treated as this, so that one surprising answer cannot zero out a class. */
const PROBABILITY_FLOOR = 1e-300;

/**
 * Dawid–Skene truth inference by EM: each annotator has a full confusion matrix, classes have
 * priors; EM starts from majority-vote posteriors (the share of each label's votes on each item,
 * deterministic) and alternates M-steps (priors and confusion matrices from the posteriors) and
 * E-steps (posteriors from the parameters) until no posterior moves by more than `tolerance` or
 * `maxIterations` is reached. Repeated answers of one annotator on one item are separate
 * observations, as in the original paper (observer 1 rated every patient three times). A confusion
 * row of a class an annotator was never (softly) assigned is uniform.
 *
 * @example
 * const result = dawidSkene(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b'], ['a', 'a', 'a']]));
 * result.labels; // ['a', 'b', 'a']
 *
 * Reference: A. P. Dawid & A. M. Skene (1979), Maximum likelihood estimation of observer
 * error-rates using the EM algorithm, Journal of the Royal Statistical Society C 28(1):20–28.
 */
export function dawidSkene<V = Label>(
  table: RatingTable<V>,
  options: DawidSkeneOptions = {},
): DawidSkeneResult<V> {
  return fit(table, options, 'full');
}

/**
 * The one-coin Dawid–Skene model: each annotator has a single accuracy s, answers the true class
 * with probability s and each other class with probability (1 − s) / (K − 1). EM, initialisation,
 * stopping rule and the counting of repeated answers as in {@link dawidSkene}.
 *
 * @example
 * oneCoinDawidSkene(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b']])).labels; // ['a', 'b']
 *
 * Reference: the "one-coin" model of Y. Zhang, X. Chen, D. Zhou & M. I. Jordan (2014), Spectral
 * methods meet EM, NeurIPS; as crowd-kit `OneCoinDawidSkene`.
 */
export function oneCoinDawidSkene<V = Label>(
  table: RatingTable<V>,
  options: DawidSkeneOptions = {},
): DawidSkeneResult<V> {
  return fit(table, options, 'one-coin');
}

function fit<V>(
  table: RatingTable<V>,
  options: DawidSkeneOptions,
  model: 'full' | 'one-coin',
): DawidSkeneResult<V> {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 1000;
  const smoothing = options.smoothing ?? 0;
  const { offsets, values, raters } = table;
  const n = table.items.length;
  const k = table.levels.length;
  const a = table.annotators.length;
  const kk = k * k;

  // Majority-vote initialisation: the share of each label's votes.
  let posteriors = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    for (let r = start; r < end; r++) posteriors[u * k + values[r]!]! += 1 / (end - start);
  }
  let next = new Float64Array(n * k);
  const priors = new Float64Array(k);
  const confusion = new Float64Array(a * kk);
  // Sufficient statistics of the posteriors, answer-major ([annotator][answer][class]) so that the
  // inner loops over classes are contiguous; they are gathered in the same pass as the E-step.
  const byAnswer = new Float64Array(a * kk);
  const logByAnswer = new Float64Array(a * kk);
  const classTotals = new Float64Array(k);
  const logPriors = new Float64Array(k);
  const accuracy = new Float64Array(a);
  const answered = new Float64Array(a);
  for (let r = 0; r < values.length; r++) answered[raters[r]!]! += 1;
  const gather = (u: number, from: Float64Array): void => {
    const row = u * k;
    for (let c = 0; c < k; c++) classTotals[c]! += from[row + c]!;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      const base = raters[r]! * kk + values[r]! * k;
      for (let c = 0; c < k; c++) byAnswer[base + c]! += from[row + c]!;
      accuracy[raters[r]!]! += from[row + values[r]!]!;
    }
  };
  for (let u = 0; u < n; u++) gather(u, posteriors);
  const scratch = new Float64Array(k);
  let logLikelihood = Number.NaN;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations += 1;
    // M-step from the sufficient statistics.
    for (let c = 0; c < k; c++) {
      priors[c] = classTotals[c]! / n;
      logPriors[c] = Math.log(Math.max(priors[c]!, PROBABILITY_FLOOR));
    }
    for (let j = 0; j < a; j++) {
      for (let l = 0; l < k; l++) {
        for (let c = 0; c < k; c++) {
          confusion[j * kk + c * k + l] = byAnswer[j * kk + l * k + c]! + smoothing;
        }
      }
    }
    for (let j = 0; j < a; j++) {
      if (model === 'one-coin') {
        const s = answered[j]! > 0 ? accuracy[j]! / answered[j]! : 1 / k;
        for (let c = 0; c < k; c++) {
          for (let l = 0; l < k; l++)
            confusion[j * kk + c * k + l] = c === l ? s : k > 1 ? (1 - s) / (k - 1) : 0;
        }
      } else {
        for (let c = 0; c < k; c++) {
          const row = j * kk + c * k;
          let sum = 0;
          for (let l = 0; l < k; l++) sum += confusion[row + l]!;
          for (let l = 0; l < k; l++)
            confusion[row + l] = sum > 0 ? confusion[row + l]! / sum : 1 / k;
        }
      }
      for (let c = 0; c < k; c++) {
        for (let l = 0; l < k; l++) {
          const p = confusion[j * kk + c * k + l]!;
          logByAnswer[j * kk + l * k + c] = Math.log(Math.max(p, PROBABILITY_FLOOR));
        }
      }
    }
    // E-step, with the log-likelihood of the parameters just estimated; each item's new posterior
    // goes straight into the sufficient statistics of the next M-step.
    byAnswer.fill(0);
    accuracy.fill(0);
    classTotals.fill(0);
    logLikelihood = 0;
    let change = 0;
    for (let u = 0; u < n; u++) {
      for (let c = 0; c < k; c++) scratch[c] = logPriors[c]!;
      for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
        const base = raters[r]! * kk + values[r]! * k;
        for (let c = 0; c < k; c++) scratch[c]! += logByAnswer[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (scratch[c]! > max) max = scratch[c]!;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        // e^-40 ≈ 4e-18 is below half an ulp of the sum (≥ 1): skipping exp there changes nothing
        // the sum can hold, and most classes of a confident item are that far below the best one.
        const d = scratch[c]! - max;
        const p = d < -40 ? 0 : Math.exp(d);
        scratch[c] = p;
        sum += p;
      }
      logLikelihood += max + Math.log(sum);
      const row = u * k;
      for (let c = 0; c < k; c++) {
        const p = scratch[c]! / sum;
        const moved = Math.abs(p - posteriors[row + c]!);
        if (moved > change) change = moved;
        next[row + c] = p;
      }
      gather(u, next);
    }
    const previous = posteriors;
    posteriors = next;
    next = previous;
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }

  // Annotator accuracy against the final posteriors (gathered by the last E-step).
  for (let j = 0; j < a; j++)
    accuracy[j] = answered[j]! > 0 ? accuracy[j]! / answered[j]! : Number.NaN;
  const confidence = new Float64Array(n);
  const labels: V[] = [];
  for (let u = 0; u < n; u++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (posteriors[u * k + c]! > posteriors[u * k + best]!) best = c;
    confidence[u] = posteriors[u * k + best]!;
    labels.push(table.levels[best]!);
  }
  return {
    items: table.items,
    annotators: table.annotators,
    levels: table.levels,
    posteriors,
    labels,
    confidence,
    priors,
    confusion,
    accuracy,
    logLikelihood,
    iterations,
    converged,
  };
}
