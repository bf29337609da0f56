import {
  DIALECTS,
  buildTestApp,
  createUserAndLogin,
  json,
  loginAs,
  ADMIN,
  type TestApp,
} from '../test/harness.js';

type ErrorBody = { error: { code: string; message: string; details: unknown } };

function cookiesOf(res: { cookies: { name: string; value: string; httpOnly?: boolean }[] }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c]));
}

describe.each(DIALECTS)('HTTP API on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-11-22T12:00:00.000Z');
  beforeEach(async () => {
    clock = new Date('2026-11-22T12:00:00.000Z');
    t = await buildTestApp(dialect, { now: () => clock, loginAttempts: 3, loginWindowMs: 60_000 });
  });
  afterEach(() => t.close());

  it('GET /api/health reports the database in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', db: dialect, version: expect.any(String) as string });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/audit', '/api/audit/verify']),
    );
  });

  it('logs in with the admin from the environment: token, user, HttpOnly session cookie and CSRF cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ADMIN@example.org ', password: ADMIN.password },
    });
    expect(res.statusCode).toBe(200);
    const body = json<{ token: string; csrfToken: string; user: Record<string, unknown> }>(res);
    expect(body.token).toMatch(/^cnd_/);
    expect(body.user).toMatchObject({ email: ADMIN.email, role: 'admin', disabled: false });
    expect(body.user).not.toHaveProperty('password_hash');
    expect(JSON.stringify(body)).not.toContain('scrypt$');
    const cookies = cookiesOf(res);
    expect(cookies.concord_session).toMatchObject({ value: body.token, httpOnly: true });
    expect(cookies.concord_csrf?.value).toBe(body.csrfToken);
    expect(cookies.concord_csrf?.httpOnly).toBeFalsy();
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'who@example.org', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json<ErrorBody>(wrong)).toEqual(json<ErrorBody>(unknown));
    expect(json<ErrorBody>(wrong).error.code).toBe('CONCORD_ERR_INVALID_CREDENTIALS');
  });

  it('rate-limits failed logins and says when to retry; the window slides', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: ADMIN.email, password: 'wrong' },
          })
        ).statusCode,
      ).toBe(401);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(json<ErrorBody>(limited).error).toMatchObject({
      code: 'CONCORD_ERR_RATE_LIMITED',
      details: { retryAfterSeconds: 60 },
    });
    clock = new Date(clock.getTime() + 61_000);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: ADMIN.email, password: ADMIN.password },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('requires the CSRF header for cookie-authenticated writes, not for bearer tokens', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    const { token, csrfToken } = json<{ token: string; csrfToken: string }>(login);
    const cookie = `concord_session=${token}`;
    const payload = { name: 'Cookie project' };
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie },
      payload,
    });
    expect(noHeader.statusCode).toBe(403);
    expect(json<ErrorBody>(noHeader).error.code).toBe('CONCORD_ERR_CSRF');
    const wrongHeader = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expect(wrongHeader.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload,
    });
    expect(ok.statusCode).toBe(201);
    // Reads with the cookie need no CSRF header.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } })).statusCode,
    ).toBe(200);
    // Bearer writes need none either.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/projects',
          headers: { authorization: `Bearer ${token}` },
          payload,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('logout revokes the session; an unknown bearer token is refused', async () => {
    const token = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode,
    ).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(json<ErrorBody>(after).error.code).toBe('CONCORD_ERR_UNAUTHENTICATED');
  });

  it('sessions expire after 12 hours', async () => {
    const token = await loginAs(t.app, ADMIN.email, ADMIN.password);
    clock = new Date(clock.getTime() + 12 * 3600_000 + 1000);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('API tokens: created once with their secret, stored hashed, usable, revocable', async () => {
    const session = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { authorization: `Bearer ${session}` },
      payload: { name: 'nightly export' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = json<{ id: string; token: string }>(created);
    const stored = await t.database.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = json<{ tokens: Record<string, unknown>[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/auth/tokens',
        headers: { authorization: `Bearer ${session}` },
      }),
    );
    expect(list.tokens).toEqual([expect.objectContaining({ id, name: 'nightly export' })]);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/auth/tokens/${id}`,
          headers: { authorization: `Bearer ${session}` },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('users change their own password with the current one; other sessions end, this one stays', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const member = await createUserAndLogin(t.app, admin, {
      email: 'self@example.org',
      role: 'member',
      password: 'first long password',
    });
    const other = await loginAs(t.app, 'self@example.org', 'first long password');
    const headers = { authorization: `Bearer ${member.token}` };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'nope', newPassword: 'second long password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(wrong).error.details[0]!.path).toBe(
      'body.currentPassword',
    );
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'first long password', newPassword: 'second long password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(
      200,
    );
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${other}` },
        })
      ).statusCode,
    ).toBe(401);
    await loginAs(t.app, 'self@example.org', 'second long password');
  });

  it('a failed sign-in is logged with no actor and the targeted account as the entity', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: 'guess' },
    });
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const page = json<{
      events: { actorId: string | null; entityId: string | null; seq: number }[];
    }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/audit?action=auth.login_failed',
        headers: { authorization: `Bearer ${admin}` },
      }),
    );
    expect(page.events).toHaveLength(1);
    expect(page.events[0]!.actorId).toBeNull();
    expect(page.events[0]!.entityId).toMatch(/^usr_/);
    const bySeq = json<{ events: { seq: number }[] }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?seq=${page.events[0]!.seq}`,
        headers: { authorization: `Bearer ${admin}` },
      }),
    );
    expect(bySeq.events.map((e) => e.seq)).toEqual([page.events[0]!.seq]);
  });

  it('POST /api/users creates a user who can log in; GET /api/users lists and searches with pagination', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${admin}` };
    for (let i = 0; i < 5; i++)
      await createUserAndLogin(t.app, admin, {
        email: `user${i}@example.org`,
        name: `User ${i}`,
        role: 'member',
      });
    const page = json<{ users: { email: string }[]; total: number; limit: number; offset: number }>(
      await t.app.inject({ method: 'GET', url: '/api/users?limit=2&offset=2', headers }),
    );
    expect(page.total).toBe(6);
    expect(page.users.map((u) => u.email)).toEqual(['user1@example.org', 'user2@example.org']);
    const search = json<{ users: { email: string }[]; total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/users?q=USER 3', headers }),
    );
    expect(search.users.map((u) => u.email)).toEqual(['user3@example.org']);
    const wildcard = json<{ total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/users?q=%25', headers }),
    );
    expect(wildcard.total).toBe(0); // % is searched for literally, not as a wildcard
  });

  it('validation errors name the field and say what is wrong', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { email: 'not-an-email', name: '', password: 'short', role: 'king' },
    });
    expect(res.statusCode).toBe(400);
    const body = json<{
      error: { code: string; message: string; details: { path: string; message: string }[] };
    }>(res);
    expect(body.error.code).toBe('CONCORD_ERR_VALIDATION');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
      'body.role',
    ]);
    expect(body.error.message).toContain('body.password: must be at least 12 characters');
  });

  it('refuses a duplicate email with 409, case-insensitively', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        email: 'Admin@Example.org',
        name: 'Twin',
        password: 'a long enough password',
        role: 'member',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(json<ErrorBody>(res).error.code).toBe('CONCORD_ERR_EMAIL_TAKEN');
  });

  it('disabling a user ends their sessions; the last admin cannot be disabled', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${admin}` };
    const member = await createUserAndLogin(t.app, admin, {
      email: 'm@example.org',
      role: 'member',
    });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/users/${member.id}`,
          headers,
          payload: { disabled: true },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${member.token}` },
        })
      ).statusCode,
    ).toBe(401);
    const me = json<{ user: { id: string } }>(
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers }),
    );
    const last = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${me.user.id}`,
      headers,
      payload: { role: 'member' },
    });
    expect(last.statusCode).toBe(409);
    expect(json<ErrorBody>(last).error.code).toBe('CONCORD_ERR_LAST_ADMIN');
  });

  it('members see only their own projects; a project they cannot see is 404', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const a = await createUserAndLogin(t.app, admin, { email: 'a@example.org', role: 'member' });
    const b = await createUserAndLogin(t.app, admin, { email: 'b@example.org', role: 'member' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { authorization: `Bearer ${a.token}` },
      payload: { name: 'Intent v2', description: 'd' },
    });
    const { id } = json<{ id: string }>(created);
    const mine = json<{ projects: { id: string; myRole: string }[]; total: number }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${a.token}` },
      }),
    );
    expect(mine.projects).toEqual([expect.objectContaining({ id, myRole: 'manager' })]);
    const theirs = json<{ total: number }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${b.token}` },
      }),
    );
    expect(theirs.total).toBe(0);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/projects/${id}`,
          headers: { authorization: `Bearer ${b.token}` },
        })
      ).statusCode,
    ).toBe(404);
    const adminView = json<{ project: { myRole: string | null } }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${id}`,
        headers: { authorization: `Bearer ${admin}` },
      }),
    );
    expect(adminView.project.myRole).toBeNull();
  });

  it('every state change is in the audit log with actor, action and entity; filters work', async () => {
    const admin = await loginAs(t.app, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${admin}` };
    const member = await createUserAndLogin(t.app, admin, {
      email: 'log@example.org',
      role: 'member',
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${member.id}`,
      headers,
      payload: { name: 'Logged', password: 'another long password' },
    });
    const page = json<{
      events: {
        action: string;
        entityId: string;
        actorEmail: string;
        payload: Record<string, unknown>;
      }[];
      total: number;
    }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?entityType=user&entityId=${member.id}`,
        headers,
      }),
    );
    expect(page.events.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    expect(page.events[0]).toMatchObject({
      actorEmail: ADMIN.email,
      payload: { name: 'Logged', passwordChanged: true },
    });
    expect(JSON.stringify(page)).not.toContain('another long password');
    const logins = json<{ total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/audit?action=auth.login', headers }),
    );
    expect(logins.total).toBe(2);
    const future = json<{ total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/audit?from=2030-01-01T00:00:00Z', headers }),
    );
    expect(future.total).toBe(0);
    const bad = await t.app.inject({ method: 'GET', url: '/api/audit?from=yesterday', headers });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.message).toContain('querystring.from');
  });

  it('unknown API routes and malformed JSON get the error envelope, never internals', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(json<ErrorBody>(missing).error.code).toBe('CONCORD_ERR_ROUTE_NOT_FOUND');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(json<ErrorBody>(malformed).error.code).toBe('CONCORD_ERR_BAD_REQUEST');
  });
});
