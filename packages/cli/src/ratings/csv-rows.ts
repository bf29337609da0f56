import { CsvError, parse } from 'csv-parse/sync';
import { RatingsInputError } from './ratings-input-error.js';

/**
 * Receives one CSV row: cell `c < cells` is `text.slice(starts[c], ends[c])`, already trimmed
 * and unquoted; `line` is the line the row starts on. `starts` and `ends` are scratch space,
 * reused for the next row: a visitor must not keep them.
 */
export type RowVisitor = (
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  cells: number,
  line: number,
) => void;

const TAB = 9;
const NEWLINE = 10;
const FORM_FEED = 12;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
/** Past any position of a string. */
const NONE = 2 ** 31 - 1;
/** A record that has not ended after this many characters is an error (most likely an open quote). */
const MAX_RECORD = 64 * 1024 * 1024;

/** csv-parse's `trim` characters. */
function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR || code === FORM_FEED;
}

/**
 * Splits CSV text, pushed in chunks of any size, into rows, as csv-parse does with
 * `{ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }`: cells trimmed of
 * spaces, tabs, CR and form feeds, blank lines skipped, a byte-order mark at the start dropped.
 *
 * Everything is split here, by hand, counting lines as it goes (so a row's line is known without
 * csv-parse's costly `info`). A chunk without a `"` — most ratings exports — is cut on commas and
 * line ends found with `indexOf`. From the line of a chunk's first `"`, a slower splitter follows
 * RFC 4180 (quoted cells with commas, line ends and doubled quotes; a record that runs past the
 * chunk waits for the next). csv-parse itself reads only what the hand splitter will not judge —
 * a record with a stray quote or text after a closing quote, and an unterminated last record —
 * so that a malformed file gets csv-parse's own error, at its line in the whole file.
 *
 * Lines end at LF (a CR before it is trimmed as a cell's trailing blank), or at CR when the first
 * line of the file ends with a lone CR (classic Mac); unlike csv-parse, a file whose first line
 * ends with CRLF still ends a line at a lone LF.
 */
export class CsvRows {
  readonly #file: string;
  #visit: RowVisitor;
  #starts = new Int32Array(16);
  #ends = new Int32Array(16);
  /** Whether each quoted cell of the current row holds a doubled quote. */
  #doubled = new Uint8Array(16);
  #malformed = false;
  /** Text after the last complete record; it starts a record, on line `#line`. */
  #pending = '';
  #line = 1;
  #started = false;
  /** Whether lines end at CR; null until the first line end is seen. */
  #crLines: boolean | null = null;

  /**
   * `file` names the input in error messages; `firstRow` receives the first row (a header) and
   * returns the visitor of the rows after it.
   */
  constructor(file: string, firstRow: (...row: Parameters<RowVisitor>) => RowVisitor) {
    this.#file = file;
    this.#visit = (...row) => {
      this.#visit = firstRow(...row);
    };
  }

  /** Splits the complete rows of `chunk` (with what was left of the previous one). */
  push(chunk: string): void {
    if (!this.#started && chunk.length > 0) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let text = this.#pending + (this.#crLines === true ? chunk.replaceAll('\r', '\n') : chunk);
    if (this.#crLines === null) {
      this.#crLines = lineEndsAtCr(text, false);
      if (this.#crLines === null) {
        this.#hold(text);
        return;
      }
      if (this.#crLines) text = text.replaceAll('\r', '\n');
    }
    const lastLineEnd = text.lastIndexOf('\n');
    const quote = text.indexOf('"');
    if (quote < 0 || quote > lastLineEnd) {
      this.#split(text, 0, lastLineEnd + 1);
      this.#hold(text.slice(lastLineEnd + 1));
      return;
    }
    const quotedFrom = text.lastIndexOf('\n', quote) + 1;
    this.#split(text, 0, quotedFrom);
    const stop = this.#splitQuoted(text, quotedFrom, lastLineEnd + 1);
    if (!this.#malformed) {
      this.#hold(text.slice(stop));
      return;
    }
    const end = recordsEnd(text, stop);
    this.#parseQuoted(text.slice(stop, end));
    this.#hold(text.slice(end));
  }

  /** Splits what is left at the end of the input (a last line without a line end). */
  end(): void {
    let text = this.#pending;
    this.#pending = '';
    if (this.#crLines === null && lineEndsAtCr(text, true)) text = text.replaceAll('\r', '\n');
    if (text.length === 0) return;
    if (text.includes('"')) this.#parseQuoted(text);
    else this.#split(`${text}\n`, 0, text.length + 1);
  }

  #hold(text: string): void {
    if (text.length > MAX_RECORD) {
      throw new RatingsInputError(
        this.#file,
        this.#line,
        `a record starting on this line runs past ${MAX_RECORD / 1024 / 1024} MiB without ending${text.includes('"') ? ' (is a quote left open?)' : ''}`,
      );
    }
    this.#pending = text;
  }

  /** The fast path: rows of quote-free `text[from, to)`, which ends with a line end. */
  #split(text: string, from: number, to: number): void {
    let line = this.#line;
    // indexOf finds each comma and line end with one native scan (memchr), several times faster
    // than a loop over charCodeAt; a comma found past the current line is kept for the next.
    let comma = text.indexOf(',', from);
    if (comma < 0) comma = NONE;
    for (let start = from; start < to;) {
      const lineEnd = text.indexOf('\n', start);
      let cells = 0;
      let cellStart = start;
      while (comma < lineEnd) {
        this.#cell(text, cells++, cellStart, comma);
        cellStart = comma + 1;
        comma = text.indexOf(',', cellStart);
        if (comma < 0) comma = NONE;
      }
      this.#cell(text, cells++, cellStart, lineEnd);
      if (cells > 1 || this.#starts[0] !== this.#ends[0])
        this.#visit(text, this.#starts, this.#ends, cells, line);
      line += 1;
      start = lineEnd + 1;
    }
    this.#line = line;
  }

  /**
   * Rows of `text[from, to)` (which ends with a line end) with RFC 4180 quoting: a quoted cell
   * may hold commas, line ends and doubled quotes. Returns where it stopped: `to` when every row
   * was split; the start of a record that runs past `to` (held for the next chunk); or, with
   * `#malformed` set, the start of a record csv-parse must judge (a stray quote, text after a
   * closing quote), so that a malformed file gets csv-parse's own error message.
   */
  #splitQuoted(text: string, from: number, to: number): number {
    let line = this.#line;
    let nextQuote = -1;
    this.#malformed = false;
    for (let start = from; start < to;) {
      let cells = 0;
      let quoted = false;
      let escaped = false;
      let innerLines = 0;
      let at = start;
      for (;;) {
        let cellStart = at;
        while (isBlank(text.charCodeAt(cellStart))) cellStart++;
        if (cells === this.#starts.length) this.#growCells();
        let next: number; // the comma or line end after the cell
        if (text.charCodeAt(cellStart) === QUOTE) {
          let close = cellStart;
          let doubled = false;
          for (;;) {
            close = text.indexOf('"', close + 1);
            if (close < 0 || close >= to) return this.#stop(start, line, false);
            if (text.charCodeAt(close + 1) !== QUOTE) break;
            doubled = true;
            close += 1;
          }
          for (
            let i = text.indexOf('\n', cellStart);
            i >= 0 && i < close;
            i = text.indexOf('\n', i + 1)
          )
            innerLines += 1;
          next = close + 1;
          while (isBlank(text.charCodeAt(next))) next++;
          const after = text.charCodeAt(next);
          if (after !== COMMA && after !== NEWLINE) return this.#stop(start, line, true);
          this.#starts[cells] = cellStart + 1;
          this.#ends[cells] = close;
          this.#doubled[cells] = doubled ? 1 : 0;
          quoted = true;
          escaped ||= doubled;
        } else {
          const lineEnd = text.indexOf('\n', cellStart);
          const comma = text.indexOf(',', cellStart);
          next = comma >= 0 && comma < lineEnd ? comma : lineEnd;
          if (nextQuote < cellStart) nextQuote = text.indexOf('"', cellStart);
          if (nextQuote >= 0 && nextQuote < next) return this.#stop(start, line, true);
          this.#cell(text, cells, cellStart, next);
          this.#doubled[cells] = 0;
        }
        cells += 1;
        at = next + 1;
        if (text.charCodeAt(next) === NEWLINE) break;
      }
      if (cells > 1 || quoted || this.#starts[0] !== this.#ends[0]) {
        if (escaped) this.#visitUnescaped(text, cells, line);
        else this.#visit(text, this.#starts, this.#ends, cells, line);
      }
      line += 1 + innerLines;
      start = at;
    }
    this.#line = line;
    return to;
  }

  #stop(position: number, line: number, malformed: boolean): number {
    this.#line = line;
    this.#malformed = malformed;
    return position;
  }

  /** Visits a row with doubled quotes in its quoted cells, as a text of its unescaped cells. */
  #visitUnescaped(source: string, cells: number, line: number): void {
    let text = '';
    for (let c = 0; c < cells; c++) {
      const cell = source.slice(this.#starts[c], this.#ends[c]);
      this.#starts[c] = text.length;
      text += this.#doubled[c] === 1 ? cell.replaceAll('""', '"') : cell;
      this.#ends[c] = text.length;
    }
    this.#visit(text, this.#starts, this.#ends, cells, line);
  }

  /** Records cell `index` as `text[start, end)` trimmed. */
  #cell(text: string, index: number, start: number, end: number): void {
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (index === this.#starts.length) this.#growCells();
    this.#starts[index] = start;
    this.#ends[index] = end;
  }

  /**
   * csv-parse on `segment`, which starts a record and ends one (or the input): for a malformed
   * record (which it rejects with its own message) and for what is left at the end.
   */
  #parseQuoted(segment: string): void {
    const firstLine = this.#line;
    let records: string[][];
    try {
      records = parse(segment, {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        record_delimiter: '\n',
      });
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const relative = (error as CsvError & { lines?: number }).lines ?? 1;
      const message = error.message.replace(
        /\bat line (\d+)/g,
        (_, line: string) => `at line ${Number(line) + firstLine - 1}`,
      );
      throw new RatingsInputError(
        this.#file,
        relative + firstLine - 1,
        `malformed CSV: ${message}`,
      );
    }
    const lines = recordLines(segment, firstLine);
    if (lines.length !== records.length) {
      // Not expected (blank lines and quotes are counted as csv-parse does); ask csv-parse, which
      // gives the line each record ends on.
      lines.length = 0;
      const located = parse(segment, {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        record_delimiter: '\n',
        info: true,
      }) as unknown as { info: { lines: number } }[];
      for (const { info } of located) lines.push(info.lines + firstLine - 1);
    }
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      while (record.length > this.#starts.length) this.#growCells();
      let text = '';
      for (let c = 0; c < record.length; c++) {
        this.#starts[c] = text.length;
        text += record[c]!;
        this.#ends[c] = text.length;
      }
      this.#visit(text, this.#starts, this.#ends, record.length, lines[r]!);
    }
    this.#line = firstLine + countNewlines(segment);
  }

  #growCells(): void {
    const grow = (array: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(array.length * 2);
      next.set(array);
      return next;
    };
    this.#starts = grow(this.#starts);
    this.#ends = grow(this.#ends);
    const doubled = new Uint8Array(this.#doubled.length * 2);
    doubled.set(this.#doubled);
    this.#doubled = doubled;
  }
}

/**
 * Whether the first line of `text` ends with a lone CR (csv-parse then takes CR as the record
 * delimiter); null when `text` has no line end yet (or ends in a CR that may precede an LF).
 */
function lineEndsAtCr(text: string, final: boolean): boolean | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 && !final ? null : false;
  if (cr + 1 < text.length) return text.charCodeAt(cr + 1) !== NEWLINE;
  return final ? true : null;
}

/**
 * The position after the last line end of `text` (from `from`, which starts a record) that lies
 * outside quotes — an even number of `"` before it — or `from` when there is none.
 */
function recordsEnd(text: string, from: number): number {
  let inQuotes = false;
  let end = from;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) inQuotes = !inQuotes;
    else if (code === NEWLINE && !inQuotes) end = i + 1;
  }
  return end;
}

/**
 * The line each record of `segment` starts on: every line that starts outside quotes and is not
 * blank (csv-parse skips blank lines), numbering the segment's first line `firstLine`.
 */
function recordLines(segment: string, firstLine: number): number[] {
  const lines: number[] = [];
  let inQuotes = false;
  let line = firstLine;
  let lineStart = true;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code === NEWLINE) {
      if (!inQuotes) lineStart = true;
      line += 1;
      continue;
    }
    if (lineStart && !isBlank(code)) {
      lineStart = false;
      lines.push(line);
    }
    if (code === QUOTE) inQuotes = !inQuotes;
  }
  return lines;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}
