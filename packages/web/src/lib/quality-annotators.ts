// The annotator table of the quality dashboard: orderings a manager asks for, the badges that
// flag someone to look at (drift on gold, fatigue late in sessions, low gold accuracy), and
// durations in words.

import type { AnnotatorQuality, QualityAlert } from '../api/quality';

/** Below this gold accuracy an annotator is retrained or reassigned (common practice: 70 %). */
export const RETRAIN_BELOW = 0.7;

export type AnnotatorSort = 'name' | 'gold' | 'consensus' | 'annotations' | 'time';

export const ANNOTATOR_SORTS: readonly { readonly id: AnnotatorSort; readonly label: string }[] = [
  { id: 'gold', label: 'Gold accuracy, lowest first' },
  { id: 'consensus', label: 'Agreement with consensus, lowest first' },
  { id: 'annotations', label: 'Annotations, most first' },
  { id: 'time', label: 'Time per item, fastest first' },
  { id: 'name', label: 'Name' },
];

/** `?sort=`; anything unknown is the default, weakest gold accuracy first. */
export function parseAnnotatorSort(value: string | null): AnnotatorSort {
  return ANNOTATOR_SORTS.find((s) => s.id === value)?.id ?? 'gold';
}

/** Lowest first, with "not measured yet" after every number. */
function ascending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

export function sortAnnotators(
  annotators: readonly AnnotatorQuality[],
  sort: AnnotatorSort,
): AnnotatorQuality[] {
  const byName = (a: AnnotatorQuality, b: AnnotatorQuality) =>
    a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
  const order: Record<AnnotatorSort, (a: AnnotatorQuality, b: AnnotatorQuality) => number> = {
    name: byName,
    gold: (a, b) => ascending(a.goldAccuracy, b.goldAccuracy) || byName(a, b),
    consensus: (a, b) =>
      ascending(a.agreementWithConsensus, b.agreementWithConsensus) || byName(a, b),
    annotations: (a, b) => b.annotations - a.annotations || byName(a, b),
    time: (a, b) => ascending(a.medianActiveMs, b.medianActiveMs) || byName(a, b),
  };
  return [...annotators].sort(order[sort]);
}

export type AnnotatorFlag =
  | { readonly kind: 'drift'; readonly label: string; readonly detail: string }
  | { readonly kind: 'fatigue'; readonly label: string; readonly detail: string }
  | { readonly kind: 'low-gold'; readonly label: string; readonly detail: string };

/**
 * What to look at for one annotator: CUSUM drift from their `drift` figures, and the server's
 * fatigue and low-gold alerts about them (the server applies the thresholds; the text is its own).
 */
export function annotatorFlags(
  annotator: AnnotatorQuality,
  alerts: readonly QualityAlert[],
): AnnotatorFlag[] {
  const flags: AnnotatorFlag[] = [];
  const about = alerts.filter((a) => a.userId === annotator.userId);
  const drift = annotator.drift;
  const driftAlert = about.find((a) => a.kind === 'gold-drift');
  if ((drift !== null && drift.firstAlarm !== null) || driftAlert !== undefined) {
    flags.push({
      kind: 'drift',
      label: 'Drift',
      detail:
        driftAlert?.message ??
        `Gold errors rose above the 10 % target from gold answer ${drift?.firstAlarm ?? '?'} on (CUSUM).`,
    });
  }
  const fatigue = about.find((a) => a.kind === 'fatigue');
  if (fatigue !== undefined)
    flags.push({ kind: 'fatigue', label: 'Fatigue', detail: fatigue.message });
  const lowGold = about.find((a) => a.kind === 'low-gold-accuracy');
  if (lowGold !== undefined) {
    flags.push({ kind: 'low-gold', label: 'Low gold accuracy', detail: lowGold.message });
  }
  return flags;
}

/** The 1-based page of the sorted table that holds an annotator; null when absent. */
export function pageOfAnnotator(
  sorted: readonly AnnotatorQuality[],
  userId: string,
  pageSize: number,
): number | null {
  const index = sorted.findIndex((a) => a.userId === userId);
  return index === -1 ? null : Math.floor(index / pageSize) + 1;
}

/** "850 ms", "4.2 s", "38 s", "2 min 5 s", "1 h 4 min"; "—" without a value. */
export function formatActiveTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) {
    const rest = whole % 60;
    return rest === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${rest} s`;
  }
  const minutes = Math.round(whole / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** Gold accuracy in each part of a session, for a tooltip: "0–30 min 95 % (20), 90–120 min 70 % (8)". */
export function describeFatigue(annotator: AnnotatorQuality): string | null {
  const buckets = annotator.fatigue.filter((b) => b.total > 0 && b.accuracy !== null);
  if (buckets.length === 0) return null;
  return buckets
    .map((b) => `${b.bucket} min: ${Math.round((b.accuracy ?? 0) * 100)} % of ${b.total}`)
    .join(', ');
}
