import {
  annotatorAgreementMatrix,
  brennanPrediger,
  congerKappa,
  lightKappa,
  cohenKappa,
  disagreementMatrix,
  fleissKappa,
  gwetAC1,
  gwetAC2,
  kendallW,
  percentAgreement,
  perLabelAgreement,
  ratingTable,
  ratingTableFromWide,
  weightMatrix,
  seededRandom,
  numericLevels,
  contingency,
} from '@concord/core/agreement';

/** R irr 0.84.1 `anxiety`: 20 subjects × 3 raters, scores 1–6. */
const anxiety = [
  [3, 3, 2],
  [3, 6, 1],
  [3, 4, 4],
  [4, 6, 4],
  [5, 2, 3],
  [5, 4, 2],
  [2, 2, 1],
  [3, 4, 6],
  [5, 3, 1],
  [2, 3, 1],
  [2, 2, 1],
  [6, 3, 2],
  [1, 3, 3],
  [5, 3, 3],
  [2, 2, 1],
  [2, 2, 1],
  [1, 1, 3],
  [2, 3, 3],
  [4, 3, 2],
  [3, 4, 2],
];

describe("Kendall's W", () => {
  it('is 0.5396569 on irr anxiety with the tie correction (DescTools KendallW(anxiety, TRUE), documented example; formerly irr kendall)', () => {
    const byRater = [0, 1, 2].map((r) => anxiety.map((row) => row[r]!));
    expect(kendallW(byRater)).toBeCloseTo(0.5396569, 7);
  });

  it('is 1 for identical rankings and 0 for two opposite ones', () => {
    expect(
      kendallW([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toBe(1);
    expect(
      kendallW([
        [1, 2, 3],
        [3, 2, 1],
      ]),
    ).toBe(0);
  });

  it('is NaN when every annotator tied every object, and refuses incomplete rankings', () => {
    expect(
      kendallW([
        [1, 1],
        [2, 2],
      ]),
    ).toBeNaN();
    expect(() =>
      kendallW([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(/rankings\[1\]/);
  });
});

describe("Gwet's AC2", () => {
  it('with identity weights is AC1', () => {
    const table = ratingTableFromWide(anxiety);
    expect(gwetAC2(table, { weights: 'identity' })).toBe(gwetAC1(table));
  });

  it('gives the JSDoc example: quadratic AC2 of [[1,1],[1,2],[3,3]] is 11/14 (Gwet 2014 formulas by hand)', () => {
    // Quadratic weights over 1, 2, 3: w(1,2) = w(2,3) = 0.75, w(1,3) = 0, so T_w = 6.
    // pₐ = (1 + 0.75 + 1)/3 = 11/12; π = (1/2, 1/6, 1/3), Σπ(1−π) = 11/18; pₑ = 6/(3·2)·11/18 = 11/18.
    const table = ratingTableFromWide([
      [1, 1],
      [1, 2],
      [3, 3],
    ]);
    const pa = (1 + 0.75 + 1) / 3;
    const pe = (6 / 6) * (0.5 * 0.5 + (1 / 6) * (5 / 6) + (1 / 3) * (2 / 3));
    expect(gwetAC2(table, { weights: 'quadratic' })).toBeCloseTo((pa - pe) / (1 - pe), 15);
    expect(gwetAC2(table, { weights: 'quadratic' })).toBeCloseTo(11 / 14, 15);
  });

  it('is NaN with a single category', () => {
    expect(
      gwetAC1(
        ratingTableFromWide([
          ['a', 'a'],
          ['a', 'a'],
        ]),
      ),
    ).toBeNaN();
  });
});

describe('per-label agreement', () => {
  it('gives the values of the JSDoc example (specific agreement 2a / (2a + b + c))', () => {
    const [a, b] = perLabelAgreement(
      ratingTableFromWide([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b'],
      ]),
    );
    expect(a).toEqual({
      label: 'a',
      ratings: 3,
      specificAgreement: 2 / 3,
      kappa: expect.closeTo(1 / 3, 15) as number,
    });
    expect(b!.specificAgreement).toBeCloseTo(2 / 3, 15);
  });

  it('averages back to Fleiss kappa: Σ p_j q_j κ_j / Σ p_j q_j = κ (Fleiss 1971, eq. 12)', () => {
    const table = ratingTableFromWide(anxiety);
    const rows = perLabelAgreement(table);
    const total = rows.reduce((sum, row) => sum + row.ratings, 0);
    let num = 0;
    let den = 0;
    for (const row of rows) {
      const p = row.ratings / total;
      num += p * (1 - p) * row.kappa;
      den += p * (1 - p);
    }
    expect(num / den).toBeCloseTo(fleissKappa(table)!, 12);
  });
});

describe('disagreement matrix', () => {
  it('counts pairs of ratings per label pair, splits most frequent first', () => {
    const result = disagreementMatrix(
      ratingTableFromWide([
        ['a', 'a', 'b'],
        ['a', 'c', 'c'],
        ['b', 'b', 'b'],
      ]),
    );
    expect(Array.from(result.counts)).toEqual([1, 2, 2, 2, 3, 0, 2, 0, 1]);
    expect(result.splits).toEqual([
      { a: 'a', b: 'b', pairs: 2 },
      { a: 'a', b: 'c', pairs: 2 },
    ]);
  });
});

describe('annotator × annotator agreement matrix', () => {
  it('gives shared items, agreement and kappa per pair, weakest first (the JSDoc example)', () => {
    const result = annotatorAgreementMatrix(
      ratingTableFromWide([
        ['a', 'a', 'b'],
        ['b', 'b', 'b'],
      ]),
    );
    expect(result.pairs[0]).toEqual({ a: 0, b: 2, items: 2, agreement: 0.5, kappa: 0 });
    expect(result.pairs.at(-1)).toMatchObject({ a: 0, b: 1, agreement: 1, kappa: 1 });
    expect(result.shared[0 * 3 + 1]).toBe(2);
    expect(result.kappa[1 * 3 + 0]).toBe(1);
    expect(result.kappa[0]).toBeNaN();
  });
});

describe('percent agreement and Fleiss kappa: JSDoc examples and shape rules', () => {
  it('percent agreement averages the share of agreeing pairs per item', () => {
    expect(
      percentAgreement(
        ratingTableFromWide([
          ['a', 'a', 'b'],
          ['b', 'b', 'b'],
        ]),
      ),
    ).toBeCloseTo(2 / 3, 15);
  });

  it('Fleiss kappa of the example is 0.55; null when items carry different numbers of ratings', () => {
    expect(
      fleissKappa(
        ratingTableFromWide([
          ['a', 'a', 'a'],
          ['a', 'b', 'b'],
          ['b', 'b', 'b'],
        ]),
      ),
    ).toBeCloseTo(0.55, 15);
    expect(
      fleissKappa(
        ratingTableFromWide([
          ['a', 'a', 'a'],
          ['a', 'b', null],
        ]),
      ),
    ).toBeNull();
    expect(
      fleissKappa(
        ratingTableFromWide([
          ['a', 'a'],
          ['a', 'a'],
        ]),
      ),
    ).toBeNaN();
  });
});

describe('weights', () => {
  it('linear and quadratic weights follow the positions on the scale (Cohen 1968; Fleiss & Cohen 1973)', () => {
    expect(Array.from(weightMatrix('linear', 3))).toEqual([1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1]);
    expect(Array.from(weightMatrix('quadratic', 3))).toEqual([
      1, 0.75, 0, 0.75, 1, 0.75, 0, 0.75, 1,
    ]);
  });
});

describe('rating table', () => {
  it('sorts observed numbers ascending and strings by code unit; keeps a declared order', () => {
    expect(ratingTableFromWide([[10, 9, 2]]).levels).toEqual([2, 9, 10]);
    expect(ratingTableFromWide([['b', 'a', 'B']]).levels).toEqual(['B', 'a', 'b']);
    expect(ratingTableFromWide([['low']], { levels: ['high', 'low'] }).levels).toEqual([
      'high',
      'low',
    ]);
  });

  it('skips missing values and items with no rating, and groups ratings by item in input order', () => {
    const table = ratingTable([
      { item: 'x', annotator: 'a', value: 1 },
      { item: 'y', annotator: 'a', value: null },
      { item: 'z', annotator: 'b', value: 2 },
      { item: 'x', annotator: 'b', value: 2 },
    ]);
    expect(table.items).toEqual(['x', 'z']);
    expect(Array.from(table.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(table.values)).toEqual([0, 1, 1]);
    expect(Array.from(table.raters)).toEqual([0, 1, 1]);
  });

  it('names the value that is off the declared scale, and asks for a key for non-primitive values', () => {
    expect(() => ratingTableFromWide([['mid']], { levels: ['low', 'high'] })).toThrow(
      /"mid" of item 0/,
    );
    expect(() => ratingTable([{ item: 1, annotator: 1, value: ['a'] }])).toThrow(/options.key/);
    expect(() => ratingTableFromWide([[1, Number.NaN]])).toThrow(
      /NaN of item 0 is not a finite number/,
    );
  });
});

describe("Conger's, Light's and Brennan–Prediger's coefficients: JSDoc examples", () => {
  it("Conger's kappa equals Cohen's for two annotators (Conger 1980)", () => {
    const table = ratingTableFromWide([
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
    ]);
    expect(congerKappa(table)).toBeCloseTo(cohenKappa(table), 15);
  });

  it("Light's kappa is the mean pairwise Cohen's kappa; Brennan–Prediger uses 1/q as chance", () => {
    expect(
      lightKappa(
        ratingTableFromWide([
          ['a', 'a', 'b'],
          ['b', 'b', 'b'],
        ]),
      ),
    ).toBeCloseTo(1 / 3, 15);
    expect(
      brennanPrediger(
        ratingTableFromWide([
          ['a', 'a'],
          ['a', 'b'],
        ]),
      ),
    ).toBe(0);
    expect(brennanPrediger(ratingTableFromWide([['a', 'a']]))).toBeNaN();
  });
});

describe('seeded random source', () => {
  it('is mulberry32: seed 42 starts 0.6011037519201636, 0.44829055899754167 (the JSDoc example)', () => {
    const random = seededRandom(42);
    expect(random()).toBe(0.6011037519201636);
    expect(random()).toBe(0.44829055899754167);
  });
});

describe('table helpers: JSDoc examples', () => {
  it('numericLevels gives the sorted numeric scale, null for text labels', () => {
    expect(numericLevels(ratingTableFromWide([[3, 1]]))).toEqual(Float64Array.from([1, 3]));
    expect(numericLevels(ratingTableFromWide([['a']]))).toBeNull();
  });

  it('contingency cross-tabulates two annotators over the observed levels', () => {
    expect(
      Array.from(
        contingency(
          ratingTableFromWide([
            ['a', 'a'],
            ['a', 'b'],
          ]),
        ).counts,
      ),
    ).toEqual([1, 1, 0, 0]);
  });
});
