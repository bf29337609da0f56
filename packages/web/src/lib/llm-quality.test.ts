import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../api/quality';
import type { LlmStepsQuality, LlmTradeOff } from '../api/types';
import {
  POSITION_MIN_CHOICES,
  describeKendallW,
  describeTradeOff,
  dimensionAlphaOption,
  hasPairs,
  llmFields,
  positionBias,
  stepLabels,
  tradeOffsHighestFirst,
} from './llm-quality';
import { LIGHT_CHART_THEME as theme } from './quality-charts';

describe('positionBias', () => {
  it('flags a lean beyond 60/40 of strict choices, ties left out, and says what to do', () => {
    // 14 A, 6 B: 70 % of the 20 strict choices; the 30 ties do not dilute the lean.
    const bias = positionBias({ A: 14, B: 6, tie: 30 });
    expect(bias.strict).toBe(20);
    expect(bias.shareA).toBeCloseTo(0.7, 12);
    expect(bias.leansTo).toBe('A');
    expect(bias.message).toContain('A 70 % / B 30 % of 20 strict choices');
    expect(bias.message).toContain('shown first');
    expect(positionBias({ A: 6, B: 18, tie: 0 }).leansTo).toBe('B');
    // 7 of 10 happens by chance one time in three: not flagged yet.
    expect(positionBias({ A: 7, B: 3, tie: 0 }).leansTo).toBeNull();
  });

  it('calls 60/40 exactly balanced', () => {
    const bias = positionBias({ A: 12, B: 8, tie: 0 });
    expect(bias.leansTo).toBeNull();
    expect(bias.message).toMatch(/^Balanced/);
  });

  it('does not flag a lean on too few choices, nor without strict ones', () => {
    const few = positionBias({ A: POSITION_MIN_CHOICES - 1, B: 0, tie: 0 });
    expect(few.leansTo).toBeNull();
    expect(few.message).toContain('too few');
    expect(positionBias({ A: 0, B: 0, tie: 4 })).toMatchObject({ shareA: null, leansTo: null });
    expect(positionBias({ A: 0, B: 0, tie: 0 }).message).toBe('No choice made yet.');
  });
});

describe('trade-offs', () => {
  const t = (a: string, b: string, opposed: number, compared: number): LlmTradeOff => ({
    a,
    b,
    opposed,
    compared,
    rate: compared === 0 ? null : opposed / compared,
    items: 1,
  });

  it('orders by rate, highest first, and leaves out pairs never compared', () => {
    const sorted = tradeOffsHighestFirst([
      t('accuracy', 'safety', 3, 10),
      t('brevity', 'completeness', 8, 25),
      t('helpfulness', 'safety', 0, 0),
      t('accuracy', 'helpfulness', 2, 20),
    ]);
    expect(sorted.map((x) => `${x.a}/${x.b}`)).toEqual([
      'brevity/completeness',
      'accuracy/safety',
      'accuracy/helpfulness',
    ]);
  });

  it('says it in a sentence', () => {
    expect(describeTradeOff(t('brevity', 'completeness', 8, 25))).toBe(
      'Annotators who prefer one response on brevity prefer the other on completeness in 32 % of comparisons (8 of 25).',
    );
  });
});

describe('reading the report', () => {
  it('takes the llm section when there is one', () => {
    const base = { fields: [] } as unknown as QualityReport;
    expect(llmFields(base)).toEqual([]);
    const llm = [{ field: 'steps', type: 'steps', units: 0 }];
    expect(llmFields({ ...base, llm } as unknown as QualityReport)).toBe(llm);
  });

  it('knows whether any item was labelled twice', () => {
    expect(hasPairs({ type: 'ranking', items: 0 } as never)).toBe(false);
    expect(hasPairs({ type: 'ranking', items: 3 } as never)).toBe(true);
    expect(hasPairs({ type: 'pairwise', units: 0 } as never)).toBe(false);
    expect(hasPairs({ type: 'steps', units: 5 } as never)).toBe(true);
  });

  it('words Kendall’s W', () => {
    expect(describeKendallW(null)).toBe('not measured yet');
    expect(describeKendallW(1)).toBe('strong agreement');
    expect(describeKendallW(0.1)).toBe('little agreement');
  });

  it('gives step labels the per-label chart’s shape, an unmeasured label null', () => {
    const field = {
      perLabel: [
        { label: 'correct', ratings: 6, specificAgreement: 0.75, kappa: 0.4 },
        { label: 'wrong', ratings: 0, specificAgreement: null, kappa: null },
      ],
    } as unknown as LlmStepsQuality;
    expect(stepLabels(field)).toEqual([
      { label: 'correct', pairableValues: 6, specificAgreement: 0.75 },
      { label: 'wrong', pairableValues: 0, specificAgreement: null },
    ]);
  });
});

describe('dimensionAlphaOption', () => {
  type Bar = { value: number; itemStyle: { color: string } };
  type Series = { data: Bar[]; markLine: { data: { xAxis: number }[] } };

  it('draws a bar per dimension coloured by band, with the threshold and the 0.667 floor', () => {
    const option = dimensionAlphaOption(
      [
        { name: 'Accuracy', alpha: 0.9, units: 12 },
        { name: 'Safety', alpha: 0.7, units: 12 },
        { name: 'Helpfulness', alpha: -0.25, units: 12 },
        { name: 'Style', alpha: null, units: 0 },
      ],
      0.8,
      theme,
    );
    const [series] = option.series as Series[];
    expect(series?.data.map((d) => d.value)).toEqual([0.9, 0.7, -0.25, 0]);
    expect(series?.data.map((d) => d.itemStyle.color)).toEqual([
      theme.success,
      '#c98a00',
      theme.danger,
      theme.border,
    ]);
    expect(series?.markLine.data.map((d) => d.xAxis)).toEqual([0.8, 0.667]);
    // The axis reaches down to the lowest α.
    expect((option.xAxis as { min: number }).min).toBe(-0.3);
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'Accuracy',
      'Safety',
      'Helpfulness',
      'Style',
    ]);
  });
});
