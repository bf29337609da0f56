import {
  alphaOfState,
  applyUnit,
  emptyCoincidenceState,
  krippendorffAlpha,
  llmAgreementKeys,
  pairwiseAgreement,
  rankingAgreement,
  rankingItemAgreement,
  ratingTableFromWide,
  stepsAgreement,
  type FieldAnnotation,
} from '@concord/core/agreement';
import {
  pairwiseFieldSchema,
  stepsFieldSchema,
  type PairwiseValue,
  type RankingValue,
  type StepsValue,
} from '@concord/core/config';

/** Long rows from a wide grid: one row per item, one column per annotator, null = no value. */
function rows<V>(
  grid: readonly (readonly (V | null)[])[],
  annotators = ['x', 'y', 'z'],
): FieldAnnotation<V>[] {
  return grid.flatMap((row, i) =>
    row.map((value, j) => ({ item: `q${i + 1}`, annotator: annotators[j]!, value })),
  );
}

const choice = (c: 'A' | 'B' | 'tie', strength?: 1 | 2 | 3): PairwiseValue =>
  strength === undefined ? { choice: c } : { choice: c, strength };

describe('pairwise agreement', () => {
  // 4 items × 3 annotators: {A,A,A}, {A,A,B}, {B,B,tie}, {tie,tie}.
  const grid = [
    ['A', 'A', 'A'],
    ['A', 'A', 'B'],
    ['B', 'B', 'tie'],
    ['tie', 'tie', null],
  ] as const;

  it('is α nominal over {A, B, tie}: 38/78 by hand, as krippendorffAlpha on the same table', () => {
    // Coincidences: o(A,A) 4, o(A,B) 1, o(B,B) 1, o(B,tie) 1, o(tie,tie) 2; n_A 5, n_B 3, n_tie 3,
    // n 11. α = 1 − (n − 1) · Σ_{c≠d} o / Σ_{c≠d} n_c n_d = 1 − 10 · 4 / 78 = 38/78.
    const result = pairwiseAgreement(rows(grid.map((r) => r.map((c) => (c ? choice(c) : null)))));
    expect(result.alpha).toBeCloseTo(38 / 78, 14);
    expect(result.alpha).toBeCloseTo(krippendorffAlpha(ratingTableFromWide(grid)), 14);
    expect(result).toMatchObject({
      units: 4,
      pairableUnits: 4,
      judgments: 11,
      distribution: { A: 5, B: 3, tie: 3 },
      dimensions: {},
      tradeOffs: [],
    });
    expect(result.strengthAlpha).toBeUndefined();
  });

  it('gives the JSDoc example', () => {
    expect(
      pairwiseAgreement(
        rows([
          [choice('A'), choice('A')],
          [choice('B'), choice('tie')],
        ]),
      ).alpha,
    ).toBeCloseTo(0.4, 15);
  });

  it('is ordinal α on the signed strength −3…3 when strength is used: 5/6 by hand', () => {
    // Units {A1, A1} → {−1, −1} and {B1, B2} → {1, 2}. Ordinal δ²(c, k) = (Σ_{g=c..k} n_g −
    // (n_c + n_k)/2)² with n_−1 2, n_1 1, n_2 1: δ²(1,2) = 1, δ²(−1,1) = 2.25, δ²(−1,2) = 6.25.
    // D_o ∝ 2 · 1 = 2, D_e ∝ 2 · (2·1·2.25 + 2·1·6.25 + 1·1·1) = 36; α = 1 − 3 · 2 / 36 = 5/6.
    const result = pairwiseAgreement(
      rows([
        [choice('A', 1), choice('A', 1)],
        [choice('B', 1), choice('B', 2)],
      ]),
    );
    expect(result.alpha).toBe(1);
    expect(result.strengthAlpha).toBeCloseTo(5 / 6, 14);
  });

  it('reports each dimension and how often its choice opposes another dimension’s', () => {
    const value = (brevity: string, completeness: string): PairwiseValue => ({
      choice: 'A',
      dimensions: {
        brevity: { choice: brevity as 'A' },
        completeness: { choice: completeness as 'A' },
        safety: { choice: 'tie' },
      },
    });
    const result = pairwiseAgreement(
      rows([
        [value('A', 'B'), value('A', 'A')],
        [value('tie', 'B'), value('B', 'A')],
      ]),
      { dimensions: ['brevity', 'completeness', 'safety'] },
    );
    expect(Object.keys(result.dimensions)).toEqual(['brevity', 'completeness', 'safety']);
    expect(result.dimensions.brevity!.distribution).toEqual({ A: 2, B: 1, tie: 1 });
    expect(result.dimensions.safety!.alpha).toBeNaN(); // one value only: no expected disagreement
    // x on q1 (A vs B) and y on q2 (B vs A) oppose; y on q1 agrees; x on q2 tied brevity.
    expect(result.tradeOffs[0]).toEqual({
      a: 'brevity',
      b: 'completeness',
      opposed: 2,
      compared: 3,
      rate: 2 / 3,
      items: 2,
    });
    expect(result.tradeOffs.slice(1).map((t) => [t.a, t.b, t.compared])).toEqual([
      ['brevity', 'safety', 0],
      ['completeness', 'safety', 0],
    ]);
  });
});

describe('ranking agreement', () => {
  it("Kendall's W is 0.7939 on 4 judges ranking 10 projects (S = 1048, published worked example)", () => {
    // "The Kendall's Coefficient of Concordance W", Example 1 (scribd.com/document/659863121):
    // rank sums 10, 8, 12, 16, 21, 22, 25, 31, 37, 38; Σ D² = 1048; W = 12 · 1048 / (4² (10³ − 10)).
    const judges = [
      [1, 3, 4, 5, 2, 8, 6, 7, 10, 9],
      [2, 1, 4, 5, 6, 3, 8, 7, 10, 9],
      [3, 2, 1, 5, 7, 4, 6, 8, 9, 10],
      [4, 2, 3, 1, 6, 7, 5, 9, 8, 10],
    ];
    const result = rankingAgreement(
      judges.map((ranks, j) => ({ item: 'projects', annotator: j, value: { ranks } })),
    );
    expect(result.perItem[0]!.kendallW).toBeCloseTo((12 * 1048) / (16 * 990), 12);
    expect(result.meanKendallW).toBeCloseTo(0.793939, 6);
  });

  it('corrects W for ties with midranks: competition (1,1,3) and dense (1,1,2) ranks agree, 162/198 by hand', () => {
    // Midranks [1.5,1.5,3], [1,2,3], [2,1,3]: sums 4.5, 4.5, 9 around 6, S = 13.5; one tie of two
    // (t³ − t = 6): W = 12 S / (m²(n³ − n) − m Σ(t³ − t)) = 162 / (216 − 18).
    const competition = rankingItemAgreement('q', [
      [1, 1, 3],
      [1, 2, 3],
      [2, 1, 3],
    ]);
    const dense = rankingItemAgreement('q', [
      [1, 1, 2],
      [1, 2, 3],
      [2, 1, 3],
    ]);
    expect(competition.kendallW).toBeCloseTo(162 / 198, 14);
    expect(dense.kendallW).toBe(competition.kendallW);
    expect(dense.meanTau).toBe(competition.meanTau);
  });

  it('mean pairwise τ-b is −0.47140452079103173 on the scipy.stats.kendalltau documented example', () => {
    // scipy.stats.kendalltau docs: x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0] → −0.47140452079103173
    // (τ-b depends on the order only, so these scores act as ranks with ties).
    const result = rankingItemAgreement('q', [
      [12, 2, 1, 12, 2],
      [1, 4, 7, 1, 0],
    ]);
    expect(result.meanTau).toBeCloseTo(-0.47140452079103173, 15);
  });

  it('gives the JSDoc examples and averages items equally, per dimension, leaving out single rankings', () => {
    expect(
      rankingItemAgreement('q1', [
        [1, 2, 3],
        [1, 3, 2],
        [1, 2, 3],
      ]),
    ).toEqual({
      item: 'q1',
      rankings: 3,
      kendallW: expect.closeTo(7 / 9, 14) as unknown,
      meanTau: expect.closeTo(5 / 9, 14) as unknown,
    });
    const value = (ranks: number[], accuracy: number[], tone: number[]): RankingValue => ({
      ranks,
      dimensions: { accuracy: { ranks: accuracy }, tone: { ranks: tone } },
    });
    const result = rankingAgreement(
      rows([
        [value([1, 2, 3], [1, 2, 3], [3, 2, 1]), value([1, 2, 3], [1, 2, 3], [1, 2, 3])],
        [value([1, 2, 3], [1, 2, 3], [1, 2, 3]), value([3, 2, 1], [1, 2, 3], [1, 2, 3])],
        [value([1, 2, 3], [1, 2, 3], [1, 2, 3]), null],
      ]),
    );
    expect(result.items).toBe(2);
    expect(result.meanKendallW).toBe(0.5); // items: W 1 and W 0
    expect(result.meanTau).toBe(0); // items: τ 1 and τ −1
    expect(result.dimensions.accuracy!.meanKendallW).toBe(1);
    expect(result.dimensions.tone!.meanTau).toBe(0);
    // x on q1 reverses tone against accuracy: 3 opposed pairs of 3; the other 4 annotations agree.
    expect(result.tradeOffs).toEqual([
      { a: 'accuracy', b: 'tone', opposed: 3, compared: 15, rate: 0.2, items: 1 },
    ]);
  });
});

describe('steps agreement', () => {
  const cn = 'correct-necessary';
  const cr = 'correct-redundant';
  const inc = 'incorrect';
  const labels = [cn, cr, inc, 'incomplete'];
  const value = (steps: string[], firstError: number | null, final: string): StepsValue => ({
    steps,
    firstError,
    final,
  });
  const annotations = rows([
    [
      value([cn, cn, inc], 2, 'correct'),
      value([cn, cr, inc], 2, 'correct'),
      value([cn, cn, inc], 2, 'incorrect'),
    ],
    [value([cn, inc], 1, 'incorrect'), value([inc, inc], 0, 'incorrect'), null],
  ]);

  it('is α nominal over (item, step) units: 0.5 by hand, as krippendorffAlpha on the flattened units', () => {
    // Units {cn,cn,cn}, {cn,cr,cn}, {inc,inc,inc}, {cn,inc}, {inc,inc}: Σ_{c≠d} o = 4; n_cn 6,
    // n_cr 1, n_inc 6, n 13; Σ_{c≠d} n_c n_d = 96; α = 1 − 12 · 4 / 96 = 0.5.
    const flattened = ratingTableFromWide(
      [
        [cn, cn, cn],
        [cn, cr, cn],
        [inc, inc, inc],
        [cn, inc, null],
        [inc, inc, null],
      ],
      { levels: labels },
    );
    const result = stepsAgreement(annotations, { labels });
    expect(result.alpha).toBeCloseTo(0.5, 14);
    expect(result.alpha).toBeCloseTo(krippendorffAlpha(flattened), 14);
    expect(result).toMatchObject({ units: 5, pairableUnits: 5 });
    expect(result.perLabel.map((l) => l.label)).toEqual(labels);
  });

  it('reports α of the final label (1/3) and of the first-error index (3/7), by hand', () => {
    // Final: {c,c,i}, {i,i}: Σ_{c≠d} o = 2, n_c 2, n_i 3: α = 1 − 4 · 2 / 12 = 1/3.
    // First error: {2,2,2}, {1,0}: Σ_{c≠d} o = 2, n_2 3, n_1 1, n_0 1: α = 1 − 4 · 2 / 14 = 3/7.
    const result = stepsAgreement(annotations, { labels, finalLabels: ['correct', 'incorrect'] });
    expect(result.final.alpha).toBeCloseTo(1 / 3, 14);
    expect(result.firstError.alpha).toBeCloseTo(3 / 7, 14);
  });

  it('gives the JSDoc example', () => {
    expect(
      stepsAgreement(rows([[value(['ok', 'bad'], 1, 'wrong'), value(['ok', 'ok'], null, 'wrong')]]))
        .alpha,
    ).toBe(0);
  });
});

describe('live α keys of LLM fields', () => {
  it('feed coincidence states to the same α as the batch functions', () => {
    const field = pairwiseFieldSchema.parse({
      name: 'pref',
      type: 'pairwise',
      dimensions: ['safety'],
      strength: true,
    });
    const items: PairwiseValue[][] = [
      [
        { choice: 'A', strength: 2, dimensions: { safety: { choice: 'tie' } } },
        { choice: 'A', strength: 1, dimensions: { safety: { choice: 'tie' } } },
      ],
      [
        { choice: 'B', strength: 3, dimensions: { safety: { choice: 'B' } } },
        { choice: 'tie', dimensions: { safety: { choice: 'tie' } } },
        { choice: 'B', strength: 2, dimensions: { safety: { choice: 'A', strength: 1 } } },
      ],
      [
        { choice: 'B', strength: 1, dimensions: { safety: { choice: 'A' } } },
        { choice: 'A', strength: 1, dimensions: { safety: { choice: 'A' } } },
      ],
    ];
    const keys = llmAgreementKeys(field);
    expect(keys.map((k) => [k.key, k.metric])).toEqual([
      ['pref', 'nominal'],
      ['pref:strength', 'ordinal'],
      ['pref.safety', 'nominal'],
      ['pref.safety:strength', 'ordinal'],
    ]);
    const live = keys.map((key) => {
      const state = emptyCoincidenceState(key.levels);
      for (const values of items) for (const unit of key.units(values)) applyUnit(state, unit, 1);
      return alphaOfState(state, key.metric);
    });
    const batch = pairwiseAgreement(
      items.flatMap((values, i) => values.map((value, j) => ({ item: i, annotator: j, value }))),
      { strength: true },
    );
    expect(live[0]).toBeCloseTo(batch.alpha, 14);
    expect(live[1]).toBeCloseTo(batch.strengthAlpha!, 14);
    expect(live[2]).toBeCloseTo(batch.dimensions.safety!.alpha, 14);
    expect(live[3]).toBeCloseTo(batch.dimensions.safety!.strengthAlpha!, 14);
  });

  it('give one unit per step for steps fields', () => {
    const field = stepsFieldSchema.parse({ name: 'steps', type: 'steps' });
    const [steps, final] = llmAgreementKeys(field);
    const values = [
      { steps: ['incorrect', 'incorrect'], final: 'incorrect' },
      { steps: ['incorrect', 'incomplete'], final: 'correct' },
    ];
    expect(steps!.units(values)).toEqual([
      ['incorrect', 'incorrect'],
      ['incorrect', 'incomplete'],
    ]);
    expect(final!.key).toBe('steps.final');
    expect(final!.units(values)).toEqual([['incorrect', 'correct']]);
  });
});
