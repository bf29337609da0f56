import {
  krippendorffAlpha,
  pairwiseSpanF1,
  spanTokenTable,
  tokenLabels,
  type SpanAnnotation,
} from '@concord/core/agreement';

const text = 'Ada met Bob in Rome';
const tokens = [...text.matchAll(/\S+/g)].map((m) => ({
  start: m.index,
  end: m.index + m[0].length,
}));

describe('span agreement', () => {
  it('labels tokens by the span that overlaps them most', () => {
    expect(tokenLabels([{ start: 0, end: 3, label: 'PER' }], tokens)).toEqual([
      'PER',
      'O',
      'O',
      'O',
      'O',
    ]);
    expect(
      tokenLabels(
        [
          { start: 0, end: 5, label: 'PER' },
          { start: 4, end: 7, label: 'X' },
        ],
        tokens,
      )[1],
    ).toBe('X');
  });

  it('token-level alpha is 1 for identical spans and drops when annotators split', () => {
    const same: SpanAnnotation[] = [
      {
        item: 1,
        annotator: 'a',
        spans: [
          { start: 0, end: 3, label: 'PER' },
          { start: 15, end: 19, label: 'LOC' },
        ],
      },
      {
        item: 1,
        annotator: 'b',
        spans: [
          { start: 0, end: 3, label: 'PER' },
          { start: 15, end: 19, label: 'LOC' },
        ],
      },
    ];
    expect(krippendorffAlpha(spanTokenTable(same, () => tokens))).toBe(1);
    const split: SpanAnnotation[] = [
      same[0]!,
      { item: 1, annotator: 'b', spans: [{ start: 15, end: 19, label: 'PER' }] },
    ];
    const table = spanTokenTable(split, () => tokens);
    expect(table.items).toHaveLength(5);
    expect(krippendorffAlpha(table)).toBeLessThan(0.5);
  });

  it('mean pairwise span F1 gives the JSDoc example (2/3) and NaN without pairs', () => {
    expect(
      pairwiseSpanF1([
        { item: 1, annotator: 'a', spans: [{ start: 0, end: 4, label: 'PER' }] },
        {
          item: 1,
          annotator: 'b',
          spans: [
            { start: 0, end: 4, label: 'PER' },
            { start: 6, end: 9, label: 'LOC' },
          ],
        },
      ]),
    ).toBeCloseTo(2 / 3, 15);
    expect(pairwiseSpanF1([{ item: 1, annotator: 'a', spans: [] }])).toBeNaN();
  });
});
