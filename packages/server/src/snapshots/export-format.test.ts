import type { ProjectConfig } from '@concord/core/config';
import {
  csvCell,
  exportFormats,
  serializeStoredRow,
  storeRow,
  type ExportFormat,
  type ExportRow,
  type StoredExportRow,
} from './export-format.js';

describe('CSV cells', () => {
  it('neutralise spreadsheet formulas (OWASP CSV injection) and quote what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell({ text: 'x' })).toBe('"{""text"":""x""}"');
  });
});

describe('export rows from their stored JSON', () => {
  const config = {
    fields: [
      {
        name: 'sentiment',
        type: 'choice' as const,
        labels: [{ value: 'positive' }],
        multiple: false,
        required: true,
      },
      { name: 'score', type: 'rating' as const, min: 1, max: 5, required: false },
    ],
  } as unknown as ProjectConfig;
  const rows: ExportRow[] = [
    {
      itemId: 'itm_1',
      ord: 1,
      data: { text: 'Crème brûlée, "quoted"\nline two', n: 1e21, tiny: 5e-7, list: [1, -0, true] },
      value: { sentiment: '=cmd|calc', score: -1 },
      method: 'majority',
      confidence: 2 / 3,
      annotations: [{ annotator: 'annotator-1', value: { sentiment: 'positive' }, revision: 1 }],
    },
    {
      itemId: 'itm_2',
      ord: 2,
      data: '@SUM(A1)',
      value: null,
      method: 'undecided',
      confidence: null,
      annotations: [],
    },
    {
      itemId: 'itm_3',
      ord: 3,
      data: null,
      value: { sentiment: 'a,b' },
      method: 'adjudication',
      confidence: 1,
      annotations: [],
    },
    {
      itemId: 'itm_4',
      ord: 4,
      data: 12.5,
      value: {},
      method: 'dawid-skene',
      confidence: 0.9,
      annotations: [],
    },
  ];

  /** What the export was before it spliced stored text: every row parsed, then serialized whole. */
  function reference(format: ExportFormat, row: ExportRow): string {
    if (format.format === 'csv')
      return `${[
        row.itemId,
        ...config.fields.map((f) => row.value?.[f.name] ?? null),
        row.method,
        row.confidence,
        row.data,
      ]
        .map(csvCell)
        .join(',')}\r\n`;
    const record: Record<string, unknown> = {
      item_id: row.itemId,
      data: row.data,
      label: row.value,
      method: row.method,
      confidence: row.confidence,
    };
    if (format.annotations) record.annotations = row.annotations;
    return `${JSON.stringify(record)}\n`;
  }

  it('are byte for byte what serializing the parsed rows gives, in every format', () => {
    for (const format of exportFormats())
      for (const row of rows) {
        // Stored, then read back as the database returns it.
        const stored = JSON.parse(JSON.stringify(storeRow(row))) as StoredExportRow;
        expect(serializeStoredRow(format, config, stored), `${format.format} ${row.itemId}`).toBe(
          reference(format, row),
        );
      }
  });
});
