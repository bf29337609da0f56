import { agreementReport, ratingTableFromWide } from '@concord/core/agreement';

/** K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C (4 observers × 12 units). */
const krippendorff2011 = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, 3, null, null],
];

describe('agreement report', () => {
  it('reports every level of alpha for numeric labels (Krippendorff 2011: 0.743, 0.815, 0.849, 0.797) and null Fleiss on unequal counts', () => {
    const report = agreementReport(
      ratingTableFromWide(krippendorff2011, { annotators: ['A', 'B', 'C', 'D'] }),
    );
    expect(report.units).toBe(12);
    expect(report.pairableUnits).toBe(11);
    expect(report.annotators).toBe(4);
    expect(report.ratings).toBe(41);
    expect(report.krippendorffAlpha.nominal).toBeCloseTo(0.743, 3);
    expect(report.krippendorffAlpha.ordinal).toBeCloseTo(0.815, 3);
    expect(report.krippendorffAlpha.interval).toBeCloseTo(0.849, 3);
    expect(report.krippendorffAlpha.ratio).toBeCloseTo(0.797, 3);
    expect(report.fleissKappa).toBeNull();
    expect(report.twoAnnotators).toBeUndefined();
    expect(report.annotatorAgreement.at(-1)!.agreement).toBeGreaterThanOrEqual(
      report.annotatorAgreement[0]!.agreement,
    );
  });

  it('adds the two-annotator coefficients for two annotators, and only nominal alpha for text labels', () => {
    const report = agreementReport(
      ratingTableFromWide([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b'],
        ['b', 'b'],
      ]),
    );
    expect(report.twoAnnotators?.cohenKappa).toBeCloseTo(0.5, 15);
    expect(report.twoAnnotators?.scottPi).toBeCloseTo(0.4666666666666667, 15);
    expect(Object.keys(report.krippendorffAlpha)).toEqual(['nominal']);
    expect(report.splits).toEqual([{ a: 'a', b: 'b', pairs: 1 }]);
    expect(report.weakestPairs).toHaveLength(1);
  });
});
