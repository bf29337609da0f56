import { bordaCount, bradleyTerry, type Comparison } from '@concord/core/aggregation';

/**
 * S. M. Stigler (1994), Citation patterns in the journals of statistics and probability,
 * Statistical Science 9(1):94–108: cross-citations, "cited journal beats citing journal",
 * self-citations ignored; as R BradleyTerry2 `citations`.
 */
const citations: Comparison[] = [
  { winner: 'Biometrika', loser: 'CommStat', count: 730 },
  { winner: 'CommStat', loser: 'Biometrika', count: 33 },
  { winner: 'Biometrika', loser: 'JASA', count: 498 },
  { winner: 'JASA', loser: 'Biometrika', count: 320 },
  { winner: 'Biometrika', loser: 'JRSS-B', count: 221 },
  { winner: 'JRSS-B', loser: 'Biometrika', count: 284 },
  { winner: 'CommStat', loser: 'JASA', count: 68 },
  { winner: 'JASA', loser: 'CommStat', count: 813 },
  { winner: 'CommStat', loser: 'JRSS-B', count: 17 },
  { winner: 'JRSS-B', loser: 'CommStat', count: 276 },
  { winner: 'JASA', loser: 'JRSS-B', count: 142 },
  { winner: 'JRSS-B', loser: 'JASA', count: 325 },
];

describe('Bradley–Terry on Stigler (1994) journal cross-citations', () => {
  const result = bradleyTerry(citations);

  it('reaches the ML log-abilities of R BradleyTerry2 1.1-2 citeModel: CommStat −2.9490724968, JASA −0.4795697698, JRSS-B 0.2689540558', () => {
    expect(result.players).toEqual(['Biometrika', 'CommStat', 'JASA', 'JRSS-B']);
    expect(result.converged).toBe(true);
    expect(result.mleExists).toBe(true);
    expect(result.logAbilities[0]).toBe(0);
    expect(result.logAbilities[1]).toBeCloseTo(-2.9490724968, 8);
    expect(result.logAbilities[2]).toBeCloseTo(-0.4795697698, 8);
    expect(result.logAbilities[3]).toBeCloseTo(0.2689540558, 8);
  });

  it('gives strengths 0.335567, 0.017580, 0.207732, 0.439121 normalised to sum 1 (BradleyTerry2 vignette)', () => {
    [0.335567, 0.01758, 0.207732, 0.439121].forEach((s, i) =>
      expect(result.strengths[i]).toBeCloseTo(s, 6),
    );
  });
});

describe('Bradley–Terry: behaviour', () => {
  it('gives the JSDoc example: 2 wins against 1 → strengths 2/3 and 1/3', () => {
    const { strengths } = bradleyTerry([
      { winner: 'a', loser: 'b', count: 2 },
      { winner: 'b', loser: 'a' },
    ]);
    expect(strengths[0]).toBeCloseTo(2 / 3, 12);
    expect(strengths[1]).toBeCloseTo(1 / 3, 12);
  });

  it('counts a tie as half a win for each side', () => {
    const { strengths } = bradleyTerry([
      { winner: 'a', loser: 'b' },
      { winner: 'a', loser: 'b', tie: true, count: 2 },
      { winner: 'b', loser: 'a' },
    ]);
    expect(strengths[0]).toBeCloseTo(0.5, 12);
  });

  it('says when the ML estimate does not exist (a player never lost)', () => {
    const result = bradleyTerry(
      [
        { winner: 'a', loser: 'b' },
        { winner: 'b', loser: 'c' },
        { winner: 'c', loser: 'b' },
      ],
      { maxIterations: 50 },
    );
    expect(result.mleExists).toBe(false);
  });
});

describe('Borda count', () => {
  it('gives the JSDoc example (de Borda 1781: n − 1 − position)', () => {
    expect(
      bordaCount([
        ['a', 'b', 'c'],
        ['b', 'a', 'c'],
        ['a', 'c', 'b'],
      ]),
    ).toEqual([
      { candidate: 'a', score: 5 },
      { candidate: 'b', score: 3 },
      { candidate: 'c', score: 1 },
    ]);
  });

  it('scores a candidate missing from a partial ranking 0 there, and refuses duplicates', () => {
    expect(
      bordaCount([
        ['a', 'b'],
        ['c', 'a', 'b'],
      ]),
    ).toEqual([
      { candidate: 'a', score: 2 },
      { candidate: 'c', score: 2 },
      { candidate: 'b', score: 0 },
    ]);
    expect(() => bordaCount([['a', 'a']])).toThrow(/twice/);
  });
});
