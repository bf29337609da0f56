import type { Label, RatingTable } from '../agreement/rating-table.js';
import type { PosteriorConsensus } from './posterior-consensus.js';

/** Options of {@link dawidSkene} and {@link oneCoinDawidSkene}. */
export interface DawidSkeneOptions {
  /**
   * EM stops when no item's posterior probability of any class moved by more than this between
   * two iterations (default 1e-6; 0 switches this test off).
   */
  readonly tolerance?: number;
  /**
   * EM also stops when the log-likelihood of the ratings changed by at most this many nats per
   * rating between two iterations (default 1e-8; 0 switches this test off). EM's last steps
   * move a few near-tied items very slowly: on 1,000,000 synthetic ratings (4 classes) the
   * posterior test alone needs 141 iterations (over 1,000 for maximum likelihood), this one 31,
   * and the labels then differ on 2 items in 200,000. On the truth-inference sets of
   * `shared/datasets` it changes no Dawid–Skene label.
   */
  readonly logLikelihoodTolerance?: number;
  /** EM stops after this many iterations even if not converged (default 1000); see `converged`. */
  readonly maxIterations?: number;
  /**
   * Pseudo-ratings added to every confusion row of the full model, spread as the annotator's
   * one-coin matrix: their own accuracy on the diagonal and the rest evenly off it, that
   * accuracy itself drawn toward the crowd's by the same number of pseudo-ratings (MAP-EM with
   * a Dirichlet prior centred on the one-coin model; hierarchical shrinkage). Default 0.25. An
   * annotator with hundreds of ratings keeps the confusion matrix their answers show; one with
   * one or two no longer gets a matrix that says they are never wrong (with maximum likelihood,
   * one answer makes its row a point mass). 0 gives the maximum-likelihood estimator of Dawid &
   * Skene (1979). Ignored by {@link oneCoinDawidSkene}, whose one accuracy per annotator pools
   * all their ratings already. See the package README for how the default was chosen.
   */
  readonly shrinkage?: number;
  /**
   * Pseudo-count added to every cell of every confusion matrix before it is normalised (a
   * symmetric Dirichlet prior), on top of `shrinkage`. Default 0. Ignored by
   * {@link oneCoinDawidSkene}.
   */
  readonly smoothing?: number;
}

/** The fitted model and the consensus it implies. */
export interface DawidSkeneResult<V = Label> extends PosteriorConsensus<V> {
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
  /** Whether a stopping test (`tolerance` or `logLikelihoodTolerance`) was met before the iteration cap. */
  readonly converged: boolean;
}

/** Confusion probabilities below this are treated as this, so that one surprising answer cannot zero out a class. */
const PROBABILITY_FLOOR = 1e-300;
const DEFAULT_SHRINKAGE = 0.25;
const DEFAULT_LOG_LIKELIHOOD_TOLERANCE = 1e-8;

/**
 * Dawid–Skene truth inference by EM: each annotator has a full confusion matrix, classes have
 * priors; EM starts from majority-vote posteriors (the share of each label's votes on each item,
 * deterministic) and alternates M-steps (priors and confusion matrices from the posteriors) and
 * E-steps (posteriors from the parameters) until no posterior moves by more than `tolerance`, the
 * log-likelihood changes by at most `logLikelihoodTolerance` nats per rating, or `maxIterations`
 * is reached. Repeated answers of one annotator on one item are separate observations, as in the
 * original paper (observer 1 rated every patient three times).
 *
 * The M-step is MAP rather than maximum likelihood: each confusion row gets `shrinkage` (default
 * 0.25) pseudo-ratings spread as the annotator's one-coin matrix (see {@link DawidSkeneOptions}).
 * Maximum likelihood (`shrinkage: 0`) fits annotators with one or two ratings exactly — a row
 * that is a point mass on the one answer seen, a uniform row for classes never seen — and on
 * sparse crowds that costs accuracy. Accuracy on the items with truth, maximum likelihood →
 * default (crowd-kit 1.4.1): CF 0.8033 → 0.8767 (0.8300), CF_amt 0.8367 → 0.8467 (0.8400);
 * Bluebirds 0.8981, SP 0.9150, SP_amt 0.9440, ZenCrowd_all 0.7961, _in 0.7574, _us 0.8225
 * unchanged; AdultContent2 0.7628 → 0.7447 and MS 0.7743 → 0.7686, where the ML figures are
 * fragile (they hang on posteriors rounded to exactly 0). The default leaves Dawid & Skene's own
 * example as published (labels of patients 1–45, only 35 and 38 below 0.99), which 0.4 no longer
 * does (patient 12 drops below 0.99); 2 does better on these sets (CF 0.8867, MS 0.7829, SP
 * 0.9152, ZenCrowd_in 0.7588) but changes the labels of patients 2, 12 and 38. Numbers,
 * alternatives tried and the per-set table: bench/truth-inference/RESULTS.md.
 *
 * @example
 * const table = ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'b'], ['a', 'a', 'a']]);
 * dawidSkene(table).labels; // ['a', 'b', 'a']
 * // The estimator of the paper: maximum likelihood, EM stopped on the posteriors only.
 * dawidSkene(table, { shrinkage: 0, logLikelihoodTolerance: 0 }).labels; // ['a', 'b', 'a']
 *
 * Reference: A. P. Dawid & A. M. Skene (1979), Maximum likelihood estimation of observer
 * error-rates using the EM algorithm, Journal of the Royal Statistical Society C 28(1):20–28;
 * MAP-EM with Dirichlet priors on confusion rows as in H.-C. Kim & Z. Ghahramani (2012),
 * Bayesian classifier combination, AISTATS, and B. Carpenter (2008), Multilevel Bayesian models
 * of categorical data annotation (hierarchical priors pooling annotators).
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
 * stopping rule and the counting of repeated answers as in {@link dawidSkene}; `shrinkage` and
 * `smoothing` do not apply (s pools all of an annotator's ratings: maximum likelihood).
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
  const logLikelihoodTolerance = options.logLikelihoodTolerance ?? DEFAULT_LOG_LIKELIHOOD_TOLERANCE;
  const maxIterations = options.maxIterations ?? 1000;
  const smoothing = options.smoothing ?? 0;
  const shrinkage = model === 'full' ? (options.shrinkage ?? DEFAULT_SHRINKAGE) : 0;
  const { offsets, values, raters } = table;
  const n = table.items.length;
  const k = table.levels.length;
  const a = table.annotators.length;
  const kk = k * k;
  const ratings = values.length;

  // Where each rating's row of statistics starts ([annotator][answer][class], answer-major so that
  // the inner loops over classes are contiguous); computed once, read twice per iteration.
  const cells = new Int32Array(ratings);
  for (let r = 0; r < ratings; r++) cells[r] = raters[r]! * kk + values[r]! * k;
  const answered = new Float64Array(a);
  for (let r = 0; r < ratings; r++) answered[raters[r]!]! += 1;

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
  // Sufficient statistics of the posteriors, gathered in the same pass as the E-step:
  // byAnswer[j][l][c] is the posterior mass of class c on the ratings where annotator j answered l.
  const byAnswer = new Float64Array(a * kk);
  const logByAnswer = new Float64Array(a * kk);
  const classTotals = new Float64Array(k);
  const logPriors = new Float64Array(k);
  const accuracy = new Float64Array(a);
  const scratch = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    const row = u * k;
    for (let c = 0; c < k; c++) classTotals[c]! += posteriors[row + c]!;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      const base = cells[r]!;
      for (let c = 0; c < k; c++) byAnswer[base + c]! += posteriors[row + c]!;
    }
  }
  let logLikelihood = Number.NaN;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations += 1;
    // M-step from the sufficient statistics. An annotator's accuracy is the posterior mass of
    // the answers they gave: the diagonal of their statistics.
    for (let c = 0; c < k; c++) {
      priors[c] = classTotals[c]! / n;
      logPriors[c] = Math.log(Math.max(priors[c]!, PROBABILITY_FLOOR));
    }
    let crowdCorrect = 0;
    for (let j = 0; j < a; j++) {
      let correct = 0;
      for (let l = 0; l < k; l++) correct += byAnswer[j * kk + l * k + l]!;
      accuracy[j] = correct;
      crowdCorrect += correct;
    }
    const crowdAccuracy = ratings > 0 ? crowdCorrect / ratings : 1 / k;
    for (let j = 0; j < a; j++) {
      const matrix = j * kk;
      if (model === 'one-coin') {
        const s = answered[j]! > 0 ? accuracy[j]! / answered[j]! : 1 / k;
        for (let c = 0; c < k; c++) {
          for (let l = 0; l < k; l++)
            confusion[matrix + c * k + l] = c === l ? s : k > 1 ? (1 - s) / (k - 1) : 0;
        }
      } else {
        // Shrinkage target: the annotator's one-coin matrix, its accuracy itself drawn towards
        // the crowd's by the same number of pseudo-ratings.
        const s = (accuracy[j]! + shrinkage * crowdAccuracy) / (answered[j]! + shrinkage);
        const onDiagonal = shrinkage * (k > 1 ? s : 1) + smoothing;
        const offDiagonal = shrinkage * (k > 1 ? (1 - s) / (k - 1) : 0) + smoothing;
        for (let c = 0; c < k; c++) {
          const row = matrix + c * k;
          let sum = 0;
          for (let l = 0; l < k; l++) {
            const count = byAnswer[matrix + l * k + c]! + (l === c ? onDiagonal : offDiagonal);
            confusion[row + l] = count;
            sum += count;
          }
          for (let l = 0; l < k; l++)
            confusion[row + l] = sum > 0 ? confusion[row + l]! / sum : 1 / k;
        }
      }
      for (let c = 0; c < k; c++) {
        for (let l = 0; l < k; l++) {
          const p = confusion[matrix + c * k + l]!;
          logByAnswer[matrix + l * k + c] = Math.log(Math.max(p, PROBABILITY_FLOOR));
        }
      }
    }
    // E-step, with the log-likelihood of the parameters just estimated; each item's new posterior
    // goes straight into the sufficient statistics of the next M-step.
    byAnswer.fill(0);
    classTotals.fill(0);
    const previousLogLikelihood = logLikelihood;
    const step = (k === 2 ? expectBinary : expect)(
      { offsets, cells, logPriors, logByAnswer, byAnswer, classTotals, scratch },
      posteriors,
      next,
    );
    logLikelihood = step.logLikelihood;
    const change = step.change;
    const previous = posteriors;
    posteriors = next;
    next = previous;
    if (
      change <= tolerance ||
      Math.abs(logLikelihood - previousLogLikelihood) <= logLikelihoodTolerance * ratings
    ) {
      converged = true;
      break;
    }
  }

  // Annotator accuracy against the final posteriors (gathered by the last E-step).
  for (let j = 0; j < a; j++) {
    let correct = 0;
    for (let l = 0; l < k; l++) correct += byAnswer[j * kk + l * k + l]!;
    accuracy[j] = answered[j]! > 0 ? correct / answered[j]! : Number.NaN;
  }
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

/** What an E-step reads (parameters) and gathers (statistics of the next M-step). */
interface ExpectationState {
  readonly offsets: Int32Array;
  /** Per rating: where its annotator's row for its answer starts in `logByAnswer` and `byAnswer`. */
  readonly cells: Int32Array;
  readonly logPriors: Float64Array;
  readonly logByAnswer: Float64Array;
  readonly byAnswer: Float64Array;
  readonly classTotals: Float64Array;
  readonly scratch: Float64Array;
}

interface ExpectationStep {
  readonly logLikelihood: number;
  /** The largest move of any posterior probability. */
  readonly change: number;
}

/**
 * E-step for any number of classes: posteriors into `next`, statistics into the state. The loops
 * over an item's ratings run once per block of 4 classes (then 2, then 1), each class's sum in a
 * local variable rather than a read-modify-write of memory per rating: 1.3–1.4 times as fast
 * with 4 or 10 classes as one class at a time, same arithmetic.
 */
function expect(
  state: ExpectationState,
  posteriors: Float64Array,
  next: Float64Array,
): ExpectationStep {
  const { offsets, cells, logPriors, logByAnswer, byAnswer, classTotals, scratch } = state;
  const k = logPriors.length;
  const n = offsets.length - 1;
  const fours = k - (k % 4);
  let logLikelihood = 0;
  let change = 0;
  for (let u = 0; u < n; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    let max = -Infinity;
    let c = 0;
    for (; c < fours; c += 4) {
      let s0 = logPriors[c]!;
      let s1 = logPriors[c + 1]!;
      let s2 = logPriors[c + 2]!;
      let s3 = logPriors[c + 3]!;
      for (let r = start; r < end; r++) {
        const base = cells[r]! + c;
        s0 += logByAnswer[base]!;
        s1 += logByAnswer[base + 1]!;
        s2 += logByAnswer[base + 2]!;
        s3 += logByAnswer[base + 3]!;
      }
      scratch[c] = s0;
      scratch[c + 1] = s1;
      scratch[c + 2] = s2;
      scratch[c + 3] = s3;
      max = Math.max(max, s0, s1, s2, s3);
    }
    if (c + 1 < k) {
      let s0 = logPriors[c]!;
      let s1 = logPriors[c + 1]!;
      for (let r = start; r < end; r++) {
        const base = cells[r]! + c;
        s0 += logByAnswer[base]!;
        s1 += logByAnswer[base + 1]!;
      }
      scratch[c] = s0;
      scratch[c + 1] = s1;
      max = Math.max(max, s0, s1);
      c += 2;
    }
    if (c < k) {
      let s0 = logPriors[c]!;
      for (let r = start; r < end; r++) s0 += logByAnswer[cells[r]! + c]!;
      scratch[c] = s0;
      max = Math.max(max, s0);
    }
    let sum = 0;
    for (let l = 0; l < k; l++) {
      // e^-40 ≈ 4e-18 is below half an ulp of the sum (≥ 1): skipping exp there changes nothing
      // the sum can hold, and most classes of a confident item are that far below the best one.
      const d = scratch[l]! - max;
      const p = d === 0 ? 1 : d < -40 ? 0 : Math.exp(d);
      scratch[l] = p;
      sum += p;
    }
    logLikelihood += max + Math.log(sum);
    const row = u * k;
    for (let l = 0; l < k; l++) {
      const p = scratch[l]! / sum;
      const moved = Math.abs(p - posteriors[row + l]!);
      if (moved > change) change = moved;
      next[row + l] = p;
      scratch[l] = p;
      classTotals[l]! += p;
    }
    c = 0;
    for (; c < fours; c += 4) {
      const p0 = scratch[c]!;
      const p1 = scratch[c + 1]!;
      const p2 = scratch[c + 2]!;
      const p3 = scratch[c + 3]!;
      for (let r = start; r < end; r++) {
        const base = cells[r]! + c;
        byAnswer[base]! += p0;
        byAnswer[base + 1]! += p1;
        byAnswer[base + 2]! += p2;
        byAnswer[base + 3]! += p3;
      }
    }
    if (c + 1 < k) {
      const p0 = scratch[c]!;
      const p1 = scratch[c + 1]!;
      for (let r = start; r < end; r++) {
        const base = cells[r]! + c;
        byAnswer[base]! += p0;
        byAnswer[base + 1]! += p1;
      }
      c += 2;
    }
    if (c < k) {
      const p0 = scratch[c]!;
      for (let r = start; r < end; r++) byAnswer[cells[r]! + c]! += p0;
    }
  }
  return { logLikelihood, change };
}

/**
 * {@link expect} for two classes, written out (binary labels are the common case; about a fifth
 * faster than the blocked loops); same arithmetic.
 */
function expectBinary(
  state: ExpectationState,
  posteriors: Float64Array,
  next: Float64Array,
): ExpectationStep {
  const { offsets, cells, logPriors, logByAnswer, byAnswer, classTotals } = state;
  const n = offsets.length - 1;
  const logPrior0 = logPriors[0]!;
  const logPrior1 = logPriors[1]!;
  let logLikelihood = 0;
  let change = 0;
  let total0 = 0;
  let total1 = 0;
  for (let u = 0; u < n; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    let score0 = logPrior0;
    let score1 = logPrior1;
    for (let r = start; r < end; r++) {
      const base = cells[r]!;
      score0 += logByAnswer[base]!;
      score1 += logByAnswer[base + 1]!;
    }
    const max = score0 >= score1 ? score0 : score1;
    const d0 = score0 - max;
    const d1 = score1 - max;
    const e0 = d0 === 0 ? 1 : d0 < -40 ? 0 : Math.exp(d0);
    const e1 = d1 === 0 ? 1 : d1 < -40 ? 0 : Math.exp(d1);
    const sum = e0 + e1;
    logLikelihood += max + Math.log(sum);
    const p0 = e0 / sum;
    const p1 = e1 / sum;
    const row = 2 * u;
    const moved0 = Math.abs(p0 - posteriors[row]!);
    const moved1 = Math.abs(p1 - posteriors[row + 1]!);
    if (moved0 > change) change = moved0;
    if (moved1 > change) change = moved1;
    next[row] = p0;
    next[row + 1] = p1;
    total0 += p0;
    total1 += p1;
    for (let r = start; r < end; r++) {
      const base = cells[r]!;
      byAnswer[base]! += p0;
      byAnswer[base + 1]! += p1;
    }
  }
  classTotals[0]! += total0;
  classTotals[1]! += total1;
  return { logLikelihood, change };
}
