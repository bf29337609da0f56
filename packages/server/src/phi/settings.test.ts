import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '@concord/core/audit';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, buildTestApp, createUserAndLogin, json, type TestApp } from '../test/harness.js';
import { ADMIN, loginAs } from '../test/harness.js';
import { Api } from '../test/program.js';

/*
 * PUT /projects/:id/phi: a PHI project's de-identification settings change for later imports,
 * the surrogates of what was imported stay consistent, the audit names the keys that changed
 * but not the values, and a project is never turned PHI (or back) by it.
 */

const NOTE = (text: string, patient = 'PT-1') => ({
  data: { text },
  meta: { patient_id: patient },
});

describe.each(DIALECTS)('PHI settings on %s', (dialect) => {
  let t: TestApp;
  let app: FastifyInstance;
  let admin: Api;
  let manager: Api;
  let reviewer: Api;
  let phiProject = '';
  let plainProject = '';

  const put = async (api: Api, url: string, payload: unknown) => {
    const res = await app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${api.token}` },
      payload: payload as Record<string, unknown>,
    });
    return { status: res.statusCode, body: json<Record<string, unknown>>(res) };
  };
  const texts = async (projectId: string) =>
    (
      await manager.ok<{ items: { data: { text: string } }[] }>(
        'GET',
        `/api/projects/${projectId}/items?limit=100`,
      )
    ).items.map((i) => i.data.text);

  beforeAll(async () => {
    t = await buildTestApp(dialect, { vaultKey: randomBytes(32) });
    app = t.app;
    admin = new Api(app, await loginAs(app, ADMIN.email, ADMIN.password));
    const m = await createUserAndLogin(app, admin.token, {
      email: 'm@example.org',
      role: 'member',
    });
    const r = await createUserAndLogin(app, admin.token, {
      email: 'r@example.org',
      role: 'member',
    });
    manager = new Api(app, m.token);
    reviewer = new Api(app, r.token);
    const fields = [{ name: 'finding', type: 'choice', labels: ['a', 'b'] }];
    phiProject = (
      await manager.ok<{ id: string }>('POST', '/api/projects', {
        name: 'Notes',
        config: { fields, phi: { mode: 'surrogate' } },
      })
    ).id;
    plainProject = (
      await manager.ok<{ id: string }>('POST', '/api/projects', {
        name: 'Plain',
        config: { fields },
      })
    ).id;
    await manager.ok('POST', `/api/projects/${phiProject}/members`, {
      userId: r.id,
      role: 'reviewer',
    });
    await manager.ok('POST', `/api/projects/${phiProject}/items`, [
      NOTE('Seen by Dr. Alice Whitfield on 03/14/2021. Patient from Wexbury.'),
    ]);
    await manager.ok('POST', `/api/projects/${plainProject}/items`, [
      NOTE('John Carter, 03/14/2021'),
    ]);
  });
  afterAll(() => t.close());

  it('applies new settings to later imports; surrogates of earlier identifiers stay the same', async () => {
    const [first] = await texts(phiProject);
    expect(first).not.toContain('Whitfield');
    expect(first).toContain('Wexbury'); // an unknown place the detectors do not know
    const surrogate = /Dr\. (\S+ \S+) on/.exec(first!)?.[1];
    expect(surrogate).toBeDefined();

    const saved = await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'surrogate', deny: [{ text: 'Wexbury', category: 'LOCATION' }] },
      credentials: ['clinical'],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.changed).toEqual(['credentials', 'deny']);

    const detail = await manager.ok<{ project: { config: Record<string, unknown> } }>(
      'GET',
      `/api/projects/${phiProject}`,
    );
    expect(detail.project.config.credentials).toEqual(['clinical']);
    expect((detail.project.config.phi as { deny: unknown[] }).deny).toHaveLength(1);

    await manager.ok('POST', `/api/projects/${phiProject}/items`, [
      NOTE('Seen by Dr. Alice Whitfield on 03/20/2021. Patient from Wexbury.'),
    ]);
    const [, second] = await texts(phiProject);
    expect(second).not.toContain('Wexbury'); // the deny list now applies
    expect(second).toContain(`Dr. ${surrogate!} on`); // same secret, same surrogate
  });

  it('audits which keys changed, never the allow or deny values', async () => {
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['payload'])
      .where('action', '=', 'project.phi.update')
      .where('entity_id', '=', phiProject)
      .execute();
    expect(events).toHaveLength(1);
    const payload = JSON.parse(events[0]!.payload) as Record<string, unknown>;
    expect(payload.changed).toEqual(['credentials', 'deny']);
    expect(JSON.stringify(payload)).not.toContain('Wexbury');
  });

  it('shows reviewers the settings without the lists that may name identifiers', async () => {
    await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: {
        mode: 'surrogate',
        deny: [{ text: 'Wexbury', category: 'LOCATION' }],
        knownIdentifiers: [{ key: 'patient_name', category: 'PERSON' }],
      },
    });
    type Detail = { project: { config: { phi: Record<string, unknown[]> } } };
    const seen = (await reviewer.ok<Detail>('GET', `/api/projects/${phiProject}`)).project.config;
    expect(seen.phi).toMatchObject({ deny: [], knownIdentifiers: [], allow: [], patterns: [] });
    const managed = (await manager.ok<Detail>('GET', `/api/projects/${phiProject}`)).project.config;
    expect(managed.phi.knownIdentifiers).toHaveLength(1);
    await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'surrogate', deny: [{ text: 'Wexbury', category: 'LOCATION' }] },
    });
  });

  it('summarises the phi section in a snapshot manifest: counts and a keyed digest, no list values', async () => {
    const snap = await manager.ok<{ id: string }>('POST', `/api/projects/${phiProject}/snapshots`);
    const manifest = await reviewer.ok<{ project: { config: { phi: Record<string, unknown> } } }>(
      'GET',
      `/api/snapshots/${snap.id}/manifest`,
    );
    const stored = await t.database.db
      .selectFrom('projects')
      .select('config')
      .where('id', '=', phiProject)
      .executeTakeFirstOrThrow();
    const phi = (JSON.parse(stored.config) as { phi: unknown }).phi;
    expect(manifest.project.config.phi).toEqual({
      mode: 'surrogate',
      keepYear: false,
      maxDateShiftDays: 365,
      allow: 0,
      deny: 1,
      patterns: 0,
      knownIdentifiers: 0,
      digest: t.app.concord.vault!.mac('manifest-phi', canonicalJson(phi)),
    });
    expect(JSON.stringify(manifest)).not.toContain('Wexbury');
    // No bare hash of the section: with it a reader could test guesses of the one-entry deny list.
    const guess = (text: string) =>
      createHash('sha256')
        .update(canonicalJson({ ...(phi as object), deny: [{ text, category: 'LOCATION' }] }))
        .digest('hex');
    expect(canonicalJson(phi)).toContain('Wexbury');
    expect(JSON.stringify(manifest)).not.toContain(guess('Wexbury'));
  });

  it("tells the caller their own grants on GET /projects/:id (myPermissions), not someone else's", async () => {
    type Detail = { project: { myPermissions: string[] } };
    const url = `/api/projects/${phiProject}`;
    expect((await reviewer.ok<Detail>('GET', url)).project.myPermissions).toEqual([]);
    const me = await reviewer.ok<{ user: { id: string } }>('GET', '/api/auth/me');
    await manager.ok('POST', `${url}/permissions`, {
      userId: me.user.id,
      permission: 'phi:reveal',
    });
    expect((await reviewer.ok<Detail>('GET', url)).project.myPermissions).toEqual(['phi:reveal']);
    expect((await manager.ok<Detail>('GET', url)).project.myPermissions).toEqual([]);
    await manager.ok('DELETE', `${url}/permissions/${me.user.id}/phi:reveal`);
    expect((await reviewer.ok<Detail>('GET', url)).project.myPermissions).toEqual([]);
  });

  it('names the field of a validation error', async () => {
    const bad = await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: {
        mode: 'surrogate',
        deny: [
          { text: 'Ok', category: 'LOCATION' },
          { text: '', category: 'LOCATION' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.phi.deny.1.text');
  });

  it('keeps the date settings once records are imported (date linkage would split)', async () => {
    const before = await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'surrogate', maxDateShiftDays: 30 },
    });
    expect(before.status).toBe(409);
    const { details } = before.body.error as { details: { path: string; message: string }[] };
    expect(details.map((d) => d.path)).toEqual(['body.phi.maxDateShiftDays']);
    expect(details[0]!.message).toMatch(/^fixed once records are imported/);
    const key = await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'surrogate', patientKey: 'mrn' },
    });
    expect(key.status).toBe(409);
    // Other settings still change.
    const deny = await put(manager, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'surrogate', deny: [{ text: 'Wexbury', category: 'LOCATION' }] },
    });
    expect(deny.status).toBe(200);
  });

  it('refuses making a project PHI after import, and turning PHI off', async () => {
    const late = await put(manager, `/api/projects/${plainProject}/phi`, {
      phi: { mode: 'redact' },
    });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body.error)).toMatch(/imported in clear/);
    const off = await put(manager, `/api/projects/${phiProject}/phi`, { phi: null });
    expect(off.status).toBe(409);
    expect(JSON.stringify(off.body.error)).toMatch(/stays one/);
  });

  it('is for managers and admins only', async () => {
    const refused = await put(reviewer, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'redact' },
    });
    expect(refused.status).toBe(403);
    const byAdmin = await put(admin, `/api/projects/${phiProject}/phi`, {
      phi: { mode: 'redact', deny: [{ text: 'Wexbury', category: 'LOCATION' }] },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.changed).toEqual(['mode']);
  });
  it('lists each member with their credentials and what the project requires that they lack', async () => {
    type Members = {
      members: { email: string; credentials: string[]; missingCredentials: string[] }[];
    };
    const url = `/api/projects/${phiProject}/members`;
    const of = (page: Members, email: string) => page.members.find((m) => m.email === email);
    const before = await manager.ok<Members>('GET', url);
    expect(of(before, 'r@example.org')).toMatchObject({
      credentials: [],
      missingCredentials: ['clinical'],
    });
    const me = await reviewer.ok<{ user: { id: string } }>('GET', '/api/auth/me');
    const set = await app.inject({
      method: 'PUT',
      url: `/api/users/${me.user.id}/credentials`,
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { credentials: ['clinical', 'legal'] },
    });
    expect(set.statusCode, set.body).toBe(200);
    const after = await reviewer.ok<Members>('GET', url);
    expect(of(after, 'r@example.org')).toMatchObject({
      credentials: ['clinical', 'legal'],
      missingCredentials: [],
    });
    expect(of(after, 'm@example.org')?.missingCredentials).toEqual(['clinical']);
  });

  it('reports the vault status cheaply: records, keys, secret, latest purge (managers, not reviewers)', async () => {
    const url = `/api/projects/${phiProject}/vault`;
    const before = await manager.ok<Record<string, unknown>>('GET', url);
    expect(before).toMatchObject({ records: 2, secret: true, lastPurge: null });
    expect(before.keyIds).toEqual([before.keyId]);
    expect((await reviewer.call('GET', url)).status).toBe(403);
    expect((await manager.call('GET', `/api/projects/${plainProject}/vault`)).status).toBe(409);
    await manager.ok('DELETE', url, { reason: 'study closed' });
    const after = await manager.ok<Record<string, unknown>>('GET', url);
    expect(after).toMatchObject({
      records: 0,
      keyIds: [],
      secret: false,
      lastPurge: { rows: 2, secretDestroyed: true, scope: 'all' },
    });
  });
});
