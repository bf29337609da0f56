import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { RatingTableBuilder, type Label, type RatingTable } from '@concord/core/agreement';
import { CsvRows, type RowVisitor } from './csv-rows.js';
import { RatingsInputError } from './ratings-input-error.js';
import { sameText, TextInterner } from './text-interner.js';
import { lineChunks } from './line-chunks.js';

export { RatingsInputError } from './ratings-input-error.js';

/** How a ratings file is laid out. */
export type RatingsFormat = 'csv' | 'jsonl' | 'wide';

export interface ReadRatingsOptions {
  /** Default: `jsonl` for .jsonl/.ndjson files, otherwise `csv`; `wide` must be asked for. */
  readonly format?: RatingsFormat | undefined;
  /** Called as the file is read, with bytes read and the file's size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Long CSV: the header names of the item, annotator and label columns, when not found by name. */
  readonly columns?: readonly [item: string, annotator: string, label: string] | undefined;
  /** Bytes read at a time (tests use small chunks to cross chunk boundaries everywhere). */
  readonly chunkBytes?: number | undefined;
}

/**
 * Header names accepted for each column of a long CSV, in order of preference, so files from
 * other tools (rater/rating, worker/task, coder/value) read without renaming.
 */
export const COLUMN_ALIASES = {
  item: ['item', 'task', 'unit', 'question', 'id'],
  annotator: ['annotator', 'rater', 'coder', 'worker', 'observer', 'judge', 'user'],
  label: ['label', 'rating', 'value', 'answer', 'response', 'category'],
} as const;

export interface RatingsFile {
  readonly table: RatingTable<Label>;
  /** Ratings read (missing ones — empty cells, null labels — not counted). */
  readonly ratings: number;
  /** Empty or null labels skipped as missing. */
  readonly missing: number;
  /** Whether every label was a number, so the table's levels are numbers. */
  readonly numeric: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function detectFormat(path: string): RatingsFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'csv';
}

/** Ratings collected so far; the readers below fill it. */
interface Sink {
  readonly builder: RatingTableBuilder<string>;
  ratings: number;
  missing: number;
}

/**
 * Streams a ratings file into a rating table. Long CSV: a header naming `item`, `annotator` and
 * `label` columns (any order, other columns ignored). JSONL: one `{"item", "annotator", "label"}`
 * object per line. Wide CSV: a header of annotator names, one row per item; an optional first
 * column named `item` or `id` holds the item ids (otherwise items are numbered by row). An empty
 * label (or `null` in JSONL) is a missing rating. Labels that are all numbers become numbers.
 * The first malformed line stops the read with its line number.
 *
 * Files are read in 1 MiB chunks cut at line ends. CSV is split by hand (csv-parse only judges
 * malformed records: see {@link CsvRows}); annotators and labels are interned from the text in
 * place, consecutive rows of one item cost one comparison, and whether the labels are numbers is
 * decided once per distinct label. JSONL is cut into lines by hand and parsed with `JSON.parse`.
 */
export async function readRatings(
  path: string,
  options: ReadRatingsOptions = {},
): Promise<RatingsFile> {
  const format = options.format ?? detectFormat(path);
  const sink: Sink = { builder: new RatingTableBuilder<string>(), ratings: 0, missing: 0 };
  const totalBytes = (await stat(path)).size;
  const chunks = lineChunks(path, options);
  if (format === 'jsonl') await readJsonl(path, chunks, sink);
  else await readCsv(path, totalBytes, chunks, format === 'wide', options.columns, sink);

  if (sink.ratings === 0)
    throw new RatingsInputError(
      path,
      1,
      'no ratings found: every label is empty or the file has no data rows',
    );
  const table = sink.builder.build();
  const numeric = table.levels.every((level) => NUMBER.test(level));
  return {
    table: numeric ? toNumericTable(table) : table,
    ratings: sink.ratings,
    missing: sink.missing,
    numeric,
  };
}

async function readCsv(
  path: string,
  totalBytes: number,
  chunks: AsyncIterable<string>,
  wide: boolean,
  names: ReadRatingsOptions['columns'],
  sink: Sink,
): Promise<void> {
  let headerSeen = false;
  let ratingsPerLine = 1;
  const rows = new CsvRows(path, (text, starts, ends, cells, line) => {
    headerSeen = true;
    const found: string[] = [];
    for (let c = 0; c < cells; c++) found.push(text.slice(starts[c], ends[c]));
    const header = found.map((name) => name.toLowerCase());
    if (wide) ratingsPerLine = header.length;
    return wide ? wideRows(path, header, sink) : longRows(path, found, line, names, sink);
  });
  let bytesSeen = 0;
  for await (const chunk of chunks) {
    rows.push(chunk);
    if (bytesSeen === 0 && totalBytes > chunk.length) {
      // Size the table from the first chunk's lines, sparing the copies of growing by doubling.
      bytesSeen = Buffer.byteLength(chunk);
      let lines = 0;
      for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines += 1;
      sink.builder.reserve((totalBytes / bytesSeen) * lines * ratingsPerLine * 1.02);
    }
  }
  rows.end();
  if (!headerSeen)
    throw new RatingsInputError(path, 1, 'the file is empty; expected a header line');
}

/** The row visitor of a long CSV (a rating per row), given its header cells. */
function longRows(
  path: string,
  found: readonly string[],
  headerLine: number,
  names: ReadRatingsOptions['columns'],
  sink: Sink,
): RowVisitor {
  const header = found.map((name) => name.toLowerCase());
  const find = (role: keyof typeof COLUMN_ALIASES, given: string | undefined) =>
    given !== undefined
      ? header.indexOf(given.toLowerCase())
      : (COLUMN_ALIASES[role].map((name) => header.indexOf(name)).find((i) => i >= 0) ?? -1);
  const columns = {
    item: find('item', names?.[0]),
    annotator: find('annotator', names?.[1]),
    label: find('label', names?.[2]),
  };
  const absent = Object.entries(columns)
    .filter(([, i]) => i < 0)
    .map(([role]) => (names ? names[['item', 'annotator', 'label'].indexOf(role)] : role));
  if (absent.length > 0) {
    throw new RatingsInputError(
      path,
      headerLine,
      `the header must name the item, annotator and label columns; missing ${absent.join(', ')} (found: ${found.join(', ')}). Name them with --columns item,annotator,label, or use --wide for one column per annotator`,
    );
  }
  const { builder } = sink;
  const annotators = new TextInterner((id) => builder.annotatorIndex(id));
  const labels = new TextInterner((label) => builder.levelIndex(label));
  const itemColumn = columns.item;
  const annotatorColumn = columns.annotator;
  const labelColumn = columns.label;
  const needed = Math.max(itemColumn, annotatorColumn, labelColumn) + 1;
  let lastItem = '';
  let lastItemIndex = -1;
  return (text, starts, ends, cells, line) => {
    if (cells < needed) {
      throw new RatingsInputError(
        path,
        line,
        `${cells} cells; expected at least ${needed} (item, annotator, label)`,
      );
    }
    const itemStart = starts[itemColumn]!;
    const itemEnd = ends[itemColumn]!;
    const annotatorStart = starts[annotatorColumn]!;
    const annotatorEnd = ends[annotatorColumn]!;
    const labelStart = starts[labelColumn]!;
    const labelEnd = ends[labelColumn]!;
    if (itemStart === itemEnd) throw new RatingsInputError(path, line, 'the item is empty');
    if (annotatorStart === annotatorEnd)
      throw new RatingsInputError(path, line, 'the annotator is empty');
    if (labelStart === labelEnd) {
      sink.missing += 1;
      return;
    }
    const level = labels.intern(text, labelStart, labelEnd);
    if (lastItemIndex < 0 || !sameText(lastItem, text, itemStart, itemEnd)) {
      lastItem = text.slice(itemStart, itemEnd);
      lastItemIndex = builder.itemIndex(lastItem);
    }
    builder.addIndexed(lastItemIndex, annotators.intern(text, annotatorStart, annotatorEnd), level);
    sink.ratings += 1;
  };
}

/** The row visitor of a wide CSV (an item per row, an annotator per column). */
function wideRows(path: string, header: readonly string[], sink: Sink): RowVisitor {
  const { builder } = sink;
  const hasIdColumn = header[0] === 'item' || header[0] === 'id';
  const first = hasIdColumn ? 1 : 0;
  const labels = new TextInterner((label) => builder.levelIndex(label));
  // An annotator joins the table with their first rating, as with long files.
  const annotatorOf = new Int32Array(header.length).fill(-1);
  let row = 0;
  return (text, starts, ends, cells, line) => {
    row += 1;
    if (cells > header.length)
      throw new RatingsInputError(
        path,
        line,
        `${cells} cells but the header has ${header.length} columns`,
      );
    if (hasIdColumn && starts[0] === ends[0])
      throw new RatingsInputError(path, line, 'the item id (first column) is empty');
    let item = -1;
    for (let c = first; c < header.length; c++) {
      if (c >= cells || starts[c] === ends[c]) {
        sink.missing += 1;
        continue;
      }
      const level = labels.intern(text, starts[c]!, ends[c]!);
      if (item < 0) item = builder.itemIndex(hasIdColumn ? text.slice(starts[0], ends[0]) : row);
      if (annotatorOf[c]! < 0) annotatorOf[c] = builder.annotatorIndex(header[c]!);
      builder.addIndexed(item, annotatorOf[c]!, level);
      sink.ratings += 1;
    }
  };
}

async function readJsonl(path: string, chunks: AsyncIterable<string>, sink: Sink): Promise<void> {
  const { builder } = sink;
  let line = 0;
  let rest = '';
  const readLine = (text: string) => {
    line += 1;
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new RatingsInputError(
        path,
        line,
        `not valid JSON (${(error as Error).message}); each line must be one {"item", "annotator", "label"} object`,
      );
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new RatingsInputError(
        path,
        line,
        'expected a JSON object {"item", "annotator", "label"}',
      );
    }
    const { item, annotator, label } = record as Record<string, unknown>;
    if ((typeof item !== 'string' || item === '') && typeof item !== 'number')
      throw new RatingsInputError(path, line, mustBeId('item', item));
    if ((typeof annotator !== 'string' || annotator === '') && typeof annotator !== 'number')
      throw new RatingsInputError(path, line, mustBeId('annotator', annotator));
    if (label === null || label === undefined || label === '') {
      sink.missing += 1;
      return;
    }
    if (typeof label !== 'string' && typeof label !== 'number') {
      throw new RatingsInputError(
        path,
        line,
        `"label" must be a string, a number or null, got ${JSON.stringify(label)}`,
      );
    }
    builder.addIndexed(
      builder.itemIndex(item),
      builder.annotatorIndex(annotator),
      builder.levelIndex(typeof label === 'number' ? String(label) : label),
    );
    sink.ratings += 1;
  };
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      readLine(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') readLine(rest);
}

function mustBeId(field: string, value: unknown): string {
  return `"${field}" must be a non-empty string or a number, got ${JSON.stringify(value) ?? 'nothing'}`;
}

/**
 * Re-expresses a table whose labels are all numeric strings with number levels in numeric order;
 * spellings of one number ("1", "1.0") become one level.
 */
function toNumericTable(table: RatingTable<string>): RatingTable<number> {
  const numbers = table.levels.map(Number);
  const levels = [...new Set(numbers)].sort((a, b) => a - b);
  const positionOf = new Map(levels.map((value, index) => [value, index]));
  const position = Int32Array.from(numbers, (value) => positionOf.get(value)!);
  const values = new Int32Array(table.values.length);
  for (let i = 0; i < values.length; i++) values[i] = position[table.values[i]!]!;
  return { ...table, levels, values };
}
