import {
  coincidences,
  jaccardDistance,
  krippendorffAlpha,
  labelSetKey,
  masiDistance,
  ratingTable,
  ratingTableFromWide,
} from '@concord/core/agreement';

describe("Krippendorff's alpha", () => {
  it('takes a caller-supplied distance on label sets: Jaccard alpha 0.4122137404580152 (NLTK 3.8 AnnotationTask(distance=jaccard_distance).alpha(), Debian python3-nltk)', () => {
    const sets: [string, string, string[]][] = [
      ['c1', 'i1', ['a']],
      ['c2', 'i1', ['a', 'b']],
      ['c3', 'i1', ['a']],
      ['c1', 'i2', ['b']],
      ['c2', 'i2', ['b']],
      ['c1', 'i3', ['a', 'c']],
      ['c2', 'i3', ['c']],
      ['c3', 'i3', ['a', 'c']],
      ['c1', 'i4', ['c']],
      ['c3', 'i4', ['b']],
      ['c2', 'i5', ['a', 'b', 'c']],
      ['c3', 'i5', ['a', 'b']],
    ];
    const table = ratingTable(
      sets.map(([annotator, item, value]) => ({ item, annotator, value })),
      { key: labelSetKey },
    );
    expect(krippendorffAlpha(table, jaccardDistance)).toBeCloseTo(0.4122137404580152, 12);
  });

  it('equals nominal alpha when the distance is 0/1 on single labels', () => {
    const table = ratingTableFromWide([
      ['a', 'b', 'a'],
      ['b', 'b', null],
      ['c', 'a', 'c'],
    ]);
    expect(krippendorffAlpha(table, (x, y) => (x === y ? 0 : 1))).toBeCloseTo(
      krippendorffAlpha(table, 'nominal'),
      15,
    );
  });

  it('drops units with a single value (not pairable)', () => {
    const base = ratingTableFromWide([
      ['a', 'b'],
      ['b', 'b'],
      ['a', 'a'],
    ]);
    const withSingles = ratingTableFromWide([
      ['a', 'b'],
      ['b', 'b'],
      ['a', 'a'],
      ['c', null],
      [null, 'a'],
    ]);
    expect(krippendorffAlpha(withSingles)).toBe(krippendorffAlpha(base));
  });

  it('returns NaN when expected disagreement is zero (every pairable value equal, or none)', () => {
    expect(
      krippendorffAlpha(
        ratingTableFromWide([
          ['a', 'a'],
          ['a', 'a'],
        ]),
      ),
    ).toBeNaN();
    expect(
      krippendorffAlpha(
        ratingTableFromWide([
          ['a', null],
          [null, 'b'],
        ]),
      ),
    ).toBeNaN();
  });

  it('needs numeric labels for interval and ratio', () => {
    expect(() => krippendorffAlpha(ratingTableFromWide([['a', 'b']]), 'interval')).toThrow(
      /numeric labels/,
    );
  });

  it('orders ordinal labels by the declared scale', () => {
    const rows = [
      ['low', 'mid'],
      ['mid', 'mid'],
      ['high', 'high'],
      ['low', 'low'],
    ];
    const declared = ratingTableFromWide(rows, { levels: ['low', 'mid', 'high'] });
    const numeric = ratingTableFromWide(
      rows.map((row) => row.map((v) => ({ low: 1, mid: 2, high: 3 })[v]!)),
    );
    expect(krippendorffAlpha(declared, 'ordinal')).toBeCloseTo(
      krippendorffAlpha(numeric, 'ordinal'),
      15,
    );
  });

  it('counts an annotator’s repeated ratings of one unit as separate values', () => {
    const table = ratingTable([
      { item: 1, annotator: 'a', value: 'x' },
      { item: 1, annotator: 'a', value: 'x' },
      { item: 2, annotator: 'a', value: 'y' },
      { item: 2, annotator: 'b', value: 'x' },
    ]);
    // Unit 1 (x, x by one annotator) is pairable: o_xx = 2; unit 2 adds one x–y coincidence each way.
    expect(coincidences(table).matrix).toEqual(Float64Array.from([2, 1, 1, 0]));
  });

  it('gives the coincidences of the JSDoc example', () => {
    expect(coincidences(ratingTableFromWide([['a', 'a', 'b']])).matrix).toEqual(
      Float64Array.from([1, 1, 1, 0]),
    );
  });
});

describe('set distances', () => {
  it('Jaccard and MASI follow Passonneau (2006): equal 0, subset 1 − J·2/3, overlap 1 − J·1/3, disjoint 1', () => {
    expect(jaccardDistance(['a', 'b'], ['b', 'c'])).toBeCloseTo(2 / 3, 15);
    expect(masiDistance(['a', 'b'], ['b', 'a'])).toBe(0);
    expect(masiDistance(['a', 'b'], ['a'])).toBeCloseTo(1 - (1 / 2) * (2 / 3), 15);
    expect(masiDistance(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 - (1 / 3) * (1 / 3), 15);
    expect(masiDistance(['a'], ['b'])).toBe(1);
    expect(masiDistance([], [])).toBe(0);
  });

  it('labelSetKey identifies sets regardless of order and repeats', () => {
    expect(labelSetKey(['b', 'a', 'b'])).toBe(labelSetKey(['a', 'b']));
    expect(labelSetKey(['a'])).not.toBe(labelSetKey(['a', 'b']));
  });
});
