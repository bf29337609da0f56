import { describe, expect, it } from 'vitest';
import { countLabel, formatDateTimeUtc, formatDateUtc, formatPayload, shortHash } from './format';

describe('formatDateTimeUtc', () => {
  it('shows UTC whatever the offset the value was written in', () => {
    expect(formatDateTimeUtc('2025-01-02T03:04:05.678Z')).toBe('2025-01-02 03:04:05');
    expect(formatDateTimeUtc('2025-01-02T01:00:00+02:00')).toBe('2025-01-01 23:00:00');
  });

  it('shows an unparsable value as it came rather than "Invalid Date"', () => {
    expect(formatDateTimeUtc('yesterday')).toBe('yesterday');
    expect(formatDateUtc('')).toBe('');
  });

  it('has a date-only form', () => {
    expect(formatDateUtc('2025-12-31T23:59:59Z')).toBe('2025-12-31');
  });
});

describe('shortHash', () => {
  it('keeps the first characters and marks the cut', () => {
    expect(shortHash('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe(
      '9f86d081884c…',
    );
    expect(shortHash('sha256:abcdef', 12)).toBe('abcdef');
    expect(shortHash('abcdef0123456789', 8)).toBe('abcdef01…');
  });
});

describe('countLabel', () => {
  it('agrees in number and groups thousands', () => {
    expect(countLabel(1, 'event')).toBe('1 event');
    expect(countLabel(0, 'event')).toBe('0 events');
    expect(countLabel(1204, 'event')).toBe('1,204 events');
    expect(countLabel(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('formatPayload', () => {
  it('pretty-prints JSON and survives values JSON cannot hold', () => {
    expect(formatPayload({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatPayload(null)).toBe('null');
    expect(formatPayload(undefined)).toBe('');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatPayload(cyclic)).toBe('(this payload cannot be shown as JSON)');
  });
});
