import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The `prevHash` of the first event of a log. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records about one state change. */
export interface AuditEventInput {
  readonly actorId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly payload: unknown;
}

/** One event as stored: its position in the chain, time, digests and link. */
export interface AuditEventRecord {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly payloadDigest: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A stored event together with the payload it was written with. */
export interface StoredAuditEvent extends AuditEventRecord {
  readonly payload: unknown;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (hex) of the canonical JSON of a payload. */
export function payloadDigest(payload: unknown): string {
  return sha256Hex(canonicalJson(payload ?? null));
}

/**
 * The hash of an event: SHA-256 over the canonical JSON of every stored field except the
 * hash itself, including `prevHash`, so that changing any earlier event breaks every link after it.
 */
export function eventHash(event: Omit<AuditEventRecord, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: event.seq,
      at: event.at,
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      payloadDigest: event.payloadDigest,
      prevHash: event.prevHash,
    }),
  );
}

/**
 * Builds the next event of a chain whose last event is `head` (or none), at time `at` (ISO 8601, UTC).
 *
 * @example chainEvent(null, { actorId: 'u1', action: 'user.create', entityType: 'user', entityId: 'u2', payload: {} }, '2026-01-01T00:00:00.000Z').seq === 1
 */
export function chainEvent(
  head: { readonly seq: number; readonly hash: string } | null,
  input: AuditEventInput,
  at: string,
): StoredAuditEvent {
  const base = {
    seq: (head?.seq ?? 0) + 1,
    at,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    payloadDigest: payloadDigest(input.payload),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...base, payload: input.payload ?? null, hash: eventHash(base) };
}

export type ChainVerdict =
  | { readonly ok: true; readonly events: number }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenAt: number;
      readonly reason: 'sequence-gap' | 'payload-digest-mismatch' | 'hash-mismatch' | 'broken-link';
      readonly message: string;
    };

/**
 * Checks a log event by event, in sequence order. Feed events with `push` (pages of a large log
 * need not be held at once) and read the verdict with `result()`. The first bad event is reported:
 * a missing sequence number, a payload that no longer matches its digest, a hash that does not
 * match the event's fields, or a `prevHash` that is not the previous event's hash.
 */
export class ChainVerifier {
  private count = 0;
  private last: { seq: number; hash: string } | null = null;
  private failure: Extract<ChainVerdict, { ok: false }> | null = null;

  /** Adds the next event; returns false once the chain is known to be broken. */
  push(event: StoredAuditEvent): boolean {
    if (this.failure) return false;
    this.count += 1;
    const expectedSeq = (this.last?.seq ?? 0) + 1;
    const fail = (reason: Extract<ChainVerdict, { ok: false }>['reason'], message: string) => {
      this.failure = { ok: false, events: this.count, brokenAt: event.seq, reason, message };
      return false;
    };
    if (event.seq !== expectedSeq) {
      return fail('sequence-gap', `expected event ${expectedSeq}, found ${event.seq}`);
    }
    if (payloadDigest(event.payload) !== event.payloadDigest) {
      return fail(
        'payload-digest-mismatch',
        `event ${event.seq}: payload does not match its digest`,
      );
    }
    if (eventHash(event) !== event.hash) {
      return fail('hash-mismatch', `event ${event.seq}: stored hash does not match its fields`);
    }
    if (event.prevHash !== (this.last?.hash ?? GENESIS_HASH)) {
      return fail(
        'broken-link',
        `event ${event.seq}: prevHash is not the hash of event ${expectedSeq - 1}`,
      );
    }
    this.last = { seq: event.seq, hash: event.hash };
    return true;
  }

  result(): ChainVerdict {
    return this.failure ?? { ok: true, events: this.count };
  }
}

/** Verifies a whole in-memory log; see {@link ChainVerifier}. */
export function verifyChain(events: Iterable<StoredAuditEvent>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.result();
}
