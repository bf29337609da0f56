import { createHash } from 'node:crypto';
import { DIALECTS, buildTestApp, type TestApp } from '../../test/harness.js';
import { setUpProgram, type NextResponse } from '../../test/program.js';

interface Manifest {
  items: { total: number; majority: number; undecided: number };
  files: { format: string; annotations: boolean; rows: number; bytes: number; sha256: string }[];
}

describe.each(DIALECTS)('snapshot export on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('exports every production item once, in order, across batches, with the SHA-256 of the manifest in the header and in the bytes', async () => {
    const p = await setUpProgram(t.app, { annotators: 2, policy: { overlap: 2, goldRate: 0 } });
    // 2,500 items with gold between them: the build and the export each read several windows of
    // item numbers, some with gaps.
    const rows = Array.from({ length: 2500 }, (_, i) =>
      i % 7 === 0
        ? { data: { text: `gold ${i}` }, gold: { sentiment: 'neutral' } }
        : { data: { text: i % 11 === 0 ? `=formula ${i}` : `item ${i}` } },
    );
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, rows);
    for (const a of p.annotators) {
      const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      await a.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
        value: { sentiment: 'positive' },
        clientId: 'c1',
        activeMs: 1000,
      });
    }
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.projectId}/snapshots`,
      headers: { authorization: `Bearer ${p.manager.token}` },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string; version: number }>();
    const manifest = await p.manager.ok<Manifest>('GET', `/api/snapshots/${id}/manifest`);
    const production = rows.filter((_, i) => i % 7 !== 0).length;
    expect(manifest.items).toMatchObject({ total: production, majority: 1 });

    for (const file of manifest.files) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/snapshots/${id}/export?format=${file.format}&annotations=${file.annotations}`,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });
      expect(res.statusCode).toBe(200);
      const sha256 = createHash('sha256').update(res.rawPayload).digest('hex');
      expect(sha256, file.format).toBe(file.sha256);
      expect(res.rawPayload.length).toBe(file.bytes);
      expect(res.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      );
      if (file.format === 'jsonl') {
        const lines = res.body.trimEnd().split('\n');
        expect(lines).toHaveLength(production);
        const texts = lines.map((l) => (JSON.parse(l) as { data: { text: string } }).data.text);
        expect(texts).toEqual(rows.filter((_, i) => i % 7 !== 0).map((r) => r.data.text));
      } else {
        // The header and one line per item; object data is its JSON text (it starts with {).
        expect(res.body.split('\r\n')).toHaveLength(production + 2);
        expect(res.body).toContain(`"{""text"":""=formula 11""}"`);
      }
    }
  });

  it('keeps a snapshot that is still being built out of the list, the manifest and the export', async () => {
    const p = await setUpProgram(t.app, { annotators: 0 });
    const db = t.app.concord.ctx.db;
    const manager = await db
      .selectFrom('project_members')
      .select('user_id')
      .where('project_id', '=', p.projectId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('snapshots')
      .values({
        id: 'snp_building',
        project_id: p.projectId,
        version: 1,
        created_by: manager.user_id,
        created_at: new Date().toISOString(),
        items: 0,
        manifest: '{}',
      })
      .execute();
    const list = await p.manager.ok<{ snapshots: unknown[] }>(
      'GET',
      `/api/projects/${p.projectId}/snapshots`,
    );
    expect(list.snapshots).toEqual([]);
    for (const url of [
      '/api/snapshots/snp_building/manifest',
      '/api/snapshots/snp_building/export',
    ]) {
      const res = await p.manager.call<{ error: { code: string } }>('GET', url);
      expect(res.status, url).toBe(409);
      expect(res.body.error.code).toBe('CONCORD_ERR_CONFLICT');
    }
    // The next snapshot takes the next version.
    const next = await p.manager.ok<{ version: number }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
    );
    expect(next.version).toBe(2);
  });
});
