import { describe, expect, it } from 'vitest';
import type { AnnotatorQuality } from '../api/quality';
import {
  LIGHT_CHART_THEME as theme,
  agreementOverTimeOption,
  annotatorsOption,
  chartedAnnotators,
  disagreementOption,
  escapeHtml,
  matrixFocus,
  perLabelOption,
  textOn,
} from './quality-charts';

type Series = { type: string; name?: string; data: unknown[]; markLine?: { data: unknown[] } };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('agreementOverTimeOption', () => {
  const points = [
    { date: '2025-03-01', krippendorff_alpha: 0.41, units: 12 },
    { date: '2025-03-02', krippendorff_alpha: null, units: 12 },
    { date: '2025-03-03', krippendorff_alpha: 0.72, units: 30 },
  ];

  it('plots α by day with the threshold and the 0.667 floor as lines', () => {
    const option = agreementOverTimeOption(points, 0.8, theme);
    const [line] = seriesOf(option);
    expect(line?.data).toEqual([0.41, null, 0.72]);
    expect(line?.markLine?.data.map((d) => (d as { yAxis: number }).yAxis)).toEqual([0.8, 0.667]);
  });

  it('draws one line when the threshold is the 0.667 floor itself', () => {
    const [line] = seriesOf(agreementOverTimeOption(points, 0.667, theme));
    expect(line?.markLine?.data).toHaveLength(1);
  });

  it('extends the axis below zero when α is negative', () => {
    const option = agreementOverTimeOption(
      [{ date: '2025-03-01', krippendorff_alpha: -0.25, units: 4 }],
      0.8,
      theme,
    );
    expect((option.yAxis as { min: number }).min).toBe(-0.3);
  });
});

describe('perLabelOption', () => {
  it('lists the labels weakest first, leaving out the unused', () => {
    const option = perLabelOption(
      [
        { label: 'positive', pairableValues: 10, specificAgreement: 0.9 },
        { label: 'neutral', pairableValues: 6, specificAgreement: 0.5 },
        { label: 'mixed', pairableValues: 0, specificAgreement: null },
      ],
      0.8,
      theme,
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['neutral', 'positive']);
    const [bars] = seriesOf(option);
    expect(bars?.data).toEqual([
      { value: 0.5, itemStyle: { color: theme.danger, borderRadius: 3 } },
      { value: 0.9, itemStyle: { color: theme.success, borderRadius: 3 } },
    ]);
  });
});

describe('disagreementOption', () => {
  const disagreement = { levels: ['pos', 'neu', 'neg'], counts: [8, 2, 0, 2, 0, 1, 0, 1, 6] };

  it('puts the diagonal and the splits in separate series, the colour scale on the splits only', () => {
    const option = disagreementOption(disagreement, theme);
    const [agreed, split] = seriesOf(option);
    expect(agreed?.data).toEqual([
      { value: [0, 0, 8] },
      { value: [1, 1, 0] },
      { value: [2, 2, 6] },
    ]);
    // The strongest split gets light text on its deep red.
    expect(split?.data).toContainEqual({ value: [1, 0, 2], label: { color: '#ffffff' } });
    expect(split?.data).toContainEqual({ value: [2, 1, 1] });
    expect(split?.data).toHaveLength(6);
    expect(option.visualMap).toMatchObject([
      { seriesIndex: 0 },
      { seriesIndex: 1, min: 0, max: 2 },
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['pos', 'neu', 'neg']);
  });

  it('keeps the labels with the most disagreement when there are too many to read', () => {
    // Label 1 and 3 split with each other; 0 and 2 never disagree.
    const counts = Array.from({ length: 16 }, () => 0);
    counts[1 * 4 + 3] = 5;
    counts[3 * 4 + 1] = 5;
    counts[0] = 4;
    expect(matrixFocus({ levels: ['a', 'b', 'c', 'd'], counts }, 2)).toEqual([1, 3]);
    expect(matrixFocus({ levels: ['a', 'b'], counts: [1, 0, 0, 1] }, 15)).toEqual([0, 1]);
  });
});

describe('annotator charts', () => {
  const person = (userId: string, name: string, goldAccuracy: number | null): AnnotatorQuality => ({
    userId,
    name,
    email: `${userId}@example.org`,
    annotations: 5,
    revisions: 0,
    goldAnswers: 3,
    goldAccuracy,
    agreementWithConsensus: 0.8,
    medianActiveMs: 1000,
    drift: null,
    fatigue: [],
  });

  it('tells apart two people of the same name', () => {
    const { names } = chartedAnnotators([person('a', 'Sam', 0.9), person('b', 'Sam', 0.8)], 15);
    expect(names).toEqual(['Sam (b@example.org)', 'Sam (a@example.org)']);
  });

  it('shows the weakest first, at most `max`, with the retraining line', () => {
    const option = annotatorsOption(
      [person('a', 'Ann', 0.95), person('b', 'Bob', 0.6), person('c', 'Cy', 0.8)],
      theme,
      2,
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['Bob', 'Cy']);
    const [gold, consensus] = seriesOf(option);
    expect(gold?.data).toEqual([0.6, 0.8]);
    expect(consensus?.name).toBe('Agreement with consensus');
    expect(gold?.markLine?.data).toHaveLength(1);
  });
});

describe('textOn', () => {
  it('puts white on a dark red and dark text on the light red of the dark theme', () => {
    expect(textOn('#b3261e')).toBe('#ffffff');
    expect(textOn('#f08a80')).toBe('#161b24');
    expect(textOn('rgb(1, 2, 3)')).toBe('#ffffff');
  });
});

describe('escapeHtml', () => {
  it('keeps names and labels from becoming markup in tooltips', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&\'')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;',
    );
  });
});
