import {
  cohenKappa,
  gwetAC1,
  krippendorffAlpha,
  percentAgreement,
  ratingTable,
  ratingTableFromWide,
  scottPi,
  type Rating,
} from '@concord/core/agreement';

/**
 * irrCAC `cont3x3abstractors` (K. L. Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.):
 * 100 pregnant women classified by two abstractors (rows: abstractor 1, columns: abstractor 2).
 */
const abstractors = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];
const categories = ['Ectopic', 'AIU', 'NIU'];

function fromContingency(counts: number[][], labels: string[]): Rating[] {
  const ratings: Rating[] = [];
  let item = 0;
  counts.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++, item++) {
        ratings.push({ item, annotator: 'abstractor1', value: labels[i] });
        ratings.push({ item, annotator: 'abstractor2', value: labels[j] });
      }
    }),
  );
  return ratings;
}

describe('two annotators: irrCAC vignette "overview", cont3x3abstractors (Gwet 2014)', () => {
  const table = ratingTable(fromContingency(abstractors, categories));

  it("Cohen's kappa 0.7964094, Scott's pi 0.7962397, Gwet's AC1 0.8493305 (irrCAC kappa2.table, scott2.table, gwet.ac1.table)", () => {
    expect(cohenKappa(table)).toBeCloseTo(0.7964094, 7);
    expect(scottPi(table)).toBeCloseTo(0.7962397, 7);
    expect(gwetAC1(table)).toBeCloseTo(0.8493305, 7);
  });

  it("Krippendorff's alpha 0.7972585 and percent agreement 0.89 (irrCAC krippen2.table, pa2.table)", () => {
    expect(krippendorffAlpha(table)).toBeCloseTo(0.7972585, 7);
    expect(percentAgreement(table)).toBeCloseTo(0.89, 12);
  });
});

describe('two-annotator statistics: behaviour', () => {
  it('use the last rating when an annotator rated an item twice (a correction is a newer revision)', () => {
    const corrected = ratingTable([
      { item: 1, annotator: 'a', value: 'x' },
      { item: 1, annotator: 'b', value: 'y' },
      { item: 1, annotator: 'a', value: 'y' },
      { item: 2, annotator: 'a', value: 'x' },
      { item: 2, annotator: 'b', value: 'x' },
    ]);
    expect(cohenKappa(corrected)).toBe(1);
  });

  it('only count the items both annotators rated', () => {
    const table = ratingTableFromWide([
      ['a', 'a'],
      ['b', 'b'],
      ['a', null],
      [null, 'b'],
    ]);
    expect(cohenKappa(table)).toBe(1);
  });

  it('return NaN when expected disagreement is zero (both used one and the same label)', () => {
    const table = ratingTableFromWide([
      ['a', 'a'],
      ['a', 'a'],
    ]);
    expect(cohenKappa(table)).toBeNaN();
    expect(scottPi(table)).toBeNaN();
  });

  it('ask which two annotators to compare when a table has more', () => {
    const table = ratingTableFromWide([['a', 'a', 'b']]);
    expect(() => cohenKappa(table)).toThrow(/options.annotators/);
    expect(() => cohenKappa(table, { annotators: [0, 9] })).toThrow(/annotator 9/);
  });

  it('give the values of the JSDoc examples', () => {
    const table = ratingTableFromWide([
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
    ]);
    expect(cohenKappa(table)).toBeCloseTo(0.5, 15);
    expect(scottPi(table)).toBeCloseTo(0.4666666666666667, 15);
    expect(gwetAC1(table)).toBeCloseTo(9 / 17, 15);
  });
});
