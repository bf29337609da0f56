import { spansConsensus } from '@concord/core/aggregation';

const field = { overlap: 'none' as const, attributes: ['negated', 'historical'] };

describe('spans consensus', () => {
  it('keeps spans at least half the annotators marked, attributes by majority', () => {
    const c = spansConsensus(field, [
      [
        { start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] },
        { start: 10, end: 14, label: 'DRUG' },
      ],
      [{ start: 0, end: 5, label: 'PROBLEM', attributes: ['negated', 'historical'] }],
      [
        { start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] },
        { start: 20, end: 24, label: 'TEST' },
      ],
      [{ start: 20, end: 24, label: 'TEST' }],
    ]);
    // k = 4, ⌈k/2⌉ = 2: PROBLEM (4 votes) and TEST (2) stay, DRUG (1) goes.
    expect(c.value).toEqual([
      { start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] },
      { start: 20, end: 24, label: 'TEST' },
    ]);
    expect(c.support).toEqual([0.75, 0.5]);
    // Agreement on each decision: PROBLEM kept 3/4, TEST kept 2/4, DRUG dropped 3/4 → 2/3.
    expect(c.confidence).toBeCloseTo((0.75 + 0.5 + 0.75) / 3, 12);
    expect(c.tied).toBe(false);
  });

  it('calls an even split on an attribute a tie', () => {
    const c = spansConsensus(field, [
      [{ start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] }],
      [{ start: 0, end: 5, label: 'PROBLEM' }],
    ]);
    expect(c.value).toEqual([{ start: 0, end: 5, label: 'PROBLEM' }]);
    expect(c.confidence).toBe(1);
    expect(c.tied).toBe(true);
  });

  it('settles clashing spans by support, and equal support is a tie', () => {
    const votes = [
      [{ start: 0, end: 10, label: 'PROBLEM' }],
      [{ start: 0, end: 10, label: 'PROBLEM' }],
      [{ start: 5, end: 12, label: 'PROBLEM' }],
    ];
    const c = spansConsensus(field, votes);
    expect(c.value).toEqual([{ start: 0, end: 10, label: 'PROBLEM' }]);
    expect(c.tied).toBe(false);
    const even = spansConsensus(field, [
      [{ start: 0, end: 10, label: 'PROBLEM' }],
      [{ start: 5, end: 12, label: 'DRUG' }],
    ]);
    // Both have ⌈2/2⌉ = 1 vote but overlap: the longer is kept, the split is a tie.
    expect(even.value).toEqual([{ start: 0, end: 10, label: 'PROBLEM' }]);
    expect(even.tied).toBe(true);
    // Nested spans may both stay when the field allows nesting.
    const nested = spansConsensus({ ...field, overlap: 'nested' }, [
      [
        { start: 0, end: 10, label: 'PROBLEM' },
        { start: 2, end: 4, label: 'DRUG' },
      ],
      [
        { start: 0, end: 10, label: 'PROBLEM' },
        { start: 2, end: 4, label: 'DRUG' },
      ],
    ]);
    expect(nested.value).toHaveLength(2);
  });

  it('agrees on nothing when no one marked anything', () => {
    expect(spansConsensus(field, [[], undefined])).toEqual({
      value: [],
      support: [],
      confidence: 1,
      tied: false,
    });
  });
});
