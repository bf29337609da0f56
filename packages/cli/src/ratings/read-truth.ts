import { CsvRows } from './csv-rows.js';
import { lineChunks } from './line-chunks.js';
import { RatingsInputError } from './ratings-input-error.js';

/**
 * Reads a truth file: CSV with a header naming `item` and `label` columns (others ignored), split
 * as ratings files are (see {@link CsvRows}). Returns label by item id (as text). A repeated item
 * with another label is an error.
 */
export async function readTruth(path: string): Promise<Map<string, string>> {
  const truth = new Map<string, string>();
  const rows = new CsvRows(path, (text, starts, ends, cells, line) => {
    const names: string[] = [];
    for (let c = 0; c < cells; c++) names.push(text.slice(starts[c], ends[c]));
    const header = names.map((name) => name.toLowerCase());
    const itemColumn = header.indexOf('item');
    const labelColumn = header.indexOf('label');
    if (itemColumn < 0 || labelColumn < 0) {
      throw new RatingsInputError(
        path,
        line,
        `the truth file's header must name the columns item and label (found: ${names.join(', ')})`,
      );
    }
    return (text, starts, ends, cells, line) => {
      if (
        itemColumn >= cells ||
        labelColumn >= cells ||
        starts[itemColumn] === ends[itemColumn] ||
        starts[labelColumn] === ends[labelColumn]
      )
        throw new RatingsInputError(path, line, 'expected an item and a label');
      const item = text.slice(starts[itemColumn], ends[itemColumn]);
      const label = text.slice(starts[labelColumn], ends[labelColumn]);
      const known = truth.get(item);
      if (known !== undefined && known !== label)
        throw new RatingsInputError(
          path,
          line,
          `item ${item} is given two truths: ${known} and ${label}`,
        );
      truth.set(item, label);
    };
  });
  for await (const chunk of lineChunks(path)) rows.push(chunk);
  rows.end();
  return truth;
}
