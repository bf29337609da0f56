import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';
import type { ChartOption } from '../../lib/quality-charts';
import { init } from './echarts';

export interface EChartProps {
  readonly option: ChartOption;
  /** In px; the width follows the container. */
  readonly height: number;
  /** What the chart shows, in a sentence, for screen readers (the drawing itself is hidden). */
  readonly label: string;
}

/**
 * One ECharts chart in a div: created on mount, given each new option (merged, so a refresh with
 * the same figures does not replay the animation), resized with its container, disposed on
 * unmount. The default export, so pages can load it (and ECharts) lazily.
 */
export default function EChart({ option, height, label }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const instance = init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option);
  }, [option]);

  return (
    <div
      ref={container}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-chart-ready="true"
    />
  );
}
