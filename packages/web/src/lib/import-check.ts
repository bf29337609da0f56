// The checks the server makes on every imported row, made in the browser first so a person
// sees every problem with its line before anything is sent. The server checks again and has
// the last word; its refusals are mapped back to the lines of the file here too.

import { validateAnnotationValue } from '@concord/core/config';
import type { ProjectConfig } from '@concord/core/config';
import type { RowProblem } from '../api/types';
import type { SourceRow } from './import-file';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_KEYS = new Set(['data', 'meta', 'gold', 'priority', 'qualification']);

/**
 * Every problem of one row, each naming the part it is about, as the server's import words it
 * (`gold.sentiment: must be one of positive, neutral, negative`).
 */
export function checkImportRow(config: ProjectConfig, row: unknown, line: number): RowProblem[] {
  if (!isObject(row)) {
    return [{ line, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' }];
  }
  const problems: RowProblem[] = [];
  if (!isObject(row.data) || Object.keys(row.data).length === 0) {
    problems.push({ line, message: 'data: required, a non-empty object' });
  }
  if (row.meta !== undefined && !isObject(row.meta)) {
    problems.push({ line, message: 'meta: must be an object' });
  }
  if (
    row.priority !== undefined &&
    (typeof row.priority !== 'number' ||
      !Number.isInteger(row.priority) ||
      Math.abs(row.priority) > 1_000_000)
  ) {
    problems.push({ line, message: 'priority: must be a whole number (higher is served first)' });
  }
  if (row.qualification !== undefined && typeof row.qualification !== 'boolean') {
    problems.push({ line, message: 'qualification: must be true or false' });
  }
  if (row.gold !== undefined && row.gold !== null) {
    for (const issue of validateAnnotationValue(config, row.gold, 'gold')) {
      problems.push({ line, message: `${issue.path}: ${issue.message}` });
    }
  } else if (row.qualification === true) {
    problems.push({ line, message: 'qualification: a qualification item needs a gold answer' });
  }
  for (const key of Object.keys(row)) {
    if (!KNOWN_KEYS.has(key)) {
      problems.push({
        line,
        message: `${key}: unknown key (use data, meta, gold, priority, qualification)`,
      });
    }
  }
  return problems;
}

export type RowKind = 'production' | 'gold' | 'qualification';

/** What a valid row becomes: gold with an answer, qualification when also marked so. */
export function rowKind(row: unknown): RowKind {
  if (!isObject(row) || row.gold === undefined || row.gold === null) return 'production';
  return row.qualification === true ? 'qualification' : 'gold';
}

export interface RowsCheck {
  readonly problems: readonly RowProblem[];
  /** Lines of the rows with at least one problem. */
  readonly invalidLines: ReadonlySet<number>;
  readonly counts: Readonly<Record<RowKind, number>>;
}

/** Checks every row; the counts are of the valid rows, by what they will become. */
export function checkRows(config: ProjectConfig, rows: readonly SourceRow[]): RowsCheck {
  const problems: RowProblem[] = [];
  const invalidLines = new Set<number>();
  const counts: Record<RowKind, number> = { production: 0, gold: 0, qualification: 0 };
  for (const { line, row } of rows) {
    const found = checkImportRow(config, row, line);
    if (found.length > 0) {
      problems.push(...found);
      invalidLines.add(line);
    } else {
      counts[rowKind(row)]++;
    }
  }
  return { problems, invalidLines, counts };
}

/** Rows sent together in one request. */
export interface ImportChunk {
  /** Index of the first row of the chunk among all rows. */
  readonly start: number;
  readonly rows: readonly SourceRow[];
}

/** The file's rows in requests of at most `size` rows, in order. */
export function chunkRows(rows: readonly SourceRow[], size: number): ImportChunk[] {
  if (size < 1) throw new RangeError(`chunk size must be at least 1, got ${size}`);
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push({ start, rows: rows.slice(start, start + size) });
  }
  return chunks;
}

/**
 * The server counts lines from 1 within each request; these are the lines of the file. A line
 * the chunk does not have (which a server would not send) is kept as it came, marked so.
 */
export function toFileLines(
  chunk: ImportChunk,
  problems: readonly RowProblem[],
): readonly RowProblem[] {
  return problems.map((problem) => {
    const source = chunk.rows[problem.line - 1];
    return source === undefined
      ? { line: problem.line, message: `(row ${problem.line} of a request) ${problem.message}` }
      : { line: source.line, message: problem.message };
  });
}

/** "line 4", "lines 2–5,001". */
export function lineRange(rows: readonly SourceRow[]): string {
  const first = rows[0]?.line;
  const last = rows[rows.length - 1]?.line;
  if (first === undefined || last === undefined) return 'no lines';
  const f = first.toLocaleString('en-US');
  return first === last ? `line ${f}` : `lines ${f}–${last.toLocaleString('en-US')}`;
}
