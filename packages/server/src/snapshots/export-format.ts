import type { Kysely } from 'kysely';
import type { ProjectConfig } from '@concord/core/config';
import type { DB } from '../db/schema.js';
import {
  DEFAULT_TRAINING_OPTIONS,
  snapshotEntry,
  trainingFiles,
  trainingLines,
  type TrainingFile,
  type TrainingFormat,
  type TrainingOptions,
} from './training-export.js';

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
  readonly format: 'jsonl' | 'csv' | TrainingFormat;
  readonly annotations: boolean;
  readonly header?: (config: ProjectConfig) => string;
  /** A training file: the field it reads, a dimension, and how ties and low agreement go. */
  readonly training?: TrainingFile & { readonly options: TrainingOptions };
}

/**
 * Every file a snapshot can be exported as; the manifest lists the SHA-256 of each. The JSONL and
 * CSV files always; with the project's config, the training files its fields allow (DPO pairs,
 * reward-model rankings, process-reward labels, chat and red-team records).
 */
export function exportFormats(
  config?: ProjectConfig,
  training: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): ExportFormat[] {
  const base: ExportFormat[] = [
    { format: 'jsonl', annotations: false },
    { format: 'jsonl', annotations: true },
    {
      format: 'csv',
      annotations: false,
      header: (c) =>
        csvLine(['item_id', ...c.fields.map((f) => f.name), 'method', 'confidence', 'data']),
    },
  ];
  const files = config === undefined ? [] : trainingFiles(config);
  return [
    ...base,
    ...files.map((file) => ({
      format: file.format,
      annotations: false,
      training: { ...file, options: training },
    })),
  ];
}

/** The query that downloads a file: `format=dpo&field=pref&dimension=safety`. */
export function exportQuery(format: ExportFormat): string {
  const t = format.training;
  return `format=${format.format}${format.annotations ? '&annotations=true' : ''}${t ? `&field=${encodeURIComponent(t.field)}` : ''}${t?.dimension !== undefined ? `&dimension=${encodeURIComponent(t.dimension)}` : ''}`;
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

/**
 * One exported item as stored in `snapshot_items`: its JSON as text, exactly as
 * `JSON.stringify` wrote it when the snapshot was built.
 */
export interface StoredExportRow {
  readonly item_id: string;
  /** JSON text of the item's data. */
  readonly data: string;
  /** JSON text of the final value, or null when undecided. */
  readonly value: string | null;
  readonly method: string;
  readonly confidence: number | null;
  /** JSON text of the list of annotations. */
  readonly annotations: string;
}

/** The stored form of a row: what the snapshot keeps, and what every export is written from. */
export function storeRow(row: ExportRow): StoredExportRow {
  return {
    item_id: row.itemId,
    data: JSON.stringify(row.data) ?? 'null',
    value: row.value === null ? null : JSON.stringify(row.value),
    method: row.method,
    confidence: row.confidence,
    annotations: JSON.stringify(row.annotations),
  };
}

/** The bytes of one row in a format; export and manifest hashing both use this, so they agree. */
export function serializeRow(format: ExportFormat, config: ProjectConfig, row: ExportRow): string {
  return serializeStoredRow(format, config, storeRow(row));
}

/**
 * The bytes of one stored row in a format. The stored JSON texts are spliced in as they are —
 * they were written by `JSON.stringify`, so this is byte for byte what stringifying the parsed
 * row gives, without parsing a million rows' data and annotations again on every download.
 */
export function serializeStoredRow(
  format: ExportFormat,
  config: ProjectConfig,
  row: StoredExportRow,
): string {
  if (format.training !== undefined)
    return trainingLines(
      format.training,
      config,
      format.training.options,
      snapshotEntry(row.item_id, row.data, row.value, row.annotations),
    );
  if (format.format === 'csv') {
    const value =
      row.value === null ? null : (JSON.parse(row.value) as Record<string, unknown> | null);
    return `${[
      csvCell(row.item_id),
      ...config.fields.map((f) => csvCell(value?.[f.name] ?? null)),
      csvCell(row.method),
      csvCell(row.confidence),
      dataCell(row.data),
    ].join(',')}\r\n`;
  }
  return `{"item_id":${JSON.stringify(row.item_id)},"data":${row.data},"label":${row.value ?? 'null'},"method":${JSON.stringify(row.method)},"confidence":${row.confidence === null ? 'null' : JSON.stringify(row.confidence)}${format.annotations ? `,"annotations":${row.annotations}` : ''}}\n`;
}

/**
 * The data cell from the data's JSON text, as {@link csvCell} makes it from the parsed value: a
 * string is neutralised and quoted; anything else is its JSON text (which no spreadsheet runs: it
 * starts with {, [, a digit, t or f), quoted when it must be.
 */
function dataCell(text: string): string {
  if (text.startsWith('"')) return csvCell(JSON.parse(text) as string);
  if (text === 'null') return '';
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The bytes of a snapshot export, in chunks, read page by page by keyset (memory stays flat on a
 * million items, and on SQLite the one connection is free between pages for everybody else). The
 * HTTP export and `concord export` both stream this, and the manifest's hashes were computed
 * over the same serialization.
 */
export async function* snapshotExport(
  db: Kysely<DB>,
  snapshotId: string,
  config: ProjectConfig,
  format: ExportFormat,
): AsyncGenerator<string> {
  const header = format.header?.(config);
  if (header) yield header;
  const last = await db
    .selectFrom('snapshot_items')
    .select((eb) => eb.fn.max('ord').as('ord'))
    .where('snapshot_id', '=', snapshotId)
    .executeTakeFirst();
  const end = Number(last?.ord ?? 0);
  // Windows of `ord`, not `ord > after … limit`: right after a snapshot is built PostgreSQL has
  // no statistics on its rows yet and plans an open range as a bitmap scan of everything after
  // it (each page reading the rest of the table); a bounded window reads one page's rows whatever
  // the plan.
  for (let after = 0; after < end; after += EXPORT_WINDOW) {
    const rows = await db
      .selectFrom('snapshot_items')
      .select(['ord', 'item_id', 'data', 'value', 'method', 'confidence'])
      .$if(format.annotations || format.training !== undefined, (q) => q.select('annotations'))
      .where('snapshot_id', '=', snapshotId)
      .where('ord', '>', after)
      .where('ord', '<=', after + EXPORT_WINDOW)
      .orderBy('ord')
      .execute();
    let chunk = '';
    for (const r of rows) {
      chunk += serializeStoredRow(format, config, {
        item_id: r.item_id,
        data: r.data,
        value: r.value,
        method: r.method,
        confidence: r.confidence === null ? null : Number(r.confidence),
        annotations: (r as { annotations?: string }).annotations ?? '[]',
      });
    }
    if (chunk) yield chunk;
    await yieldToEventLoop();
  }
}

/**
 * Lets the event loop take other requests. better-sqlite3 answers synchronously and a socket on
 * loopback takes every chunk at once, so without this a long loop of awaits runs as one unbroken
 * chain of microtasks and the server answers nobody else until it ends (measured: an items page
 * waited 6–8 s behind a 1,000,000-row export on SQLite).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Item numbers per page of an export (the snapshot holds at most this many rows per window). */
const EXPORT_WINDOW = 2000;
