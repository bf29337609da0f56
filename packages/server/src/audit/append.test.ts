import { chainEvent, type AuditEventInput } from '@concord/core/audit';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { DIALECTS, openTestDatabase } from '../test/harness.js';
import type { Database } from '../db/database.js';
import { toStoredEvent, verifyAuditLog } from './audit-log.js';

const event = (entityId: string | null, payload: unknown, actorId: string | null = 'usr_a') =>
  ({ actorId, action: 'test.event', entityType: 'thing', entityId, payload }) as AuditEventInput;

describe.each(DIALECTS)('appending audit events on %s', (dialect) => {
  let database: Database;
  let ctx: AppContext;
  let tick = 0;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    tick = 0;
    ctx = {
      db: database.db,
      dialect,
      now: () => new Date(Date.UTC(2026, 10, 22, 9, 0, tick++)),
      passwordCost: 10,
    };
  });
  afterEach(() => database.close());

  const stored = async () =>
    (await database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute()).map(
      toStoredEvent,
    );

  it('chains the events of a transaction in the order recorded, with the same hashes as the reference chain', async () => {
    await inTransaction(ctx, async (_trx, audit) => {
      await audit(event('t1', { n: 1 }));
    });
    await inTransaction(ctx, async (_trx, audit) => {
      // Several events in one transaction; non-ASCII text, nulls, quotes, backslashes and fields
      // that look like the placeholders the one-statement append renders and cuts out.
      await audit(event('t2', { text: 'ünïcödé “quotes” \\ 🎉' }, null));
      await audit(event(null, null));
      await audit(event('\\u0000prevHash\\u0000', { a: [1, 2, { b: 'c' }] }));
      await audit(event('t"3', { seq: '\u0000seq\u0000' }));
    });
    const events = await stored();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => e.entityId)).toEqual([
      't1',
      't2',
      null,
      '\\u0000prevHash\\u0000',
      't"3',
    ]);
    // Recompute the chain from the inputs with core's reference implementation.
    let head: { seq: number; hash: string } | null = null;
    for (const e of events) {
      const expected = chainEvent(head, e, e.at);
      expect(e.hash).toBe(expected.hash);
      expect(e.prevHash).toBe(expected.prevHash);
      head = expected;
    }
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, events: 5 });
    const headRow = await database.db
      .selectFrom('audit_head')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect({ seq: Number(headRow.seq), hash: headRow.hash }).toEqual({
      seq: 5,
      hash: events[4]!.hash,
    });
  });

  it('stores the payload as it was when recorded, and nothing when the transaction fails', async () => {
    await inTransaction(ctx, async (_trx, audit) => {
      const payload = { state: 'before' };
      await audit(event('t1', payload));
      payload.state = 'after';
    });
    await expect(
      inTransaction(ctx, async (_trx, audit) => {
        await audit(event('t2', {}));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const events = await stored();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ state: 'before' });
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, events: 1 });
  });

  it('keeps the chain gap-free when many transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(ctx, async (trx, audit) => {
          await trx.selectFrom('audit_head').select('seq').execute();
          await audit(event(`t${i}`, { i }));
          if (i % 3 === 0) await audit(event(`t${i}b`, { i }));
        }),
      ),
    );
    const events = await stored();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
    // The two events of one transaction are adjacent: appended together, at commit.
    for (let i = 0; i < 40; i += 3) {
      const at = events.findIndex((e) => e.entityId === `t${i}`);
      expect(events[at + 1]!.entityId).toBe(`t${i}b`);
    }
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, events: 54 });
  });
});
