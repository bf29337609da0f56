import { applyUnit, emptyCoincidenceState } from '@concord/core/agreement';
import { parseConfig } from '../presenters/project.js';
import { inTransaction, type AppContext } from '../context.js';
import { DIALECTS, buildTestApp, type TestApp } from '../test/harness.js';
import type { Api } from '../test/program.js';
import { addReviewer, setUpProgram, workThroughQueue, type NextResponse } from '../test/program.js';
import { QUALITY_MOVED, recordAnnotationForQuality } from './record-annotation.js';

const LABELS = ['positive', 'neutral', 'negative'] as const;

/** The live state recomputed from scratch: latest counted, non-rejected value per (item, annotator). */
async function recomputed(t: TestApp, projectId: string) {
  const db = t.database.db;
  const rows = await db
    .selectFrom('annotations as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.item_id', 'a.user_id', 'a.value', 'a.revision'])
    .where('a.project_id', '=', projectId)
    .where('i.kind', '=', 'production')
    .where('a.counted', '=', 1)
    .orderBy('a.revision')
    .execute();
  const rejected = new Set(
    (
      await db
        .selectFrom('reviews')
        .select(['item_id', 'annotator_id'])
        .where('status', '=', 'rejected')
        .execute()
    ).map((r) => `${r.item_id}|${r.annotator_id}`),
  );
  const units = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (rejected.has(`${r.item_id}|${r.user_id}`)) continue;
    const unit = units.get(r.item_id) ?? new Map<string, string>();
    unit.set(r.user_id, (JSON.parse(r.value) as { sentiment: string }).sentiment);
    units.set(r.item_id, unit);
  }
  const state = emptyCoincidenceState(LABELS);
  for (const unit of units.values()) applyUnit(state, [...unit.values()], 1);
  return { state, annotations: (await db.selectFrom('annotations').select('id').execute()).length };
}

async function stored(t: TestApp, projectId: string) {
  const row = await t.database.db
    .selectFrom('quality_state')
    .select(['state', 'annotations'])
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const state = JSON.parse(row.state) as {
    keys: Record<string, { levels: string[]; matrix: number[]; units: number }>;
  };
  return { state: state.keys.sentiment!, annotations: Number(row.annotations) };
}

function labelAll(annotator: Api, projectId: string, who: number) {
  return workThroughQueue(annotator, projectId, async (next, n) => {
    const submit = await annotator.call('POST', `/api/assignments/${next.assignment.id}/submit`, {
      value: { sentiment: LABELS[(who * 7 + n * 3 + who * n) % 3] },
      clientId: `${next.assignment.id}-1`,
    });
    expect(submit.status).toBe(201);
  });
}

describe.each(DIALECTS)('live quality kept by each submission on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('equals the state recomputed from the stored annotations after concurrent submissions, rejections and rework', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 8,
      policy: { overlap: 3, reviewRate: 0.5 },
    });
    const qa = await addReviewer(t.app, p);
    await p.manager.ok(
      'POST',
      `/api/projects/${p.projectId}/items`,
      Array.from({ length: 24 }, (_, i) => ({ data: { text: `message ${i}` } })),
    );
    await Promise.all(p.annotators.map((a, who) => labelAll(a, p.projectId, who)));
    // Reject every other sampled answer: the units lose those values and the items reopen.
    const queue = await qa.ok<{ reviews: { id: string }[] }>(
      'GET',
      `/api/projects/${p.projectId}/reviews?limit=200`,
    );
    expect(queue.reviews.length).toBeGreaterThan(10);
    for (const [i, review] of queue.reviews.entries())
      await qa.ok('POST', `/api/reviews/${review.id}`, {
        verdict: i % 2 ? 'accept' : 'reject',
        errorType: 'wrong_label',
      });
    await Promise.all(p.annotators.map((a, who) => labelAll(a, p.projectId, who + 1)));

    const live = await stored(t, p.projectId);
    const batch = await recomputed(t, p.projectId);
    expect(live.annotations).toBe(batch.annotations);
    expect(live.state.units).toBe(batch.state.units);
    expect(live.state.units).toBe(24);
    expect(live.state.levels).toEqual([...LABELS]);
    for (const [cell, value] of batch.state.matrix.entries())
      expect(live.state.matrix[cell]).toBeCloseTo(value, 9);
  });
});

describe.each(DIALECTS.filter((d) => d === 'postgres'))('the one-message quality update', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp('postgres');
  });
  afterEach(() => t.close());

  it('refuses to commit when a reviewer rejected work on the item after it read the item', async () => {
    const p = await setUpProgram(t.app, { annotators: 3, policy: { overlap: 3, reviewRate: 1 } });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [{ data: { text: 'x' } }]);
    for (const a of p.annotators.slice(0, 2)) {
      const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      await a.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
        value: { sentiment: 'positive' },
        clientId: 'c1',
      });
    }
    const db = t.database.db;
    const project = await db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', p.projectId)
      .executeTakeFirstOrThrow();
    const item = await db.selectFrom('items').select(['id', 'kind']).executeTakeFirstOrThrow();
    const itemAnnotations = await db
      .selectFrom('annotations')
      .select(['user_id', 'value', 'revision', 'counted'])
      .execute();
    const ctx: AppContext = {
      db,
      dialect: 'postgres',
      now: () => new Date(),
      passwordCost: 10,
    };
    const before = await stored(t, p.projectId);
    const attempt = inTransaction(ctx, async (trx, audit, atCommit) => {
      await recordAnnotationForQuality(trx, 'postgres', atCommit, {
        projectId: p.projectId,
        config: parseConfig(project),
        policy: { ...JSON.parse(project.policy), overlap: 3, adjudicationThreshold: 0 } as never,
        item,
        itemAnnotations: itemAnnotations.map((a) => ({ ...a, revision: Number(a.revision) })),
        userId: p.annotatorIds[2]!,
        value: { sentiment: 'negative' },
        counted: true,
        now: new Date().toISOString(),
      });
      // Meanwhile, on another connection, a reviewer rejects the first answer.
      await db
        .updateTable('reviews')
        .set({ status: 'rejected', error_type: 'wrong_label' })
        .where('annotator_id', '=', p.annotatorIds[0]!)
        .execute();
      await audit({
        actorId: null,
        action: 'test',
        entityType: 'item',
        entityId: item.id,
        payload: {},
      });
    });
    await expect(attempt).rejects.toThrow(QUALITY_MOVED);
    // Nothing of it was stored: not the quality, not its decision, not its audit event.
    expect(await stored(t, p.projectId)).toEqual(before);
    expect(await db.selectFrom('decisions').select('item_id').execute()).toEqual([]);
    expect(
      await db.selectFrom('audit_events').select('seq').where('action', '=', 'test').execute(),
    ).toEqual([]);
  });
});
