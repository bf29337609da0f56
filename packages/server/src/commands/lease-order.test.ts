import { DIALECTS, buildTestApp, type TestApp } from '../test/harness.js';
import { setUpProgram, type NextResponse } from '../test/program.js';

/** A seeded generator (mulberry32), so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(DIALECTS)('the order items are leased in, on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('is always the first open item by priority then import order that the annotator never had, whatever is full, released or re-opened', async () => {
    const random = seeded(4);
    const overlap = 2;
    const p = await setUpProgram(t.app, { annotators: 5, policy: { overlap } });
    await p.manager.ok(
      'POST',
      `/api/projects/${p.projectId}/items`,
      Array.from({ length: 40 }, (_, i) => ({
        data: { text: `message ${i}` },
        priority: Math.floor(random() * 5) - 2,
      })),
    );
    const db = t.database.db;
    /** What the lease must serve, worked out here from the stored counters and assignments. */
    const expected = async (who: number) => {
      const items = await db
        .selectFrom('items')
        .select(['id', 'priority', 'ord', 'submitted', 'leased'])
        .where('project_id', '=', p.projectId)
        .execute();
      const had = new Set(
        (
          await db
            .selectFrom('assignments')
            .select('item_id')
            .where('user_id', '=', p.annotatorIds[who]!)
            .execute()
        ).map((a) => a.item_id),
      );
      const open = items
        .filter((i) => Number(i.submitted) + Number(i.leased) < overlap && !had.has(i.id))
        .sort((a, b) => Number(b.priority) - Number(a.priority) || Number(a.ord) - Number(b.ord));
      return open[0]?.id ?? null;
    };

    let served = 0;
    let released = 0;
    for (let step = 0; step < 200; step++) {
      const who = Math.floor(random() * p.annotators.length);
      const annotator = p.annotators[who]!;
      const want = await expected(who);
      const next = await annotator.call<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      if (want === null) {
        expect(next.status).toBe(204);
        continue;
      }
      expect(next.status).toBe(200);
      expect(next.body.item.id).toBe(want);
      served += 1;
      // Mostly answer; sometimes give the item back, so a slot re-opens behind the queue's head.
      if (random() < 0.2) {
        released += 1;
        await annotator.ok('POST', `/api/assignments/${next.body.assignment.id}/release`, {
          reason: 'skip',
        });
      } else {
        await annotator.ok('POST', `/api/assignments/${next.body.assignment.id}/submit`, {
          value: { sentiment: 'neutral' },
          clientId: `${next.body.assignment.id}-1`,
        });
      }
    }
    expect(served).toBeGreaterThan(60);
    expect(released).toBeGreaterThan(5);
  });
});
