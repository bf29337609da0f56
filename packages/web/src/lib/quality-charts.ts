// The ECharts options of the quality dashboard, built from the report as plain data so they can
// be tested without a browser. Colours come from the design system's tokens (ChartTheme), read by
// the chart component from CSS, so charts follow the light and dark themes. Tooltips are HTML:
// every label and name in them is escaped, as both come from people.

import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type {
  AgreementPoint,
  AnnotatorQuality,
  FieldAgreement,
  LabelAgreement,
} from '../api/quality';
import { RETRAIN_BELOW, sortAnnotators } from './quality-annotators';
import { formatPairs, labelsWeakestFirst, matrixCells } from './quality-matrix';
import { TENTATIVE_ALPHA, formatAlpha, reliabilityOf } from './quality-verdict';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The design tokens a chart paints with. */
export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly surface: string;
  readonly sunken: string;
  readonly accent: string;
  readonly danger: string;
  readonly dangerSoft: string;
  readonly warning: string;
  readonly warningSoft: string;
  readonly success: string;
  readonly successSoft: string;
  readonly font: string;
}

/** The light theme's tokens (app.css), for tests and as a fallback. */
export const LIGHT_CHART_THEME: ChartTheme = {
  text: '#161b24',
  muted: '#566072',
  border: '#dde1e7',
  surface: '#ffffff',
  sunken: '#f0f2f5',
  accent: '#2450c0',
  danger: '#b3261e',
  dangerSoft: '#fdeeec',
  warning: '#7a5300',
  warningSoft: '#fff6e0',
  success: '#146c3a',
  successSoft: '#e8f5ed',
  font: 'system-ui, sans-serif',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** "83 %" from 0.83; "—" without a value. */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${Math.round(fraction * 100)} %`;
}

/**
 * Text that reads on a background colour ("#rrggbb"): white or near-black, whichever has the
 * higher contrast ratio (WCAG 2 relative luminance). Colours it cannot parse get white.
 */
export function textOn(background: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(background.trim())?.[1];
  if (hex === undefined) return '#ffffff';
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Whichever contrasts more: white (luminance 1) or the text colour #161b24 (about 0.011).
  const onWhite = 1.05 / (luminance + 0.05);
  const onDark = (luminance + 0.05) / 0.061;
  return onWhite >= onDark ? '#ffffff' : '#161b24';
}

/** The colour of a value's band against the threshold: green, amber, red. */
export function bandColor(value: number, threshold: number, theme: ChartTheme): string {
  switch (reliabilityOf(value, threshold)) {
    case 'reliable':
      return theme.success;
    case 'tentative':
      return '#c98a00';
    default:
      return theme.danger;
  }
}

/** The text style of chart axes. */
export function axisText(theme: ChartTheme) {
  return { color: theme.muted, fontFamily: theme.font, fontSize: 12 };
}

/** The look every chart tooltip shares. */
export function tooltipBase(theme: ChartTheme): TooltipComponentOption {
  return {
    backgroundColor: theme.surface,
    borderColor: theme.border,
    textStyle: { color: theme.text, fontFamily: theme.font, fontSize: 12 },
    confine: true,
  };
}

const percentAxis = (value: number) => `${Math.round(value * 100)} %`;

/** The axis of a horizontal bar chart's rows: one per name, the first at the top. */
export function barRowsAxis(names: readonly string[], theme: ChartTheme, labelWidth = 160) {
  return {
    type: 'category' as const,
    inverse: true,
    data: [...names],
    axisLabel: {
      ...axisText(theme),
      color: theme.text,
      width: labelWidth,
      overflow: 'truncate' as const,
    },
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { show: false },
  };
}

/** Height in px for a chart of `rows` horizontal bars or matrix rows. */
export function chartHeight(rows: number, perRow: number, chrome: number, min = 160): number {
  return Math.max(min, rows * perRow + chrome);
}

/**
 * α day by day (cumulative over the items completed so far), against the policy's threshold and
 * the 0.667 floor of tentative conclusions, the unreliable zone shaded.
 */
export function agreementOverTimeOption(
  points: readonly AgreementPoint[],
  threshold: number,
  theme: ChartTheme,
): ChartOption {
  const values = points.map((p) => p.krippendorff_alpha);
  const lowest = Math.min(0, ...values.filter((v): v is number => v !== null));
  const min = Math.floor(lowest * 10) / 10;
  const lines: NonNullable<MarkLineComponentOption['data']> = [
    {
      yAxis: threshold,
      lineStyle: { color: theme.success, type: 'solid', width: 1.5 },
      label: {
        formatter: `threshold ${threshold}`,
        position: 'insideEndTop',
        color: theme.success,
        fontFamily: theme.font,
      },
    },
  ];
  if (threshold - TENTATIVE_ALPHA > 0.02) {
    lines.push({
      yAxis: TENTATIVE_ALPHA,
      lineStyle: { color: theme.danger, type: 'dashed', width: 1 },
      label: {
        formatter: `tentative below ${threshold}, unreliable below ${TENTATIVE_ALPHA}`,
        position: 'insideEndBottom',
        color: theme.danger,
        fontFamily: theme.font,
      },
    });
  }
  return {
    animationDuration: 300,
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const point = points[first.dataIndex];
        if (point === undefined) return '';
        return `<strong>${escapeHtml(point.date)}</strong><br/>α = ${formatAlpha(point.krippendorff_alpha)}<br/>${point.units.toLocaleString('en-US')} items with two or more labels`;
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.date),
      boundaryGap: points.length < 2,
      axisLabel: axisText(theme),
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      min,
      max: 1,
      interval: 0.2,
      axisLabel: { ...axisText(theme), formatter: (v: number) => v.toFixed(1) },
      splitLine: { lineStyle: { color: theme.border, type: 'dashed' } },
    },
    series: [
      {
        type: 'line',
        name: 'α',
        data: values,
        connectNulls: true,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color: theme.accent, width: 2 },
        itemStyle: { color: theme.accent },
        // Few days: each point carries its α; many: the line speaks and the tooltip tells.
        label: {
          show: points.length <= 14,
          position: 'top',
          color: theme.text,
          fontFamily: theme.font,
          formatter: (params: { value?: unknown }) =>
            typeof params.value === 'number' ? formatAlpha(params.value) : '',
        },
        markLine: { silent: true, symbol: 'none', data: lines },
        markArea: {
          silent: true,
          itemStyle: { color: theme.dangerSoft, opacity: 0.6 },
          data: [[{ yAxis: min }, { yAxis: Math.min(TENTATIVE_ALPHA, threshold) }]],
        },
      },
    ],
  };
}

/**
 * Specific agreement per label, weakest at the top, each bar coloured by its band against the
 * threshold and labelled with its share and the number of pairable values behind it.
 */
export function perLabelOption(
  perLabel: readonly LabelAgreement[],
  threshold: number,
  theme: ChartTheme,
): ChartOption {
  const { measured } = labelsWeakestFirst(perLabel);
  return {
    animationDuration: 300,
    grid: {
      left: 12,
      right: 112,
      top: 8,
      bottom: 28,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'item',
      formatter: (params: unknown) => {
        const label = measured[(params as { dataIndex: number }).dataIndex];
        if (label === undefined) return '';
        return `<strong>${escapeHtml(String(label.label))}</strong><br/>${percent(label.specificAgreement)} of its ${formatPairs(label.pairableValues)} pairable values were matched by the same label`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 0.25,
      axisLabel: { ...axisText(theme), formatter: percentAxis },
      splitLine: { lineStyle: { color: theme.border, type: 'dashed' } },
    },
    yAxis: barRowsAxis(
      measured.map((l) => String(l.label)),
      theme,
    ),
    series: [
      {
        type: 'bar',
        name: 'Specific agreement',
        barMaxWidth: 20,
        data: measured.map((l) => ({
          value: l.specificAgreement,
          itemStyle: { color: bandColor(l.specificAgreement, threshold, theme), borderRadius: 3 },
        })),
        label: {
          show: true,
          position: 'right',
          color: theme.muted,
          fontFamily: theme.font,
          formatter: (params: { dataIndex: number }) => {
            const label = measured[params.dataIndex];
            return label === undefined
              ? ''
              : `${percent(label.specificAgreement)}  (n = ${formatPairs(label.pairableValues)})`;
          },
        },
      },
    ],
  };
}

/**
 * The labels of the matrix worth showing when there are too many to read: those with the most
 * disagreement, kept in the taxonomy's order. Returns the indices into `levels`.
 */
export function matrixFocus(
  disagreement: FieldAgreement['disagreement'],
  max: number,
): readonly number[] {
  const k = disagreement.levels.length;
  const all = Array.from({ length: k }, (_, i) => i);
  if (k <= max) return all;
  const split = all.map((i) => {
    let off = 0;
    for (let j = 0; j < k; j++) if (j !== i) off += disagreement.counts[i * k + j] ?? 0;
    return { i, off };
  });
  return split
    .sort((a, b) => b.off - a.off || a.i - b.i)
    .slice(0, max)
    .map((s) => s.i)
    .sort((a, b) => a - b);
}

/**
 * The coincidence matrix as a heat map, labels on both axes: the diagonal (agreement) in a calm
 * green, the off-diagonal cells (where annotators split) on a scale from blank to red, so the
 * boundaries that need a decision rule stand out.
 */
export function disagreementOption(
  disagreement: FieldAgreement['disagreement'],
  theme: ChartTheme,
  maxLabels = 15,
): ChartOption {
  const keep = matrixFocus(disagreement, maxLabels);
  const position = new Map(keep.map((index, at) => [index, at]));
  const levels = keep.map((i) => String(disagreement.levels[i] ?? i));
  const cells = matrixCells(disagreement).filter(
    (c) => position.has(c.row) && position.has(c.column),
  );
  const maxOff = Math.max(1, ...cells.filter((c) => !c.diagonal).map((c) => c.count));
  const point = (c: (typeof cells)[number]) => ({
    value: [position.get(c.column) ?? 0, position.get(c.row) ?? 0, c.count],
    // The strong end of the scale is the theme's red: its count gets text that reads on it.
    ...(!c.diagonal && c.count / maxOff > 0.55 ? { label: { color: textOn(theme.danger) } } : {}),
  });
  const cellLabel = (color: string) => ({
    show: true,
    color,
    fontFamily: theme.font,
    fontSize: 12,
    formatter: (params: { value?: unknown }) => {
      const count = Array.isArray(params.value) ? Number(params.value[2]) : 0;
      return count > 0 ? formatPairs(count) : '';
    },
  });
  const names = (params: unknown) => {
    const value = (params as { value?: unknown }).value;
    if (!Array.isArray(value)) return '';
    const [x, y, count] = value as [number, number, number];
    const a = escapeHtml(levels[y] ?? '');
    const b = escapeHtml(levels[x] ?? '');
    return x === y
      ? `<strong>${a}</strong> ↔ <strong>${a}</strong><br/>${formatPairs(count)} agreeing pairs`
      : `<strong>${a}</strong> ↔ <strong>${b}</strong><br/>${formatPairs(count)} disagreeing pairs: one annotator said ${a}, another ${b}`;
  };
  return {
    animationDuration: 300,
    grid: {
      left: 12,
      right: 12,
      top: 40,
      bottom: 12,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: { ...tooltipBase(theme), trigger: 'item', formatter: names },
    xAxis: {
      type: 'category',
      data: levels,
      position: 'top',
      axisLabel: {
        ...axisText(theme),
        color: theme.text,
        interval: 0,
        width: 90,
        overflow: 'truncate',
      },
      axisLine: { show: false },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: levels,
      inverse: true,
      axisLabel: { ...axisText(theme), color: theme.text, width: 140, overflow: 'truncate' },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    // A heat map takes its colours from a visual map: the diagonal one calm and flat, the
    // off-diagonal one from blank to red.
    visualMap: [
      {
        type: 'continuous',
        seriesIndex: 0,
        min: 0,
        max: 1,
        show: false,
        inRange: { color: [theme.successSoft, theme.successSoft] },
      },
      {
        type: 'continuous',
        seriesIndex: 1,
        min: 0,
        max: maxOff,
        show: false,
        inRange: { color: [theme.sunken, '#f3c26b', theme.danger] },
      },
    ],
    series: [
      {
        type: 'heatmap',
        name: 'Agreed',
        data: cells.filter((c) => c.diagonal).map(point),
        itemStyle: { borderColor: theme.surface, borderWidth: 3 },
        label: cellLabel(theme.success),
        emphasis: { disabled: true },
      },
      {
        type: 'heatmap',
        name: 'Split',
        data: cells.filter((c) => !c.diagonal).map(point),
        itemStyle: { borderColor: theme.surface, borderWidth: 3 },
        label: cellLabel(theme.text),
        emphasis: { itemStyle: { borderColor: theme.text, borderWidth: 1 } },
      },
    ],
  };
}

/** The annotators charted: at most `max`, weakest gold accuracy first; names made unique. */
export function chartedAnnotators(
  annotators: readonly AnnotatorQuality[],
  max: number,
): { readonly shown: readonly AnnotatorQuality[]; readonly names: readonly string[] } {
  const shown = sortAnnotators(annotators, 'gold').slice(0, max);
  const count = new Map<string, number>();
  for (const a of shown) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  const names = shown.map((a) =>
    (count.get(a.name) ?? 0) > 1 ? `${a.name} (${a.email})` : a.name,
  );
  return { shown, names };
}

/**
 * Gold accuracy and agreement with consensus per annotator, side by side, weakest gold first, with
 * the 70 % line below which annotators are retrained.
 */
export function annotatorsOption(
  annotators: readonly AnnotatorQuality[],
  theme: ChartTheme,
  max = 15,
): ChartOption {
  const { shown, names } = chartedAnnotators(annotators, max);
  const bar = (
    name: string,
    color: string,
    pick: (a: AnnotatorQuality) => number | null,
  ): BarSeriesOption => ({
    type: 'bar',
    name,
    barMaxWidth: 12,
    barGap: '20%',
    itemStyle: { color, borderRadius: 2 },
    data: shown.map(pick),
    label: {
      show: true,
      position: 'right',
      color: theme.muted,
      fontFamily: theme.font,
      fontSize: 11,
      formatter: (params: { value?: unknown }) =>
        typeof params.value === 'number' ? percent(params.value) : '',
    },
  });
  const gold = bar('Gold accuracy', theme.accent, (a) => a.goldAccuracy);
  gold.markLine = {
    silent: true,
    symbol: 'none',
    data: [
      {
        xAxis: RETRAIN_BELOW,
        lineStyle: { color: theme.danger, type: 'dashed' },
        label: {
          formatter: `retrain below ${percent(RETRAIN_BELOW)}`,
          // The category axis is inverted: the line starts at the top.
          position: 'start',
          color: theme.danger,
          fontFamily: theme.font,
        },
      },
    ],
  };
  return {
    animationDuration: 300,
    legend: {
      top: 0,
      left: 0,
      itemWidth: 12,
      itemHeight: 12,
      textStyle: { color: theme.muted, fontFamily: theme.font },
    },
    grid: {
      left: 12,
      right: 48,
      top: 36,
      bottom: 28,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const a = shown[first.dataIndex];
        if (a === undefined) return '';
        return `<strong>${escapeHtml(a.name)}</strong><br/>Gold accuracy ${percent(a.goldAccuracy)} (${a.goldAnswers} gold answers)<br/>Agreement with consensus ${percent(a.agreementWithConsensus)}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 0.25,
      axisLabel: { ...axisText(theme), formatter: percentAxis },
      splitLine: { lineStyle: { color: theme.border, type: 'dashed' } },
    },
    yAxis: barRowsAxis(names, theme, 150),
    series: [gold, bar('Agreement with consensus', '#7c8db5', (a) => a.agreementWithConsensus)],
  };
}
