// The design system's colours for charts, read from the CSS variables of app.css, so a chart
// follows the light or dark theme like the rest of the page — and changes with it.

import { useMemo, useSyncExternalStore } from 'react';
import { LIGHT_CHART_THEME } from '../../lib/quality-charts';
import type { ChartTheme } from '../../lib/quality-charts';

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const scheme = () => (window.matchMedia(DARK).matches ? 'dark' : 'light');

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const t = LIGHT_CHART_THEME;
  return {
    text: token('--text', t.text),
    muted: token('--text-muted', t.muted),
    border: token('--border', t.border),
    surface: token('--surface', t.surface),
    sunken: token('--surface-sunken', t.sunken),
    accent: token('--accent', t.accent),
    danger: token('--danger', t.danger),
    dangerSoft: token('--danger-soft', t.dangerSoft),
    warning: token('--warning', t.warning),
    warningSoft: token('--warning-soft', t.warningSoft),
    success: token('--success', t.success),
    successSoft: token('--success-soft', t.successSoft),
    font: token('--font-sans', t.font),
  };
}

/** The chart colours of the theme in force; a new object when the colour scheme changes. */
export function useChartTheme(): ChartTheme {
  // The CSS variables change with the scheme: read them again whenever it changes.
  const current = useSyncExternalStore(subscribe, scheme);
  return useMemo(() => readTheme(), [current]);
}
