import {
  ratingTable,
  ratingTableFromWide,
  seededRandom,
  type Rating,
} from '@concord/core/agreement';
import { mace } from '@concord/core/aggregation';

describe('MACE (Hovy et al. 2013)', () => {
  it('gives the labels of the JSDoc example', () => {
    expect(
      mace(
        ratingTableFromWide([
          ['a', 'a', 'b'],
          ['b', 'b', 'a'],
          ['a', 'a', 'a'],
        ]),
      ).labels,
    ).toEqual(['a', 'b', 'a']);
  });

  it('finds the spammer: low competence for an annotator who always answers "x", and the truth despite them', () => {
    const random = seededRandom(3);
    const truth = Array.from({ length: 200 }, () => (random() < 0.5 ? 'x' : 'y'));
    const ratings: Rating<string>[] = [];
    truth.forEach((label, item) => {
      for (const annotator of ['a', 'b', 'c']) {
        ratings.push({
          item,
          annotator,
          value: random() < 0.8 ? label : label === 'x' ? 'y' : 'x',
        });
      }
      ratings.push({ item, annotator: 'spammer', value: 'x' });
      ratings.push({ item, annotator: 'spammer2', value: 'x' });
    });
    const result = mace(ratingTable(ratings));
    expect(result.converged).toBe(true);
    const competence = Object.fromEntries(
      result.annotators.map((a, j) => [a, result.competence[j]!]),
    );
    expect(competence.spammer!).toBeLessThan(0.2);
    expect(competence.a!).toBeGreaterThan(0.5);
    const spamX =
      result.spamming[result.annotators.indexOf('spammer') * 2 + result.levels.indexOf('x')]!;
    expect(spamX).toBeGreaterThan(0.9);
    const correct = result.labels.filter((label, i) => label === truth[i]).length;
    expect(correct / truth.length).toBeGreaterThan(0.85);
  });

  it('is deterministic', () => {
    const table = ratingTableFromWide([
      ['a', 'b', 'b'],
      ['b', 'a', 'a'],
      ['a', 'a', 'b'],
    ]);
    expect(mace(table).posteriors).toEqual(mace(table).posteriors);
  });
});
