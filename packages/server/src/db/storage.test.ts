import { sql } from 'kysely';
import { DIALECTS, openTestDatabase } from '../test/harness.js';
import { migrateToLatest, type Database } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { inTransaction, type AppContext } from '../context.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import { createUser } from '../commands/create-user.js';

describe.each(DIALECTS)('storage on %s', (dialect) => {
  let database: Database;
  let ctx: AppContext;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    ctx = { db: database.db, dialect, now: () => new Date(), passwordCost: 10 };
  });
  afterEach(() => database.close());

  it('applies every migration and creates the tables they declare', async () => {
    const tables = (await database.db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      'users',
      'sessions',
      'projects',
      'project_members',
      'audit_events',
      'audit_head',
      'meta',
    ]) {
      expect(tables).toContain(table);
    }
    // Running again is a no-op: nothing pending.
    expect(await migrateToLatest(database)).toEqual([]);
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
  });

  it('stores timestamps as UTC ISO 8601 strings', async () => {
    await createUser(ctx, null, {
      email: 'Tz@Example.org',
      name: 'Tz',
      password: 'a long enough password',
      role: 'member',
    });
    const row = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row.email).toBe('tz@example.org');
  });

  it('keeps the audit chain intact under many concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(ctx, (_trx, audit) =>
          audit({
            actorId: null,
            action: 'test.write',
            entityType: 'test',
            entityId: String(i),
            payload: { i },
          }),
        ),
      ),
    );
    const seqs = (
      await database.db.selectFrom('audit_events').select('seq').orderBy('seq').execute()
    ).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, events: 40 });
  });

  it('a failed change leaves no audit event behind', async () => {
    await expect(
      inTransaction(ctx, async (_trx, audit) => {
        await audit({
          actorId: null,
          action: 'test.write',
          entityType: 'test',
          entityId: '1',
          payload: {},
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, events: 0 });
  });

  it('treats SQL metacharacters in values as data (SQL injection)', async () => {
    const hostile = "x'); drop table users; --";
    await createUser(ctx, null, {
      email: 'bobby@example.org',
      name: hostile,
      password: 'a long enough password',
      role: 'member',
    });
    const found = await database.db
      .selectFrom('users')
      .select('name')
      .where('name', '=', hostile)
      .execute();
    expect(found).toEqual([{ name: hostile }]);
    const none = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', "' or '1'='1")
      .execute();
    expect(none).toEqual([]);
    expect((await database.db.introspection.getTables()).map((t) => t.name)).toContain('users');
  });
});
