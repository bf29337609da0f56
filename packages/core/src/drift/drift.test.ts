import {
  accuracyBySessionTime,
  bernoulliCusum,
  chiSquareSurvival,
  countLabels,
  labelDistributionChiSquare,
  populationStabilityIndex,
  recentAccuracyShift,
  twoSidedNormalP,
} from '@concord/core/drift';
import { seededRandom } from '@concord/core/agreement';

describe('Bernoulli CUSUM (Reynolds & Stoumbos 1999; Page 1954 recursion)', () => {
  it('adds ln(p1/p0) per error and ln((1−p1)/(1−p0)) per correct answer, floored at 0, and alarms by sequence number', () => {
    const result = bernoulliCusum([true, true, false, true], {
      targetErrorRate: 0.1,
      alarmErrorRate: 0.3,
      threshold: 2,
    });
    expect(result.errorIncrement).toBeCloseTo(Math.log(3), 15);
    expect(result.correctIncrement).toBeCloseTo(Math.log(7 / 9), 15);
    expect(Array.from(result.statistic)).toEqual([Math.log(3), 2 * Math.log(3), 0, Math.log(3)]);
    expect(result.alarms).toEqual([2]);
    expect(result.firstAlarm).toBe(2);
  });

  it('keeps accumulating without reset when asked, and never alarms on an empty or all-correct sequence', () => {
    const sticky = bernoulliCusum([true, true, true], {
      targetErrorRate: 0.1,
      alarmErrorRate: 0.3,
      threshold: 2,
      resetAfterAlarm: false,
    });
    expect(sticky.alarms).toEqual([2, 3]);
    expect(
      bernoulliCusum(Array(100).fill(false), { targetErrorRate: 0.05, threshold: 3 }).firstAlarm,
    ).toBeNull();
  });

  it('detects a jump of the error rate from 5 % to 25 % soon after it happens (seeded simulation)', () => {
    const random = seededRandom(42);
    const errors = Array.from({ length: 400 }, (_, t) => random() < (t < 200 ? 0.05 : 0.25));
    const result = bernoulliCusum(errors, {
      targetErrorRate: 0.05,
      alarmErrorRate: 0.15,
      threshold: 4,
    });
    expect(result.firstAlarm).not.toBeNull();
    expect(result.firstAlarm!).toBeGreaterThan(200);
    expect(result.firstAlarm!).toBeLessThan(260);
  });

  it('validates its rates', () => {
    expect(() => bernoulliCusum([], { targetErrorRate: 0, threshold: 1 })).toThrow(
      /targetErrorRate/,
    );
    expect(() =>
      bernoulliCusum([], { targetErrorRate: 0.2, alarmErrorRate: 0.1, threshold: 1 }),
    ).toThrow(/alarmErrorRate/);
  });
});

describe('recent versus earlier accuracy', () => {
  it('gives the JSDoc example: z = −2.449…, two-sided p = 0.014305878435429648 (scipy 1.10.1: 2·norm.sf(2.449489742783178))', () => {
    const shift = recentAccuracyShift([true, true, true, true, false, false], { window: 2 });
    expect(shift.earlier).toEqual({ correct: 4, total: 4, accuracy: 1 });
    expect(shift.recent).toEqual({ correct: 0, total: 2, accuracy: 0 });
    expect(shift.z).toBeCloseTo(-2.449489742783178, 12);
    expect(shift.pValue).toBeCloseTo(0.014305878435429648, 12);
  });

  it('has no test when there is nothing earlier', () => {
    expect(recentAccuracyShift([true, false], { window: 5 }).pValue).toBeNaN();
  });
});

describe('accuracy by minutes into the session', () => {
  it('uses the buckets 0–30, 30–60, 60–90, 90–120, 120+ with exclusive upper bounds', () => {
    const buckets = accuracyBySessionTime([
      { minutesIntoSession: 0, correct: true },
      { minutesIntoSession: 29.9, correct: false },
      { minutesIntoSession: 30, correct: true },
      { minutesIntoSession: 119, correct: false },
      { minutesIntoSession: 120, correct: true },
      { minutesIntoSession: 600, correct: false },
    ]);
    expect(buckets.map((b) => [b.bucket, b.correct, b.total])).toEqual([
      ['0–30', 1, 2],
      ['30–60', 1, 1],
      ['60–90', 0, 0],
      ['90–120', 0, 1],
      ['120+', 1, 2],
    ]);
    expect(buckets[2]!.accuracy).toBeNaN();
    expect(() => accuracyBySessionTime([{ minutesIntoSession: -1, correct: true }])).toThrow(
      /minutesIntoSession/,
    );
  });
});

describe('label distribution shift', () => {
  const before = new Map([
    ['a', 50],
    ['b', 50],
  ]);
  const after = new Map([
    ['a', 80],
    ['b', 20],
  ]);

  it('PSI is Σ (a − e) ln(a / e): 0.3 ln 1.6 + 0.3 ln 2.5 (Siddiqi 2006)', () => {
    expect(populationStabilityIndex(before, after)).toBeCloseTo(
      0.3 * Math.log(1.6) + 0.3 * Math.log(2.5),
      15,
    );
    expect(populationStabilityIndex(before, before)).toBe(0);
    expect(populationStabilityIndex(before, new Map([['c', 3]]))).toBeGreaterThan(1);
  });

  it('chi-square 19.78021978021978, p 8.68771167700004e-06 (scipy 1.10.1 chi2_contingency([[50,50],[80,20]], correction=False))', () => {
    const result = labelDistributionChiSquare(before, after);
    expect(result.statistic).toBeCloseTo(19.78021978021978, 10);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(8.68771167700004e-6, 15);
  });

  it('chi-square 21.47037037037038 with 2 df, p 2.1765483139931348e-05 (scipy 1.10.1 chi2_contingency([[30,50,20],[20,40,60]], correction=False))', () => {
    const result = labelDistributionChiSquare(
      countLabels([...'a'.repeat(30), ...'b'.repeat(50), ...'c'.repeat(20)]),
      new Map([
        ['a', 20],
        ['b', 40],
        ['c', 60],
      ]),
    );
    expect(result.statistic).toBeCloseTo(21.47037037037038, 10);
    expect(result.pValue / 2.1765483139931348e-5).toBeCloseTo(1, 10);
  });

  it('chi-square survival matches scipy 1.10.1 chi2.sf(3.84, 1), chi2.sf(100, 10), chi2.sf(0.5, 7)', () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 13);
    expect(chiSquareSurvival(100, 10) / 5.4497019829205215e-17).toBeCloseTo(1, 9);
    expect(chiSquareSurvival(0.5, 7)).toBeCloseTo(0.9994464813904249, 13);
    expect(twoSidedNormalP(0)).toBeCloseTo(1, 14);
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 12);
  });

  it('is undefined with an empty batch or a single label', () => {
    expect(labelDistributionChiSquare(new Map(), after).pValue).toBeNaN();
    expect(
      labelDistributionChiSquare(new Map([['a', 3]]), new Map([['a', 5]])).statistic,
    ).toBeNaN();
    expect(populationStabilityIndex(new Map(), after)).toBeNaN();
  });
});
