import { createHash } from 'node:crypto';
import { krippendorffAlpha, ratingTable } from '@concord/core/agreement';
import { DIALECTS, buildTestApp, createUserAndLogin, type TestApp } from '../test/harness.js';
import { Api, setUpProgram, type NextResponse } from '../test/program.js';

const LABELS = ['positive', 'neutral', 'negative'] as const;
const truthOf = (text: string) => LABELS[Number(/\d+/.exec(text)![0]) % 3]!;

/*
 * The first journey of every Concord user, over the REST contract alone: a program with
 * qualification, hidden gold and overlap 2; live quality; adjudication; a snapshot whose export
 * matches its manifest's hash.
 */
describe.each(DIALECTS)('annotation program over the REST API on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('runs from import to a verified export', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 3,
      policy: { overlap: 2, goldRate: 0.25, qualificationPassMark: 0.5 },
    });
    const reviewer = await createUserAndLogin(t.app, p.admin.token, {
      email: 'reviewer@example.org',
      role: 'member',
    });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/members`, {
      userId: reviewer.id,
      role: 'reviewer',
    });
    const reviewerApi = new Api(t.app, reviewer.token);

    const production = Array.from({ length: 12 }, (_, i) => ({
      data: { text: `message ${i}` },
      meta: { source: i % 2 ? 'email' : 'chat' },
    }));
    const gold = Array.from({ length: 4 }, (_, i) => ({
      data: { text: `message ${100 + i}` },
      gold: { sentiment: truthOf(`message ${100 + i}`) },
    }));
    const qualification = [0, 1].map((i) => ({
      data: { text: `message ${200 + i}` },
      gold: { sentiment: truthOf(`message ${200 + i}`) },
      qualification: true,
    }));
    const imported = await p.manager.ok<{ imported: number; gold: number; qualification: number }>(
      'POST',
      `/api/projects/${p.projectId}/items`,
      [...production, ...gold, ...qualification],
    );
    expect(imported).toMatchObject({ imported: 18, gold: 4, qualification: 2 });

    // Annotators 0 and 1 answer the truth; annotator 2 says "neutral" to everything that is not gold-checked... and to everything else.
    // Annotators 0 and 1 answer the truth; annotator 2 answers it on the qualification set and
    // contradicts it everywhere else, so every item it shares with another is a 1–1 tie.
    const contradict = { positive: 'negative', neutral: 'positive', negative: 'positive' } as const;
    const answer = (who: number, text: string) =>
      who === 2 && !/^message 2\d\d$/.test(text) ? contradict[truthOf(text)] : truthOf(text);
    // Round robin, so the work spreads over all three (concurrency has its own test).
    const labelled = [0, 0, 0];
    const done = [false, false, false];
    while (done.includes(false)) {
      for (const [who, annotator] of p.annotators.entries()) {
        if (done[who]) continue;
        const next = await annotator.call<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
        if (next.status === 204) {
          done[who] = true;
          continue;
        }
        expect(next.status).toBe(200);
        const text = next.body.item.data.text as string;
        const receipt = await annotator.call(
          'POST',
          `/api/assignments/${next.body.assignment.id}/submit`,
          {
            value: { sentiment: answer(who, text) },
            clientId: `${who}-${labelled[who]}`,
            activeMs: 2000 + who * 500,
          },
        );
        expect(receipt.status).toBe(201);
        labelled[who]! += 1;
      }
    }
    expect(labelled.every((n) => n >= 2)).toBe(true);

    // Every production item has exactly 2 counted annotations.
    const counts = await t.database.db
      .selectFrom('items')
      .select(['submitted', 'kind'])
      .where('kind', '=', 'production')
      .execute();
    expect(counts.every((c) => Number(c.submitted) === 2)).toBe(true);

    // Live quality: incremental α equals α recomputed from the stored annotations.
    const quality = await p.manager.ok<{
      agreement: {
        krippendorff_alpha: number;
        units: number;
        percent_agreement: number;
        perLabel: unknown[];
      };
      annotators: { userId: string; annotations: number; goldAccuracy: number | null }[];
      adjudication: { pending: number };
    }>('GET', `/api/projects/${p.projectId}/quality`);
    const stored = await t.database.db
      .selectFrom('annotations as a')
      .innerJoin('items as i', 'i.id', 'a.item_id')
      .select(['a.item_id', 'a.user_id', 'a.value'])
      .where('i.kind', '=', 'production')
      .execute();
    const batch = krippendorffAlpha(
      ratingTable(
        stored.map((s) => ({
          item: s.item_id,
          annotator: s.user_id,
          value: (JSON.parse(s.value) as { sentiment: string }).sentiment,
        })),
        { levels: [...LABELS] },
      ),
    );
    expect(quality.agreement.units).toBe(12);
    expect(quality.agreement.krippendorff_alpha).toBeCloseTo(batch, 10);
    expect(quality.annotators).toHaveLength(3);
    const byUser = new Map(quality.annotators.map((a) => [a.userId, a]));
    expect(byUser.get(p.annotatorIds[0]!)!.goldAccuracy).toBe(1);
    expect(byUser.get(p.annotatorIds[2]!)!.annotations).toBe(labelled[2]);

    // An annotator sees none of this.
    const annotator = p.annotators[0]!;
    expect((await annotator.call('GET', `/api/projects/${p.projectId}/quality`)).status).toBe(403);
    expect((await annotator.call('GET', `/api/projects/${p.projectId}/items`)).status).toBe(403);

    // Adjudication: items where annotator 2 disagreed with another tie 1–1 and wait for a reviewer.
    const queue = await reviewerApi.ok<{
      items: { itemId: string; annotations: { value: { sentiment: string } }[] }[];
      total: number;
    }>('GET', `/api/projects/${p.projectId}/adjudications`);
    expect(queue.total).toBe(quality.adjudication.pending);
    expect(queue.total).toBeGreaterThan(0);
    const contested = queue.items[0]!;
    expect(new Set(contested.annotations.map((a) => a.value.sentiment)).size).toBe(2);
    const bad = await reviewerApi.call('POST', `/api/items/${contested.itemId}/adjudicate`, {
      value: { sentiment: 'meh' },
      rationale: 'x',
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await reviewerApi.call('POST', `/api/items/${contested.itemId}/adjudicate`, {
          value: { sentiment: 'negative' },
          rationale: 'Complaint about a refund: negative per rule 3.',
        })
      ).status,
    ).toBe(204);
    expect(
      (await reviewerApi.ok<{ total: number }>('GET', `/api/projects/${p.projectId}/adjudications`))
        .total,
    ).toBe(queue.total - 1);
    const again = await reviewerApi.call<{ error: { code: string } }>(
      'POST',
      `/api/items/${contested.itemId}/adjudicate`,
      { value: { sentiment: 'neutral' }, rationale: 'second opinion' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONCORD_ERR_CONFLICT');
    const mine = await annotator.ok<{ project: { myRole: string; myQualification: string } }>(
      'GET',
      `/api/projects/${p.projectId}`,
    );
    expect(mine.project).toMatchObject({ myRole: 'annotator', myQualification: 'qualified' });
    expect(
      (
        await annotator.call('POST', `/api/items/${contested.itemId}/adjudicate`, {
          value: { sentiment: 'negative' },
          rationale: 'mine',
        })
      ).status,
    ).toBe(403);

    // Snapshot and export: the downloaded bytes hash to the manifest's SHA-256.
    const snapshot = await p.manager.ok<{ id: string; version: number }>(
      'POST',
      `/api/projects/${p.projectId}/snapshots`,
    );
    expect(snapshot.version).toBe(1);
    const manifest = await p.manager.ok<{
      items: Record<string, number>;
      guidelineVersions: number[];
      annotators: { id: string; goldAccuracy: number | null }[];
      files: { format: string; annotations: boolean; sha256: string; rows: number }[];
      agreement: { fields: { krippendorff_alpha: number }[] };
    }>('GET', `/api/snapshots/${snapshot.id}/manifest`);
    expect(manifest.items).toMatchObject({ total: 12, adjudication: 1 });
    expect(manifest.guidelineVersions).toEqual([1]);
    expect(manifest.annotators).toHaveLength(3);
    // Annotators appear under pseudonyms only: no account id, no email.
    for (const id of p.annotatorIds) expect(JSON.stringify(manifest)).not.toContain(id);
    expect(JSON.stringify(manifest)).not.toMatch(/@example\.org/);
    for (const file of manifest.files) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/snapshots/${snapshot.id}/export?format=${file.format}${file.annotations ? '&annotations=true' : ''}`,
        headers: { authorization: `Bearer ${p.manager.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(file.sha256);
    }
    const jsonl = await t.app.inject({
      method: 'GET',
      url: `/api/snapshots/${snapshot.id}/export?format=jsonl`,
      headers: { authorization: `Bearer ${p.manager.token}` },
    });
    const rows = jsonl.body
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { item_id: string; label: { sentiment: string } | null; method: string },
      );
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.item_id === contested.itemId)).toMatchObject({
      label: { sentiment: 'negative' },
      method: 'adjudication',
    });
    expect((await annotator.call('GET', `/api/snapshots/${snapshot.id}/manifest`)).status).toBe(
      403,
    );
    expect(
      (await annotator.call('GET', `/api/snapshots/${snapshot.id}/export?format=jsonl`)).status,
    ).toBe(403);

    // Every step left its trace in an intact audit chain.
    const verify = await p.admin.ok<{ ok: boolean; events: number }>('GET', '/api/audit/verify');
    expect(verify.ok).toBe(true);
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .distinct()
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'items.import',
        'assignment.lease',
        'annotation.submit',
        'qualification.result',
        'decision.adjudicate',
        'snapshot.create',
      ]),
    );
  });
});
