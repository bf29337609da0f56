import { matchScore, type MatchScore } from './precision-recall.js';

/** A labelled character range [start, end) of a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/**
 * Span F1 of an annotator's spans against the gold spans. `'exact'`: a span counts when a gold
 * span has the same start, end and label (CoNLL). `'overlap'`: when a gold span with the same
 * label overlaps it by at least one character. Matching is one-to-one: pairs are taken greedily
 * by largest overlap, so two predicted spans cannot both claim one gold span.
 *
 * @example
 * spanF1([{ start: 0, end: 5, label: 'PER' }], [{ start: 0, end: 5, label: 'PER' }, { start: 9, end: 12, label: 'LOC' }]);
 * // { truePositives: 1, predicted: 1, gold: 2, precision: 1, recall: 0.5, f1: 0.6666666666666666 }
 *
 * Reference: E. F. Tjong Kim Sang & F. De Meulder (2003), Introduction to the CoNLL-2003 shared
 * task (exact match); the partial-match scheme of I. Segura-Bedmar et al. (2013), SemEval-2013 Task 9.
 */
export function spanF1(
  answer: readonly Span[],
  gold: readonly Span[],
  mode: 'exact' | 'overlap' = 'exact',
): MatchScore {
  const candidates: [number, number, number][] = [];
  answer.forEach((a, i) => {
    gold.forEach((g, j) => {
      if (a.label !== g.label) return;
      if (mode === 'exact') {
        if (a.start === g.start && a.end === g.end) candidates.push([i, j, a.end - a.start]);
      } else {
        const overlap = Math.min(a.end, g.end) - Math.max(a.start, g.start);
        if (overlap > 0) candidates.push([i, j, overlap]);
      }
    });
  });
  return matchScore(
    greedyMatches(candidates, answer.length, gold.length),
    answer.length,
    gold.length,
  );
}

/** Number of one-to-one matches taken greedily by descending score (ties: earlier answer, then earlier gold). */
export function greedyMatches(
  candidates: [number, number, number][],
  answers: number,
  golds: number,
): number {
  candidates.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const usedAnswer = new Uint8Array(answers);
  const usedGold = new Uint8Array(golds);
  let matches = 0;
  for (const [i, j] of candidates) {
    if (usedAnswer[i] || usedGold[j]) continue;
    usedAnswer[i] = 1;
    usedGold[j] = 1;
    matches += 1;
  }
  return matches;
}
