import {
  boxF1,
  exactMatch,
  intersectionOverUnion,
  jaccardScore,
  kendallTau,
  perStepAccuracy,
  spanF1,
  withinTolerance,
} from '@concord/core/gold';

describe('gold scores of simple fields', () => {
  it('exact, Jaccard, tolerance and per-step accuracy give their JSDoc values', () => {
    expect(exactMatch('spam', 'spam')).toBe(1);
    expect(exactMatch(1, '1')).toBe(0);
    expect(jaccardScore(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3, 15);
    expect(jaccardScore([], [])).toBe(1);
    expect(withinTolerance(4, 5, 1)).toBe(1);
    expect(withinTolerance(3, 5, 1)).toBe(0);
    expect(withinTolerance(0.3, 0.1 + 0.2, 0)).toBe(1);
    expect(perStepAccuracy(['c', 'i', 'c'], ['c', 'c', 'c'])).toBeCloseTo(2 / 3, 15);
    expect(perStepAccuracy(['c'], ['c', 'c'])).toBe(0.5);
    expect(perStepAccuracy([], [])).toBeNaN();
  });
});

describe("Kendall's tau-b against gold", () => {
  it('matches scipy 1.10.1 stats.kendalltau: 0.6666666666666669, 0.4444444444444444 (ties), 0.16051447078102563 (ties)', () => {
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.6666666666666669, 14);
    expect(kendallTau([1, 1, 2, 3, 5], [2, 1, 1, 4, 3])).toBeCloseTo(0.4444444444444444, 14);
    expect(kendallTau([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8])).toBeCloseTo(
      0.16051447078102563,
      14,
    );
  });

  it('is NaN when a side ties everything, and refuses different lengths', () => {
    expect(kendallTau([1, 1], [1, 2])).toBeNaN();
    expect(() => kendallTau([1], [1, 2])).toThrow(RangeError);
  });
});

describe('span F1 (CoNLL-2003 exact; overlap with the same label)', () => {
  const gold = [
    { start: 0, end: 5, label: 'PER' },
    { start: 9, end: 12, label: 'LOC' },
  ];

  it('gives the JSDoc example: precision 1, recall 0.5, F1 2/3', () => {
    expect(spanF1([{ start: 0, end: 5, label: 'PER' }], gold)).toEqual({
      truePositives: 1,
      predicted: 1,
      gold: 2,
      precision: 1,
      recall: 0.5,
      f1: 2 / 3,
    });
  });

  it('counts a shifted boundary only in overlap mode, a wrong label in neither, each gold span once', () => {
    const shifted = [
      { start: 1, end: 5, label: 'PER' },
      { start: 9, end: 12, label: 'ORG' },
    ];
    expect(spanF1(shifted, gold, 'exact').truePositives).toBe(0);
    expect(spanF1(shifted, gold, 'overlap').truePositives).toBe(1);
    const twice = [
      { start: 0, end: 2, label: 'PER' },
      { start: 2, end: 5, label: 'PER' },
    ];
    expect(spanF1(twice, gold, 'overlap')).toMatchObject({
      truePositives: 1,
      precision: 0.5,
      recall: 0.5,
    });
  });

  it('scores an empty answer to an empty gold 1, and an empty answer to a non-empty gold 0', () => {
    expect(spanF1([], []).f1).toBe(1);
    expect(spanF1([], gold).f1).toBe(0);
  });
});

describe('box F1 at IoU ≥ 0.5 (PASCAL VOC matching, Everingham et al. 2010)', () => {
  const car = { x: 0, y: 0, width: 10, height: 10, label: 'car' };

  it('computes IoU as intersection over union', () => {
    expect(
      intersectionOverUnion({ ...car, width: 2, height: 2 }, { ...car, x: 1, width: 2, height: 2 }),
    ).toBeCloseTo(1 / 3, 15);
    expect(intersectionOverUnion(car, { ...car, x: 1, y: 1 })).toBeCloseTo(81 / 119, 15);
  });

  it('matches a box at IoU 0.68, not at IoU 1/3, not with another label, each gold box once', () => {
    expect(boxF1([car], [{ ...car, x: 1, y: 1 }]).f1).toBe(1);
    expect(boxF1([car], [{ ...car, x: 5 }]).f1).toBe(0);
    expect(boxF1([car], [{ ...car, label: 'bus' }]).f1).toBe(0);
    expect(boxF1([car, { ...car, x: 1 }], [car])).toMatchObject({
      truePositives: 1,
      precision: 0.5,
      recall: 1,
    });
    expect(boxF1([car], [{ ...car, x: 5 }], { threshold: 0.3 }).f1).toBe(1);
  });
});
