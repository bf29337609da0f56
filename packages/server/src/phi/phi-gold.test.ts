import { randomBytes } from 'node:crypto';
import { ADMIN, DIALECTS, buildTestApp, loginAs, type TestApp } from '../test/harness.js';
import { Api, addReviewer } from '../test/program.js';

/*
 * A PHI project's gold answers are read by its managers and reviewers (the items list): a free-
 * text gold answer naming the patient is de-identified on import like the record itself, with
 * the same surrogates; choices are left as they are.
 */
describe.each(DIALECTS)('gold answers of a PHI project on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect, { vaultKey: randomBytes(32) });
  });
  afterEach(() => t.close());

  it('reach reviewers with surrogates, never the names and numbers of the original', async () => {
    const admin = new Api(t.app, await loginAs(t.app, ADMIN.email, ADMIN.password));
    const { id: projectId } = await admin.ok<{ id: string }>('POST', '/api/projects', {
      name: 'Notes',
      config: {
        fields: [
          { name: 'finding', type: 'choice', labels: ['cardiac', 'other'] },
          { name: 'summary', type: 'text' },
        ],
        phi: { mode: 'surrogate' },
      },
    });
    await admin.ok('POST', `/api/projects/${projectId}/items`, [
      {
        data: { text: 'Mr. John Carter (MRN 4452210) was admitted with chest pain.' },
        meta: { patient_id: 'PT-1' },
        gold: { finding: 'cardiac', summary: 'John Carter, MRN 4452210: chest pain.' },
      },
    ]);
    const reviewer = await addReviewer(t.app, { admin, manager: admin, projectId });
    const { items } = await reviewer.ok<{
      items: { data: { text: string }; gold: { finding: string; summary: string } }[];
    }>('GET', `/api/projects/${projectId}/items?limit=10`);
    const [item] = items;
    expect(JSON.stringify(items)).not.toMatch(/Carter|4452210/);
    expect(item!.gold.finding).toBe('cardiac');
    // The surrogate name in the gold is the one in the note.
    const surname = /Mr\. \S+ (\S+)/.exec(item!.data.text)![1]!;
    expect(item!.gold.summary).toContain(surname);
  });
});
