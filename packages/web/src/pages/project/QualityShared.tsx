// Pieces the quality, adjudication and snapshot tabs share: their API client, charts loaded on
// demand, small figures and badges.

import type { ReactNode } from 'react';
import { Component, Suspense, lazy, useMemo } from 'react';
import { CSRF_COOKIE, readCookie } from '../../api/client';
import type { ApiClient } from '../../api/client';
import { createQualityApi } from '../../api/quality';
import type { QualityApi } from '../../api/quality';
import type { EChartProps } from '../../components/charts/EChart';
import type { Reliability } from '../../lib/quality-verdict';
import '../../components/charts/quality.css';

/**
 * The client of the quality, review and snapshot routes, with the app's transport. A 401 is
 * passed on through one request of the app's own client, which then ends the session the way
 * every other page does (back to sign-in, returning here afterwards).
 */
export function useQualityApi(api: ApiClient, projectId: string): QualityApi {
  return useMemo(
    () =>
      createQualityApi({
        fetch: (url, init) => window.fetch(url, init),
        csrfToken: () => readCookie(document.cookie, CSRF_COOKIE),
        onSessionEnded: () => {
          api.getProject(projectId).catch(() => undefined);
        },
      }),
    [api, projectId],
  );
}

// ECharts is loaded with the first chart, so annotators and every other page never download it.
const LazyEChart = lazy(() => import('../../components/charts/EChart'));

/** A chart that failed (its code did not load, or drawing threw) says so in its own space. */
class ChartBoundary extends Component<
  { readonly height: number; readonly children: ReactNode },
  { readonly failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="chart chart--loading" style={{ height: this.props.height }} role="alert">
        This chart could not be drawn. Reload the page; the figures in the text still hold.
      </div>
    );
  }
}

/** A chart, loaded on demand; its space is kept while it loads so the page does not jump. */
export function Chart(props: EChartProps) {
  return (
    <ChartBoundary height={props.height}>
      <Suspense
        fallback={
          <div className="chart chart--loading" style={{ height: props.height }}>
            Drawing the chart…
          </div>
        }
      >
        <LazyEChart {...props} />
      </Suspense>
    </ChartBoundary>
  );
}

/** A card with a heading, a line on how to read it, and its content. */
export function Panel({
  id,
  title,
  description,
  actions,
  children,
  className = '',
}: {
  readonly id: string;
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string;
}) {
  return (
    <section className={`card panel ${className}`} aria-labelledby={`${id}-title`} id={id}>
      <header className="panel__header">
        <div>
          <h3 className="panel__title" id={`${id}-title`}>
            {title}
          </h3>
          {description !== undefined && <p className="panel__description">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

export const RELIABILITY_TONES: Readonly<Record<Reliability, string>> = {
  reliable: 'good',
  tentative: 'warn',
  unreliable: 'bad',
  unmeasured: 'none',
};

/** A small coloured word: "Reliable", "Drift", "Adjudicated". */
export function Badge({
  tone,
  children,
  title,
}: {
  /** good, warn, bad, none, info or accent. */
  readonly tone: string;
  readonly children: ReactNode;
  readonly title?: string;
}) {
  return (
    <span className={`q-badge q-badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

/** A figure with its label and a note under it. */
export function Figure({
  label,
  value,
  note,
  title,
}: {
  readonly label: string;
  readonly value: ReactNode;
  readonly note?: ReactNode;
  readonly title?: string;
}) {
  return (
    <div className="figure" title={title}>
      <div className="figure__label">{label}</div>
      <div className="figure__value">{value}</div>
      {note !== undefined && <div className="figure__note">{note}</div>}
    </div>
  );
}

/** "14:03:12 UTC" for the time a figure was read. */
export function clockUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}
