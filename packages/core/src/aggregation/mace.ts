import type { Label, RatingTable } from '../agreement/rating-table.js';
import type { PosteriorConsensus } from './posterior-consensus.js';

/** Options of {@link mace}. */
export interface MaceOptions {
  /** Stop when no posterior moves by more than this between iterations (default 1e-6). */
  readonly tolerance?: number;
  /** Stop after this many EM iterations even if not converged (default 1000). */
  readonly maxIterations?: number;
  /**
   * Add-δ smoothing of the competence and spamming estimates (default 0.5, the Beta(0.5, 0.5) /
   * Dirichlet(0.5) pseudo-counts of crowd-kit's MACE defaults); keeps estimates off 0 and 1.
   */
  readonly smoothing?: number;
}

/** The fitted MACE model and the consensus it implies. */
export interface MaceResult<V = Label> extends PosteriorConsensus<V> {
  /** Per annotator: the probability θ that they answer knowingly rather than spam. */
  readonly competence: Float64Array;
  /** `annotators × levels`: each annotator's answer distribution when spamming. */
  readonly spamming: Float64Array;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * MACE (Multi-Annotator Competence Estimation): each annotator either knows the true label and
 * gives it (probability θ, their competence) or "spams" from a personal label distribution ξ;
 * true labels have a uniform prior. Fitted by EM with add-δ smoothing from majority-vote posteriors
 * — deterministic, where the original uses random restarts and variational Bayes, so results can
 * differ slightly from the MACE tool and crowd-kit. Repeated answers of an annotator on an item
 * are separate observations, as in {@link dawidSkene}.
 *
 * @example
 * mace(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'a'], ['a', 'a', 'a']])).labels; // ['a', 'b', 'a']
 *
 * Reference: D. Hovy, T. Berg-Kirkpatrick, A. Vaswani & E. Hovy (2013), Learning whom to trust
 * with MACE, NAACL-HLT 2013, pp. 1120–1130.
 */
export function mace<V = Label>(table: RatingTable<V>, options: MaceOptions = {}): MaceResult<V> {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 1000;
  const delta = options.smoothing ?? 0.5;
  const { offsets, values, raters } = table;
  const n = table.items.length;
  const k = table.levels.length;
  const a = table.annotators.length;

  let posteriors = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    const m = offsets[u + 1]! - offsets[u]!;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) posteriors[u * k + values[r]!]! += 1 / m;
  }
  let next = new Float64Array(n * k);
  const competence = new Float64Array(a);
  const spamming = new Float64Array(a * k);
  const knowing = new Float64Array(a);
  const answered = new Float64Array(a);
  const spamCounts = new Float64Array(a * k);
  for (let r = 0; r < values.length; r++) answered[raters[r]!]! += 1;
  // Start from majority vote: the share of answers that agree with it is the first competence,
  // the answers themselves the first spamming distribution.
  for (let u = 0; u < n; u++) {
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      knowing[raters[r]!]! += posteriors[u * k + values[r]!]!;
      spamCounts[raters[r]! * k + values[r]!]! += 1;
    }
  }
  const mStep = (): void => {
    for (let j = 0; j < a; j++) {
      competence[j] = (knowing[j]! + delta) / (answered[j]! + 2 * delta);
      let spam = 0;
      for (let l = 0; l < k; l++) spam += spamCounts[j * k + l]!;
      for (let l = 0; l < k; l++)
        spamming[j * k + l] = (spamCounts[j * k + l]! + delta) / (spam + k * delta);
    }
  };
  mStep();
  const scratch = new Float64Array(k);
  let logLikelihood = Number.NaN;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations += 1;
    // E-step: posteriors of the true label; the uniform prior cancels.
    logLikelihood = 0;
    let change = 0;
    for (let u = 0; u < n; u++) {
      scratch.fill(0);
      for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
        const j = raters[r]!;
        const answer = values[r]!;
        const spam = (1 - competence[j]!) * spamming[j * k + answer]!;
        for (let t = 0; t < k; t++)
          scratch[t]! += Math.log(spam + (t === answer ? competence[j]! : 0));
      }
      let max = -Infinity;
      for (let t = 0; t < k; t++) max = Math.max(max, scratch[t]!);
      let sum = 0;
      for (let t = 0; t < k; t++) {
        scratch[t] = Math.exp(scratch[t]! - max);
        sum += scratch[t]!;
      }
      logLikelihood += max + Math.log(sum / k);
      for (let t = 0; t < k; t++) {
        const p = scratch[t]! / sum;
        change = Math.max(change, Math.abs(p - posteriors[u * k + t]!));
        next[u * k + t] = p;
      }
    }
    const previous = posteriors;
    posteriors = next;
    next = previous;
    // Expected knowing / spamming answers, then the M-step.
    knowing.fill(0);
    spamCounts.fill(0);
    for (let u = 0; u < n; u++) {
      for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
        const j = raters[r]!;
        const answer = values[r]!;
        const theta = competence[j]!;
        const spam = (1 - theta) * spamming[j * k + answer]!;
        const knew = posteriors[u * k + answer]! * (theta / (theta + spam));
        knowing[j]! += knew;
        spamCounts[j * k + answer]! += 1 - knew;
      }
    }
    mStep();
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }
  const confidence = new Float64Array(n);
  const labels: V[] = [];
  for (let u = 0; u < n; u++) {
    let best = 0;
    for (let t = 1; t < k; t++) if (posteriors[u * k + t]! > posteriors[u * k + best]!) best = t;
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
    competence,
    spamming,
    logLikelihood,
    iterations,
    converged,
  };
}
