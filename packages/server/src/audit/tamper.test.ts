import { sql } from 'kysely';
import { DIALECTS, buildTestApp, json, loginAs, ADMIN, type TestApp } from '../test/harness.js';
import { verifyAuditLog } from './audit-log.js';

describe.each(DIALECTS)('tamper-evident audit log on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
    token = await loginAs(t.app, ADMIN.email, ADMIN.password);
    for (const name of ['Ann', 'Bea', 'Cid']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          email: `${name.toLowerCase()}@example.org`,
          name,
          role: 'member',
          password: 'a long enough password',
        },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterEach(() => t.close());

  const verify = async () =>
    json(
      await t.app.inject({
        method: 'GET',
        url: '/api/audit/verify',
        headers: { authorization: `Bearer ${token}` },
      }),
    );

  it('verifies an untouched log', async () => {
    const result = await verify();
    expect(result.ok).toBe(true);
    // admin creation, login, three user creations
    expect(result.events).toBe(5);
  });

  it('names the event whose stored payload was edited', async () => {
    const target = await t.database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'user.create')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await sql`update audit_events set payload = ${'{"email":"mallory@example.org","name":"Cid","role":"admin"}'} where seq = ${target.seq}`.execute(
      t.database.db,
    );
    const result = await verify();
    expect(result).toMatchObject({
      ok: false,
      brokenAt: Number(target.seq),
      reason: 'payload-digest-mismatch',
    });
    expect(await verifyAuditLog(t.database.db)).toMatchObject({
      ok: false,
      brokenAt: Number(target.seq),
    });
  });

  it('names the event whose actor was rewritten', async () => {
    await sql`update audit_events set actor_id = ${'usr_someone_else'} where seq = 2`.execute(
      t.database.db,
    );
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('detects a deleted event in the middle and a truncated tail', async () => {
    await sql`delete from audit_events where seq = 3`.execute(t.database.db);
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 4, reason: 'sequence-gap' });
  });

  it('detects the last events being cut off', async () => {
    const before = await verify();
    await sql`delete from audit_events where seq = ${before.events}`.execute(t.database.db);
    expect(await verifyAuditLog(t.database.db)).toMatchObject({
      ok: false,
      brokenAt: before.events,
    });
  });
});
