import { describe, expect, it } from 'vitest';
import type { Replacement, RevealedItem } from './phi-reveal';
import {
  categoryLabel,
  markSegments,
  revealReasonError,
  revealedFields,
  valueAtPath,
} from './phi-reveal';

const rep = (
  start: number,
  end: number,
  originalStart: number,
  originalEnd: number,
  category = 'PERSON',
): Replacement => ({ start, end, originalStart, originalEnd, category, confidence: 0.9 });

describe('revealReasonError', () => {
  it('asks for a reason of at least five characters, counted without surrounding spaces', () => {
    expect(revealReasonError('')).toMatch(/Say why/);
    expect(revealReasonError('  abcd  ')).toMatch(/at least 5/);
    expect(revealReasonError('audit')).toBeUndefined();
    expect(revealReasonError('x'.repeat(501))).toMatch(/under 500/);
  });
});

describe('markSegments', () => {
  // "Seen by Ann Lee on 3/4." became "Seen by Eva Moss on 5/6." (surrogates of other lengths).
  const original = 'Seen by Ann Lee on 3/4.';
  const surrogate = 'Seen by Eva Moss on 5/6.';
  const replacements = [rep(8, 16, 8, 15), rep(20, 23, 19, 22, 'DATE_TIME')];

  it('marks each replacement in the surrogate text with its own offsets', () => {
    const segments = markSegments(surrogate, replacements, 'surrogate');
    expect(segments.map((s) => s.text).join('')).toBe(surrogate);
    expect(segments.filter((s) => s.mark !== null)).toEqual([
      { text: 'Eva Moss', mark: 1, category: 'PERSON' },
      { text: '5/6', mark: 2, category: 'DATE_TIME' },
    ]);
  });

  it('marks the same replacements, numbered alike, in the original with the original offsets', () => {
    const segments = markSegments(original, replacements, 'original');
    expect(segments.map((s) => s.text).join('')).toBe(original);
    expect(segments.filter((s) => s.mark !== null).map((s) => [s.mark, s.text])).toEqual([
      [1, 'Ann Lee'],
      [2, '3/4'],
    ]);
  });

  it('counts offsets in code points, so an emoji before a name does not shift the mark', () => {
    const text = '😀 Ann came';
    // Code points: 😀=0, space=1, A=2..n=4; UTF-16 would put "Ann" at 3..6.
    const segments = markSegments(text, [rep(2, 5, 2, 5)], 'surrogate');
    expect(segments.find((s) => s.mark === 1)?.text).toBe('Ann');
  });

  it('skips a replacement outside the text or overlapping an earlier one instead of garbling it', () => {
    const segments = markSegments(
      'abcdef',
      [rep(0, 3, 0, 3), rep(2, 4, 2, 4), rep(5, 9, 5, 9)],
      'surrogate',
    );
    expect(segments).toEqual([
      { text: 'abc', mark: 1, category: 'PERSON' },
      { text: 'def', mark: null, category: null },
    ]);
  });
});

describe('valueAtPath', () => {
  it('follows keys and array indexes, tolerating a leading "data."', () => {
    const data = { text: 'a', notes: [{ body: 'b' }] };
    expect(valueAtPath(data, 'text')).toBe('a');
    expect(valueAtPath(data, 'notes.0.body')).toBe('b');
    expect(valueAtPath(data, 'data.text')).toBe('a');
    expect(valueAtPath(data, 'missing.x')).toBeUndefined();
  });
});

describe('revealedFields', () => {
  it('pairs each replaced field of the surrogate item with its original, and drops non-text paths', () => {
    const revealed: RevealedItem = {
      data: { text: 'Ann Lee called.', n: 3 },
      meta: {},
      replacements: { text: [rep(0, 8, 0, 7)], n: [rep(0, 1, 0, 1)] },
    };
    const fields = revealedFields({ text: 'Eva Moss called.', n: 4 }, revealed);
    expect(fields).toHaveLength(1);
    expect(fields[0]?.path).toBe('text');
    expect(fields[0]?.replaced).toBe(1);
    expect(fields[0]?.original[0]).toEqual({ text: 'Ann Lee', mark: 1, category: 'PERSON' });
    expect(fields[0]?.surrogate[0]).toEqual({ text: 'Eva Moss', mark: 1, category: 'PERSON' });
  });
});

describe('categoryLabel', () => {
  it('reads category names as words', () => {
    expect(categoryLabel('PHONE_NUMBER')).toBe('phone number');
    expect(categoryLabel('DATE_TIME')).toBe('date');
    expect(categoryLabel('US_SSN')).toBe('SSN');
  });
});
