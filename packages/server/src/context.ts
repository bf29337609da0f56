import type { Kysely, Transaction } from 'kysely';
import type { AuditEventInput } from '@concord/core/audit';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { appendAuditEvents, pendingAuditEvent, type PendingAuditEvent } from './audit/audit-log.js';

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
 * Runs a state change and its audit events in one transaction: both are stored or neither is.
 * Every command that changes state goes through here. `audit` records an event (stamped with the
 * time it is called); the events are chained, in the order recorded, as the transaction's last
 * statements before its commit, so the chain's head — one row every writer must lock — is held
 * only for those statements and the commit, not for the whole command.
 */
export function inTransaction<T>(
  ctx: AppContext,
  fn: (trx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const events: PendingAuditEvent[] = [];
    const audit: Audit = (input) => {
      events.push(pendingAuditEvent(input, ctx.now()));
      return Promise.resolve();
    };
    const result = await fn(trx, audit);
    await appendAuditEvents(trx, ctx.dialect, events);
    return result;
  });
}
