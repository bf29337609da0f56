// The checks the server makes on every imported row, made in the browser first so a person
// sees every problem with its line before anything is sent. The server checks again and has
// the last word; its refusals are mapped back to the lines of the file here too.

import { checkImportRow } from '@concord/core/config';
import type { ProjectConfig } from '@concord/core/config';
import type { RowProblem } from '../api/types';
import type { SourceRow } from './import-file';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of one row, each naming the part it is about, in the server's words: the server's
 * import and this preview both check with core's `checkImportRow`.
 */
export { checkImportRow };

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
