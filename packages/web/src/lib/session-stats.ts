// What an annotator sees of their session: items labelled and given back, active time, time
// per item, and a nudge after 90 minutes of active work: accuracy on demanding labelling tasks
// is known to drop after 90–120 minutes in one session.

export interface SessionStats {
  readonly labelled: number;
  readonly skipped: number;
  /** Active time spent on the items labelled and skipped. */
  readonly activeMs: number;
}

export const NEW_SESSION: SessionStats = { labelled: 0, skipped: 0, activeMs: 0 };

export const BREAK_AFTER_MS = 90 * 60_000;

export function afterLabel(stats: SessionStats, activeMs: number): SessionStats {
  return { ...stats, labelled: stats.labelled + 1, activeMs: stats.activeMs + activeMs };
}

export function afterSkip(stats: SessionStats, activeMs: number): SessionStats {
  return { ...stats, skipped: stats.skipped + 1, activeMs: stats.activeMs + activeMs };
}

/** "under a minute", "12 min", "1 h 05 min". */
export function formatWorkTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "47 s per item", "2.5 min per item"; null before the first item. */
export function timePerItem(stats: SessionStats): string | null {
  const items = stats.labelled + stats.skipped;
  if (items === 0) return null;
  const seconds = stats.activeMs / items / 1000;
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s per item`;
  return `${Math.round((seconds / 60) * 10) / 10} min per item`;
}

export function needsBreak(stats: SessionStats): boolean {
  return stats.activeMs >= BREAK_AFTER_MS;
}
