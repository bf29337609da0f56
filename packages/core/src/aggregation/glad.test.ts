import {
  ratingTable,
  ratingTableFromWide,
  seededRandom,
  type Rating,
} from '@concord/core/agreement';
import { glad, majorityVote } from '@concord/core/aggregation';

describe('GLAD (Whitehill et al. 2009)', () => {
  it('gives the labels of the JSDoc example', () => {
    expect(
      glad(
        ratingTableFromWide([
          ['a', 'a', 'b'],
          ['b', 'b', 'a'],
          ['a', 'a', 'a'],
        ]),
      ).labels,
    ).toEqual(['a', 'b', 'a']);
  });

  it('trusts the expert over a majority of guessers, and ranks abilities accordingly (seeded simulation)', () => {
    const random = seededRandom(5);
    const truth = Array.from({ length: 300 }, () => (random() < 0.5 ? 'x' : 'y'));
    const accuracy: Record<string, number> = {
      expert: 0.95,
      g1: 0.55,
      g2: 0.55,
      g3: 0.55,
      g4: 0.55,
    };
    const ratings: Rating<string>[] = [];
    truth.forEach((label, item) => {
      for (const [annotator, p] of Object.entries(accuracy)) {
        ratings.push({ item, annotator, value: random() < p ? label : label === 'x' ? 'y' : 'x' });
      }
    });
    const table = ratingTable(ratings);
    const result = glad(table);
    const correct = (labels: readonly (string | null)[]) =>
      labels.filter((l, i) => l === truth[i]).length;
    expect(result.converged).toBe(true);
    expect(correct(result.labels)).toBeGreaterThan(
      correct(majorityVote(table, { tieBreak: 'first-level' }).map((v) => v.label)),
    );
    const ability = (name: string) => result.abilities[result.annotators.indexOf(name)]!;
    expect(ability('expert')).toBeGreaterThan(ability('g1'));
    for (const value of result.inverseDifficulties) expect(value).toBeGreaterThan(0);
  });
});
