import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ProjectConfig } from '@concord/core/config';
import { checkImportRows, type importItemRows } from '@concord/server';
import { ItemsFileError, readItemRows, type ItemsFormat } from './read-item-rows.js';

/** Rows checked elsewhere, as `importItemRows` takes them. */
export type CheckedSource = Extract<Parameters<typeof importItemRows>[4], { check: unknown }>;
type OnImportItems = Parameters<CheckedSource['check']>[0];
type ImportItems = Parameters<OnImportItems>[0];
type CheckedRows = Awaited<ReturnType<CheckedSource['check']>>;

/** What the worker reads and how it checks: everything but the database. */
export interface RowsJob {
  readonly file: string;
  readonly format: ItemsFormat;
  readonly config: ProjectConfig;
  readonly skipInvalid: boolean;
  readonly maxProblems: number;
  /** Rows per batch read from the file. */
  readonly batchSize: number;
}

/** From the worker: a batch of accepted rows, read progress, the end of the check, or why it stopped. */
export type WorkerMessage =
  | { readonly kind: 'items'; readonly items: ImportItems; readonly first: number }
  | { readonly kind: 'progress'; readonly read: number; readonly total: number }
  | { readonly kind: 'done'; readonly check: CheckedRows }
  | {
      readonly kind: 'failed';
      readonly message: string;
      /** Set when the file as a whole could not be read (an ItemsFileError). */
      readonly at?: { readonly file: string; readonly line: number };
    };

/** Batches sent and not yet stored: the worker waits beyond this, so memory stays flat. */
const IN_FLIGHT = 8;

/**
 * Reads and checks the rows of `job.file` and posts each batch of accepted rows (serialized as
 * they are stored) to `port`, then the check's result: the import's JSON work, done off the
 * thread that stores. Waits for an `ack` per batch beyond {@link IN_FLIGHT}; stops when the port
 * closes (the import failed on the other side).
 */
export async function serveCheckedRows(port: MessagePort, job: RowsJob): Promise<void> {
  let inFlight = 0;
  let closed = false;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight -= 1; // the only message the other side sends: a batch was stored
    wake?.();
  });
  port.on('close', () => {
    closed = true;
    wake?.();
  });
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const rows = readItemRows(job.file, {
      format: job.format,
      config: job.config,
      batchSize: job.batchSize,
      onProgress: (read, total) => post({ kind: 'progress', read, total }),
    });
    const check = await checkImportRows(job.config, rows, {
      skipInvalid: job.skipInvalid,
      maxProblems: job.maxProblems,
      onItems: async (items: ImportItems, first: number) => {
        if (closed) throw new Error('the import stopped');
        post({ kind: 'items', items, first });
        inFlight += 1;
        while (inFlight >= IN_FLIGHT && !closed)
          await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      },
    });
    post({ kind: 'done', check });
  } catch (error) {
    if (closed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ItemsFileError) {
      const prefix = `${error.file}:${error.line}: `;
      post({
        kind: 'failed',
        message: message.startsWith(prefix) ? message.slice(prefix.length) : message,
        at: { file: error.file, line: error.line },
      });
    } else post({ kind: 'failed', message });
  }
}

/** The main side of the worker: a Worker, or one end of a MessageChannel. */
export interface RowsChannel {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
}

/** Rows coming from {@link serveCheckedRows}, and how to say the other side is gone. */
export interface ReceivedRows extends CheckedSource {
  /** The worker died or the channel closed: fails the import unless it already finished. */
  readonly end: (error: Error) => void;
}

/**
 * The rows {@link serveCheckedRows} posts on `channel`, as a source for `importItemRows`: each
 * batch goes to the import's `onItems` in order (batches that arrive before the import asks are
 * kept) and is acknowledged once stored; the check's result resolves `check`. A failure on either
 * side rejects it. `stop` is called once, when it settles.
 */
export function receiveCheckedRows(
  channel: RowsChannel,
  onProgress: ((read: number, total: number) => void) | undefined,
  stop: () => void,
): ReceivedRows {
  let start!: (onItems: OnImportItems) => void;
  const started = new Promise<OnImportItems>((resolve) => (start = resolve));
  let settled = false;
  let resolveResult!: (check: CheckedRows) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<CheckedRows>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  result.catch(() => undefined); // a failure before the import asks is reported when it does
  const fail = (error: unknown) => {
    if (settled) return;
    settled = true;
    stop();
    rejectResult(error instanceof Error ? error : new Error(String(error)));
  };
  let stored: Promise<void> = Promise.resolve();
  let ended = false; // the worker said it is done: its exit is expected
  channel.on('message', (message) => {
    if (settled) return;
    if (message.kind === 'progress') onProgress?.(message.read, message.total);
    else if (message.kind === 'items')
      stored = stored
        .then(async () => {
          await (
            await started
          )(message.items, message.first);
          if (!settled) channel.postMessage('stored');
        })
        .catch(fail);
    else if (message.kind === 'done') {
      ended = true;
      stored = stored.then(() => {
        if (settled) return;
        settled = true;
        stop();
        resolveResult(message.check);
      });
    } else
      fail(
        message.at
          ? new ItemsFileError(message.at.file, message.at.line, message.message)
          : new Error(message.message),
      );
  });
  return {
    check: (onItems) => {
      start(onItems);
      return result;
    },
    end: (error) => {
      if (!ended) fail(error);
    },
  };
}

if (!isMainThread && parentPort && (workerData as { rowsJob?: RowsJob } | null)?.rowsJob)
  void serveCheckedRows(parentPort, (workerData as { rowsJob: RowsJob }).rowsJob);
