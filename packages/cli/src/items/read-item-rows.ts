import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import type { ProjectConfig } from '@concord/core/config';
import type { SourceRow } from '@concord/server';
import { lineChunks } from '../ratings/line-chunks.js';
import { CsvHeaderError, csvRowMapper } from './csv-item-row.js';
import { JsonArrayError, JsonArraySplitter } from './json-array-splitter.js';

/** How an items file is laid out. */
export type ItemsFormat = 'json' | 'jsonl' | 'csv';
export const ITEMS_FORMATS: readonly ItemsFormat[] = ['json', 'jsonl', 'csv'];

/**
 * A problem that makes the whole file unreadable (not a JSON array, a broken CSV header or
 * quote), located by line: nothing of such a file is imported, even with --skip-invalid.
 */
export class ItemsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

export interface ReadItemRowsOptions {
  /** Default: by the extension (.json, .jsonl/.ndjson, .csv), else by the first character. */
  readonly format?: ItemsFormat | undefined;
  /** The project's config: CSV gold cells are typed by their field (ratings become numbers). */
  readonly config: ProjectConfig;
  /** Called as the file is read, with bytes read and the file's size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Rows per yielded batch. Default 1000. */
  readonly batchSize?: number;
}

/** The format of an items file: by its extension, else `json` if it starts with `[`, `jsonl` with `{`, else `csv`. */
export async function detectItemsFormat(path: string): Promise<ItemsFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const first = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return first.startsWith('[') ? 'json' : first.startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await handle.close();
  }
}

/** Reports read progress at most ~200 times over the file. */
function trackProgress(
  stream: ReadStream,
  total: number,
  report: ReadItemRowsOptions['onProgress'],
) {
  if (!report) return;
  let last = 0;
  stream.on('data', () => {
    if (stream.bytesRead - last >= total / 200 || stream.bytesRead === total) {
      last = stream.bytesRead;
      report(stream.bytesRead, total);
    }
  });
}

/**
 * Streams the rows of an items file in batches, each row with the line it starts on: a parsed
 * value for the import to check, or why the line could not be read (malformed JSON on one line,
 * a CSV record with the wrong number of cells), so every problem of a file is reported in one
 * go. Formats: a JSON array of row objects, JSONL (one row object per line; blank lines skipped),
 * or CSV (see {@link csvRowMapper} for the columns). Throws {@link ItemsFileError} when the file as
 * a whole cannot be read.
 */
export async function* readItemRows(
  path: string,
  options: ReadItemRowsOptions,
): AsyncGenerator<SourceRow[]> {
  const format = options.format ?? (await detectItemsFormat(path));
  const batchSize = options.batchSize ?? 1000;
  if (format !== 'csv') {
    // The CLI's shared reader: flat strings of about 1 MiB that end at a line end.
    const chunks = lineChunks(path, { onProgress: options.onProgress });
    yield* format === 'jsonl' ? jsonlRows(chunks, batchSize) : jsonArrayRows(path, chunks);
    return;
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  trackProgress(stream, statSync(path).size, options.onProgress);
  try {
    yield* csvRows(path, stream, options.config, batchSize);
  } finally {
    stream.destroy();
  }
}

function parseRow(line: number, text: string, what: string): SourceRow {
  try {
    return { line, row: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, unreadable: `not valid JSON (${(error as Error).message}); ${what}` };
  }
}

const JSONL_HINT = 'each line must be one row object {"data": {...}, "meta": {...}, "gold": {...}}';

/** JSONL rows from chunks of text; a line split across chunks is joined. */
async function* jsonlRows(
  chunks: AsyncIterable<string>,
  batchSize: number,
): AsyncGenerator<SourceRow[]> {
  let rest = '';
  let line = 0;
  let batch: SourceRow[] = [];
  const take = (text: string) => {
    line += 1;
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    const trimmed = end === text.length ? text : text.slice(0, end);
    if (trimmed.trim() === '') return;
    batch.push(parseRow(line, trimmed, JSONL_HINT));
  };
  for await (const text of chunks) {
    const chunk = line === 0 && rest === '' ? text.replace(/^\uFEFF/, '') : text;
    let from = 0;
    let at = chunk.indexOf('\n');
    if (at >= 0 && rest !== '') {
      take(rest + chunk.slice(0, at));
      rest = '';
      from = at + 1;
      at = chunk.indexOf('\n', from);
    }
    for (; at >= 0; at = chunk.indexOf('\n', from)) {
      take(chunk.slice(from, at));
      from = at + 1;
    }
    rest += chunk.slice(from);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (rest !== '') take(rest);
  if (batch.length > 0) yield batch;
}

async function* jsonArrayRows(
  path: string,
  chunks: AsyncIterable<string>,
): AsyncGenerator<SourceRow[]> {
  const splitter = new JsonArraySplitter();
  const hint = 'each element of the array must be one row object {"data": {...}, ...}';
  try {
    for await (const chunk of chunks) {
      const elements = splitter.push(chunk);
      if (elements.length > 0) yield elements.map((e) => parseRow(e.line, e.text, hint));
    }
    splitter.end();
  } catch (error) {
    if (error instanceof JsonArrayError) throw new ItemsFileError(path, error.line, error.message);
    throw error;
  }
}

async function* csvRows(
  path: string,
  stream: ReadStream,
  config: ProjectConfig,
  batchSize: number,
): AsyncGenerator<SourceRow[]> {
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let header: string[] | null = null;
  let toRow: ((record: readonly string[]) => unknown) | null = null;
  let lastLine = 1;
  let batch: SourceRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      lastLine = line;
      if (!header) {
        header = record;
        try {
          toRow = csvRowMapper(header, config);
        } catch (error) {
          if (error instanceof CsvHeaderError) throw new ItemsFileError(path, line, error.message);
          throw error;
        }
        continue;
      }
      batch.push(
        record.length === header.length
          ? { line, row: toRow!(record) }
          : {
              line,
              unreadable: `${record.length} cells but the header has ${header.length} columns (quote cells that contain commas)`,
            },
      );
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof ItemsFileError) throw error;
    const e = error as Error & { lines?: number };
    throw new ItemsFileError(path, e.lines ?? lastLine + 1, `malformed CSV: ${e.message}`);
  }
  if (!header) throw new ItemsFileError(path, 1, 'the file is empty; expected a header line');
  if (batch.length > 0) yield batch;
}
