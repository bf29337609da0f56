// The quality dashboard's reading of the agreement of LLM feedback fields (pairwise, ranking,
// steps): position bias in words, trade-offs between dimensions highest first, and the chart of α
// per dimension against the policy's threshold. Plain data, testable without a browser.

import type { QualityReport } from '../api/quality';
import type {
  ChoiceDistribution,
  LlmFieldQuality,
  LlmStepsQuality,
  LlmTradeOff,
} from '../api/types';
import { humanize } from './annotation-draft';
import type { ChartOption, ChartTheme } from './quality-charts';
import {
  axisText,
  bandColor,
  barRowsAxis,
  escapeHtml,
  percent,
  tooltipBase,
} from './quality-charts';
import { TENTATIVE_ALPHA, formatAlpha } from './quality-verdict';

/** The `llm` section of a quality report; an older server without it gives none. */
export function llmFields(report: QualityReport): readonly LlmFieldQuality[] {
  const llm = (report as QualityReport & { readonly llm?: unknown }).llm;
  return Array.isArray(llm) ? (llm as LlmFieldQuality[]) : [];
}

/** Beyond this share of strict (A or B) choices for one side, the lean is flagged. */
export const POSITION_LEAN = 0.6;
/**
 * Fewer strict choices than this are too few to call a lean: 7 of 10 for one side happens by
 * chance one time in three (two-sided binomial), 14 of 20 about one time in nine.
 */
export const POSITION_MIN_CHOICES = 20;

export interface PositionBias {
  /** Choices of A or B (ties left out). */
  readonly strict: number;
  /** A's share of the strict choices; null without any. */
  readonly shareA: number | null;
  /** The side chosen beyond POSITION_LEAN of strict choices, with enough of them; else null. */
  readonly leansTo: 'A' | 'B' | null;
  /** One sentence a manager can act on. */
  readonly message: string;
}

/**
 * Whether annotators pick the first or second response more than chance would suggest. Responses
 * are shown in a fixed order, so a lean beyond 60/40 of strict choices hints that the position,
 * not the content, decides (or that the data put the better response first).
 */
export function positionBias(d: ChoiceDistribution): PositionBias {
  const strict = d.A + d.B;
  if (strict === 0)
    return {
      strict,
      shareA: null,
      leansTo: null,
      message:
        d.tie === 0 ? 'No choice made yet.' : 'Only ties so far: no side is preferred to judge.',
    };
  const shareA = d.A / strict;
  const lean = shareA > POSITION_LEAN ? 'A' : 1 - shareA > POSITION_LEAN ? 'B' : null;
  const split = `A ${percent(shareA)} / B ${percent(1 - shareA)} of ${strict} strict choices`;
  if (lean === null)
    return {
      strict,
      shareA,
      leansTo: null,
      message: `Balanced: ${split}. No sign of position bias.`,
    };
  if (strict < POSITION_MIN_CHOICES)
    return {
      strict,
      shareA,
      leansTo: null,
      message: `${split}: too few to tell a lean from chance; look again after ${POSITION_MIN_CHOICES} choices.`,
    };
  return {
    strict,
    shareA,
    leansTo: lean,
    message: `Leans to ${lean} (${split}): possible position bias. Check that the better response is not usually shown ${lean === 'A' ? 'first' : 'second'} in the data, shuffle the order on import, and remind annotators to read both responses fully.`,
  };
}

/** Trade-offs with at least one comparison, highest rate first (more comparisons break ties). */
export function tradeOffsHighestFirst(list: readonly LlmTradeOff[]): readonly LlmTradeOff[] {
  return list
    .filter((t) => t.compared > 0 && t.rate !== null)
    .slice()
    .sort((x, y) => (y.rate ?? 0) - (x.rate ?? 0) || y.compared - x.compared);
}

/** "Annotators who prefer one response on brevity prefer the other on completeness in 32 % of comparisons." */
export function describeTradeOff(t: LlmTradeOff): string {
  return `Annotators who prefer one response on ${humanize(t.a).toLowerCase()} prefer the other on ${humanize(t.b).toLowerCase()} in ${percent(t.rate)} of comparisons (${t.opposed} of ${t.compared}).`;
}

/** Whether a field has any item labelled twice, so that agreement can be read at all. */
export function hasPairs(field: LlmFieldQuality): boolean {
  return field.type === 'ranking' ? field.items > 0 : field.units > 0;
}

/** Kendall's W in words. */
export function describeKendallW(w: number | null): string {
  if (w === null) return 'not measured yet';
  if (w >= 0.7) return 'strong agreement';
  if (w >= 0.5) return 'moderate agreement';
  if (w >= 0.3) return 'weak agreement';
  return 'little agreement';
}

/** The step labels in the shape of the per-label chart (ratings as its values), for perLabelOption. */
export function stepLabels(field: LlmStepsQuality) {
  return field.perLabel.map((l) => ({
    label: l.label,
    pairableValues: l.ratings,
    specificAgreement:
      l.specificAgreement !== null && Number.isFinite(l.specificAgreement)
        ? l.specificAgreement
        : null,
  }));
}

export interface AlphaBar {
  readonly name: string;
  readonly alpha: number | null;
  readonly units: number;
}

/**
 * α per dimension as horizontal bars against the policy's threshold (a solid line) and the 0.667
 * floor (dashed), in the order given; a dimension not measured yet has no bar and says so.
 */
export function dimensionAlphaOption(
  bars: readonly AlphaBar[],
  threshold: number,
  theme: ChartTheme,
): ChartOption {
  const text = axisText(theme);
  const min = Math.min(0, ...bars.map((b) => Math.floor((b.alpha ?? 0) * 10) / 10));
  return {
    animationDuration: 300,
    grid: {
      left: 12,
      right: 96,
      top: 24,
      bottom: 28,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'item',
      formatter: (params: unknown) => {
        const bar = bars[(params as { dataIndex: number }).dataIndex];
        if (bar === undefined) return '';
        return `<strong>${escapeHtml(bar.name)}</strong><br/>α = ${formatAlpha(bar.alpha)} on ${bar.units} items with two or more judgments`;
      },
    },
    xAxis: {
      type: 'value',
      min,
      max: 1,
      interval: 0.2,
      axisLabel: { ...text, formatter: (v: number) => v.toFixed(1) },
      splitLine: { lineStyle: { color: theme.border, type: 'dashed' } },
    },
    yAxis: barRowsAxis(
      bars.map((b) => b.name),
      theme,
    ),
    series: [
      {
        type: 'bar',
        name: 'α',
        barMaxWidth: 20,
        data: bars.map((b) => ({
          value: b.alpha ?? 0,
          itemStyle: {
            color: b.alpha === null ? theme.border : bandColor(b.alpha, threshold, theme),
            borderRadius: 3,
          },
        })),
        label: {
          show: true,
          position: 'right',
          color: theme.muted,
          fontFamily: theme.font,
          // Legible where a threshold line crosses the label.
          backgroundColor: theme.surface,
          padding: [1, 3],
          formatter: (params: { dataIndex: number }) => {
            const bar = bars[params.dataIndex];
            if (bar === undefined) return '';
            return bar.alpha === null
              ? 'not measured'
              : `α ${formatAlpha(bar.alpha)}  (n = ${bar.units})`;
          },
        },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [
            {
              xAxis: threshold,
              lineStyle: { color: theme.success, type: 'solid', width: 1.5 },
              label: {
                formatter: `needed ${threshold}`,
                position: 'start',
                color: theme.success,
                fontFamily: theme.font,
              },
            },
            ...(threshold - TENTATIVE_ALPHA > 0.02
              ? [
                  {
                    xAxis: TENTATIVE_ALPHA,
                    lineStyle: { color: theme.danger, type: 'dashed' as const, width: 1 },
                    label: { show: false },
                  },
                ]
              : []),
          ],
        },
      },
    ],
  };
}
