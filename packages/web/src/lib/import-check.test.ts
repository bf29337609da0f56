import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { checkImportRow, checkRows, chunkRows, lineRange, toFileLines } from './import-check';

const config = projectConfigSchema.parse({
  fields: [{ name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] }],
});

describe('checkImportRow', () => {
  it('accepts a plain row and a gold row', () => {
    expect(checkImportRow(config, { data: { text: 'hi' } }, 1)).toEqual([]);
    expect(
      checkImportRow(
        config,
        { data: { text: 'hi' }, gold: { sentiment: 'positive' }, qualification: true },
        2,
      ),
    ).toEqual([]);
  });

  it('names every problem of a row, with its line, as the server words them', () => {
    expect(
      checkImportRow(
        config,
        { data: {}, meta: 3, priority: 1.5, gold: { sentiment: 'meh' }, label: 'x' },
        7,
      ),
    ).toEqual([
      { line: 7, message: 'data: required, a non-empty object' },
      { line: 7, message: 'meta: must be an object' },
      { line: 7, message: 'priority: must be a whole number (higher is served first)' },
      { line: 7, message: 'gold.sentiment: must be one of positive, neutral, negative' },
      { line: 7, message: 'label: unknown column (use data, meta, gold, priority, qualification)' },
    ]);
    expect(checkImportRow(config, { data: { t: 1 }, qualification: true }, 3)).toEqual([
      { line: 3, message: 'qualification: a qualification item needs a gold answer' },
    ]);
    expect(checkImportRow(config, [1], 4)[0]?.message).toMatch(/expected an object/);
  });
});

describe('checkRows', () => {
  it('counts valid rows by what they become and remembers the invalid lines', () => {
    const check = checkRows(config, [
      { line: 2, row: { data: { t: 'a' } } },
      { line: 3, row: { data: { t: 'b' }, gold: { sentiment: 'neutral' } } },
      { line: 4, row: { data: { t: 'c' }, gold: { sentiment: 'neutral' }, qualification: true } },
      { line: 5, row: { data: {} } },
    ]);
    expect(check.counts).toEqual({ production: 1, gold: 1, qualification: 1 });
    expect([...check.invalidLines]).toEqual([5]);
    expect(check.problems).toHaveLength(1);
  });
});

describe('chunkRows and toFileLines', () => {
  const rows = [10, 11, 13, 14, 20].map((line) => ({ line, row: {} }));

  it('cuts the rows into requests of at most the size, in order', () => {
    const chunks = chunkRows(rows, 2);
    expect(chunks.map((c) => [c.start, c.rows.map((r) => r.line)])).toEqual([
      [0, [10, 11]],
      [2, [13, 14]],
      [4, [20]],
    ]);
    expect(() => chunkRows(rows, 0)).toThrow(RangeError);
  });

  it('maps the lines the server counts per request back to lines of the file', () => {
    const [, second] = chunkRows(rows, 2);
    expect(
      toFileLines(second!, [
        { line: 2, message: 'data: required, a non-empty object' },
        { line: 9, message: 'odd' },
      ]),
    ).toEqual([
      { line: 14, message: 'data: required, a non-empty object' },
      { line: 9, message: '(row 9 of a request) odd' },
    ]);
  });

  it('names a range of lines', () => {
    expect(lineRange(rows)).toBe('lines 10–20');
    expect(lineRange(rows.slice(0, 1))).toBe('line 10');
    expect(
      lineRange([
        { line: 5001, row: {} },
        { line: 12000, row: {} },
      ]),
    ).toBe('lines 5,001–12,000');
  });
});
