import { describe, expect, it } from 'vitest';
import { clampPage, offsetOf, pageCount, pageOf, parsePage, rangeLabel } from './pagination';

describe('pagination', () => {
  it('counts pages, with one empty page for an empty list', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(213, 50)).toBe(5);
  });

  it('refuses a limit that would divide by zero', () => {
    expect(() => pageCount(10, 0)).toThrow(RangeError);
  });

  it('converts between 1-based pages and offsets', () => {
    expect(offsetOf(1, 50)).toBe(0);
    expect(offsetOf(3, 50)).toBe(100);
    expect(pageOf(0, 50)).toBe(1);
    expect(pageOf(100, 50)).toBe(3);
    expect(pageOf(149, 50)).toBe(3);
    for (const page of [1, 2, 7]) expect(pageOf(offsetOf(page, 25), 25)).toBe(page);
  });

  it('brings a page that no longer exists back into range', () => {
    expect(clampPage(9, 120, 50)).toBe(3);
    expect(clampPage(0, 120, 50)).toBe(1);
    expect(clampPage(4, 0, 50)).toBe(1);
  });

  it('reads a page number from the URL leniently', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(null)).toBe(1);
    expect(parsePage('0')).toBe(1);
    expect(parsePage('-2')).toBe(1);
    expect(parsePage('2.5')).toBe(1);
    expect(parsePage('abc')).toBe(1);
    expect(parsePage('99999999999999999999')).toBe(1);
  });

  it('labels the visible range', () => {
    expect(rangeLabel(0, 50, 213)).toBe('1–50 of 213');
    expect(rangeLabel(200, 13, 213)).toBe('201–213 of 213');
    expect(rangeLabel(0, 0, 0)).toBe('0 of 0');
    expect(rangeLabel(50, 1, 51)).toBe('51 of 51');
  });
});
