import {
  krippendorffAlpha,
  pairwiseSpanF1,
  spanTokenTable,
  textTokens,
  tokenLabels,
  tokenMarks,
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

describe('tokenLabels and tokenMarks on tokens in order', () => {
  // Every span tried on every token: what the binary-search sweep must agree with.
  const naiveLabels = (
    spans: readonly { start: number; end: number; label: string }[],
    toks: readonly { start: number; end: number }[],
  ) =>
    toks.map((token) => {
      let best = 'O';
      let bestOverlap = 0;
      for (const span of spans) {
        const overlap = Math.min(span.end, token.end) - Math.max(span.start, token.start);
        if (overlap > bestOverlap) [best, bestOverlap] = [span.label, overlap];
      }
      return best;
    });

  it('match every span tried on every token, overlapping and word-splitting spans included', () => {
    const note = 'Pt denies chest-pain; CXR clear, takes metoprolol 25mg. 😷 No fever since 3/14.';
    const toks = textTokens(note);
    const length = [...note].length;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const spans = Array.from({ length: random(8) }, () => {
        const start = random(length);
        return {
          start,
          end: start + 1 + random(Math.min(12, length - start)),
          label: `L${random(3)}`,
        };
      });
      expect(tokenLabels(spans, toks, 'O')).toEqual(naiveLabels(spans, toks));
      expect(tokenMarks(spans, toks, 'L1')).toEqual(
        toks.map((t) =>
          spans.some((s) => s.label === 'L1' && s.start < t.end && t.start < s.end) ? 1 : 0,
        ),
      );
    }
  });

  it('label tokens given out of order or overlapping by trying every span', () => {
    const shuffled = [
      { start: 8, end: 11 },
      { start: 0, end: 3 },
      { start: 0, end: 7 },
    ];
    const spans = [{ start: 4, end: 11, label: 'X' }];
    expect(tokenLabels(spans, shuffled)).toEqual(naiveLabels(spans, shuffled));
    expect(tokenLabels(spans, shuffled)).toEqual(['X', 'O', 'X']);
  });
});
