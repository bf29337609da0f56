import type { Kysely } from 'kysely';
import type { ProjectConfig } from '@concord/core/config';
import type { DB } from '../db/schema.js';

/** One exported item: what the export files contain, in this shape. */
export interface ExportRow {
  readonly itemId: string;
  readonly ord: number;
  readonly data: unknown;
  readonly value: Record<string, unknown> | null;
  readonly method: string;
  readonly confidence: number | null;
  readonly annotations: readonly Record<string, unknown>[];
}

export interface ExportFormat {
  readonly format: 'jsonl' | 'csv';
  readonly annotations: boolean;
  readonly header?: (config: ProjectConfig) => string;
}

/** Every file a snapshot can be exported as; the manifest lists the SHA-256 of each. */
export function exportFormats(): ExportFormat[] {
  return [
    { format: 'jsonl', annotations: false },
    { format: 'jsonl', annotations: true },
    {
      format: 'csv',
      annotations: false,
      header: (config) =>
        csvLine(['item_id', ...config.fields.map((f) => f.name), 'method', 'confidence', 'data']),
    },
  ];
}

/** A CSV cell that a spreadsheet will not run as a formula (=, +, -, @, tab, CR lead to a quote prefix). */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  // Text only: numbers (a rating of -1) stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The bytes of one row in a format; export and manifest hashing both use this, so they agree. */
export function serializeRow(format: ExportFormat, config: ProjectConfig, row: ExportRow): string {
  if (format.format === 'csv') {
    return csvLine([
      row.itemId,
      ...config.fields.map((f) => row.value?.[f.name] ?? null),
      row.method,
      row.confidence,
      row.data,
    ]);
  }
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

/**
 * The bytes of a snapshot export, in chunks, read page by page (memory stays flat on a million
 * items). The HTTP export and `concord export` both stream this, and the manifest's hashes were
 * computed over the same serialization.
 */
export async function* snapshotExport(
  db: Kysely<DB>,
  snapshotId: string,
  config: ProjectConfig,
  format: ExportFormat,
): AsyncGenerator<string> {
  const header = format.header?.(config);
  if (header) yield header;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('snapshot_items')
      .selectAll()
      .where('snapshot_id', '=', snapshotId)
      .where('ord', '>', after)
      .orderBy('ord')
      .limit(2000)
      .execute();
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.ord);
    let chunk = '';
    for (const r of rows) {
      chunk += serializeRow(format, config, {
        itemId: r.item_id,
        ord: Number(r.ord),
        data: JSON.parse(r.data) as unknown,
        value: r.value === null ? null : (JSON.parse(r.value) as Record<string, unknown>),
        method: r.method,
        confidence: r.confidence === null ? null : Number(r.confidence),
        annotations: JSON.parse(r.annotations) as Record<string, unknown>[],
      });
    }
    yield chunk;
  }
}
