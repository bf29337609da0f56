// An example import file for a project, so a manager starts from columns that fit its config:
// the data keys it displays, a gold column per field (a column per rated dimension), and the
// qualification flag. Cells are quoted as CSV requires.

import type { FieldConfig, ProjectConfig } from '@concord/core/config';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function goldColumns(field: FieldConfig): { name: string; example: string }[] {
  switch (field.type) {
    case 'choice': {
      const first = field.labels[0]?.value ?? '';
      const second = field.labels[1]?.value ?? first;
      return [
        { name: `gold.${field.name}`, example: field.multiple ? `${first}|${second}` : first },
      ];
    }
    case 'rating': {
      const middle = String(Math.ceil((field.min + field.max) / 2));
      const dimensions = field.dimensions ?? [];
      return dimensions.length === 0
        ? [{ name: `gold.${field.name}`, example: middle }]
        : dimensions.map((d) => ({ name: `gold.${field.name}.${d}`, example: middle }));
    }
    // Preference, ranking and step answers are structured: their gold goes in JSONL files.
    case 'text':
    case 'pairwise':
    case 'ranking':
    case 'steps':
      return [];
  }
}

/** A CSV with a header that fits the config, a plain row and a qualification row. */
export function exampleCsv(config: ProjectConfig): string {
  const keys =
    config.display !== undefined && config.display.length > 0 ? config.display : ['text'];
  const gold = config.fields.flatMap(goldColumns);
  const header = [
    ...keys.map((k) => `data.${k}`),
    'meta.source',
    ...gold.map((g) => g.name),
    'qualification',
  ];
  const plain = [
    ...keys.map((k) => `The ${k} of an item, to annotate`),
    'example',
    ...gold.map(() => ''),
    '',
  ];
  const qualification = [
    ...keys.map((k) => `The ${k} of an item with a known answer, "quoted, with a comma"`),
    'example',
    ...gold.map((g) => g.example),
    'true',
  ];
  return `${[header, plain, qualification].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
