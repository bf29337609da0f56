import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectConfig } from '@concord/core/config';
import type { SourceRow } from '@concord/server';
import { detectItemsFormat, readItemRows } from './read-item-rows.js';

const config: ProjectConfig = {
  fields: [
    {
      name: 'sentiment',
      type: 'choice',
      labels: [{ value: 'positive' }, { value: 'negative' }],
      multiple: false,
      required: true,
    },
  ],
};

async function readAll(path: string, format?: 'json' | 'jsonl' | 'csv') {
  const rows: SourceRow[] = [];
  const progress: number[] = [];
  for await (const batch of readItemRows(path, {
    format,
    config,
    batchSize: 500,
    onProgress: (read) => progress.push(read),
  }))
    rows.push(...batch);
  return { rows, progress };
}

describe('readItemRows', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-items-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Rows of several KB with multi-byte characters, so 1 MB read chunks end inside rows and
  // inside characters; blank lines and CRLF count as lines.
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    data: { text: `${i} ${'é𝄞, "quoted" '.repeat(40 + (i % 50))}` },
  }));

  it('reads a JSONL file of several MB whole, each row with its line, in batches', async () => {
    const lines = rows.map((r) => JSON.stringify(r));
    lines.splice(10, 0, '', '   ');
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    const { rows: read, progress } = await readAll(path);
    expect(read).toHaveLength(2000);
    expect(read.slice(8, 12).map((r) => r.line)).toEqual([9, 10, 13, 14]);
    expect(read.map((r) => ('row' in r ? r.row : r.unreadable))).toEqual(rows);
    expect(statSync(path).size).toBeGreaterThan(2_000_000);
    expect(progress.at(-1)).toBe(statSync(path).size);
  });

  it('reads the same rows from a JSON array of several MB', async () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, JSON.stringify(rows, null, 1));
    const { rows: read } = await readAll(path);
    expect(read.map((r) => ('row' in r ? r.row : r.unreadable))).toEqual(rows);
    // Pretty-printed with indent 1, each row takes 5 lines after the opening bracket.
    expect(read.slice(0, 3).map((r) => r.line)).toEqual([2, 7, 12]);
  });

  it('reports an unreadable JSONL line as a problem of that line and reads on', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, '{"data": {"text": "a"}}\n{"data": \n{"data": {"text": "b"}}');
    const { rows: read } = await readAll(path);
    expect(read).toMatchObject([
      { line: 1, row: { data: { text: 'a' } } },
      { line: 2, unreadable: expect.stringMatching(/^not valid JSON/) as string },
      { line: 3, row: { data: { text: 'b' } } },
    ]);
  });

  it('tells the format by the extension, else by the first character', async () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(await detectItemsFormat(write('a.ndjson', ''))).toBe('jsonl');
    expect(await detectItemsFormat(write('a.txt', '\uFEFF  [{"data": {}}]'))).toBe('json');
    expect(await detectItemsFormat(write('b.txt', '{"data": {}}\n'))).toBe('jsonl');
    expect(await detectItemsFormat(write('c.txt', 'data.text\nx\n'))).toBe('csv');
  });
});
