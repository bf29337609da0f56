import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  eventHash,
  payloadDigest,
  type AuditEventInput,
  type ChainVerdict,
  type StoredAuditEvent,
} from '@concord/core/audit';
import type { AuditEventsTable, DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';

/** An event recorded during a transaction, waiting for its place in the chain. */
export interface PendingAuditEvent {
  readonly input: AuditEventInput;
  readonly at: string;
  /** The payload as stored and its digest, taken when recorded (a later change to the object does not leak in). */
  readonly payload: string;
  readonly payloadDigest: string;
}

export function pendingAuditEvent(input: AuditEventInput, now: Date): PendingAuditEvent {
  return {
    input,
    at: now.toISOString(),
    payload: JSON.stringify(input.payload ?? null),
    payloadDigest: payloadDigest(input.payload),
  };
}

/** What an event's hash covers (see `eventHash`), once its place in the chain is known. */
function hashedFields<Seq>(event: PendingAuditEvent, seq: Seq, prevHash: string) {
  const { actorId, action, entityType, entityId } = event.input;
  const { at, payloadDigest } = event;
  return { seq, at, actorId, action, entityType, entityId, payloadDigest, prevHash };
}

/** Rows per insert statement: 10 parameters each, well under either database's limit. */
const EVENTS_PER_INSERT = 500;

/** Placeholders for what only the head knows, rendered into an event's canonical JSON and cut out. */
const PREV_MARK = JSON.stringify('\u0000prevHash\u0000');
const SEQ_MARK = JSON.stringify('\u0000seq\u0000');

/**
 * An event's canonical JSON (what its hash covers) split around the previous hash and the
 * sequence number: `before + prevHash + between + seq + after`. Null when the split is not
 * clean (a field happening to contain a placeholder): the caller then chains in JavaScript.
 */
function hashTemplate(event: PendingAuditEvent): [string, string, string] | null {
  const text = canonicalJson(hashedFields(event, '\u0000seq\u0000', '\u0000prevHash\u0000'));
  const [before, rest, ...more] = text.split(PREV_MARK);
  if (rest === undefined || more.length > 0) return null;
  const [between, after, ...extra] = rest.split(SEQ_MARK);
  if (after === undefined || extra.length > 0) return null;
  // The previous hash is a quoted hex string; the sequence number a bare integer.
  return [`${before}"`, `"${between}`, after];
}

/**
 * PostgreSQL: the statement that locks the head, chains the events (SHA-256 in the database,
 * over the canonical JSON rendered here with the head's hash and number left open), inserts them
 * and moves the head — so the head is held for that statement and the commit only.
 * {@link inTransaction} sends it with the commit in one round trip. Null when an event cannot be
 * templated (see {@link hashTemplate}) or there are too many: use {@link appendAuditEvents}.
 */
export function appendStatement(events: readonly PendingAuditEvent[]): RawBuilder<unknown> | null {
  if (events.length === 0 || events.length > EVENTS_PER_INSERT) return null;
  const templates = events.map(hashTemplate);
  if (templates.some((t) => t === null)) return null;
  const part = (i: 0 | 1 | 2) => templates.map((t) => t![i]);
  const column = <T>(f: (e: PendingAuditEvent) => T) => events.map(f);
  return sql`
    with recursive
      head as (select seq, hash from audit_head where id = 1 for update),
      parts as (
        select * from unnest(
          ${part(0)}::text[], ${part(1)}::text[], ${part(2)}::text[],
          ${column((e) => e.at)}::text[], ${column((e) => e.input.actorId)}::text[],
          ${column((e) => e.input.action)}::text[], ${column((e) => e.input.entityType)}::text[],
          ${column((e) => e.input.entityId)}::text[], ${column((e) => e.payload)}::text[],
          ${column((e) => e.payloadDigest)}::text[]
        ) with ordinality as p(before, between, after, at, actor_id, action, entity_type, entity_id, payload, payload_digest, i)
      ),
      chain (i, seq, prev_hash, hash) as (
        select 1::bigint, h.seq + 1, h.hash,
               encode(sha256(convert_to(p.before || h.hash || p.between || (h.seq + 1)::text || p.after, 'UTF8')), 'hex')
          from head h, parts p where p.i = 1
        union all
        select c.i + 1, c.seq + 1, c.hash,
               encode(sha256(convert_to(p.before || c.hash || p.between || (c.seq + 1)::text || p.after, 'UTF8')), 'hex')
          from chain c join parts p on p.i = c.i + 1
      ),
      appended as (
        insert into audit_events (seq, at, actor_id, action, entity_type, entity_id, payload, payload_digest, prev_hash, hash)
        select c.seq, p.at, p.actor_id, p.action, p.entity_type, p.entity_id, p.payload, p.payload_digest, c.prev_hash, c.hash
          from chain c join parts p on p.i = c.i
      )
    update audit_head
       set seq = last.seq, hash = last.hash
      from (select seq, hash from chain order by i desc limit 1) as last
     where audit_head.id = 1`;
}

/**
 * Appends events to the hash chain inside the caller's transaction, so they exist exactly when
 * the state change they record does. On PostgreSQL the head row is locked (`FOR UPDATE`) so
 * concurrent writers, even from several server instances, take turns; on SQLite the single write
 * connection already serialises transactions. The lock is held until the transaction ends, so
 * {@link inTransaction} calls this as the transaction's last step: the chain's order is then the
 * order of the commits, and writers queue on the head only for this and the commit. (On
 * PostgreSQL {@link appendStatement} does the same in one statement, and this is the fallback.)
 */
export async function appendAuditEvents(
  trx: Transaction<DB>,
  dialect: Dialect,
  events: readonly PendingAuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prevHash = seq === 0 ? GENESIS_HASH : head.hash;
  const rows = events.map((event) => {
    seq += 1;
    const fields = hashedFields(event, seq, prevHash);
    prevHash = eventHash(fields);
    return {
      seq,
      at: event.at,
      actor_id: fields.actorId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      payload: event.payload,
      payload_digest: event.payloadDigest,
      prev_hash: fields.prevHash,
      hash: prevHash,
    };
  });
  for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT)
    await trx
      .insertInto('audit_events')
      .values(rows.slice(i, i + EVENTS_PER_INSERT))
      .execute();
  await trx.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
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
