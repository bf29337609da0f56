import { describe, expect, it } from 'vitest';
import {
  BREAK_AFTER_MS,
  NEW_SESSION,
  afterLabel,
  afterSkip,
  formatWorkTime,
  needsBreak,
  timePerItem,
} from './session-stats';

describe('session stats', () => {
  it('counts labelled and skipped items and the active time of both', () => {
    const stats = afterSkip(afterLabel(afterLabel(NEW_SESSION, 30_000), 50_000), 10_000);
    expect(stats).toEqual({ labelled: 2, skipped: 1, activeMs: 90_000 });
    expect(timePerItem(stats)).toBe('30 s per item');
    expect(timePerItem(NEW_SESSION)).toBeNull();
    expect(timePerItem(afterLabel(NEW_SESSION, 150_000))).toBe('2.5 min per item');
  });

  it('says work time the way a person reads a clock', () => {
    expect(formatWorkTime(59_000)).toBe('under a minute');
    expect(formatWorkTime(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatWorkTime(65 * 60_000)).toBe('1 h 05 min');
  });

  it('suggests a break after 90 minutes of active work', () => {
    expect(needsBreak(afterLabel(NEW_SESSION, BREAK_AFTER_MS - 1))).toBe(false);
    expect(needsBreak(afterLabel(NEW_SESSION, BREAK_AFTER_MS))).toBe(true);
  });
});
