import { describe, expect, it } from 'vitest';
import { formatPairs, labelsWeakestFirst, matrixCells, topSplits } from './quality-matrix';

// Three labels; items labelled twice: 4 × (pos, pos), 2 × (pos, neu), 1 × (neu, neg), 3 × (neg, neg).
// A pair (a, b) adds 1 to o_ab and 1 to o_ba (Krippendorff's coincidences with m = 2).
const disagreement = {
  levels: ['positive', 'neutral', 'negative'],
  counts: [8, 2, 0, 2, 0, 1, 0, 1, 6],
};

describe('matrixCells', () => {
  it('reads the row-major counts into cells, marking the diagonal', () => {
    const cells = matrixCells(disagreement);
    expect(cells).toHaveLength(9);
    expect(cells[1]).toEqual({ row: 0, column: 1, count: 2, diagonal: false });
    expect(cells[8]).toEqual({ row: 2, column: 2, count: 6, diagonal: true });
  });

  it('reads a short counts array as zeros rather than failing', () => {
    expect(matrixCells({ levels: ['a', 'b'], counts: [1] }).map((c) => c.count)).toEqual([
      1, 0, 0, 0,
    ]);
  });
});

describe('topSplits', () => {
  it('names the boundaries annotators split on, largest first, with their share', () => {
    expect(topSplits(disagreement)).toEqual([
      { a: 'positive', b: 'neutral', pairs: 2, share: 2 / 3 },
      { a: 'neutral', b: 'negative', pairs: 1, share: 1 / 3 },
    ]);
  });

  it('is empty when everyone agreed', () => {
    expect(topSplits({ levels: ['a', 'b'], counts: [4, 0, 0, 2] })).toEqual([]);
  });
});

describe('labelsWeakestFirst', () => {
  it('orders labels in use by specific agreement and sets unused ones apart', () => {
    const { measured, unused } = labelsWeakestFirst([
      { label: 'positive', pairableValues: 10, specificAgreement: 0.8 },
      { label: 'neutral', pairableValues: 3, specificAgreement: 0 },
      { label: 'negative', pairableValues: 7, specificAgreement: 6 / 7 },
      { label: 'mixed', pairableValues: 0, specificAgreement: null },
    ]);
    expect(measured.map((l) => l.label)).toEqual(['neutral', 'positive', 'negative']);
    expect(unused).toEqual(['mixed']);
  });
});

describe('formatPairs', () => {
  it('keeps whole counts whole and fractional coincidences to one decimal', () => {
    expect(formatPairs(3)).toBe('3');
    expect(formatPairs(1.5)).toBe('1.5');
    expect(formatPairs(2.04)).toBe('2');
  });
});
