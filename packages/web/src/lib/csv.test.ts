import { describe, expect, it } from 'vitest';
import { isBlankRecord, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits records and cells, keeping the line each record starts on', () => {
    expect(parseCsv('data.text,priority\nhello,1\nbye,2\n').records).toEqual([
      { line: 1, cells: ['data.text', 'priority'] },
      { line: 2, cells: ['hello', '1'] },
      { line: 3, cells: ['bye', '2'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, counting lines inside them', () => {
    const { records, problems } = parseCsv(
      'a,b\r\n"one, two","say ""hi"""\r\n"multi\nline",x\r\nlast,y',
    );
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['one, two', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', 'x'] },
      { line: 5, cells: ['last', 'y'] },
    ]);
  });

  it('keeps empty cells and blank lines as records, so line numbers stay true', () => {
    const { records } = parseCsv('a,b\n\n,\nx,');
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], [''], ['', ''], ['x', '']]);
    expect(records.map(isBlankRecord)).toEqual([false, true, true, false]);
  });

  it('drops a byte-order mark, as spreadsheets write one', () => {
    expect(parseCsv('\uFEFFdata.text\nhi').records[0]?.cells).toEqual(['data.text']);
  });

  it('names the line of a quote that is never closed', () => {
    const { problems } = parseCsv('a\nok\n"broken\nstill');
    expect(problems.map((p) => p.line)).toEqual([3]);
    expect(problems[0]?.message).toMatch(/never closed/);
  });

  it('keeps a quote in the middle of an unquoted field as text', () => {
    expect(parseCsv('5" screen,x').records[0]?.cells).toEqual(['5" screen', 'x']);
  });
});
