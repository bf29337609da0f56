import pg from 'pg';
import { sql, type CompiledQuery, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AuditEventInput } from '@concord/core/audit';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import type { Vault } from './phi/vault.js';
import {
  appendAuditEvents,
  appendStatement,
  pendingAuditEvent,
  type PendingAuditEvent,
} from './audit/audit-log.js';

/** What commands need from the running server: the database, its dialect, the clock, settings. */
export interface AppContext {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  readonly now: () => Date;
  /** log2 of scrypt's N for new password hashes (15 in production: 32 MiB per hash). */
  readonly passwordCost: number;
  /** Seals and opens the originals of PHI projects; absent when the server has no vault key. */
  readonly vault?: Vault | null;
}

export type Audit = (event: AuditEventInput) => Promise<void>;

/** A write built on the transaction (a query builder, or `sql` for raw SQL). */
export type Write = { compile(): CompiledQuery } | RawBuilder<unknown>;

/**
 * Queues a write to run last, in order, just before the audit events and the commit. Use it for
 * writes whose results the command does not read: on PostgreSQL they travel with the commit in
 * one round trip, so row locks they take (or that the transaction holds) are not held while this
 * process gets round to sending the next statement. A failing write fails the transaction.
 */
export type AtCommit = (write: Write) => void;

/**
 * Runs a state change and its audit events in one transaction: both are stored or neither is.
 * Every command that changes state goes through here. `audit` records an event (stamped with the
 * time it is called); the events are chained, in the order recorded, as the transaction's last
 * statement, so the chain's head — one row every writer must lock — is held only for that
 * statement and the commit, not for the whole command.
 *
 * On PostgreSQL the `atCommit` writes, the audit statement and `COMMIT` go to the server as one
 * message (values rendered as literals: the simple query protocol takes several statements,
 * without parameters), so the locks taken last are released without waiting on this process —
 * under load, the wait between two statements of a transaction is this process's event loop.
 */
export function inTransaction<T>(
  ctx: AppContext,
  fn: (trx: Transaction<DB>, audit: Audit, atCommit: AtCommit) => Promise<T>,
): Promise<T> {
  const events: PendingAuditEvent[] = [];
  const writes: Write[] = [];
  const audit: Audit = (input) => {
    events.push(pendingAuditEvent(input, ctx.now()));
    return Promise.resolve();
  };
  const atCommit: AtCommit = (write) => void writes.push(write);
  if (ctx.dialect !== 'postgres') {
    return ctx.db.transaction().execute(async (trx) => {
      const result = await fn(trx, audit, atCommit);
      for (const write of writes) await trx.executeQuery(compile(write, trx));
      await appendAuditEvents(trx, ctx.dialect, events);
      return result;
    });
  }
  return ctx.db.connection().execute(async (db) => {
    // The transaction is run by hand on one connection, so that its commit can travel with its
    // last statements. Commands use it as they would Kysely's transaction.
    const trx = db as unknown as Transaction<DB>;
    await sql`begin`.execute(trx);
    try {
      const result = await fn(trx, audit, atCommit);
      const last = writes.map((write) => compile(write, trx));
      const append = appendStatement(events);
      if (append) last.push(append.compile(trx));
      else if (events.length > 0) {
        // Events the one statement cannot take: the writes, then the chain in JavaScript.
        for (const query of last.splice(0)) await trx.executeQuery(query);
        await appendAuditEvents(trx, ctx.dialect, events);
      }
      await sql.raw([...last.map(inlined), 'commit'].join(';\n')).execute(trx);
      return result;
    } catch (error) {
      // A failed statement leaves the transaction aborted; a failed commit has already ended it
      // (the rollback is then a no-op warning).
      await sql`rollback`.execute(trx).catch(() => undefined);
      throw error;
    }
  });
}

function compile(write: Write, trx: Transaction<DB>): CompiledQuery {
  return 'isRawBuilder' in write ? write.compile(trx) : write.compile();
}

/** A PostgreSQL literal for a query parameter, as node-postgres would send it (as text, typed by the server). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot send ${value} to PostgreSQL`);
    return pg.escapeLiteral(String(value));
  }
  if (typeof value === 'bigint' || typeof value === 'boolean')
    return pg.escapeLiteral(String(value));
  if (Array.isArray(value)) {
    const element = (e: unknown) => {
      if (e === null || e === undefined) return 'NULL';
      if (typeof e !== 'string' && typeof e !== 'number')
        throw new TypeError(`cannot inline an array of ${typeof e}`);
      return `"${String(e).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    };
    return pg.escapeLiteral(`{${value.map(element).join(',')}}`);
  }
  throw new TypeError(`cannot inline a ${typeof value} parameter`);
}

/**
 * The query with its `$n` parameters replaced by literals (one pass: inlined text is not
 * rescanned). Kysely writes values only as parameters, so `$n` in the text is always one; raw SQL
 * given to `atCommit` must not contain `$` otherwise (no dollar quoting).
 */
function inlined(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.parameters[Number(n) - 1]));
}
