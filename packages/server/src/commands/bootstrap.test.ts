import { DIALECTS, buildTestApp, json, loginAs, type TestApp } from '../test/harness.js';
import { randomBytes } from 'node:crypto';
import { DEMO_USERS } from './bootstrap.js';
import { DEMO_CLINICAL_NOTES } from './demo-clinical.js';

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
    // The sentiment program and the LLM preference program, both managed by the demo manager.
    expect(projects.projects).toHaveLength(2);
    expect(projects.projects.every((p) => p.myRole === 'manager')).toBe(true);
  });

  it('the demo project is ready to label: items, hidden gold, and a qualification set first', async () => {
    t = await buildTestApp(dialect, { demo: true });
    const annotator = DEMO_USERS.find((u) => u.projectRole === 'annotator')!;
    const token = await loginAs(t.app, annotator.email, annotator.password);
    const projects = json<{ projects: { id: string; name: string; itemCount: number }[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    const sentiment = projects.projects.find((p) => p.name.includes('sentiment'))!;
    expect(sentiment.itemCount).toBe(30);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${sentiment.id}/next`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(next.statusCode).toBe(200);
    const kinds = await t.database.db.selectFrom('assignments').select('kind').execute();
    expect(kinds).toEqual([{ kind: 'qualification' }]);
  });

  it('the demo preference project serves a prompt with two responses that validates as a pairwise answer', async () => {
    t = await buildTestApp(dialect, { demo: true });
    const annotator = DEMO_USERS.find((u) => u.projectRole === 'annotator')!;
    const token = await loginAs(t.app, annotator.email, annotator.password);
    const projects = json<{ projects: { id: string; name: string; itemCount: number }[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    const preferences = projects.projects.find((p) => p.name.includes('preferences'))!;
    expect(preferences.itemCount).toBe(6);
    const next = json<{ assignment: { id: string }; item: { data: { responses: string[] } } }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${preferences.id}/next`,
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(next.item.data.responses).toHaveLength(2);
    const judgment = { choice: 'A', strength: 2 };
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/assignments/${next.assignment.id}/submit`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        value: {
          preference: {
            ...judgment,
            dimensions: { accuracy: judgment, helpfulness: judgment, safety: { choice: 'tie' } },
            justification: 'A answers the question correctly and explains why.',
          },
        },
        clientId: 'demo-1',
      },
    });
    expect(submitted.statusCode).toBe(201);
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

describe.each(DIALECTS)('the PHI demo on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('is seeded only with a vault key; its annotators see surrogates, never the notes as written', async () => {
    t = await buildTestApp(dialect, { demo: true });
    const without = await t.database.db.selectFrom('projects').select('name').execute();
    expect(without.map((p) => p.name).some((n) => n.includes('PHI'))).toBe(false);
    await t.close();

    t = await buildTestApp(dialect, { demo: true, vaultKey: randomBytes(32) });
    const annotator = DEMO_USERS.find((u) => u.projectRole === 'annotator')!;
    const token = await loginAs(t.app, annotator.email, annotator.password);
    const headers = { authorization: `Bearer ${token}` };
    const projects = json<{ projects: { id: string; name: string; itemCount: number }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/projects', headers }),
    );
    const clinical = projects.projects.find((p) => p.name.includes('PHI'))!;
    expect(clinical.itemCount).toBe(DEMO_CLINICAL_NOTES.length);
    // The demo annotators hold the project's required credential, so they are served.
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${clinical.id}/next`,
      headers,
    });
    expect(next.statusCode).toBe(200);
    const stored = await t.database.db
      .selectFrom('items')
      .select(['data', 'meta'])
      .where('project_id', '=', clinical.id)
      .execute();
    const everything = next.body + JSON.stringify(stored);
    for (const original of ['Walter Thornton', 'THORNTON', 'Dunnigan', 'DUNNIGAN', 'Benitez'])
      expect(everything).not.toContain(original);
    for (const original of ['617-555-0142', '4471023', '03/14/2024', 'arturo.benitez@example.com'])
      expect(everything).not.toContain(original);
    // The clinical content is untouched.
    expect(JSON.stringify(stored)).toContain('LASIX 40MG IV');
  });
});
