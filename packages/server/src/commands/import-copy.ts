import { CompiledQuery, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The part of a `pg` connection a submittable query uses: the wire protocol's writer. */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  readonly stream: NodeJS.EventEmitter & { readonly writableNeedDrain?: boolean };
}

/** Writes one chunk of COPY text (whole lines) and resolves when the socket can take more. */
export type CopyWrite = (text: string) => Promise<void>;

interface CopyResult {
  readonly command: string;
  readonly rowCount: number;
  readonly rows: readonly never[];
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/**
 * A `COPY … FROM STDIN` for the `pg` client, written the way `pg` runs any custom query: an
 * object with `submit` and the `handle…` callbacks the client calls with each protocol message
 * (what the pg-copy-streams package does, without a stream). It is thenable, so the client's
 * caller can await it like an ordinary query; the rows come from `produce`, which writes text in
 * COPY's format and may throw to abort (CopyFail: the server keeps nothing of it).
 */
class CopyFromStdin<T> implements PromiseLike<CopyResult> {
  private readonly settled: Promise<CopyResult>;
  private resolve!: (result: CopyResult) => void;
  private reject!: (error: unknown) => void;
  private error: Error | null = null;
  private producing: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private rowCount = 0;
  private done = false;
  produced: T | undefined;

  constructor(
    private readonly text: string,
    private readonly produce: (write: CopyWrite) => Promise<T>,
  ) {
    this.settled = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Shown instead of the object where a logger prints the statement. */
  toString(): string {
    return this.text;
  }

  then<A = CopyResult, B = never>(
    onfulfilled?: ((value: CopyResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.settled.then(onfulfilled, onrejected);
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    const write: CopyWrite = async (text) => {
      this.throwIfFailed();
      connection.sendCopyFromChunk(Buffer.from(text));
      if (connection.stream.writableNeedDrain) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            connection.stream.off('drain', wake);
            this.wake = null;
            resolve();
          };
          this.wake = wake;
          connection.stream.on('drain', wake);
        });
        this.throwIfFailed(); // the server refused the COPY, or the connection broke, meanwhile
      }
    };
    this.producing = this.produce(write).then(
      (produced) => {
        this.produced = produced;
        if (this.error === null) connection.endCopyFrom();
      },
      (error: unknown) => {
        if (this.error === null) {
          this.error = asError(error);
          connection.sendCopyFail(this.error.message);
        }
      },
    );
  }

  private throwIfFailed(): void {
    if (this.error !== null) throw this.error;
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
  }

  /** A server error (then ReadyForQuery follows) or a broken connection (nothing follows). */
  handleError(error: unknown): void {
    if (this.error === null) this.error = asError(error);
    this.wake?.();
    this.finish();
  }

  handleReadyForQuery(): void {
    this.finish();
  }

  /** Settles once, after the producer stopped writing, with the first error if there was one. */
  private finish(): void {
    if (this.done) return;
    this.done = true;
    void (this.producing ?? Promise.resolve()).then(() => {
      if (this.error !== null) this.reject(this.error);
      else this.resolve({ command: 'COPY', rowCount: this.rowCount, rows: [] });
    });
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

/**
 * Runs `COPY … FROM STDIN` on a PostgreSQL transaction, with the rows `produce` writes. Kysely
 * hands a compiled query's `sql` to `pg`'s `client.query` as it is, and `pg` runs any object with
 * a `submit` method as a custom query, so the COPY takes the transaction's own connection.
 * Resolves with the rows the server stored and what `produce` returned; if `produce` throws, the
 * COPY is cancelled and its error is rethrown (the transaction is then aborted: roll it back).
 */
export async function copyFromStdin<T>(
  trx: Transaction<DB>,
  statement: string,
  produce: (write: CopyWrite) => Promise<T>,
): Promise<{ readonly rows: number; readonly produced: T }> {
  const copy = new CopyFromStdin(statement, produce);
  const query: CompiledQuery = { ...CompiledQuery.raw(statement), sql: copy as unknown as string };
  await trx.executeQuery(query);
  const { rowCount } = await copy;
  return { rows: rowCount, produced: copy.produced as T };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * A text value in COPY's text format: backslash, tab, newline and carriage return escaped. JSON
 * text never holds the last three raw (JSON.stringify escapes every control character), so in
 * practice only a backslash costs anything.
 */
export function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}
