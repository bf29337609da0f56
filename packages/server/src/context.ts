import type { Kysely, Transaction } from 'kysely';
import type { AuditEventInput } from '@concord/core/audit';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { appendAuditEvent } from './audit/audit-log.js';

/** What commands need from the running server: the database, its dialect, the clock, settings. */
export interface AppContext {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  readonly now: () => Date;
  /** log2 of scrypt's N for new password hashes (15 in production: 32 MiB per hash). */
  readonly passwordCost: number;
}

export type Audit = (event: AuditEventInput) => Promise<void>;

/**
 * Runs a state change and its audit event in one transaction: both are stored or neither is.
 * Every command that changes state goes through here.
 */
export function inTransaction<T>(
  ctx: AppContext,
  fn: (trx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const audit: Audit = async (event) => {
      await appendAuditEvent(trx, ctx.dialect, event, ctx.now());
    };
    return fn(trx, audit);
  });
}
