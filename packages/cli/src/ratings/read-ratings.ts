import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { RatingTableBuilder, type Label, type RatingTable } from '@concord/core/agreement';

/** How a ratings file is laid out. */
export type RatingsFormat = 'csv' | 'jsonl' | 'wide';

export interface ReadRatingsOptions {
  /** Default: `jsonl` for .jsonl/.ndjson files, otherwise `csv`; `wide` must be asked for. */
  readonly format?: RatingsFormat | undefined;
  /** Called as the file is read, with bytes read and the file's size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Long CSV: the header names of the item, annotator and label columns, when not found by name. */
  readonly columns?: readonly [item: string, annotator: string, label: string] | undefined;
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

/** A problem in the input, located by file and line, with what to do about it. */
export class RatingsInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function detectFormat(path: string): RatingsFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'csv';
}

/**
 * Streams a ratings file into a rating table. Long CSV: a header naming `item`, `annotator` and
 * `label` columns (any order, other columns ignored). JSONL: one `{"item", "annotator", "label"}`
 * object per line. Wide CSV: a header of annotator names, one row per item; an optional first
 * column named `item` or `id` holds the item ids (otherwise items are numbered by row). An empty
 * label (or `null` in JSONL) is a missing rating. Labels that are all numbers become numbers.
 * The first malformed line stops the read with its line number.
 */
export async function readRatings(
  path: string,
  options: ReadRatingsOptions = {},
): Promise<RatingsFile> {
  const format = options.format ?? detectFormat(path);
  const total = statSync(path).size;
  const stream = createReadStream(path);
  if (options.onProgress) {
    const report = options.onProgress;
    let last = 0;
    stream.on('data', () => {
      if (stream.bytesRead - last >= total / 200 || stream.bytesRead === total) {
        last = stream.bytesRead;
        report(stream.bytesRead, total);
      }
    });
  }
  const builder = new RatingTableBuilder<string | number>();
  const counts = { ratings: 0, missing: 0 };
  const allNumeric = { value: true };
  const add = (
    item: string | number,
    annotator: string | number,
    label: string | number | null,
  ) => {
    if (label === null || label === '') {
      counts.missing += 1;
      return;
    }
    if (typeof label === 'string' && !NUMBER.test(label)) allNumeric.value = false;
    counts.ratings += 1;
    builder.add(item, annotator, typeof label === 'number' ? String(label) : label);
  };

  if (format === 'jsonl') await readJsonl(path, stream, add);
  else await readCsv(path, stream, format === 'wide', options.columns, add);

  if (counts.ratings === 0)
    throw new RatingsInputError(
      path,
      1,
      'no ratings found: every label is empty or the file has no data rows',
    );
  const table = builder.build() as RatingTable<string>;
  const numeric = allNumeric.value;
  return {
    table: numeric ? toNumericTable(table) : table,
    ratings: counts.ratings,
    missing: counts.missing,
    numeric,
  };
}

type Add = (
  item: string | number,
  annotator: string | number,
  label: string | number | null,
) => void;

async function readJsonl(path: string, stream: NodeJS.ReadableStream, add: Add): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new RatingsInputError(
        path,
        n,
        `not valid JSON (${(error as Error).message}); each line must be one {"item", "annotator", "label"} object`,
      );
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new RatingsInputError(path, n, 'expected a JSON object {"item", "annotator", "label"}');
    }
    const { item, annotator, label } = record as Record<string, unknown>;
    for (const [field, value] of [
      ['item', item],
      ['annotator', annotator],
    ] as const) {
      if ((typeof value !== 'string' || value === '') && typeof value !== 'number') {
        throw new RatingsInputError(
          path,
          n,
          `"${field}" must be a non-empty string or a number, got ${JSON.stringify(value) ?? 'nothing'}`,
        );
      }
    }
    if (
      label !== null &&
      label !== undefined &&
      typeof label !== 'string' &&
      typeof label !== 'number'
    ) {
      throw new RatingsInputError(
        path,
        n,
        `"label" must be a string, a number or null, got ${JSON.stringify(label)}`,
      );
    }
    add(item as string | number, annotator as string | number, label ?? null);
  }
}

async function readCsv(
  path: string,
  stream: NodeJS.ReadableStream,
  wide: boolean,
  names: ReadRatingsOptions['columns'],
  add: Add,
): Promise<void> {
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let header: string[] | null = null;
  let columns = { item: -1, annotator: -1, label: -1 };
  let row = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.toLowerCase());
        if (!wide) {
          const find = (role: keyof typeof COLUMN_ALIASES, given: string | undefined) =>
            given !== undefined
              ? header!.indexOf(given.toLowerCase())
              : (COLUMN_ALIASES[role].map((name) => header!.indexOf(name)).find((i) => i >= 0) ??
                -1);
          columns = {
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
              line,
              `the header must name the item, annotator and label columns; missing ${absent.join(', ')} (found: ${record.join(', ')}). Name them with --columns item,annotator,label, or use --wide for one column per annotator`,
            );
          }
        }
        continue;
      }
      row += 1;
      if (wide) {
        const hasIdColumn = header[0] === 'item' || header[0] === 'id';
        if (record.length > header.length)
          throw new RatingsInputError(
            path,
            line,
            `${record.length} cells but the header has ${header.length} columns`,
          );
        const item = hasIdColumn ? record[0]! : row;
        if (item === '')
          throw new RatingsInputError(path, line, 'the item id (first column) is empty');
        for (let c = hasIdColumn ? 1 : 0; c < header.length; c++)
          add(item, header[c]!, record[c] ?? '');
      } else {
        const item = record[columns.item];
        const annotator = record[columns.annotator];
        const label = record[columns.label];
        if (item === undefined || annotator === undefined || label === undefined) {
          throw new RatingsInputError(
            path,
            line,
            `${record.length} cells; expected at least ${Math.max(columns.item, columns.annotator, columns.label) + 1} (item, annotator, label)`,
          );
        }
        if (item === '') throw new RatingsInputError(path, line, 'the item is empty');
        if (annotator === '') throw new RatingsInputError(path, line, 'the annotator is empty');
        add(item, annotator, label);
      }
    }
  } catch (error) {
    if (error instanceof RatingsInputError) throw error;
    const e = error as Error & { lines?: number };
    throw new RatingsInputError(path, e.lines ?? row + 1, `malformed CSV: ${e.message}`);
  }
  if (!header) throw new RatingsInputError(path, 1, 'the file is empty; expected a header line');
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
