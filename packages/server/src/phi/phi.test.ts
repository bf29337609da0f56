import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { verifyAuditLog } from '../audit/audit-log.js';
import { DIALECTS, buildTestApp, createUserAndLogin, json, type TestApp } from '../test/harness.js';
import { Api, type NextResponse } from '../test/program.js';
import { ADMIN, loginAs } from '../test/harness.js';
import { purgeExpiredVaults } from './purge.js';
import { buildServer } from '../server.js';

/*
 * A PHI project end to end: import de-identifies, the vault keeps the originals, only holders of
 * phi:reveal see them (each reveal audited), annotators and everyone else see surrogates only,
 * credentials gate the queue, a purge shreds the vault with a proof, the compliance report says
 * all of it.
 */

const PATIENT_A = 'PT-20931';
const PATIENT_B = 'PT-55871';

/** Notes with known identifiers; the first two are one patient's, ten days apart. */
const NOTES = [
  {
    data: {
      text: 'Mr. John Carter (MRN 4452210) was admitted on 03/14/2021 with chest pain. Seen by Dr. Alice Whitfield.',
    },
    meta: { patient_id: PATIENT_A, ward: 'cardiology' },
  },
  {
    data: {
      text: 'Mr. John Carter (MRN 4452210) was discharged on 03/24/2021. Follow up with Dr. Alice Whitfield in two weeks.',
    },
    meta: { patient_id: PATIENT_A, ward: 'cardiology' },
  },
  {
    data: {
      text: 'Mrs. Helen Morrison (MRN 7781023) was seen on 11/02/2020 for a fall at home. No fracture.',
    },
    meta: { patient_id: PATIENT_B, ward: 'orthopaedics' },
  },
];

const KNOWN_ORIGINALS = [
  'John Carter',
  '4452210',
  '03/14/2021',
  '03/24/2021',
  'Helen Morrison',
  '7781023',
  PATIENT_A,
  PATIENT_B,
];

const CONFIG = {
  fields: [{ name: 'finding', type: 'choice', labels: ['cardiac', 'injury', 'other'] }],
  phi: { mode: 'surrogate' },
  credentials: ['clinical'],
};

interface ItemRow {
  id: string;
  data: { text: string };
}

describe.each(DIALECTS)('PHI project on %s', (dialect) => {
  let t: TestApp;
  let app: FastifyInstance;
  let clock = new Date('2026-01-10T09:00:00.000Z');
  let admin: Api;
  let manager: Api;
  let annotator: Api;
  let reviewer: Api;
  let auditor: Api;
  let ids: Record<'admin' | 'manager' | 'annotator' | 'reviewer', string>;
  let projectId = '';
  let items: ItemRow[] = [];

  const itemsOf = async (api: Api) =>
    (await api.ok<{ items: ItemRow[] }>('GET', `/api/projects/${projectId}/items?limit=100`)).items;

  const put = (api: Api, url: string, payload: unknown) =>
    app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${api.token}` },
      payload: payload as Record<string, unknown>,
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect, { vaultKey: randomBytes(32), now: () => clock });
    app = t.app;
    admin = new Api(app, await loginAs(app, ADMIN.email, ADMIN.password));
    const made = {} as Record<string, { id: string; token: string }>;
    for (const who of ['manager', 'annotator', 'reviewer', 'auditor'] as const)
      made[who] = await createUserAndLogin(app, admin.token, {
        email: `${who}@example.org`,
        role: who === 'auditor' ? 'auditor' : 'member',
      });
    manager = new Api(app, made.manager!.token);
    annotator = new Api(app, made.annotator!.token);
    reviewer = new Api(app, made.reviewer!.token);
    auditor = new Api(app, made.auditor!.token);
    const me = await admin.ok<{ user: { id: string } }>('GET', '/api/auth/me');
    ids = {
      admin: me.user.id,
      manager: made.manager!.id,
      annotator: made.annotator!.id,
      reviewer: made.reviewer!.id,
    };
    projectId = (
      await manager.ok<{ id: string }>('POST', '/api/projects', {
        name: 'Discharge notes',
        config: CONFIG,
        policy: { overlap: 1, goldRate: 0, reviewRate: 1 },
      })
    ).id;
    for (const [who, role] of [
      ['annotator', 'annotator'],
      ['reviewer', 'reviewer'],
    ] as const)
      await manager.ok('POST', `/api/projects/${projectId}/members`, { userId: ids[who], role });
    const imported = await manager.ok<{ imported: number }>(
      'POST',
      `/api/projects/${projectId}/items`,
      NOTES,
    );
    expect(imported.imported).toBe(3);
    items = await itemsOf(manager);
  });
  afterAll(() => t.close());

  it('stores only the de-identified text in items; the vault holds the sealed originals', async () => {
    const rows = await t.database.db
      .selectFrom('items')
      .select(['data', 'meta'])
      .where('project_id', '=', projectId)
      .execute();
    const stored = JSON.stringify(rows);
    for (const original of KNOWN_ORIGINALS) expect(stored).not.toContain(original);
    expect(stored).toContain('chest pain'); // the clinical content stays
    const vault = await t.database.db
      .selectFrom('phi_vault')
      .selectAll()
      .where('project_id', '=', projectId)
      .execute();
    expect(vault).toHaveLength(3);
    const sealed = JSON.stringify(vault);
    for (const original of KNOWN_ORIGINALS) expect(sealed).not.toContain(original);
    expect(sealed).not.toContain('chest pain');
  });

  it('gives an identifier the same surrogate in every item and on a re-import', async () => {
    const [first, second] = items;
    // Both notes of patient A start the same way up to the date; the surrogate name and MRN match.
    const prefix = (text: string) => text.slice(0, text.indexOf(')') + 1);
    expect(prefix(first!.data.text)).toBe(prefix(second!.data.text));
    expect(prefix(first!.data.text)).not.toContain('John Carter');
    await manager.ok('POST', `/api/projects/${projectId}/items`, [NOTES[0]]);
    const again = (await itemsOf(manager)).at(-1)!;
    expect(again.id).not.toBe(first!.id);
    expect(again.data).toEqual(first!.data);
    items = await itemsOf(manager);
  });

  it('keeps the interval between one patient’s dates', () => {
    const date = (text: string) => {
      const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
      expect(m, text).not.toBeNull();
      return Date.UTC(Number(m![3]), Number(m![1]) - 1, Number(m![2]));
    };
    const admitted = date(items[0]!.data.text);
    const discharged = date(items[1]!.data.text);
    expect((discharged - admitted) / 86_400_000).toBe(10);
    expect(items[0]!.data.text).not.toContain('03/14/2021');
  });

  it('refuses a reveal without phi:reveal — admins included — and audits each granted reveal', async () => {
    const itemId = items[0]!.id;
    for (const api of [admin, manager, reviewer, annotator]) {
      const refused = await api.call('POST', `/api/items/${itemId}/reveal`, {
        reason: 'checking the chart',
      });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toMatch(/phi:reveal/);
    }
    const short = await admin.call('POST', `/api/items/${itemId}/reveal`, { reason: 'why' });
    expect(short.status).toBe(400);

    await admin.ok('POST', `/api/projects/${projectId}/permissions`, {
      userId: ids.admin,
      permission: 'phi:reveal',
    });
    const listed = await manager.ok<{ permissions: { userId: string; permission: string }[] }>(
      'GET',
      `/api/projects/${projectId}/permissions`,
    );
    expect(listed.permissions).toEqual([
      expect.objectContaining({ userId: ids.admin, permission: 'phi:reveal' }),
    ]);
    const revealed = await admin.ok<{
      data: { text: string };
      meta: Record<string, unknown>;
      replacements: Record<
        string,
        {
          start: number;
          end: number;
          originalStart: number;
          originalEnd: number;
          category: string;
        }[]
      >;
    }>('POST', `/api/items/${itemId}/reveal`, { reason: 'verifying a coding query' });
    expect(revealed.data).toEqual(NOTES[0]!.data);
    expect(revealed.meta).toEqual(NOTES[0]!.meta);
    const spans = revealed.replacements.text!;
    const originals = spans.map((r) => NOTES[0]!.data.text.slice(r.originalStart, r.originalEnd));
    expect(originals).toEqual(expect.arrayContaining(['John Carter', '4452210', '03/14/2021']));
    for (const r of spans)
      expect(items[0]!.data.text.slice(r.start, r.end)).not.toBe(
        NOTES[0]!.data.text.slice(r.originalStart, r.originalEnd),
      );

    // A manager granted by a manager reveals another note.
    await manager.ok('POST', `/api/projects/${projectId}/permissions`, {
      email: 'manager@example.org',
      permission: 'phi:reveal',
    });
    // Nobody by that email or id: the refusal names the field the person was given in.
    for (const [body, path] of [
      [{ email: 'nobody@example.org' }, 'body.email'],
      [{ userId: 'usr_nobody' }, 'body.userId'],
    ] as const) {
      const refused = await manager.call<{ error: { message: string } }>(
        'POST',
        `/api/projects/${projectId}/permissions`,
        {
          ...body,
          permission: 'phi:reveal',
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(new RegExp(`^${path}: no active user with`));
    }
    const second = await manager.ok<{ data: unknown }>(
      'POST',
      `/api/items/${items[2]!.id}/reveal`,
      {
        reason: 'fall follow-up audit',
      },
    );
    expect(second.data).toEqual(NOTES[2]!.data);

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'phi.reveal')
      .orderBy('seq')
      .execute();
    expect(events).toHaveLength(2);
    expect(events[0]!.actor_id).toBe(ids.admin);
    expect(JSON.parse(events[0]!.payload)).toEqual({
      itemId,
      fields: ['text'],
      reason: 'verifying a coding query',
    });
  });

  it('cannot open the vault on a server with another key', async () => {
    const other = await buildServer({
      database: t.database,
      webRoot: null,
      vaultKey: randomBytes(32),
      now: () => clock,
      retentionIntervalMs: 0,
    });
    try {
      const revealed = await other.inject({
        method: 'POST',
        url: `/api/items/${items[0]!.id}/reveal`,
        headers: { authorization: `Bearer ${admin.token}` },
        payload: { reason: 'another key' },
      });
      expect(revealed.statusCode).toBe(503);
      expect(revealed.body).toMatch(/sealed under vault key [0-9a-f]{16}, but this server has key/);
      for (const original of KNOWN_ORIGINALS) expect(revealed.body).not.toContain(original);
      const imported = await other.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/items`,
        headers: { authorization: `Bearer ${manager.token}` },
        payload: [NOTES[0]],
      });
      expect(imported.statusCode).toBe(503);
    } finally {
      await other.close();
    }
  });

  it('never lets an original reach a response other than the reveal', async () => {
    // Annotate and review a little so every list has something in it.
    const lease = await annotator.call<NextResponse>('GET', `/api/projects/${projectId}/next`);
    expect(lease.status).toBe(403); // not credentialed yet: see the credential test
    const granted = await put(admin, `/api/users/${ids.annotator}/credentials`, {
      credentials: ['clinical'],
    });
    expect(granted.statusCode).toBe(200);
    const leased = await annotator.ok<NextResponse>('GET', `/api/projects/${projectId}/next`);
    await annotator.ok('POST', `/api/assignments/${leased.assignment.id}/submit`, {
      value: { finding: 'cardiac' },
      clientId: 'phi-1',
    });
    const snapshot = await manager.ok<{ id: string }>(
      'POST',
      `/api/projects/${projectId}/snapshots`,
    );
    const paths = (t.app.concord.routes as readonly { method: string; url: string }[])
      .filter(
        (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'),
      )
      .map((r) => r.url);
    const urls: string[] = [];
    for (const path of paths) {
      const url = path
        .replace('/projects/:id', `/projects/${projectId}`)
        .replace('/snapshots/:id', `/snapshots/${snapshot.id}`)
        .replace('/users/:id', `/users/${ids.annotator}`)
        .replace('/auth/tokens/:id', '/auth/tokens/x');
      if (url.includes('/export')) {
        urls.push(`${url}?format=jsonl&annotations=true`, `${url}?format=csv`);
      } else if (url.includes('compliance-report')) {
        urls.push(`${url}?format=json`, `${url}?format=html`);
      } else urls.push(url);
    }
    urls.push(`/api/projects/${projectId}/next?after=${leased.assignment.id}`);
    const seen: string[] = [];
    for (const api of [annotator, reviewer, manager, auditor, admin]) {
      for (const url of urls) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${api.token}` },
        });
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
        for (const original of KNOWN_ORIGINALS)
          expect(res.body, `${url} leaked ${original}`).not.toContain(original);
        if (res.statusCode === 200) seen.push(url);
      }
    }
    // The walk reached the lists where the items are shown.
    expect(seen).toEqual(
      expect.arrayContaining([
        `/api/projects/${projectId}/items`,
        `/api/snapshots/${snapshot.id}/export?format=jsonl&annotations=true`,
        `/api/projects/${projectId}/next?after=${leased.assignment.id}`,
      ]),
    );
    // Nor the audit log.
    const audit = JSON.stringify(
      await t.database.db.selectFrom('audit_events').selectAll().execute(),
    );
    for (const original of KNOWN_ORIGINALS) expect(audit).not.toContain(original);
  });

  it('refuses annotators without the required credentials, naming them', async () => {
    const stranger = await createUserAndLogin(app, admin.token, {
      email: 'uncredentialed@example.org',
      role: 'member',
    });
    const added = await manager.ok<{ missingCredentials: string[] }>(
      'POST',
      `/api/projects/${projectId}/members`,
      { userId: stranger.id, role: 'annotator' },
    );
    expect(added.missingCredentials).toEqual(['clinical']);
    const api = new Api(app, stranger.token);
    const refused = await api.call<{ error: { code: string; message: string } }>(
      'GET',
      `/api/projects/${projectId}/next`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONCORD_ERR_CREDENTIALS_REQUIRED');
    expect(refused.body.error.message).toBe(
      'This project requires the credential clinical; ask an administrator',
    );
    const notAdmin = await put(manager, `/api/users/${stranger.id}/credentials`, {
      credentials: ['clinical'],
    });
    expect(notAdmin.statusCode).toBe(403);
    const bad = await put(admin, `/api/users/${stranger.id}/credentials`, {
      credentials: ['Clinical Staff'],
    });
    expect(bad.statusCode).toBe(400);
    const set = await put(admin, `/api/users/${stranger.id}/credentials`, {
      credentials: ['legal', 'clinical', 'clinical'],
    });
    expect(json<{ user: { credentials: string[] } }>(set).user.credentials).toEqual([
      'clinical',
      'legal',
    ]);
    expect((await api.call('GET', `/api/projects/${projectId}/next`)).status).toBe(200);
    const event = await t.database.db
      .selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'user.credentials')
      .where('entity_id', '=', stranger.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toEqual({ from: [], to: ['clinical', 'legal'] });
  });

  it('withholds the reason of a bad row of a PHI import, naming line and field', async () => {
    const rows = [
      NOTES[2],
      { data: { text: 'Mr. John Carter again' }, gold: { finding: 'John Carter' } },
      { data: { text: 'fine' }, 'John Carter': 1 },
    ];
    const refused = await manager.call('POST', `/api/projects/${projectId}/items`, rows);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain('John Carter');
    const res = await manager.call<{ rejected: { line: number; message: string }[] }>(
      'POST',
      `/api/projects/${projectId}/items?skipInvalid=true`,
      rows,
    );
    expect(res.status).toBe(201);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('John Carter');
    expect(res.body.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(res.body.rejected[0]!.message).toMatch(/^gold\.finding: not valid/);
  });

  it('reports record access, reveals, grants, credentials, vault and the audit chain', async () => {
    const report = await auditor.ok<{
      project: { phi: boolean; requiredCredentials: string[] };
      access: { total: number; rows: { email: string; itemId: string }[] };
      reveals: { rows: { email: string; itemId: string; reason: string }[] };
      permissions: { current: { email: string }[]; history: { total: number } };
      credentials: { email: string; missing: string[] }[];
      guidelines: { current: number; changes: { action: string; payload: unknown }[] };
      vault: { rows: number; secret: boolean; keyIds: string[]; serverKeyId: string };
      auditChain: { ok: boolean };
    }>('GET', `/api/projects/${projectId}/compliance-report?format=json`);
    expect(report.project).toMatchObject({ phi: true, requiredCredentials: ['clinical'] });
    expect(report.access.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: 'annotator@example.org' })]),
    );
    expect(report.reveals.rows).toEqual([
      expect.objectContaining({
        email: 'manager@example.org',
        itemId: items[2]!.id,
        reason: 'fall follow-up audit',
      }),
      expect.objectContaining({
        email: ADMIN.email,
        itemId: items[0]!.id,
        reason: 'verifying a coding query',
      }),
    ]);
    expect(report.permissions.current.map((p) => p.email)).toEqual([
      ADMIN.email,
      'manager@example.org',
    ]);
    expect(report.permissions.history.total).toBe(2);
    expect(report.credentials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'reviewer@example.org', missing: ['clinical'] }),
        expect.objectContaining({ email: 'annotator@example.org', missing: [] }),
      ]),
    );
    expect(report.guidelines.current).toBe(1);
    expect(report.guidelines.changes).toEqual([
      expect.objectContaining({ action: 'project.create', payload: { guidelineVersion: 1 } }),
    ]);
    expect(report.vault.rows).toBeGreaterThanOrEqual(4);
    expect(report.vault.secret).toBe(true);
    expect(report.vault.keyIds).toEqual([report.vault.serverKeyId]);
    expect(report.auditChain.ok).toBe(true);

    const html = await app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/compliance-report?format=html`,
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename="compliance-/);
    expect(html.body).toMatch(/^<!doctype html>/);
    expect(html.body).toContain('verifying a coding query');
    expect(html.body).not.toMatch(/<script|<link|src=/);
    // People are named by email, not ID, and counts read as English ("2 reveals", "1 reveal").
    expect(html.body).toContain('<p class="note">2 reveals.</p>');
    expect(html.body).not.toMatch(/<td>usr_/);
    const forbidden = await annotator.call('GET', `/api/projects/${projectId}/compliance-report`);
    expect(forbidden.status).toBe(403);
  });

  it('purges the vault with a proof; reveals then answer 410', async () => {
    const before = await t.database.db
      .selectFrom('phi_vault')
      .select(['item_id', 'sealed'])
      .where('project_id', '=', projectId)
      .orderBy('item_id')
      .execute();
    const expected = createHash('sha256')
      .update(
        before
          .map((r) => `${r.item_id}\t${createHash('sha256').update(r.sealed).digest('hex')}\n`)
          .join(''),
      )
      .digest('hex');
    expect(
      (
        await reviewer.call('DELETE', `/api/projects/${projectId}/vault`, {
          reason: 'end of study',
        })
      ).status,
    ).toBe(403);
    const purge = await manager.ok<{ rows: number; digest: string; secretDestroyed: boolean }>(
      'DELETE',
      `/api/projects/${projectId}/vault`,
      { reason: 'end of study' },
    );
    expect(purge).toEqual({ rows: before.length, digest: expected, secretDestroyed: true });
    const gone = await admin.call<{ error: { code: string } }>(
      'POST',
      `/api/items/${items[0]!.id}/reveal`,
      { reason: 'after the purge' },
    );
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('CONCORD_ERR_VAULT_PURGED');
    const event = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'phi.vault.purge')
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(ids.manager);
    expect(JSON.parse(event.payload)).toMatchObject({
      rows: before.length,
      digest: expected,
      secretDestroyed: true,
      scope: 'all',
      reason: 'end of study',
    });
    expect(
      await t.database.db
        .selectFrom('phi_secrets')
        .selectAll()
        .where('project_id', '=', projectId)
        .execute(),
    ).toEqual([]);
    expect((await verifyAuditLog(t.database.db)).ok).toBe(true);
    // The items keep their surrogates; with the secret gone a new import draws new ones.
    await manager.ok('POST', `/api/projects/${projectId}/items`, [NOTES[0]]);
    const fresh = (await itemsOf(manager)).at(-1)!;
    expect(fresh.data.text).not.toBe(items[0]!.data.text);
    // still de-identified (a new secret, not no secret): nothing of the original in clear
    for (const original of KNOWN_ORIGINALS) expect(fresh.data.text).not.toContain(original);
    expect(fresh.data.text).toContain('was admitted on');
  });

  it('moves gold spans from the original text onto the surrogates', async () => {
    const { id } = await manager.ok<{ id: string }>('POST', '/api/projects', {
      name: 'Entities',
      config: {
        fields: [{ name: 'entities', type: 'spans', labels: ['PROBLEM', 'PERSON'] }],
        phi: {},
      },
    });
    const text = NOTES[0]!.data.text;
    const at = (phrase: string) => ({
      start: text.indexOf(phrase),
      end: text.indexOf(phrase) + phrase.length,
    });
    await manager.ok('POST', `/api/projects/${id}/items`, [
      {
        data: { text },
        meta: NOTES[0]!.meta,
        gold: {
          entities: [
            { ...at('John Carter'), label: 'PERSON' },
            { ...at('chest pain'), label: 'PROBLEM' },
          ],
        },
      },
    ]);
    const row = await t.database.db
      .selectFrom('items')
      .select(['data', 'gold'])
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = (JSON.parse(row.data) as { text: string }).text;
    const gold = JSON.parse(row.gold!) as { entities: { start: number; end: number }[] };
    const [person, problem] = gold.entities.map((s) => stored.slice(s.start, s.end));
    expect(problem).toBe('chest pain');
    expect(person).not.toContain('John');
    expect(stored.slice(0, gold.entities[0]!.start)).toBe('Mr. ');
    expect(row.gold).not.toContain('John Carter');
  });

  it('finds the known identifiers of the import metadata in the text and drops them from meta', async () => {
    const { id } = await manager.ok<{ id: string }>('POST', '/api/projects', {
      name: 'Known identifiers',
      config: {
        ...CONFIG,
        phi: { knownIdentifiers: [{ key: 'patient_name', category: 'PERSON' }] },
      },
    });
    await manager.ok('POST', `/api/projects/${id}/items`, [
      {
        data: { text: 'QUARTERMAINE reports less pain today; Zebediah walked the corridor.' },
        meta: { patient_id: 'PT-9', patient_name: 'Zebediah Quartermaine', ward: 'surgery' },
      },
    ]);
    const row = await t.database.db
      .selectFrom('items')
      .select(['data', 'meta'])
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = `${row.data}${row.meta}`;
    expect(stored.toLowerCase()).not.toMatch(/zebediah|quartermaine|pt-9/);
    const meta = JSON.parse(row.meta) as Record<string, unknown>;
    expect(Object.keys(meta).sort()).toEqual(['patient', 'ward']);
    expect(meta.ward).toBe('surgery');
    expect(meta.patient).toMatch(/^P-/);
    expect(row.data).toContain('reports less pain today');
  });

  it('shows a PHI project’s allow and deny lists and patterns to its managers only', async () => {
    const phi = {
      deny: [{ text: 'Quartermaine', category: 'PERSON' }],
      allow: ['Parkinson'],
      patterns: [{ name: 'mrn', category: 'MEDICAL_RECORD_NUMBER', pattern: 'QM-\\d{6}' }],
    };
    const { id } = await manager.ok<{ id: string }>('POST', '/api/projects', {
      name: 'Lists',
      config: { ...CONFIG, phi },
    });
    for (const [who, role] of [
      ['annotator', 'annotator'],
      ['reviewer', 'reviewer'],
    ] as const)
      await manager.ok('POST', `/api/projects/${id}/members`, { userId: ids[who], role });
    type Shown = {
      project: { config: { phi: { deny: unknown[]; allow: unknown[]; patterns: unknown[] } } };
    };
    for (const api of [annotator, reviewer]) {
      const detail = await api.ok<Shown>('GET', `/api/projects/${id}`);
      expect(detail.project.config.phi).toMatchObject({ deny: [], allow: [], patterns: [] });
      const listed = await api.call('GET', '/api/projects');
      expect(JSON.stringify(listed.body)).not.toMatch(/Quartermaine|Parkinson|QM-/);
    }
    for (const api of [manager, admin, auditor]) {
      const detail = await api.ok<Shown>('GET', `/api/projects/${id}`);
      expect(detail.project.config.phi.deny).toEqual(phi.deny);
      expect(detail.project.config.phi.allow).toEqual(phi.allow);
    }
  });

  it('purges originals older than retentionDays, audited as a retention purge', async () => {
    const { id } = await manager.ok<{ id: string }>('POST', '/api/projects', {
      name: 'Retained',
      config: { ...CONFIG, phi: { retentionDays: 30 } },
    });
    await manager.ok('POST', `/api/projects/${id}/items`, [NOTES[0]]);
    clock = new Date(clock.getTime() + 20 * 86_400_000);
    manager = new Api(app, await loginAs(app, 'manager@example.org', 'a long enough password'));
    await manager.ok('POST', `/api/projects/${id}/items`, [NOTES[1]]);
    clock = new Date(clock.getTime() + 15 * 86_400_000); // first import 35 days old, second 15
    const done = await purgeExpiredVaults(t.app.concord.ctx);
    expect(done.filter((d) => d.projectId === id).map((d) => d.purge.rows)).toEqual([1]);
    const left = await t.database.db
      .selectFrom('phi_vault')
      .select('item_id')
      .where('project_id', '=', id)
      .execute();
    expect(left).toHaveLength(1);
    const event = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'phi.vault.purge')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBeNull();
    expect(JSON.parse(event.payload)).toMatchObject({
      rows: 1,
      scope: 'retention',
      retentionDays: 30,
      secretDestroyed: false,
    });
    // Nothing more has expired: a second run writes nothing.
    expect((await purgeExpiredVaults(t.app.concord.ctx)).filter((d) => d.projectId === id)).toEqual(
      [],
    );
  });
});
