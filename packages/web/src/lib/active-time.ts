// Active time on an item, as cost and fatigue reports need it: time counts only while the tab
// is visible and the annotator did something (a key, a click, a scroll) in the last minute.
// Reading counts — the minute after the last input — but a tab left open over lunch does not.
// A pure value: the component feeds it events with their times and reads the total.

export const IDLE_AFTER_MS = 60_000;

export interface ActiveTime {
  /** Active milliseconds counted up to `markedAt`. */
  readonly activeMs: number;
  /** When the count was last brought up to date. */
  readonly markedAt: number;
  /** The last input; null before the first. */
  readonly lastInputAt: number | null;
  readonly visible: boolean;
}

/** A fresh count that starts at `now`, as if the person had just acted (they opened the page). */
export function startActiveTime(now: number, visible = true): ActiveTime {
  return { activeMs: 0, markedAt: now, lastInputAt: now, visible };
}

/** The count brought up to `now`: the part since the last mark that was visible and not idle. */
function advance(time: ActiveTime, now: number): ActiveTime {
  if (now <= time.markedAt) return time;
  let counted = 0;
  if (time.visible && time.lastInputAt !== null) {
    const from = Math.max(time.markedAt, time.lastInputAt);
    const to = Math.min(now, time.lastInputAt + IDLE_AFTER_MS);
    counted = Math.max(0, to - from);
  }
  return { ...time, activeMs: time.activeMs + counted, markedAt: now };
}

export function recordInput(time: ActiveTime, now: number): ActiveTime {
  return { ...advance(time, now), lastInputAt: now };
}

/** The tab was hidden or shown; coming back counts as an input (the person is here). */
export function recordVisibility(time: ActiveTime, visible: boolean, now: number): ActiveTime {
  const advanced = advance(time, now);
  return visible ? { ...advanced, visible, lastInputAt: now } : { ...advanced, visible };
}

/** Active milliseconds up to `now`, whole. */
export function activeMsAt(time: ActiveTime, now: number): number {
  return Math.round(advance(time, now).activeMs);
}

/** The count for the next item: zero again, keeping whether the person is active and visible. */
export function restartActiveTime(time: ActiveTime, now: number): ActiveTime {
  return { ...advance(time, now), activeMs: 0 };
}
