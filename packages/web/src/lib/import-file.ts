// Reading an import file in the browser, before anything is sent: a JSON array, JSON Lines or
// CSV, turned into the rows the import endpoint takes ({data, meta?, gold?, priority?,
// qualification?}), each with the line of the file it came from. What cannot be read is
// reported with its line, never dropped: a row that is not JSON is listed as not importable,
// and a problem with the file as a whole (not an array, an unknown CSV column) stops the import.

import type { FieldConfig, ProjectConfig } from '@concord/core/config';
import type { RowProblem } from '../api/types';
import { isBlankRecord, parseCsv } from './csv';
import type { CsvRecord } from './csv';

export type ImportFormat = 'json' | 'jsonl' | 'csv';

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  json: 'JSON array',
  jsonl: 'JSON Lines',
  csv: 'CSV',
};

/** One row as it will be sent, with the 1-based line of the file where it starts. */
export interface SourceRow {
  readonly line: number;
  readonly row: unknown;
}

export interface FileReading {
  readonly format: ImportFormat;
  readonly rows: readonly SourceRow[];
  /** Rows that could not be read at all (broken JSON, too many CSV cells): never sent. */
  readonly unreadable: readonly RowProblem[];
  /** Problems with the whole file: nothing can be imported until they are fixed. */
  readonly fatal: readonly RowProblem[];
  /** Empty lines (or CSV lines of only commas), which hold no item. */
  readonly blankLines: number;
}

/** The format from the file's extension, or from its first character when the name says nothing. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const name = fileName.toLowerCase();
  const first = text.trimStart()[0];
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  // A .json file of one object per line is JSON Lines whatever its name says.
  if (name.endsWith('.json')) return first === '{' ? 'jsonl' : 'json';
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

export function readImportFile(fileName: string, text: string, config: ProjectConfig): FileReading {
  const format = detectFormat(fileName, text);
  switch (format) {
    case 'json':
      return readJsonArray(text);
    case 'jsonl':
      return readJsonLines(text);
    case 'csv':
      return readCsv(text, config);
  }
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * The engine's words for a JSON syntax error, without its character offset, and the line it is
 * on. Chromium says "… in JSON at position 45 (line 3 column 5)", Firefox "… at line 3 column 5
 * of the JSON data", older engines only the position; with none of these, line 1.
 */
export function describeJsonError(
  error: unknown,
  text: string,
): { readonly line: number; readonly message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const lineMatch = /line (\d+) column (\d+)/.exec(raw);
  const positionMatch = /at position (\d+)/.exec(raw);
  const line = lineMatch
    ? Number(lineMatch[1])
    : positionMatch
      ? lineAt(text, Number(positionMatch[1]))
      : 1;
  const message = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*at line \d+ column \d+ of the JSON data/, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/,?\s*"[^"]*"\s+is not valid JSON$/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .trim();
  return { line, message: `not valid JSON: ${message === '' ? raw : message}` };
}

/** The line on which each element of a top-level JSON array starts. */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (depth === 1 && expectElement && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function readJsonArray(text: string): FileReading {
  const reading = { format: 'json' as const, rows: [], unreadable: [], blankLines: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ...reading, fatal: [describeJsonError(error, text)] };
  }
  if (!Array.isArray(parsed)) {
    return {
      ...reading,
      fatal: [
        {
          line: 1,
          message:
            'expected a JSON array of rows, [{"data": {...}}, …]; for one object per line use a .jsonl file',
        },
      ],
    };
  }
  const lines = arrayElementLines(text);
  return {
    ...reading,
    rows: parsed.map((row: unknown, i) => ({ line: lines[i] ?? i + 1, row })),
    fatal: [],
  };
}

function readJsonLines(text: string): FileReading {
  const rows: SourceRow[] = [];
  const unreadable: RowProblem[] = [];
  let blankLines = 0;
  const lines = text.split('\n');
  // A final line break ends the last line; it does not start a blank one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const content = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    const line = i + 1;
    if (content === '') {
      blankLines++;
      return;
    }
    try {
      rows.push({ line, row: JSON.parse(content) as unknown });
    } catch (error) {
      unreadable.push({ line, message: describeJsonError(error, content).message });
    }
  });
  return { format: 'jsonl', rows, unreadable, fatal: [], blankLines };
}

/** What one CSV column holds. */
type Column =
  | { readonly kind: 'data' | 'meta'; readonly key: string }
  | { readonly kind: 'gold'; readonly field: FieldConfig; readonly dimension: string | null }
  | { readonly kind: 'priority' | 'qualification' };

export const CSV_COLUMNS_HINT =
  'data.<key>, meta.<key>, gold.<field> (gold.<field>.<dimension> for a rated dimension), priority, qualification';

function columnOf(name: string, config: ProjectConfig): Column | string {
  if (name === 'priority' || name === 'qualification') return { kind: name };
  const dot = name.indexOf('.');
  const section = dot === -1 ? name : name.slice(0, dot);
  const rest = dot === -1 ? '' : name.slice(dot + 1);
  if (section === 'data' || section === 'meta') {
    return rest === '' ? `name the key, as in ${section}.text` : { kind: section, key: rest };
  }
  if (section === 'gold') {
    const [fieldName = '', dimension, ...more] = rest.split('.');
    const field = config.fields.find((f) => f.name === fieldName);
    const names = config.fields.map((f) => f.name).join(', ');
    if (field === undefined) return `"${fieldName}" is not a field of this project (${names})`;
    if (dimension === undefined) return { kind: 'gold', field, dimension: null };
    const dimensions = field.type === 'rating' ? (field.dimensions ?? []) : [];
    if (more.length > 0 || !dimensions.includes(dimension)) {
      return dimensions.length === 0
        ? `${field.name} has no dimensions: name the column gold.${field.name}`
        : `"${dimension}" is not a dimension of ${field.name} (${dimensions.join(', ')})`;
    }
    return { kind: 'gold', field, dimension };
  }
  return `unknown column (use ${CSV_COLUMNS_HINT})`;
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/** A JSON value when the cell holds one of the given kind, else the text as it is. */
function jsonOr(cell: string, opener: string): unknown {
  if (!cell.startsWith(opener)) return cell;
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    return cell;
  }
}

/** A cell as the value of a gold field; what does not fit stays text, for the check to name. */
function goldCell(field: FieldConfig, cell: string): unknown {
  switch (field.type) {
    case 'choice': {
      if (!field.multiple) return cell;
      const list = jsonOr(cell, '[');
      return Array.isArray(list)
        ? list
        : cell
            .split('|')
            .map((label) => label.trim())
            .filter((label) => label !== '');
    }
    case 'rating':
      if (/^-?\d+$/.test(cell)) return Number(cell);
      return jsonOr(cell, '{');
    case 'text':
      return cell;
  }
}

function csvRow(columns: readonly Column[], cells: readonly string[]): unknown {
  const data: Record<string, string> = {};
  const meta: Record<string, string> = {};
  const gold: Record<string, unknown> = {};
  const row: Record<string, unknown> = { data };
  columns.forEach((column, i) => {
    const raw = cells[i] ?? '';
    const cell = raw.trim();
    if (cell === '') return; // an empty cell is no value, as in a spreadsheet
    switch (column.kind) {
      case 'data':
        data[column.key] = raw;
        return;
      case 'meta':
        meta[column.key] = raw;
        return;
      case 'gold': {
        const { field, dimension } = column;
        if (dimension === null) {
          gold[field.name] = goldCell(field, cell);
        } else {
          const scores = (gold[field.name] ?? {}) as Record<string, unknown>;
          scores[dimension] = /^-?\d+$/.test(cell) ? Number(cell) : cell;
          gold[field.name] = scores;
        }
        return;
      }
      case 'priority':
        row.priority = /^-?\d+$/.test(cell) ? Number(cell) : cell;
        return;
      case 'qualification': {
        const word = cell.toLowerCase();
        row.qualification = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : cell;
        return;
      }
    }
  });
  if (Object.keys(meta).length > 0) row.meta = meta;
  if (Object.keys(gold).length > 0) row.gold = gold;
  return row;
}

function readCsv(text: string, config: ProjectConfig): FileReading {
  const parsed = parseCsv(text);
  const reading = { format: 'csv' as const, rows: [], unreadable: [], blankLines: 0 };
  const records = parsed.records;
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  const header: CsvRecord | undefined = records[headerIndex];
  if (header === undefined) {
    return { ...reading, fatal: [{ line: 1, message: 'the file is empty' }] };
  }
  const fatal: RowProblem[] = parsed.problems.map((p) => ({ ...p }));
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const rawName of header.cells) {
    const name = rawName.trim();
    const column = columnOf(name, config);
    if (typeof column === 'string') {
      fatal.push({ line: header.line, message: `column "${name}": ${column}` });
    } else if (seen.has(name)) {
      fatal.push({ line: header.line, message: `column "${name}" appears twice` });
    } else {
      columns.push(column);
    }
    seen.add(name);
  }
  if (fatal.length > 0) return { ...reading, fatal };

  const rows: SourceRow[] = [];
  const unreadable: RowProblem[] = [];
  let blankLines = headerIndex;
  for (const record of records.slice(headerIndex + 1)) {
    if (isBlankRecord(record)) {
      blankLines++;
    } else if (record.cells.length > columns.length) {
      unreadable.push({
        line: record.line,
        message: `${record.cells.length} cells, but the header names ${columns.length} columns: put a field that contains a comma in double quotes`,
      });
    } else {
      rows.push({ line: record.line, row: csvRow(columns, record.cells) });
    }
  }
  return { format: 'csv', rows, unreadable, fatal: [], blankLines };
}
