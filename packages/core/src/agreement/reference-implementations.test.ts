// Cross-checks against established implementations on a small table with missing ratings. The
// table was generated once (Python `random.seed(7)`); the expected values are what the named
// packages print for it (Debian bookworm: python3-nltk 3.8, python3-sklearn 1.2.1,
// python3-statsmodels 0.13.5). They are not published values.
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  ratingTableFromWide,
} from '@concord/core/agreement';

const rows = [
  [4, 3, 3, 3],
  [5, 5, 4, 4],
  [3, 1, 2, null],
  [null, 2, 1, null],
  [5, null, 5, null],
  [1, 1, 3, 1],
  [5, 4, 5, 4],
  [5, 5, 4, 5],
  [5, null, 5, 5],
  [5, 5, 4, 5],
  [2, 1, null, 3],
  [5, 5, 5, null],
  [3, null, null, 4],
  [3, null, 1, 2],
  [4, 4, 5, 4],
  [null, 1, null, 1],
];

describe('agreement with missing ratings, against NLTK, scikit-learn and statsmodels', () => {
  const table = ratingTableFromWide(rows);

  it("Krippendorff's alpha nominal 0.27647259107933264, interval 0.8115286476455579 (NLTK 3.8 AnnotationTask.alpha with binary_distance / interval_distance)", () => {
    expect(krippendorffAlpha(table, 'nominal')).toBeCloseTo(0.27647259107933264, 12);
    expect(krippendorffAlpha(table, 'interval')).toBeCloseTo(0.8115286476455579, 12);
  });

  it("Cohen's kappa of annotators 0 and 1 on the items both rated: 0.4444444444444444, linear 0.7023809523809523, quadratic 0.8594377510040161 (scikit-learn 1.2.1 cohen_kappa_score)", () => {
    const pair = { annotators: [0, 1] } as const;
    expect(cohenKappa(table, pair)).toBeCloseTo(0.4444444444444444, 12);
    expect(cohenKappa(table, { ...pair, weights: 'linear' })).toBeCloseTo(0.7023809523809523, 12);
    expect(cohenKappa(table, { ...pair, weights: 'quadratic' })).toBeCloseTo(
      0.8594377510040161,
      12,
    );
  });

  it("Fleiss' kappa is null with missing ratings, and 0.20198265179677818 on the 7 complete items (statsmodels 0.13.5 fleiss_kappa)", () => {
    expect(fleissKappa(table)).toBeNull();
    const complete = ratingTableFromWide(rows.filter((row) => !row.includes(null)));
    expect(fleissKappa(complete)).toBeCloseTo(0.20198265179677818, 12);
  });
});
