// Agreement coefficients against published values. Every table is typed in here with its
// source, so the suite runs in any clone; the expected values name what produced them.
import {
  brennanPrediger,
  cohenKappa,
  congerKappa,
  lightKappa,
  fleissKappa,
  gwetAC1,
  krippendorffAlpha,
  percentAgreement,
  perLabelAgreement,
  ratingTableFromWide,
  scottPi,
} from '@concord/core/agreement';

/**
 * J. L. Fleiss (1971), Measuring nominal scale agreement among many raters, Psychological
 * Bulletin 76(5):378–382, Table 1: 30 patients × 6 psychiatrists, as R irr 0.84.1 `diagnoses`
 * (1 Depression, 2 Personality Disorder, 3 Schizophrenia, 4 Neurosis, 5 Other).
 */
const diagnoses = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];
const raters = ['rater1', 'rater2', 'rater3', 'rater4', 'rater5', 'rater6'];

/** R irr 0.84.1 `anxiety`: 20 subjects × 3 raters, scores 1 (not anxious at all) to 6 (extremely anxious). */
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

/**
 * K. Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C: 4 observers ×
 * 12 units with missing values (null); unit 12 has a single value and is not pairable.
 */
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

describe('Fleiss (1971) psychiatric diagnoses', () => {
  const table = ratingTableFromWide(diagnoses, { annotators: raters });

  it("Fleiss' kappa is 0.4302445201 (R irr kappam.fleiss, statsmodels fleiss_kappa, NLTK AnnotationTask.multi_kappa… as listed in shared/datasets/README.md)", () => {
    expect(fleissKappa(table)).toBeCloseTo(0.4302445201, 9);
  });

  it("Krippendorff's alpha (nominal) is 0.4334098283 (fast-krippendorff, NLTK AnnotationTask.alpha)", () => {
    expect(krippendorffAlpha(table, 'nominal')).toBeCloseTo(0.4334098283, 9);
  });

  it("Gwet's AC1 is 0.44788 (R irrCAC gwet.ac1.raw)", () => {
    expect(gwetAC1(table)).toBeCloseTo(0.44788, 5);
  });

  it("Conger's exact kappa 0.4418085403, Light's kappa 0.4594121444, Brennan–Prediger 0.4444444444 (R irr kappam.fleiss(exact = TRUE), kappam.light; irrCAC bp.coeff.raw)", () => {
    expect(congerKappa(table)).toBeCloseTo(0.4418085403, 9);
    expect(lightKappa(table)).toBeCloseTo(0.4594121444, 9);
    expect(brennanPrediger(table)).toBeCloseTo(0.4444444444, 9);
  });

  it('mean pairwise percent agreement is 0.5555555556', () => {
    expect(percentAgreement(table)).toBeCloseTo(0.5555555556, 9);
  });

  it("Cohen's kappa of rater 2 vs rater 3 is 0.6311475410 (R irr kappa2)", () => {
    expect(cohenKappa(table, { annotators: ['rater2', 'rater3'] })).toBeCloseTo(0.631147541, 9);
  });

  it('category-wise kappas are 0.245, 0.245, 0.520, 0.471, 0.566 (Fleiss 1971, Table 3; R irr kappam.fleiss(detail = TRUE))', () => {
    const kappas = perLabelAgreement(table).map((row) => row.kappa);
    [0.245, 0.245, 0.52, 0.471, 0.566].forEach((expected, j) =>
      expect(kappas[j]).toBeCloseTo(expected, 3),
    );
  });
});

describe('R irr anxiety (weighted kappa on the observed levels and on the declared scale 1–6)', () => {
  const table = ratingTableFromWide(anxiety, {
    annotators: ['r1', 'r2', 'r3'],
    levels: [1, 2, 3, 4, 5, 6],
  });
  const r1r2 = { annotators: ['r1', 'r2'] } as const;
  const r2r3 = { annotators: ['r2', 'r3'] } as const;

  it('r1–r2: unweighted 0.1194968553, linear 0.1891891892, quadratic 0.2967651195 (R irr kappa2, scikit-learn cohen_kappa_score)', () => {
    expect(cohenKappa(table, r1r2)).toBeCloseTo(0.1194968553, 9);
    expect(cohenKappa(table, { ...r1r2, weights: 'linear' })).toBeCloseTo(0.1891891892, 9);
    expect(cohenKappa(table, { ...r1r2, weights: 'quadratic' })).toBeCloseTo(0.2967651195, 9);
  });

  it('r2–r3 on the observed levels (raters 2 and 3 never use 5): unweighted −0.0062893082, linear 0.1459074733, quadratic 0.2520325203', () => {
    expect(cohenKappa(table, r2r3)).toBeCloseTo(-0.0062893082, 9);
    expect(cohenKappa(table, { ...r2r3, weights: 'linear' })).toBeCloseTo(0.1459074733, 9);
    expect(cohenKappa(table, { ...r2r3, weights: 'quadratic' })).toBeCloseTo(0.2520325203, 9);
  });

  it('r2–r3 over the declared scale 1–6: linear 0.1262135922, quadratic 0.2297979798; unweighted unchanged', () => {
    expect(cohenKappa(table, { ...r2r3, scale: 'declared' })).toBeCloseTo(-0.0062893082, 9);
    expect(cohenKappa(table, { ...r2r3, weights: 'linear', scale: 'declared' })).toBeCloseTo(
      0.1262135922,
      9,
    );
    expect(cohenKappa(table, { ...r2r3, weights: 'quadratic', scale: 'declared' })).toBeCloseTo(
      0.2297979798,
      9,
    );
  });
});

describe('Krippendorff (2011) worked example: 4 observers × 12 units with missing values', () => {
  const table = ratingTableFromWide(krippendorff2011, { annotators: ['A', 'B', 'C', 'D'] });

  it('nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797 (Krippendorff 2011, section C)', () => {
    expect(krippendorffAlpha(table, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(table, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(table, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(table, 'ratio')).toBeCloseTo(0.797, 3);
  });

  it('Fleiss kappa is null there: units carry different numbers of values', () => {
    expect(fleissKappa(table)).toBeNull();
  });
});

describe("Scott's pi", () => {
  it('equals Fleiss kappa with two annotators (Fleiss 1971 generalises Scott 1955)', () => {
    const table = ratingTableFromWide(
      diagnoses.map((row) => [row[1], row[2]]),
      { annotators: ['rater2', 'rater3'] },
    );
    expect(scottPi(table)).toBeCloseTo(fleissKappa(table)!, 12);
  });
});
