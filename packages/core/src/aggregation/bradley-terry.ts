/** An item compared in pairs (a response, a model, a journal…). */
export type PlayerId = string | number;

/**
 * The outcome of comparing two players, `count` times (default 1). A tie counts as half a win
 * for each side.
 */
export interface Comparison {
  readonly winner: PlayerId;
  readonly loser: PlayerId;
  readonly count?: number;
  readonly tie?: boolean;
}

/** Options of {@link bradleyTerry}. */
export interface BradleyTerryOptions {
  /** Stop when no log-strength moves by more than this between iterations (default 1e-12). */
  readonly tolerance?: number;
  /** Stop after this many MM iterations even if not converged (default 10000). */
  readonly maxIterations?: number;
}

/** Bradley–Terry strengths at the maximum-likelihood optimum. */
export interface BradleyTerryResult {
  /** Players in first-seen order. */
  readonly players: readonly PlayerId[];
  /** Strengths π, normalised to sum 1; P(i beats j) = πᵢ / (πᵢ + πⱼ). */
  readonly strengths: Float64Array;
  /** log πᵢ − log π₀: abilities relative to the first player (as BradleyTerry2 reports them). */
  readonly logAbilities: Float64Array;
  /**
   * Whether the maximum-likelihood estimate exists (Ford's condition: for every split of the
   * players into two groups, someone in each group beat someone in the other — the win graph is
   * strongly connected). When it does not, some strengths tend to 0 and the values are the MM
   * iterate at the cap, not an optimum.
   */
  readonly mleExists: boolean;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Bradley–Terry model of paired comparisons, fitted by Hunter's MM algorithm
 * πᵢ ← Wᵢ / Σⱼ nᵢⱼ / (πᵢ + πⱼ), normalised every step, iterated to the maximum-likelihood optimum
 * (until no log-strength moves by more than `tolerance`).
 *
 * @example
 * bradleyTerry([{ winner: 'a', loser: 'b', count: 2 }, { winner: 'b', loser: 'a' }]).strengths;
 * // [0.6666666666666666, 0.3333333333333333]
 *
 * Reference: R. A. Bradley & M. E. Terry (1952), Rank analysis of incomplete block designs I,
 * Biometrika 39:324–345; D. R. Hunter (2004), MM algorithms for generalized Bradley–Terry models,
 * Annals of Statistics 32(1):384–406; L. R. Ford (1957) for the existence condition.
 */
export function bradleyTerry(
  comparisons: Iterable<Comparison>,
  options: BradleyTerryOptions = {},
): BradleyTerryResult {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  const index = new Map<PlayerId, number>();
  const players: PlayerId[] = [];
  const idOf = (player: PlayerId): number => {
    let i = index.get(player);
    if (i === undefined) {
      i = players.length;
      index.set(player, i);
      players.push(player);
    }
    return i;
  };
  const edges: [number, number, number][] = [];
  for (const comparison of comparisons) {
    const count = comparison.count ?? 1;
    if (!(count >= 0))
      throw new RangeError(`comparison count must be a non-negative number; got ${count}`);
    const w = idOf(comparison.winner);
    const l = idOf(comparison.loser);
    if (w === l || count === 0) continue;
    if (comparison.tie) {
      edges.push([w, l, count / 2], [l, w, count / 2]);
    } else edges.push([w, l, count]);
  }
  const p = players.length;
  // Dense win matrix: wins[i·p + j] = times i beat j.
  const wins = new Float64Array(p * p);
  for (const [w, l, count] of edges) wins[w * p + l]! += count;
  const totalWins = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) totalWins[i]! += wins[i * p + j]!;

  let strengths = new Float64Array(p).fill(1 / Math.max(p, 1));
  let next = new Float64Array(p);
  let iterations = 0;
  let converged = p <= 1;
  while (!converged && iterations < maxIterations) {
    iterations += 1;
    let sum = 0;
    for (let i = 0; i < p; i++) {
      let denominator = 0;
      for (let j = 0; j < p; j++) {
        const games = wins[i * p + j]! + wins[j * p + i]!;
        if (games > 0) denominator += games / (strengths[i]! + strengths[j]!);
      }
      next[i] = denominator > 0 ? totalWins[i]! / denominator : strengths[i]!;
      sum += next[i]!;
    }
    let change = 0;
    for (let i = 0; i < p; i++) {
      next[i] = next[i]! / sum;
      const before = strengths[i]!;
      const after = next[i]!;
      change = Math.max(
        change,
        before > 0 && after > 0
          ? Math.abs(Math.log(after / before))
          : before === after
            ? 0
            : Infinity,
      );
    }
    [strengths, next] = [next, strengths];
    if (change <= tolerance) converged = true;
  }
  const logAbilities = new Float64Array(p);
  for (let i = 0; i < p; i++) logAbilities[i] = Math.log(strengths[i]!) - Math.log(strengths[0]!);
  return {
    players,
    strengths,
    logAbilities,
    mleExists: stronglyConnected(wins, p),
    iterations,
    converged,
  };
}

/** Whether every player reaches every other along "beat" edges (forward and backward search from player 0). */
function stronglyConnected(wins: Float64Array, p: number): boolean {
  if (p <= 1) return true;
  const reach = (forward: boolean): number => {
    const seen = new Uint8Array(p);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let j = 0; j < p; j++) {
        const edge = forward ? wins[i * p + j]! : wins[j * p + i]!;
        if (edge > 0 && !seen[j]) {
          seen[j] = 1;
          count += 1;
          stack.push(j);
        }
      }
    }
    return count;
  };
  return reach(true) === p && reach(false) === p;
}
