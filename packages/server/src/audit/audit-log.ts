import type { Kysely, Transaction } from 'kysely';
import {
  ChainVerifier,
  chainEvent,
  type AuditEventInput,
  type ChainVerdict,
  type StoredAuditEvent,
} from '@concord/core/audit';
import type { AuditEventsTable, DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';

/**
 * Appends one event to the hash chain inside the caller's transaction, so the event exists
 * exactly when the state change it records does. On PostgreSQL the head row is locked
 * (`FOR UPDATE`) so concurrent writers, even from several server instances, take turns; on
 * SQLite the single write connection already serialises transactions.
 */
export async function appendAuditEvent(
  trx: Transaction<DB>,
  dialect: Dialect,
  input: AuditEventInput,
  now: Date,
): Promise<StoredAuditEvent> {
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const event = chainEvent(head.seq === 0 ? null : head, input, now.toISOString());
  await trx
    .insertInto('audit_events')
    .values({
      seq: event.seq,
      at: event.at,
      actor_id: event.actorId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      payload: JSON.stringify(event.payload),
      payload_digest: event.payloadDigest,
      prev_hash: event.prevHash,
      hash: event.hash,
    })
    .execute();
  await trx
    .updateTable('audit_head')
    .set({ seq: event.seq, hash: event.hash })
    .where('id', '=', 1)
    .execute();
  return event;
}

export function toStoredEvent(row: AuditEventsTable): StoredAuditEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload; // unreadable payload: the digest check reports the event
  }
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    payload,
    payloadDigest: row.payload_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Verifies the whole stored chain, reading it in pages of `pageSize` so memory stays flat on
 * long logs; also checks that the head row points at the last event (a truncated tail is caught).
 */
export async function verifyAuditLog(
  db: Kysely<DB>,
  options: { pageSize?: number; onProgress?: (checked: number, total: number) => void } = {},
): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? 5000;
  const verifier = new ChainVerifier();
  const { total } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let after = 0;
  let checked = 0;
  let last: StoredAuditEvent | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = toStoredEvent(row);
      checked += 1;
      if (!verifier.push(event)) return verifier.result();
      last = event;
    }
    after = Number(rows[rows.length - 1]!.seq);
    options.onProgress?.(checked, Number(total));
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (head && (Number(head.seq) !== (last?.seq ?? 0) || (last && head.hash !== last.hash))) {
    return {
      ok: false,
      events: checked,
      brokenAt: (last?.seq ?? 0) + 1,
      reason: 'sequence-gap',
      message: `the chain head records event ${head.seq}, but the log ends at event ${last?.seq ?? 0}`,
    };
  }
  return verifier.result();
}
