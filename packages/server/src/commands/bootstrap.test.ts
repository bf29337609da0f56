import { DIALECTS, buildTestApp, json, loginAs, type TestApp } from '../test/harness.js';
import { DEMO_USERS } from './bootstrap.js';

describe.each(DIALECTS)('first start on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('creates the admin from the environment only when no admin exists', async () => {
    t = await buildTestApp(dialect);
    expect(t.app.concord.createdAdmin).toBe('admin@example.org');
    const admins = await t.database.db
      .selectFrom('users')
      .select('email')
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toEqual([{ email: 'admin@example.org' }]);
  });

  it('seeds a demo project whose demo users can log in, with the env admin and without a demo admin', async () => {
    t = await buildTestApp(dialect, { demo: true });
    const logins = t.app.concord.demoLogins ?? [];
    expect(logins.map((l) => l.email)).not.toContain('admin@demo.concord.test');
    const manager = DEMO_USERS.find((u) => u.projectRole === 'manager')!;
    const token = await loginAs(t.app, manager.email, manager.password);
    const projects = json<{ projects: { name: string; myRole: string }[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(projects.projects).toEqual([expect.objectContaining({ myRole: 'manager' })]);
  });

  it('the demo project is ready to label: items, hidden gold, and a qualification set first', async () => {
    t = await buildTestApp(dialect, { demo: true });
    const annotator = DEMO_USERS.find((u) => u.projectRole === 'annotator')!;
    const token = await loginAs(t.app, annotator.email, annotator.password);
    const projects = json<{ projects: { id: string; itemCount: number }[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(projects.projects[0]!.itemCount).toBe(30);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projects.projects[0]!.id}/next`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(next.statusCode).toBe(200);
    const kinds = await t.database.db.selectFrom('assignments').select('kind').execute();
    expect(kinds).toEqual([{ kind: 'qualification' }]);
  });

  it('adds a demo admin when no admin is configured', async () => {
    t = await buildTestApp(dialect, {
      demo: true,
      adminEmail: undefined,
      adminPassword: undefined,
    });
    expect((t.app.concord.demoLogins ?? []).map((l) => l.email)).toContain(
      'admin@demo.concord.test',
    );
  });
});
