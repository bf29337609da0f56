import type { PlayerId } from './bradley-terry.js';

/** A candidate's Borda score. */
export interface BordaScore {
  readonly candidate: PlayerId;
  readonly score: number;
}

/**
 * Borda count over rankings (each a list of candidates, best first): in a ranking of n
 * candidates, the one in position p (from 0) scores n − 1 − p. A candidate missing from a ranking
 * scores 0 in it (partial rankings only award points among what they list). Returns every
 * candidate by descending score; equal scores keep first-seen order. A candidate listed twice in
 * one ranking is an error.
 *
 * @example
 * bordaCount([['a', 'b', 'c'], ['b', 'a', 'c'], ['a', 'c', 'b']]);
 * // [{ candidate: 'a', score: 5 }, { candidate: 'b', score: 3 }, { candidate: 'c', score: 1 }]
 *
 * Reference: J.-C. de Borda (1781), Mémoire sur les élections au scrutin, Histoire de l'Académie
 * Royale des Sciences; D. G. Saari (1995), Basic Geometry of Voting.
 */
export function bordaCount(rankings: Iterable<readonly PlayerId[]>): BordaScore[] {
  const scores = new Map<PlayerId, number>();
  let r = 0;
  for (const ranking of rankings) {
    if (new Set(ranking).size !== ranking.length)
      throw new RangeError(`rankings[${r}] lists a candidate twice`);
    ranking.forEach((candidate, position) => {
      scores.set(candidate, (scores.get(candidate) ?? 0) + ranking.length - 1 - position);
    });
    r += 1;
  }
  return [...scores]
    .map(([candidate, score]) => ({ candidate, score }))
    .sort((x, y) => y.score - x.score);
}
