// CSV as RFC 4180 writes it (and spreadsheets export it): comma-separated, fields in double
// quotes may hold commas, quotes ("" for one) and line breaks, lines end in LF or CRLF.
// Every record keeps the line it starts on, so a problem can be shown where the person's
// editor shows it.

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface CsvParse {
  readonly records: readonly CsvRecord[];
  /** A quoted field left open at the end of the file: everything after its quote is in it. */
  readonly problems: readonly CsvProblem[];
}

/**
 * Splits CSV text into records. Lenient where spreadsheets are: a quote inside an unquoted field
 * is kept as text, a byte-order mark is dropped, the last line needs no line break.
 *
 * @example parseCsv('a,b\n"x, y",2').records // [{line: 1, cells: ['a','b']}, {line: 2, cells: ['x, y','2']}]
 */
export function parseCsv(text: string): CsvParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteOpenedAt = 0;
  // Whether the current record has anything in it (so a final line break adds no empty record).
  let started = false;

  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push({ line: recordLine, cells });
    cells = [];
    started = false;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteOpenedAt = line;
      started = true;
    } else if (ch === ',') {
      endCell();
      started = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      if (started || cell !== '' || cells.length > 0) endRecord();
      else records.push({ line: recordLine, cells: [''] });
      line++;
      recordLine = line;
    } else {
      cell += ch;
      started = true;
    }
  }
  if (quoted) {
    problems.push({
      line: quoteOpenedAt,
      message:
        'a quoted field is never closed: add the missing " (everything after it was read as one field)',
    });
  }
  if (started || cell !== '' || cells.length > 0) endRecord();
  return { records, problems };
}

/** True for a record with nothing in any cell (a blank line, or only commas). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}
