import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { RatingsInputError } from './read-ratings.js';

/**
 * Reads a truth file: CSV with a header naming `item` and `label` columns (others ignored).
 * Returns label by item id (as text). A repeated item with another label is an error.
 */
export async function readTruth(path: string): Promise<Map<string, string>> {
  const truth = new Map<string, string>();
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let columns: { item: number; label: number } | null = null;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!columns) {
      const header = record.map((h) => h.toLowerCase());
      columns = { item: header.indexOf('item'), label: header.indexOf('label') };
      if (columns.item < 0 || columns.label < 0) {
        throw new RatingsInputError(
          path,
          info.lines,
          `the truth file's header must name the columns item and label (found: ${record.join(', ')})`,
        );
      }
      continue;
    }
    const item = record[columns.item];
    const label = record[columns.label];
    if (!item || label === undefined || label === '')
      throw new RatingsInputError(path, info.lines, 'expected an item and a label');
    const known = truth.get(item);
    if (known !== undefined && known !== label)
      throw new RatingsInputError(
        path,
        info.lines,
        `item ${item} is given two truths: ${known} and ${label}`,
      );
    truth.set(item, label);
  }
  return truth;
}
