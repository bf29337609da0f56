import { basename } from 'node:path';
import {
  checkImportRows,
  importItemRows,
  resolveImportTarget,
  type AppContext,
  type ImportTarget,
  type RowsCheck,
  type StreamedImportResult,
} from '@concord/server';
import { detectItemsFormat, readItemRows, type ItemsFormat } from './read-item-rows.js';

export type ImportPhase = 'checking' | 'importing';

export interface ImportFileOptions {
  readonly file: string;
  readonly projectId: string;
  /** Email of the manager (or admin) the import is recorded under. */
  readonly actorEmail: string;
  readonly skipInvalid: boolean;
  readonly format?: ItemsFormat | undefined;
  /** How many problems to keep for the report (all are counted). Default 50. */
  readonly maxProblems?: number;
  readonly onProgress?:
    ((phase: ImportPhase, bytesRead: number, totalBytes: number) => void) | undefined;
}

export interface ImportFileResult {
  readonly target: ImportTarget;
  readonly format: ItemsFormat;
  /** The first pass: every row checked, nothing stored. */
  readonly check: RowsCheck;
  /** The second pass; null when the check refused the file. */
  readonly result: StreamedImportResult | null;
}

/**
 * Imports an items file into a project on the database directly, in two streaming passes: the
 * first checks every row and stores nothing, so a file with a bad row is refused before a
 * transaction starts (unless `skipInvalid`); the second stores the valid rows in one transaction
 * through the server's `importItemRows`, which checks them again and writes the audit event
 * under the resolved actor. Memory stays flat whatever the file's size.
 */
export async function importFile(
  ctx: AppContext,
  options: ImportFileOptions,
): Promise<ImportFileResult> {
  const target = await resolveImportTarget(ctx, options.projectId, options.actorEmail);
  const format = options.format ?? (await detectItemsFormat(options.file));
  const maxProblems = options.maxProblems ?? 50;
  const read = (phase: ImportPhase) =>
    readItemRows(options.file, {
      format,
      config: target.config,
      onProgress: options.onProgress && ((read, total) => options.onProgress!(phase, read, total)),
    });
  const check = await checkImportRows(target.config, read('checking'), { maxProblems });
  if (check.rejectedRows > 0 && !options.skipInvalid)
    return { target, format, check, result: null };
  const result = await importItemRows(
    ctx,
    target.actorId,
    target.projectId,
    target.config,
    read('importing'),
    { skipInvalid: options.skipInvalid, source: 'cli', file: basename(options.file), maxProblems },
  );
  return { target, format, check, result };
}
