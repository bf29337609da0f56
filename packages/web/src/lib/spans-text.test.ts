import { describe, expect, it } from 'vitest';
import {
  measure,
  segments,
  sliceCodePoints,
  spanLevels,
  toCodePoint,
  toUtf16,
  tokenize,
  trimRange,
} from './spans-text';

describe('code points and UTF-16', () => {
  // 'a', an emoji (two UTF-16 units), 'b', a mathematical letter (two units), 'c'.
  const text = 'a😀b𝔸c';
  const measured = measure(text);

  it('counts a character outside the BMP once', () => {
    expect(text.length).toBe(7);
    expect(measured.length).toBe(5);
  });

  it('converts code points to UTF-16 indices and back', () => {
    expect([0, 1, 2, 3, 4, 5].map((cp) => toUtf16(measured, cp))).toEqual([0, 1, 3, 4, 6, 7]);
    expect([0, 1, 3, 4, 6, 7].map((i) => toCodePoint(measured, i))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('puts an index between the halves of a surrogate pair at the character’s start', () => {
    expect(toCodePoint(measured, 2)).toBe(1);
    expect(toCodePoint(measured, 5)).toBe(3);
  });

  it('clamps offsets past either end', () => {
    expect(toUtf16(measured, -3)).toBe(0);
    expect(toUtf16(measured, 99)).toBe(7);
    expect(toCodePoint(measured, 99)).toBe(5);
  });

  it('slices by code points', () => {
    expect(sliceCodePoints(measured, 1, 3)).toBe('😀b');
    expect(sliceCodePoints(measure('👍🏽 ok'), 0, 2)).toBe('👍🏽');
  });

  it('keeps a lone surrogate as one code point', () => {
    const lone = measure('x\ud800y');
    expect(lone.length).toBe(3);
    expect(toUtf16(lone, 2)).toBe(2);
  });
});

describe('trimRange', () => {
  const measured = measure('  CHEST PAIN \n\n');

  it('drops the white space at both ends, in either direction', () => {
    expect(trimRange(measured, 0, 13)).toEqual({ start: 2, end: 12 });
    expect(trimRange(measured, 13, 0)).toEqual({ start: 2, end: 12 });
  });

  it('is null for a selection of only white space', () => {
    expect(trimRange(measured, 12, 15)).toBeNull();
    expect(trimRange(measured, 4, 4)).toBeNull();
  });

  it('counts an emoji once at either end', () => {
    expect(trimRange(measure(' 😀 x '), 0, 5)).toEqual({ start: 1, end: 4 });
  });
});

describe('tokenize', () => {
  it('cuts a clinical note into words, numbers with units and punctuation', () => {
    const text = 'PT DENIES CHEST PAIN. Started on LASIX 40MG IV, 5/10 pain; x-ray ok.';
    const measured = measure(text);
    const words = tokenize(measured).map((t) => sliceCodePoints(measured, t.start, t.end));
    expect(words).toEqual([
      'PT',
      'DENIES',
      'CHEST',
      'PAIN',
      '.',
      'Started',
      'on',
      'LASIX',
      '40MG',
      'IV',
      ',',
      '5/10',
      'pain',
      ';',
      'x-ray',
      'ok',
      '.',
    ]);
  });

  it('keeps an emoji with its modifiers, selectors and joined parts as one word', () => {
    const measured = measure('👍🏽 🌡️ 👩‍⚕️ ok');
    const words = tokenize(measured).map((t) => sliceCodePoints(measured, t.start, t.end));
    expect(words).toEqual(['👍🏽', '🌡️', '👩‍⚕️', 'ok']);
  });

  it('measures words after an emoji in code points', () => {
    const measured = measure('😀 fever');
    expect(tokenize(measured)).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 7 },
    ]);
  });
});

describe('spanLevels', () => {
  it('draws an inner span nearest the text and the outer one below it', () => {
    const spans = [
      { start: 0, end: 20, label: 'PROBLEM' },
      { start: 10, end: 15, label: 'TEST' },
    ];
    expect(spanLevels(spans)).toEqual([1, 0]);
  });

  it('gives overlapping spans different lines and spans apart the same one', () => {
    const spans = [
      { start: 0, end: 5, label: 'A' },
      { start: 3, end: 9, label: 'B' },
      { start: 7, end: 12, label: 'C' },
      { start: 20, end: 25, label: 'D' },
    ];
    const levels = spanLevels(spans);
    expect(levels[0]).not.toBe(levels[1]);
    expect(levels[1]).not.toBe(levels[2]);
    expect(levels[3]).toBe(0);
  });
});

describe('segments', () => {
  it('cuts the text at every span boundary, each piece with the spans covering it', () => {
    const measured = measure('a😀 CHEST PAIN x');
    const spans = [
      { start: 3, end: 13, label: 'PROBLEM' },
      { start: 3, end: 8, label: 'TEST' },
    ];
    expect(segments(measured, spans)).toEqual([
      { start: 0, end: 3, text: 'a😀 ', covering: [] },
      { start: 3, end: 8, text: 'CHEST', covering: [0, 1] },
      { start: 8, end: 13, text: ' PAIN', covering: [0] },
      { start: 13, end: 15, text: ' x', covering: [] },
    ]);
  });

  it('gives crossing spans and a span over the whole text to every piece they cover', () => {
    const measured = measure('abcdefghij');
    const spans = [
      { start: 0, end: 10, label: 'ALL' },
      { start: 2, end: 6, label: 'A' },
      { start: 4, end: 8, label: 'B' },
    ];
    expect(segments(measured, spans).map((p) => [p.text, p.covering])).toEqual([
      ['ab', [0]],
      ['cd', [0, 1]],
      ['ef', [0, 1, 2]],
      ['gh', [0, 2]],
      ['ij', [0]],
    ]);
  });
});
