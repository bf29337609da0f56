import { ratingTable, ratingTableFromWide, seededRandom } from '@concord/core/agreement';
import { logOddsWeight, majorityVote, weightedVote } from '@concord/core/aggregation';

describe('majority vote', () => {
  const table = ratingTableFromWide([
    ['a', 'a', 'b'],
    ['a', 'b', null],
    ['b', 'a', null],
  ]);

  it('abstains on ties by default and lists the tied labels (the JSDoc example)', () => {
    const [first, second] = majorityVote(table);
    expect(first).toEqual({ item: 0, label: 'a', confidence: 2 / 3, tied: [] });
    expect(second).toEqual({ item: 1, label: null, confidence: 0.5, tied: ['a', 'b'] });
  });

  it("breaks ties by the scale's order with 'first-level'", () => {
    expect(majorityVote(table, { tieBreak: 'first-level' }).map((v) => v.label)).toEqual([
      'a',
      'a',
      'a',
    ]);
  });

  it('breaks ties reproducibly from a seeded random source, choosing among the tied labels only', () => {
    const once = majorityVote(table, { tieBreak: { random: seededRandom(9) } }).map((v) => v.label);
    const again = majorityVote(table, { tieBreak: { random: seededRandom(9) } }).map(
      (v) => v.label,
    );
    expect(once).toEqual(again);
    expect(once[0]).toBe('a');
    const drawn = new Set(
      Array.from(
        { length: 50 },
        (_, s) => majorityVote(table, { tieBreak: { random: seededRandom(s) } })[1]!.label,
      ),
    );
    expect(drawn).toEqual(new Set(['a', 'b']));
  });

  it("counts an annotator's repeated answers as separate votes", () => {
    const repeated = ratingTable([
      { item: 1, annotator: 'x', value: 'a' },
      { item: 1, annotator: 'x', value: 'a' },
      { item: 1, annotator: 'y', value: 'b' },
    ]);
    expect(majorityVote(repeated)[0]!.label).toBe('a');
  });
});

describe('weighted vote', () => {
  it('weighs each rating by its annotator (the JSDoc example: 3 against 2)', () => {
    const table = ratingTableFromWide([['a', 'b', 'b']]);
    expect(weightedVote(table, new Map([[0, 3]]))[0]).toMatchObject({
      label: 'a',
      confidence: 0.6,
    });
  });

  it('logOddsWeight is ln((K − 1) p / (1 − p)) (Nitzan & Paroush 1982)', () => {
    expect(logOddsWeight(0.9, 2)).toBeCloseTo(Math.log(9), 15);
    expect(logOddsWeight(0.5, 3)).toBeCloseTo(Math.log(2), 15);
  });
});
