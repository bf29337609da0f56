import type { Label, RatingTable } from '../agreement/rating-table.js';
import type { PosteriorConsensus } from './posterior-consensus.js';

/** Options of {@link glad}. */
export interface GladOptions {
  /** Stop when no posterior moves by more than this between iterations (default 1e-6). */
  readonly tolerance?: number;
  /** Stop after this many EM iterations even if not converged (default 500). */
  readonly maxIterations?: number;
  /** Newton sweeps over the abilities and difficulties per M-step (default 3). */
  readonly newtonSweeps?: number;
  /**
   * Estimate class priors from the posteriors (as Dawid–Skene does) instead of the fixed uniform
   * prior of the original model (default false: uniform, as Whitehill et al. and crowd-kit).
   */
  readonly estimatePriors?: boolean;
}

/** The fitted GLAD model and the consensus it implies. */
export interface GladResult<V = Label> extends PosteriorConsensus<V> {
  readonly priors: Float64Array;
  /** Per annotator: ability α (large positive: expert; 0: guessing; negative: adversarial). */
  readonly abilities: Float64Array;
  /** Per item: inverse difficulty β = exp(b) > 0 (small: hard item, everyone near chance). */
  readonly inverseDifficulties: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** log σ(x), computed without overflow. */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * GLAD (Generative model of Labels, Abilities and Difficulties): annotator j answers item i
 * correctly with probability σ(αⱼ βᵢ), wrong answers spread evenly over the other K − 1 labels.
 * EM: the E-step gives posteriors of the true label under a uniform class prior (or estimated
 * priors with `estimatePriors`);
 * the M-step takes `newtonSweeps` Newton (Fisher-scoring for log β) sweeps over the abilities α and
 * the log inverse difficulties b = log β, with Gaussian priors α ~ N(1, 1) and b ~ N(0, 1) that keep
 * them finite. Starts from majority-vote posteriors, α = 1, β = 1 (deterministic); stopping rule as
 * in {@link dawidSkene}. Repeated answers are separate observations.
 *
 * @example
 * glad(ratingTableFromWide([['a', 'a', 'b'], ['b', 'b', 'a'], ['a', 'a', 'a']])).labels; // ['a', 'b', 'a']
 *
 * Reference: J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma & J. Movellan (2009), Whose vote should
 * count more: optimal integration of labels from labelers of unknown expertise, NIPS 22.
 */
export function glad<V = Label>(table: RatingTable<V>, options: GladOptions = {}): GladResult<V> {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 500;
  const sweeps = options.newtonSweeps ?? 3;
  const { offsets, values, raters } = table;
  const n = table.items.length;
  const k = table.levels.length;
  const a = table.annotators.length;
  const logOthers = k > 1 ? Math.log(k - 1) : 0;

  let posteriors = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    const m = offsets[u + 1]! - offsets[u]!;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) posteriors[u * k + values[r]!]! += 1 / m;
  }
  let next = new Float64Array(n * k);
  const priors = new Float64Array(k);
  const abilities = new Float64Array(a).fill(1);
  const logInverse = new Float64Array(n);
  const gradient = new Float64Array(a);
  const curvature = new Float64Array(a);
  const scratch = new Float64Array(k);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations += 1;
    // M-step: priors, then Newton sweeps on α (concave) and Fisher scoring on b.
    if (options.estimatePriors) {
      priors.fill(0);
      for (let i = 0; i < n * k; i++) priors[i % k]! += posteriors[i]!;
      for (let c = 0; c < k; c++) priors[c] = Math.max(priors[c]! / n, 1e-300);
    } else priors.fill(1 / k);
    for (let sweep = 0; sweep < sweeps; sweep++) {
      for (let j = 0; j < a; j++) {
        gradient[j] = -(abilities[j]! - 1);
        curvature[j] = -1;
      }
      for (let u = 0; u < n; u++) {
        const beta = Math.exp(logInverse[u]!);
        for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
          const j = raters[r]!;
          const s = sigmoid(abilities[j]! * beta);
          const y = posteriors[u * k + values[r]!]!;
          gradient[j]! += (y - s) * beta;
          curvature[j]! -= s * (1 - s) * beta * beta;
        }
      }
      for (let j = 0; j < a; j++) abilities[j] = abilities[j]! - gradient[j]! / curvature[j]!;
      for (let u = 0; u < n; u++) {
        const beta = Math.exp(logInverse[u]!);
        let g = -logInverse[u]!;
        let h = -1;
        for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
          const x = abilities[raters[r]!]! * beta;
          const s = sigmoid(x);
          const y = posteriors[u * k + values[r]!]!;
          g += (y - s) * x;
          h -= s * (1 - s) * x * x;
        }
        const step = Math.max(-1, Math.min(1, -g / h));
        logInverse[u] = Math.max(-10, Math.min(10, logInverse[u]! + step));
      }
    }
    // E-step.
    let change = 0;
    for (let u = 0; u < n; u++) {
      const beta = Math.exp(logInverse[u]!);
      let wrong = 0;
      for (let c = 0; c < k; c++) scratch[c] = Math.log(priors[c]!);
      for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
        const x = abilities[raters[r]!]! * beta;
        const logWrong = logSigmoid(-x) - logOthers;
        wrong += logWrong;
        scratch[values[r]!]! += logSigmoid(x) - logWrong;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, scratch[c]! + wrong);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        scratch[c] = Math.exp(scratch[c]! + wrong - max);
        sum += scratch[c]!;
      }
      for (let c = 0; c < k; c++) {
        const p = scratch[c]! / sum;
        change = Math.max(change, Math.abs(p - posteriors[u * k + c]!));
        next[u * k + c] = p;
      }
    }
    const previous = posteriors;
    posteriors = next;
    next = previous;
    if (change <= tolerance) {
      converged = true;
      break;
    }
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
    abilities,
    inverseDifficulties: logInverse.map(Math.exp),
    iterations,
    converged,
  };
}
