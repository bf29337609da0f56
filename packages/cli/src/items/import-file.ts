import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import {
  importItemRows,
  resolveImportTarget,
  type AppContext,
  type ImportTarget,
  type RowsCheck,
  type StreamedImportResult,
} from '@concord/server';
import {
  receiveCheckedRows,
  serveCheckedRows,
  type ReceivedRows,
  type RowsJob,
} from './import-worker.js';
import { detectItemsFormat, type ItemsFormat } from './read-item-rows.js';

/**
 * Rows per batch read from the file: small, so that little is alive when the young generation is
 * collected (with 1,000-row batches the import spent ~15 % of its time in the garbage collector).
 */
const READ_BATCH = 100;

/** What the import is doing: one pass reads, checks and stores every row. */
export type ImportPhase = 'importing';

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
  /** Every row checked: how many there were and what was wrong. */
  readonly check: RowsCheck;
  /** What was stored; null when a bad row refused the file (nothing was stored). */
  readonly result: StreamedImportResult | null;
}

/** The compiled worker next to this module; absent when running from the TypeScript sources (tests). */
const WORKER = new URL('./import-worker.js', import.meta.url);
/**
 * Files smaller than this are read on the main thread: a worker takes ~0.5 s to start (it loads
 * the server package) and saves ~4 µs a row, so it pays from about 100,000 rows (~20 MB of JSONL).
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Starts reading and checking the rows of a file off the thread that stores them: in a worker
 * thread (the JSON work — parsing, checking, serializing, digesting — is about a third of an
 * import's CPU, so on two cores it runs while the database stores), or, for a small file or from
 * the TypeScript sources, on this thread through a MessageChannel with the same messages. `stop`
 * ends it.
 */
function startRowsReader(
  job: RowsJob,
  onProgress: ((read: number, total: number) => void) | undefined,
): { readonly rows: ReceivedRows; readonly stop: () => void } {
  if (statSync(job.file).size >= WORKER_MIN_BYTES && existsSync(fileURLToPath(WORKER))) {
    const worker = new Worker(WORKER, { workerData: { rowsJob: job } });
    const stop = () => void worker.terminate();
    const rows = receiveCheckedRows(worker, onProgress, stop);
    worker.on('error', (error) => rows.end(error));
    worker.on('exit', (code) =>
      rows.end(new Error(`the rows reader stopped before the end of the file (exit code ${code})`)),
    );
    return { rows, stop };
  }
  const { port1, port2 } = new MessageChannel();
  const stop = () => port1.close();
  const rows = receiveCheckedRows(port1, onProgress, stop);
  port1.on('close', () =>
    rows.end(new Error('the rows reader stopped before the end of the file')),
  );
  void serveCheckedRows(port2, job);
  return { rows, stop };
}

/**
 * Imports an items file into a project on the database directly, in one streaming pass through
 * the server's `importItemRows`: every row is read, checked and stored in one transaction (a
 * staging table on SQLite, COPY on PostgreSQL), and a file with a bad row is rolled back whole
 * (unless `skipInvalid`), with every problem reported. Reading and checking run in a worker
 * thread while this one stores. The audit event is written under the resolved actor. Memory
 * stays flat whatever the file's size.
 */
export async function importFile(
  ctx: AppContext,
  options: ImportFileOptions,
): Promise<ImportFileResult> {
  const target = await resolveImportTarget(ctx, options.projectId, options.actorEmail);
  const format = options.format ?? (await detectItemsFormat(options.file));
  const maxProblems = options.maxProblems ?? 50;
  const reader = startRowsReader(
    {
      file: options.file,
      format,
      config: target.config,
      skipInvalid: options.skipInvalid,
      maxProblems,
      batchSize: READ_BATCH,
    },
    options.onProgress && ((read, total) => options.onProgress!('importing', read, total)),
  );
  try {
    const result = await importItemRows(
      ctx,
      target.actorId,
      target.projectId,
      target.config,
      reader.rows,
      {
        skipInvalid: options.skipInvalid,
        source: 'cli',
        file: basename(options.file),
        maxProblems,
      },
    );
    const check: RowsCheck = {
      rows: result.rows,
      rejectedRows: result.rejectedRows,
      problems: result.problems,
      rejected: result.rejected,
    };
    return { target, format, check, result: result.stored ? result : null };
  } finally {
    reader.stop();
  }
}
