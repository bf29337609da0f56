import { parse } from 'csv-parse/sync';
import { seededRandom, type RandomSource } from '@concord/core/agreement';
import { CsvRows } from './csv-rows.js';
import { RatingsInputError } from './ratings-input-error.js';

/** The rows CsvRows gives for `text` pushed in `chunks`, with the line each starts on. */
function split(chunks: readonly string[]): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  const visit = (
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    cells: number,
    line: number,
  ) => {
    const values: string[] = [];
    for (let c = 0; c < cells; c++) values.push(text.slice(starts[c], ends[c]));
    rows.push({ cells: values, line });
  };
  const splitter = new CsvRows('test.csv', (...first) => {
    visit(...first);
    return visit;
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return rows;
}

/** csv-parse as the CLI configured it before the fast path (the reference). */
function reference(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
}

function pick<T>(random: RandomSource, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** Cuts `text` into pieces of 1–`max` characters. */
function chunked(text: string, random: RandomSource, max: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(random() * max);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/**
 * A random CSV file: LF or CRLF throughout, maybe a byte-order mark, blank and whitespace-only
 * lines, cells padded with blanks, empty cells, and quoted cells holding commas, doubled quotes
 * and line breaks. Returns the text and the line each non-blank row starts on.
 */
function randomCsv(random: RandomSource): { text: string; lines: number[] } {
  const eol = random() < 0.5 ? '\n' : '\r\n';
  const plain = ['a', 'doc-1', 'ann 2', '3', '4.5', '', 'x\ty', 'é', '日本'];
  // A lone CR inside a cell, but not before the first line end (csv-parse would take it as one).
  const later = [...plain, 'a\rb'];
  const pads = ['', '', '', ' ', '  ', '\t', ' \t'];
  const quotedParts = ['a', ',', '""', eol, ' ', 'b c', '日'];
  let text = random() < 0.3 ? '\ufeff' : '';
  let line = 1;
  const cell = () => {
    if (random() < 0.25) {
      let content = '';
      const parts = Math.floor(random() * 4);
      for (let p = 0; p < parts; p++) content += pick(random, quotedParts);
      return `${pick(random, pads)}"${content}"${pick(random, pads)}`;
    }
    return `${pick(random, pads)}${pick(random, line > 1 ? later : plain)}${pick(random, pads)}`;
  };
  const lines: number[] = [];
  const rows = 1 + Math.floor(random() * 30);
  for (let r = 0; r < rows; r++) {
    if (random() < 0.15) {
      text += `${pick(random, ['', ' ', '\t', ' \t '])}${eol}`;
      line += 1;
      continue;
    }
    const count = 1 + Math.floor(random() * 5);
    const cells: string[] = [];
    for (let c = 0; c < count; c++) cells.push(cell());
    // A row of one blank cell is a blank line, which csv-parse skips: give it content.
    if (count === 1 && cells[0]!.trim() === '') cells[0] = 'solo';
    const row = cells.join(',');
    lines.push(line);
    line += row.split('\n').length - 1;
    const last = r === rows - 1 && random() < 0.5;
    text += last ? row : row + eol;
    line += last ? 0 : 1;
  }
  return { text, lines };
}

describe('CsvRows: the hand-split fast path and its csv-parse fallback', () => {
  it('gives the rows csv-parse gives, each with the line it starts on, however the text is chunked (500 seeded random files)', () => {
    const random = seededRandom(20261122);
    for (let run = 0; run < 500; run++) {
      const { text, lines } = randomCsv(random);
      const expected = reference(text);
      expect(expected.length, text).toBe(lines.length);
      const whole = split([text]);
      expect(
        whole.map((row) => row.cells),
        JSON.stringify(text),
      ).toEqual(expected);
      expect(
        whole.map((row) => row.line),
        JSON.stringify(text),
      ).toEqual(lines);
      const pieces = split(chunked(text, random, 1 + Math.floor(random() * 40)));
      expect(pieces, JSON.stringify(text)).toEqual(whole);
    }
  });

  it('rejects what csv-parse rejects, with its message, and accepts what it accepts (500 seeded files with stray quotes)', () => {
    const random = seededRandom(99);
    const strays = ['a"b', '"a"x', '"a" "b"', '"open', 'x""'];
    for (let run = 0; run < 500; run++) {
      const { text } = randomCsv(random);
      const lines = text.split('\n');
      const at = Math.floor(random() * lines.length);
      lines[at] = `${lines[at]},${pick(random, strays)}`;
      const bad = lines.join('\n');
      let expected: string | null = null;
      try {
        reference(bad);
      } catch (error) {
        expected = (error as Error).message.split(':')[0]!;
      }
      const chunks = chunked(bad, random, 1 + Math.floor(random() * 40));
      if (expected === null) {
        expect(() => split(chunks), JSON.stringify(bad)).not.toThrow();
      } else {
        expect(() => split(chunks), JSON.stringify(bad)).toThrow(
          new RegExp(`^test\\.csv:\\d+: malformed CSV: ${expected}:`),
        );
      }
    }
  });

  it('splits quote-free text by hand and returns to it after a quoted stretch', () => {
    const text = 'h1,h2\n a , b \n"q,1",x\n\nc,d\r\n';
    expect(split(chunked(text, seededRandom(1), 3))).toEqual([
      { cells: ['h1', 'h2'], line: 1 },
      { cells: ['a', 'b'], line: 2 },
      { cells: ['q,1', 'x'], line: 3 },
      { cells: ['c', 'd'], line: 5 },
    ]);
  });

  it('reads a file whose lines end with a lone CR (classic Mac), as csv-parse does', () => {
    const text = 'item,label\r1,a\r2,"b,c"\r\r3,d';
    expect(split([text]).map((row) => row.cells)).toEqual(reference(text));
    expect(split(chunked(text, seededRandom(2), 2)).map((row) => row.line)).toEqual([1, 2, 3, 5]);
  });

  it('reports a malformed quote with csv-parse’s message, at its line in the whole file', () => {
    const text = 'a,b\nc,d\n"multi\nline",e\nf,g"h\n';
    expect(() => split(chunked(text, seededRandom(3), 4))).toThrow(RatingsInputError);
    expect(() => split([text])).toThrow(
      /^test\.csv:5: malformed CSV: Invalid Opening Quote: a quote is found on field 1 at line 5/,
    );
    expect(() => split(['a,b\n"open\n', 'x,y\n'])).toThrow(
      /^test\.csv:3: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3/,
    );
  });
});
