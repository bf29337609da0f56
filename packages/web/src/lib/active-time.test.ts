import { describe, expect, it } from 'vitest';
import {
  IDLE_AFTER_MS,
  activeMsAt,
  recordInput,
  recordVisibility,
  restartActiveTime,
  startActiveTime,
} from './active-time';

describe('active time', () => {
  it('counts while the person acts, and up to a minute of reading after the last input', () => {
    let time = startActiveTime(0);
    time = recordInput(time, 10_000);
    expect(activeMsAt(time, 30_000)).toBe(30_000);
    // Nothing after 10 s: counting stops a minute later, at 70 s.
    expect(activeMsAt(time, 200_000)).toBe(10_000 + IDLE_AFTER_MS);
  });

  it('resumes at the next input after an idle stretch, without counting the gap', () => {
    let time = startActiveTime(0);
    time = recordInput(time, 300_000); // back from a five-minute pause
    expect(activeMsAt(time, 305_000)).toBe(IDLE_AFTER_MS + 5_000);
  });

  it('does not count while the tab is hidden, and counts again once it is shown', () => {
    let time = startActiveTime(0);
    time = recordVisibility(time, false, 5_000);
    expect(activeMsAt(time, 50_000)).toBe(5_000);
    time = recordVisibility(time, true, 50_000);
    expect(activeMsAt(time, 52_000)).toBe(7_000);
  });

  it('starts from zero for the next item, still active', () => {
    let time = startActiveTime(0);
    time = recordInput(time, 20_000);
    time = restartActiveTime(time, 25_000);
    expect(activeMsAt(time, 25_000)).toBe(0);
    expect(activeMsAt(time, 30_000)).toBe(5_000);
  });

  it('never counts backwards when events arrive out of order', () => {
    const time = recordInput(startActiveTime(1_000), 500);
    expect(activeMsAt(time, 400)).toBe(0);
    expect(activeMsAt(time, 2_000)).toBeGreaterThanOrEqual(1_000);
  });
});
