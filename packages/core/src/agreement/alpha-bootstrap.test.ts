import {
  krippendorffAlpha,
  krippendorffAlphaBootstrap,
  ratingTableFromWide,
  seededRandom,
} from '@concord/core/agreement';

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

describe('krippendorffAlphaBootstrap', () => {
  const table = ratingTableFromWide(krippendorff2011);

  it('is reproducible from its seed and brackets the point estimate', () => {
    for (const metric of ['nominal', 'ordinal', 'interval'] as const) {
      const first = krippendorffAlphaBootstrap(table, {
        metric,
        samples: 500,
        random: seededRandom(3),
      });
      const again = krippendorffAlphaBootstrap(table, {
        metric,
        samples: 500,
        random: seededRandom(3),
      });
      expect(first).toEqual(again);
      expect(first.alpha).toBe(krippendorffAlpha(table, metric));
      expect(first.lower).toBeLessThanOrEqual(first.alpha);
      expect(first.upper).toBeGreaterThanOrEqual(first.alpha);
      expect(first.upper).toBeLessThanOrEqual(1);
    }
  });

  it('narrows as the data grow (same agreement pattern, ten times the units)', () => {
    const small = krippendorffAlphaBootstrap(table, { samples: 400, random: seededRandom(5) });
    const tenfold = ratingTableFromWide(Array.from({ length: 10 }, () => krippendorff2011).flat());
    const large = krippendorffAlphaBootstrap(tenfold, { samples: 400, random: seededRandom(5) });
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });

  it('leaves out replicates with zero expected disagreement', () => {
    const constant = ratingTableFromWide([
      ['a', 'a'],
      ['a', 'a'],
    ]);
    const result = krippendorffAlphaBootstrap(constant, { samples: 10, random: seededRandom(1) });
    expect(result.replicates.length).toBe(0);
    expect(result.lower).toBeNaN();
  });
});
