import type { FieldConfig, ProjectConfig } from '@concord/core/config';

/** A CSV header that cannot be mapped to rows: the whole file is refused. */
export class CsvHeaderError extends Error {}

type Cell = (row: MutableRow, value: string) => void;

interface MutableRow {
  data?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  gold?: Record<string, unknown>;
  priority?: unknown;
  qualification?: unknown;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number when the cell spells one; otherwise the text, so validation names the field. */
const numberOrText = (value: string): unknown => (NUMBER.test(value) ? Number(value) : value);

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/** A JSON value when the cell starts like one (`[`, `{`), otherwise `fallback(cell)`. */
function jsonOr(value: string, fallback: (v: string) => unknown): unknown {
  if (value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value; // left as text: validation reports the field
    }
  }
  return fallback(value);
}

/** How one gold cell becomes the gold answer of its field, by the field's type. */
function goldValue(field: FieldConfig, value: string): unknown {
  switch (field.type) {
    case 'choice':
      return field.multiple
        ? jsonOr(value, (v) =>
            v
              .split('|')
              .map((label) => label.trim())
              .filter((label) => label !== ''),
          )
        : value.trim();
    case 'rating':
      return jsonOr(value, numberOrText);
    case 'text':
      return value;
  }
}

const COLUMN_HELP =
  'name columns data.<key>, meta.<key>, gold.<field> (gold.<field>.<dimension> for a rated dimension), priority or qualification';

/**
 * Maps a CSV header to a function that turns each record into an import row. Columns:
 * `data.<key>` and `meta.<key>` (text; an empty cell leaves the key out), `gold.<field>` (rating
 * fields as numbers, multiple-choice labels separated by `|` or as a JSON array, a JSON object for
 * the dimensions of a rating) or `gold.<field>.<dimension>`, `priority` (a whole number) and
 * `qualification` (true/false, yes/no, 1/0). An empty cell is an absent value, so a row whose gold
 * cells are all empty is a production item. Throws {@link CsvHeaderError} for a column it cannot
 * place, naming it.
 */
export function csvRowMapper(
  header: readonly string[],
  config: ProjectConfig,
): (record: readonly string[]) => unknown {
  const fields = new Map(config.fields.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const cells: Cell[] = header.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) throw new CsvHeaderError(`column "${name}" appears twice`);
    seen.add(name);
    if (name === 'priority')
      return (row, value) => {
        row.priority = numberOrText(value.trim());
      };
    if (name === 'qualification')
      return (row, value) => {
        const v = value.trim().toLowerCase();
        row.qualification = v in BOOLEANS ? BOOLEANS[v] : value;
      };
    const dot = name.indexOf('.');
    const group = dot > 0 ? name.slice(0, dot) : '';
    const key = name.slice(dot + 1);
    if ((group === 'data' || group === 'meta') && key !== '')
      return (row, value) => {
        (row[group] ??= {})[key] = value;
      };
    if (group === 'gold' && key !== '') {
      const [fieldName = '', dimension, ...rest] = key.split('.');
      const field = fields.get(fieldName);
      if (!field)
        throw new CsvHeaderError(
          `column "${name}": ${fieldName} is not a field of this project (fields: ${[...fields.keys()].join(', ')})`,
        );
      if (dimension === undefined)
        return (row, value) => {
          (row.gold ??= {})[fieldName] = goldValue(field, value);
        };
      if (
        rest.length > 0 ||
        field.type !== 'rating' ||
        !(field.dimensions ?? []).includes(dimension)
      )
        throw new CsvHeaderError(
          `column "${name}": ${dimension} is not a dimension of the rating field ${fieldName}`,
        );
      return (row, value) => {
        const gold = (row.gold ??= {});
        const scores = (gold[fieldName] ??= {}) as Record<string, unknown>;
        scores[dimension] = numberOrText(value.trim());
      };
    }
    throw new CsvHeaderError(`column "${name}": ${COLUMN_HELP}`);
  });
  if (!header.some((h) => h.trim().startsWith('data.')))
    throw new CsvHeaderError(`no data column: ${COLUMN_HELP}`);
  return (record) => {
    const row: MutableRow = {};
    for (let c = 0; c < cells.length; c++) {
      const value = record[c];
      if (value !== undefined && value !== '') cells[c]!(row, value);
    }
    // Every data cell empty: an empty object, which validation reports as missing data.
    row.data ??= {};
    return row;
  };
}
