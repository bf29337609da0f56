import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, buildTestApp, type TestApp } from '../../test/harness.js';
import { setUpProgram } from '../../test/program.js';

interface Detail {
  project: { myQualification: string | null; qualificationItems: number; itemCount: number };
}

describe.each(DIALECTS)('GET /projects/:id on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('gives the size of the qualification set (the workspace tells a new annotator about it only then), and nothing that says which items are gold', async () => {
    const p = await setUpProgram(t.app, { annotators: 1 });
    const annotator = p.annotators[0]!;
    const url = `/api/projects/${p.projectId}`;

    const before = await annotator.ok<Detail>('GET', url);
    expect(before.project).toMatchObject({ myQualification: 'pending', qualificationItems: 0 });

    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [
      { data: { text: 'plain' } },
      { data: { text: 'hidden gold' }, gold: { sentiment: 'negative' } },
      { data: { text: 'test one' }, gold: { sentiment: 'positive' }, qualification: true },
      { data: { text: 'test two' }, gold: { sentiment: 'neutral' }, qualification: true },
    ]);

    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${annotator.token}` },
    });
    const after = JSON.parse(res.body) as Detail;
    expect(after.project).toMatchObject({
      myQualification: 'pending',
      qualificationItems: 2,
      itemCount: 4,
    });
    // A count, not a list: no item's text or gold answer leaves with the project.
    for (const secret of ['test one', 'test two', 'hidden gold'])
      expect(res.body).not.toContain(secret);

    // The manager sees the same count; the project list does not carry it (it is per project).
    expect((await p.manager.ok<Detail>('GET', url)).project.qualificationItems).toBe(2);
    const list = await annotator.ok<{ projects: Record<string, unknown>[] }>(
      'GET',
      '/api/projects',
    );
    expect(list.projects[0]).not.toHaveProperty('qualificationItems');
  });
});
