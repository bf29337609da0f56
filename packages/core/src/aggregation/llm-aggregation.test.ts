import {
  llmFieldConsensus,
  pairwiseConsensus,
  rankingComparisons,
  rankingConsensus,
  responseStrengths,
  stepsConsensus,
  type Comparison,
} from '@concord/core/aggregation';
import {
  REASONING_ERROR_LABELS,
  pairwiseFieldSchema,
  rankingFieldSchema,
  stepsFieldSchema,
  validateLlmFieldValue,
  type PairwiseValue,
  type RankingValue,
  type StepsValue,
} from '@concord/core/config';

describe('Bradley–Terry over the responses of an item', () => {
  it('reaches the ML log-abilities of R BradleyTerry2 on Stigler (1994) with no virtual ties', () => {
    // S. M. Stigler (1994), Statistical Science 9(1): wins[i][j] = citations of journal i by
    // journal j (cited beats citing); 0 Biometrika, 1 CommStat, 2 JASA, 3 JRSS-B. BradleyTerry2
    // 1.1-2 citeModel log-abilities against Biometrika: −2.9490724968, −0.4795697698, 0.2689540558.
    const wins = [
      [0, 730, 498, 221],
      [33, 0, 68, 17],
      [320, 813, 0, 142],
      [284, 276, 325, 0],
    ];
    const comparisons: Comparison[] = wins.flatMap((row, i) =>
      row.map((count, j) => ({ winner: i, loser: j, count })),
    );
    const fit = responseStrengths(4, comparisons, { virtualTies: 0 });
    const logAbility = (i: number) => Math.log(fit.strengths[i]! / fit.strengths[0]!);
    expect(fit.converged).toBe(true);
    expect(logAbility(1)).toBeCloseTo(-2.9490724968, 8);
    expect(logAbility(2)).toBeCloseTo(-0.4795697698, 8);
    expect(logAbility(3)).toBeCloseTo(0.2689540558, 8);
    expect(fit.order).toEqual([3, 0, 2, 1]);
    expect(fit.topWinProbability).toBeCloseTo(0.439121 / (0.439121 + 0.335567), 5);
  });

  it('with two responses is the closed form (A + tie/2 + v/2) / (n + v)', () => {
    const a = { winner: 0, loser: 1 };
    const b = { winner: 1, loser: 0 };
    const tie = { winner: 0, loser: 1, tie: true };
    expect(responseStrengths(2, [a]).strengths[0]).toBeCloseTo(0.75, 12); // JSDoc example
    expect(responseStrengths(2, [a, a, a]).strengths[0]).toBeCloseTo(3.5 / 4, 12);
    expect(responseStrengths(2, [a, a, b, tie], { virtualTies: 2 }).strengths[0]).toBeCloseTo(
      (2 + 0.5 + 1) / 6,
      12,
    );
    expect(responseStrengths(2, [a, b, tie], { virtualTies: 0 }).strengths[0]).toBeCloseTo(0.5, 12);
  });

  it('satisfies the likelihood equations on rankings broken into pairs (Zermelo 1929; Hunter 2004 eq. 3)', () => {
    // At the ML optimum every response's wins equal its expected wins: Wᵢ = Σⱼ nᵢⱼ πᵢ / (πᵢ + πⱼ),
    // ties and virtual ties counting half a win each way.
    const rankings = [
      [1, 2, 3, 4],
      [2, 1, 3, 4],
      [1, 3, 2, 4],
      [1, 1, 4, 3],
    ];
    const comparisons = rankings.flatMap(rankingComparisons);
    const fit = responseStrengths(4, comparisons);
    const n = 4;
    const wins = new Array<number>(n).fill(0);
    const games = Array.from({ length: n }, () => new Array<number>(n).fill(1)); // one virtual tie
    for (let i = 0; i < n; i++) wins[i] = 0.5 * (n - 1);
    for (const c of comparisons) {
      const w = c.winner as number;
      const l = c.loser as number;
      games[w]![l]! += 1;
      games[l]![w]! += 1;
      if (c.tie) {
        wins[w]! += 0.5;
        wins[l]! += 0.5;
      } else wins[w]! += 1;
    }
    const pi = fit.strengths;
    for (let i = 0; i < n; i++) {
      let expected = 0;
      for (let j = 0; j < n; j++)
        if (j !== i) expected += (games[i]![j]! * pi[i]!) / (pi[i]! + pi[j]!);
      expect(expected).toBeCloseTo(wins[i]!, 9);
    }
    expect(fit.order).toEqual([0, 1, 2, 3]);
  });

  it('breaks a ranking into every pair, equal ranks as ties (the JSDoc example)', () => {
    expect(rankingComparisons([2, 1, 2])).toEqual([
      { winner: 1, loser: 0 },
      { winner: 0, loser: 2, tie: true },
      { winner: 1, loser: 2 },
    ]);
  });
});

describe('pairwise consensus', () => {
  it('is the majority over {A, B, tie} with its share, and the BT probability of A as margin', () => {
    const result = pairwiseConsensus([{ choice: 'A' }, { choice: 'A' }, { choice: 'tie' }]);
    expect(result.overall).toEqual({
      choice: 'A',
      confidence: 2 / 3,
      votes: { A: 2, B: 0, tie: 1 },
      probabilityA: expect.closeTo(0.75, 12) as unknown,
      meanSignedStrength: null,
      lowConfidence: false,
    });
    expect(result.lowConfidence).toBe(false);
  });

  it('flags a split or a weak majority, per dimension too', () => {
    const values: PairwiseValue[] = [
      { choice: 'A', strength: 3, dimensions: { safety: { choice: 'A' } } },
      { choice: 'B', strength: 1, dimensions: { safety: { choice: 'A' } } },
      { choice: 'tie', dimensions: { safety: { choice: 'A' } } },
    ];
    const result = pairwiseConsensus(values, { threshold: 0.5 });
    expect(result.overall).toMatchObject({ choice: null, lowConfidence: true });
    expect(result.overall.meanSignedStrength).toBeCloseTo((-3 + 1 + 0) / 3, 15);
    expect(result.dimensions.safety).toMatchObject({
      choice: 'A',
      confidence: 1,
      lowConfidence: false,
    });
    expect(result.lowConfidence).toBe(true);
    const weak = [{ choice: 'A' }, { choice: 'A' }, { choice: 'B' }, { choice: 'tie' }] as const;
    expect(pairwiseConsensus(weak, { threshold: 0.6 }).overall).toMatchObject({
      choice: 'A',
      confidence: 0.5,
      lowConfidence: true,
    });
    expect(pairwiseConsensus(weak, { threshold: 0.5 }).overall.lowConfidence).toBe(false);
    expect(pairwiseConsensus([]).overall).toMatchObject({ choice: null, lowConfidence: true });
  });
});

describe('ranking consensus', () => {
  it('orders by BT strength, with the weakest adjacent share as confidence (the JSDoc example)', () => {
    const result = rankingConsensus([
      { ranks: [2, 1, 3] },
      { ranks: [2, 1, 3] },
      { ranks: [1, 2, 3] },
    ]);
    expect(result.overall).toMatchObject({
      order: [1, 0, 2],
      ranks: [2, 1, 3],
      confidence: 2 / 3,
      rankings: 3,
      lowConfidence: false,
    });
    expect(result.overall.topWinProbability).toBeGreaterThan(0.5);
  });

  it('ties responses of equal strength and flags the item, per dimension', () => {
    const values: RankingValue[] = [
      { ranks: [1, 2, 3], dimensions: { tone: { ranks: [1, 2, 3] } } },
      { ranks: [2, 1, 3], dimensions: { tone: { ranks: [1, 2, 3] } } },
    ];
    const result = rankingConsensus(values);
    expect(result.overall.ranks).toEqual([1, 1, 3]);
    expect(result.overall.topWinProbability).toBeCloseTo(0.5, 9);
    expect(result.overall.confidence).toBe(0); // no ranking ties 0 and 1
    expect(result.overall.lowConfidence).toBe(true);
    expect(result.dimensions.tone).toMatchObject({
      ranks: [1, 2, 3],
      confidence: 1,
      lowConfidence: false,
    });
    expect(result.lowConfidence).toBe(true);
  });
});

describe('steps consensus', () => {
  const cn = 'correct-necessary';
  const inc = 'incorrect';
  const value = (steps: string[], firstError: number | null, final: string): StepsValue => ({
    steps,
    firstError,
    final,
  });

  it('is the majority per step with its share, the first error from the consensus labels', () => {
    const result = stepsConsensus(
      [
        value([cn, inc, inc], 1, 'incorrect'),
        value([cn, inc, cn], 1, 'incorrect'),
        value([cn, cn, inc], 2, 'correct'),
      ],
      { errorLabels: REASONING_ERROR_LABELS },
    );
    expect(result).toEqual({
      steps: [cn, inc, inc],
      stepConfidence: [1, 2 / 3, 2 / 3],
      final: 'incorrect',
      finalConfidence: 2 / 3,
      firstError: 1,
      confidence: 2 / 3,
      tied: false,
      lowConfidence: false,
    });
  });

  it('leaves a tied step open and flags it; without error labels takes the earliest tied first error', () => {
    const result = stepsConsensus([
      value([cn, inc], 1, 'incorrect'),
      value([cn, cn], null, 'incorrect'),
    ]);
    expect(result.steps).toEqual([cn, null]);
    expect(result).toMatchObject({
      tied: true,
      lowConfidence: true,
      firstError: 1,
      confidence: 0.5,
    });
    expect(
      stepsConsensus([value([cn], null, 'correct'), value([cn], null, 'correct')]).firstError,
    ).toBeNull();
  });
});

describe('consensus as a value of the field', () => {
  const data3 = { prompt: 'p', responses: ['a', 'b', 'c'] };
  it('gives values that pass the field’s own validation', () => {
    const pref = pairwiseFieldSchema.parse({
      name: 'pref',
      type: 'pairwise',
      dimensions: ['safety'],
      strength: true,
    });
    const pairwise = llmFieldConsensus(pref, [
      { choice: 'B', strength: 2, dimensions: { safety: { choice: 'tie' } } },
      { choice: 'B', strength: 3, dimensions: { safety: { choice: 'tie' } } },
    ]);
    expect(pairwise).toEqual({
      value: { choice: 'B', strength: 3, dimensions: { safety: { choice: 'tie' } } },
      confidence: 1,
      lowConfidence: false,
    });
    expect(
      validateLlmFieldValue(pref, pairwise.value, { prompt: 'p', responses: ['a', 'b'] }),
    ).toEqual([]);

    const rank = rankingFieldSchema.parse({ name: 'rank', type: 'ranking', dimensions: ['tone'] });
    const ranking = llmFieldConsensus(rank, [
      { ranks: [3, 1, 2], dimensions: { tone: { ranks: [1, 2, 3] } } },
      { ranks: [3, 2, 1], dimensions: { tone: { ranks: [1, 2, 3] } } },
      { ranks: [3, 1, 2], dimensions: { tone: { ranks: [1, 3, 2] } } },
    ]);
    expect(ranking.value).toEqual({ ranks: [3, 1, 2], dimensions: { tone: { ranks: [1, 2, 3] } } });
    expect(ranking.confidence).toBe(2 / 3);
    expect(validateLlmFieldValue(rank, ranking.value, data3)).toEqual([]);

    const steps = stepsFieldSchema.parse({
      name: 'steps',
      type: 'steps',
      errorLabels: REASONING_ERROR_LABELS,
    });
    const stepValue = llmFieldConsensus(steps, [
      { steps: ['correct-necessary', 'incorrect'], firstError: 1, final: 'incorrect' },
      { steps: ['correct-necessary', 'incorrect'], firstError: 1, final: 'incorrect' },
    ]);
    expect(stepValue.value).toEqual({
      steps: ['correct-necessary', 'incorrect'],
      firstError: 1,
      final: 'incorrect',
    });
    expect(
      validateLlmFieldValue(steps, stepValue.value, { question: 'q', steps: ['s0', 's1'] }),
    ).toEqual([]);
  });
});
