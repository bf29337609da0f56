import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  RatingTableBuilder,
  seededRandom,
  type Label,
  type RandomSource,
  type RatingTable,
} from '@concord/core/agreement';
import {
  COLUMN_ALIASES,
  readRatings,
  RatingsInputError,
  type RatingsFile,
} from './read-ratings.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What the reader must return for a long CSV: csv-parse's records (as the CLI parsed them before
 * the fast path) fed one by one to `RatingTableBuilder.add`, numbers when every label is one.
 */
function referenceLong(text: string): RatingsFile {
  const records: string[][] = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const header = records[0]!.map((name) => name.toLowerCase());
  const column = (role: keyof typeof COLUMN_ALIASES) =>
    COLUMN_ALIASES[role].map((name) => header.indexOf(name)).find((i) => i >= 0)!;
  const [item, annotator, label] = [column('item'), column('annotator'), column('label')];
  const rated = records.slice(1).filter((record) => record[label] !== '');
  const labels = rated.map((record) => record[label]!);
  const numeric = labels.every((value) => NUMBER.test(value));
  const builder = new RatingTableBuilder<Label>();
  for (const record of rated) {
    const value = record[label]!;
    builder.add(record[item]!, record[annotator]!, numeric ? Number(value) : value);
  }
  return {
    table: builder.build(),
    ratings: rated.length,
    missing: records.length - 1 - rated.length,
    numeric,
  };
}

function plain(file: RatingsFile) {
  const { table } = file;
  return {
    ...file,
    table: {
      items: [...table.items],
      annotators: [...table.annotators],
      levels: [...table.levels],
      offsets: Array.from(table.offsets),
      values: Array.from(table.values),
      raters: Array.from(table.raters),
    },
  };
}

function pick<T>(random: RandomSource, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/**
 * A random long ratings CSV: columns in any order under any accepted alias, an extra free-text
 * column (quoted, with commas, quotes and line breaks), items in sorted runs, out of order or
 * numbered, numeric or text labels, missing labels, LF or CRLF, maybe a byte-order mark.
 */
function randomRatingsCsv(random: RandomSource): string {
  const eol = random() < 0.5 ? '\n' : '\r\n';
  const roles = [
    pick(random, COLUMN_ALIASES.item),
    pick(random, COLUMN_ALIASES.annotator),
    pick(random, COLUMN_ALIASES.label),
    'note',
  ];
  const order = roles.map((_, i) => i).sort(() => random() - 0.5);
  const numericLabels = random() < 0.5;
  const labels = numericLabels
    ? ['1', '2', '3', '4.0', '+5', ' 2 ']
    : ['pos', 'neg', '"a, b"', 'x'];
  const notes = ['', 'ok', '"free, text"', `"two${eol}lines"`, '"say ""hi"""'];
  const annotators = ['ann-1', 'ann-2', 'Ann-3', '"ann,4"', 'w 5'];
  const numbered = random() < 0.3;
  let text = (random() < 0.3 ? '\ufeff' : '') + order.map((i) => roles[i]).join(',') + eol;
  const items = 1 + Math.floor(random() * 40);
  let next = 0;
  for (let u = 0; u < items; u++) {
    // Mostly item-major in increasing order; sometimes an earlier item comes back.
    const id = random() < 0.15 && next > 0 ? Math.floor(random() * next) : next++;
    const name = numbered ? String(id) : `doc-${String(id).padStart(3, '0')}`;
    const raters = 1 + Math.floor(random() * 4);
    for (let r = 0; r < raters; r++) {
      const cells = [
        name,
        pick(random, annotators),
        random() < 0.1 ? '' : pick(random, labels),
        pick(random, notes),
      ];
      text += order.map((i) => cells[i]).join(',') + eol;
      if (random() < 0.05) text += eol;
    }
  }
  return text;
}

describe('readRatings', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-read-ratings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads long CSV as csv-parse + RatingTableBuilder.add do, whatever the chunk size (200 seeded random files)', async () => {
    const random = seededRandom(42);
    for (let run = 0; run < 200; run++) {
      const text = randomRatingsCsv(random);
      const path = file(`r${run}.csv`, text);
      const chunkBytes = 1 + Math.floor(random() * 300);
      const expected = referenceLong(text);
      if (expected.ratings === 0) {
        await expect(readRatings(path, { chunkBytes })).rejects.toThrow(/no ratings found/);
        continue;
      }
      const read = await readRatings(path, { chunkBytes });
      expect(plain(read), JSON.stringify({ text, chunkBytes })).toEqual(plain(expected));
    }
  });

  it('reads wide CSV and JSONL into the same table as the equivalent long CSV', async () => {
    const wide = 'id,A,B,C\r\nu1,1,2,\r\nu2,, 3 ,3\r\nu3,,,\r\n"u,4",1,"1",1\r\n';
    const long = [
      'item,annotator,label',
      'u1,a,1',
      'u1,b,2',
      'u2,b,3',
      'u2,c,3',
      '"u,4",a,1',
      '"u,4",b,1',
      '"u,4",c,1',
    ].join('\n');
    const jsonl = [
      '\ufeff{"item":"u1","annotator":"a","label":1}',
      '{"item":"u1","annotator":"b","label":"2"}',
      '{"item":"u1","annotator":"c","label":null}',
      '',
      '{"item":"u2","annotator":"b","label":3}\r',
      '{"item":"u2","annotator":"c","label":3}',
      '{"item":"u,4","annotator":"a","label":1}',
      '{"item":"u,4","annotator":"b","label":1}',
      '{"item":"u,4","annotator":"c","label":1}',
    ].join('\n');
    const fromLong = plain(await readRatings(file('long.csv', long), { chunkBytes: 5 }));
    for (const chunkBytes of [1, 7, 1 << 20]) {
      const fromWide = plain(
        await readRatings(file('wide.csv', wide), { format: 'wide', chunkBytes }),
      );
      expect({ ...fromWide, missing: 0 }).toEqual({ ...fromLong, missing: 0 });
      expect(fromWide.missing).toBe(5);
      const fromJsonl = plain(await readRatings(file('r.jsonl', jsonl), { chunkBytes }));
      expect({ ...fromJsonl, missing: 0 }).toEqual({ ...fromLong, missing: 0 });
      expect(fromJsonl.missing).toBe(1);
    }
    expect(fromLong.table.levels).toEqual([1, 2, 3]);
  });

  it('names items by row in a wide CSV without an id column, and skips rows with no rating', async () => {
    const read = await readRatings(file('w.csv', 'x,y\n1,2\n,\n3,\n'), { format: 'wide' });
    expect(read.table.items).toEqual([1, 3]);
    expect(read.table.annotators).toEqual(['x', 'y']);
    expect(read.ratings).toBe(3);
    expect(read.missing).toBe(3);
  });

  it('keeps text labels as text, in code-unit order, when one label is not a number', async () => {
    const read = await readRatings(file('t.csv', 'item,annotator,label\n1,a,2\n1,b,two\n2,a,10\n'));
    expect(read.numeric).toBe(false);
    expect(read.table.levels).toEqual(['10', '2', 'two']);
  });

  it('reports a bad row by file and line, also past quoted cells that span lines', async () => {
    const text = [
      'item,annotator,label,note',
      'a,x,1,"one',
      'two',
      'three"',
      '',
      'b,y,2,ok',
      'c,,3,ok',
    ].join('\r\n');
    for (const chunkBytes of [3, 1 << 20]) {
      const error = await readRatings(file('bad.csv', text), { chunkBytes }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RatingsInputError);
      expect((error as Error).message).toBe(`${join(dir, 'bad.csv')}:7: the annotator is empty`);
    }
    await expect(
      readRatings(file('short.csv', 'item,annotator,label\na,x,1\n\nb,y\n'), { chunkBytes: 4 }),
    ).rejects.toThrow(/short\.csv:4: 2 cells; expected at least 3 \(item, annotator, label\)$/);
    await expect(
      readRatings(file('wide.csv', 'id,a\n1,2\n2,3,4\n'), { format: 'wide' }),
    ).rejects.toThrow(/wide\.csv:3: 3 cells but the header has 2 columns$/);
    await expect(readRatings(file('empty.csv', '\ufeff\n \n'))).rejects.toThrow(
      /empty\.csv:1: the file is empty; expected a header line$/,
    );
    await expect(readRatings(file('none.csv', 'item,annotator,label\na,x,\n'))).rejects.toThrow(
      /none\.csv:1: no ratings found/,
    );
    await expect(
      readRatings(file('q.csv', 'item,annotator,label\na,x,1\na,y,1"2\n'), { chunkBytes: 6 }),
    ).rejects.toThrow(/q\.csv:3: malformed CSV: Invalid Opening Quote: .* at line 3/);
  });

  it('finds columns by --columns names or by alias, and says which are missing', async () => {
    const text = 'Task,Worker,Answer\nt1,w1,yes\nt1,w2,no\n';
    const byAlias = await readRatings(file('a.csv', text));
    expect(byAlias.table.annotators).toEqual(['w1', 'w2']);
    const named = await readRatings(file('n.csv', 'q,who,what\nt1,w1,yes\n'), {
      columns: ['q', 'who', 'what'],
    });
    expect(named.table.items).toEqual(['t1']);
    await expect(
      readRatings(file('m.csv', 'q,who,what\nt1,w1,yes\n'), { columns: ['q', 'whom', 'what'] }),
    ).rejects.toThrow(/m\.csv:1: the header must name .*; missing whom \(found: q, who, what\)/);
  });

  it('reports bytes read as it goes', async () => {
    const text = `item,annotator,label\n${'a,x,1\n'.repeat(1000)}`;
    const reports: [number, number][] = [];
    await readRatings(file('p.csv', text), {
      chunkBytes: 1000,
      onProgress: (read, total) => reports.push([read, total]),
    });
    expect(reports.at(-1)).toEqual([text.length, text.length]);
    expect(reports.length).toBeGreaterThan(5);
  });
});

export type { RatingTable };
