import { DIALECTS, buildTestApp, type TestApp } from '../../test/harness.js';
import { setUpProgram, type Api, type NextResponse } from '../../test/program.js';

const texts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ data: { text: `message ${from + i}` } }));

async function labelAll(annotator: Api, projectId: string, label = 'positive'): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const next = await annotator.call<NextResponse>('GET', `/api/projects/${projectId}/next`);
    if (next.status === 204) return seen;
    expect(next.status).toBe(200);
    seen.push(next.body.item.id);
    await annotator.ok('POST', `/api/assignments/${next.body.assignment.id}/submit`, {
      value: { sentiment: label },
      clientId: `${next.body.assignment.id}-1`,
      activeMs: 1200,
    });
  }
}

/** As the workspace does: asks for the next item ahead while answering the one on screen. */
async function labelAllAhead(annotator: Api, projectId: string): Promise<string[]> {
  const seen: string[] = [];
  const next = (after?: string) =>
    annotator.call<NextResponse>(
      'GET',
      `/api/projects/${projectId}/next${after ? `?after=${after}` : ''}`,
    );
  let current = await next();
  while (current.status === 200) {
    const { assignment, item } = current.body;
    seen.push(item.id);
    const ahead = await next(assignment.id);
    await annotator.ok('POST', `/api/assignments/${assignment.id}/submit`, {
      value: { sentiment: 'negative' },
      clientId: `${assignment.id}-1`,
    });
    current = ahead.status === 200 ? ahead : await next();
  }
  expect(current.status).toBe(204);
  return seen;
}

describe.each(DIALECTS)('assignment engine on %s', (dialect) => {
  let t: TestApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-11-22T09:00:00.000Z');
    t = await buildTestApp(dialect, { now: () => clock });
  });
  afterEach(() => t.close());

  it('serves each item to exactly k distinct annotators and never twice to one person', async () => {
    const p = await setUpProgram(t.app, { annotators: 3, policy: { overlap: 2 } });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(5));
    const seen = await Promise.all(p.annotators.map((a) => labelAll(a, p.projectId)));
    for (const ids of seen) expect(new Set(ids).size).toBe(ids.length);
    const counts = new Map<string, number>();
    for (const id of seen.flat()) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(5);
    expect([...counts.values()].every((c) => c === 2)).toBe(true);
  });

  it('holds up under many parallel annotators: no item above k, none served twice to one person', async () => {
    const p = await setUpProgram(t.app, { annotators: 12, policy: { overlap: 3 } });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(40));
    // Half of them ask ahead, as the web workspace does.
    const seen = await Promise.all(
      p.annotators.map((a, i) =>
        i % 2 === 0 ? labelAllAhead(a, p.projectId) : labelAll(a, p.projectId),
      ),
    );
    const counts = new Map<string, number>();
    for (const ids of seen) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.size).toBe(40);
    expect(Math.max(...counts.values())).toBe(3);
    expect(Math.min(...counts.values())).toBe(3);
    const stored = await t.database.db
      .selectFrom('items')
      .select(['submitted', 'leased'])
      .execute();
    expect(stored.every((i) => Number(i.submitted) === 3 && Number(i.leased) === 0)).toBe(true);
  });

  it('returns the held lease on a reload; expired leases go back to the pool; a late submission is kept but not counted', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 3,
      policy: { overlap: 1, leaseMinutes: 10 },
    });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(1));
    const [a, b, c] = p.annotators as [Api, Api, Api];
    const first = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(
      (await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`)).assignment.id,
    ).toBe(first.assignment.id);
    expect((await b.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(204); // the only slot is leased
    clock = new Date(clock.getTime() + 11 * 60_000);
    const second = await b.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(second.item.id).toBe(first.item.id);
    await b.ok('POST', `/api/assignments/${second.assignment.id}/submit`, {
      value: { sentiment: 'neutral' },
      clientId: 'b-1',
    });
    // a submits after its lease expired and b filled the slot: stored, flagged, excluded from k.
    const late = await a.call('POST', `/api/assignments/${first.assignment.id}/submit`, {
      value: { sentiment: 'negative' },
      clientId: 'a-1',
    });
    expect(late.status).toBe(201);
    const stored = await t.database.db
      .selectFrom('annotations')
      .select(['user_id', 'counted'])
      .orderBy('created_at')
      .execute();
    expect(stored.map((s) => Number(s.counted))).toEqual([1, 0]);
    expect((await c.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(204);
  });

  it('leases one item ahead with ?after= (at most two held), so the workspace shows the next item at once', async () => {
    const p = await setUpProgram(t.app, { annotators: 2, policy: { overlap: 1 } });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(3));
    const [a, b] = p.annotators as [Api, Api];
    const next = (after?: string) =>
      a.ok<NextResponse>(
        'GET',
        `/api/projects/${p.projectId}/next${after ? `?after=${after}` : ''}`,
      );
    const onScreen = await next();
    clock = new Date(clock.getTime() + 1000); // leases are ordered by when they were made
    const ahead = await next(onScreen.assignment.id);
    expect(ahead.item.id).not.toBe(onScreen.item.id);
    // Asking ahead again, or reloading, changes nothing: the same two leases come back.
    expect((await next(onScreen.assignment.id)).assignment.id).toBe(ahead.assignment.id);
    expect((await next()).assignment.id).toBe(onScreen.assignment.id);
    expect((await next(ahead.assignment.id)).assignment.id).toBe(onScreen.assignment.id);
    await a.ok('POST', `/api/assignments/${onScreen.assignment.id}/submit`, {
      value: { sentiment: 'positive' },
      clientId: 'a-1',
    });
    // The item asked ahead is now the one on screen; the next ask ahead leases the third item.
    const third = await next(ahead.assignment.id);
    expect([onScreen.item.id, ahead.item.id]).not.toContain(third.item.id);
    const held = await t.database.db
      .selectFrom('assignments')
      .select('id')
      .where('state', '=', 'leased')
      .execute();
    expect(held.map((h) => h.id).sort()).toEqual([ahead.assignment.id, third.assignment.id].sort());
    expect((await b.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(204);
  });

  it('re-routes the lease of an idle annotator to one who has nothing left; a heartbeat keeps it; the late answer is kept but not counted', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 1, leaseMinutes: 30, idleMinutes: 5 },
    });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(1));
    const [a, b] = p.annotators as [Api, Api];
    const held = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));
    minutes(4);
    const beat = await a.ok<{ assignment: { expiresAt: string } }>(
      'POST',
      `/api/assignments/${held.assignment.id}/heartbeat`,
    );
    // The heartbeat extends the reservation to a full lease period from now.
    expect(beat.assignment.expiresAt).toBe(new Date(clock.getTime() + 30 * 60_000).toISOString());
    expect((await b.call('POST', `/api/assignments/${held.assignment.id}/heartbeat`)).status).toBe(
      403,
    );
    minutes(4); // a was active 4 minutes ago: not idle yet
    expect((await b.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(204);
    minutes(2); // 6 minutes without a sign of a: idle
    const rerouted = await b.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(rerouted.item.id).toBe(held.item.id);
    const event = await t.database.db
      .selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'assignment.reroute')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({
      itemId: held.item.id,
      from: p.annotatorIds[0],
      to: p.annotatorIds[1],
    });
    expect((await a.call('POST', `/api/assignments/${held.assignment.id}/heartbeat`)).status).toBe(
      409,
    );
    await b.ok('POST', `/api/assignments/${rerouted.assignment.id}/submit`, {
      value: { sentiment: 'neutral' },
      clientId: 'b-1',
    });
    const late = await a.call('POST', `/api/assignments/${held.assignment.id}/submit`, {
      value: { sentiment: 'negative' },
      clientId: 'a-1',
    });
    expect(late.status).toBe(201);
    const stored = await t.database.db
      .selectFrom('annotations')
      .select(['user_id', 'counted'])
      .orderBy('created_at')
      .execute();
    expect(stored.map((r) => [r.user_id, Number(r.counted)])).toEqual([
      [p.annotatorIds[1], 1],
      [p.annotatorIds[0], 0],
    ]);
  });

  it('submit is idempotent per clientId, validates the value by field, and a second submission is a new revision', async () => {
    const p = await setUpProgram(t.app, { annotators: 1 });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(1));
    const a = p.annotators[0]!;
    const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    const url = `/api/assignments/${next.assignment.id}/submit`;
    const bad = await a.call<{
      error: { code: string; details: { path: string; message: string }[] };
    }>('POST', url, { value: { sentiment: 'meh' }, clientId: 'x-0' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'body.value.sentiment', message: 'must be one of positive, neutral, negative' },
    ]);
    const first = await a.call<{
      annotation: { id: string; revision: number; guidelineVersion: number };
    }>('POST', url, { value: { sentiment: 'positive' }, clientId: 'x-1', activeMs: 900 });
    expect(first.status).toBe(201);
    expect(first.body.annotation).toMatchObject({ revision: 1, guidelineVersion: 1 });
    const again = await a.call<{ annotation: { id: string } }>('POST', url, {
      value: { sentiment: 'positive' },
      clientId: 'x-1',
    });
    expect(again.status).toBe(200);
    expect(again.body.annotation.id).toBe(first.body.annotation.id);
    const revised = await a.call<{ annotation: { revision: number } }>('POST', url, {
      value: { sentiment: 'neutral' },
      clientId: 'x-2',
    });
    expect(revised.body.annotation.revision).toBe(2);
    const rows = await t.database.db
      .selectFrom('annotations')
      .select(['revision', 'supersedes', 'value'])
      .orderBy('revision')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[1]!.supersedes).not.toBeNull();
    const item = await t.database.db
      .selectFrom('items')
      .select('submitted')
      .executeTakeFirstOrThrow();
    expect(Number(item.submitted)).toBe(1);
  });

  // Two requests sent at once rarely interleave in one process, so the race is staged: another
  // transaction ends the lease and holds its row while the release arrives. Without the release's
  // row lock it reads the lease as still open and gives the item back a second time (leased −1).
  it.runIf(dialect === 'postgres')(
    'a release racing another ending of the same lease gives the item back once',
    async () => {
      const p = await setUpProgram(t.app, { annotators: 1, policy: { overlap: 1 } });
      await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(1));
      const a = p.annotators[0]!;
      const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      const id = next.assignment.id;
      let release: Promise<{ status: number }> | undefined;
      await t.database.db.transaction().execute(async (trx) => {
        await trx.selectFrom('assignments').select('id').where('id', '=', id).forUpdate().execute();
        await trx
          .updateTable('assignments')
          .set({ state: 'released' })
          .where('id', '=', id)
          .execute();
        await trx
          .updateTable('items')
          .set((eb) => ({ leased: eb('leased', '-', 1) }))
          .execute();
        release = a.call('POST', `/api/assignments/${id}/release`, { reason: 'skip' });
        await new Promise((resolve) => setTimeout(resolve, 300)); // the release reaches the row
      });
      expect((await release!).status).toBe(409);
      const item = await t.database.db
        .selectFrom('items')
        .select('leased')
        .executeTakeFirstOrThrow();
      expect(Number(item.leased)).toBe(0);
    },
  );

  it('release gives the item back and never serves it to the same person again', async () => {
    const p = await setUpProgram(t.app, { annotators: 2, policy: { overlap: 1 } });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(2));
    const [a, b] = p.annotators as [Api, Api];
    const first = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(
      (
        await a.call('POST', `/api/assignments/${first.assignment.id}/release`, {
          reason: 'unclear',
        })
      ).status,
    ).toBe(204);
    const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(next.item.id).not.toBe(first.item.id);
    expect((await b.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`)).item.id).toBe(
      first.item.id,
    );
  });

  it('mixes hidden gold in at the gold rate; a gold item looks like any other; answers are scored', async () => {
    const p = await setUpProgram(t.app, { annotators: 1, policy: { overlap: 1, goldRate: 0.5 } });
    const rows = [
      ...texts(30),
      ...Array.from({ length: 30 }, (_, i) => ({
        data: { text: `message ${100 + i}` },
        gold: { sentiment: 'negative' },
      })),
    ];
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, rows);
    const a = p.annotators[0]!;
    const keys = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await a.call('GET', `/api/projects/${p.projectId}/next`);
      keys.add(
        JSON.stringify(Object.keys(res.body).sort()) +
          JSON.stringify(Object.keys((res.body as unknown as NextResponse).item).sort()),
      );
      expect(JSON.stringify(res.body)).not.toMatch(/gold|kind|negative|qualification/i);
      const { assignment } = res.body as unknown as NextResponse;
      await a.ok('POST', `/api/assignments/${assignment.id}/submit`, {
        value: { sentiment: 'negative' },
        clientId: `g-${i}`,
      });
    }
    expect(keys.size).toBe(1);
    const kinds = await t.database.db.selectFrom('assignments').select('kind').execute();
    const gold = kinds.filter((k) => k.kind === 'gold').length;
    expect(gold).toBeGreaterThan(1); // Binomial(20, 0.5): 0, 1, 19 or 20 gold items has probability 4e-5
    expect(gold).toBeLessThan(19);
    const scores = await t.database.db
      .selectFrom('annotations')
      .select('gold_score')
      .where('gold_score', 'is not', null)
      .execute();
    expect(scores.every((s) => s.gold_score === 1)).toBe(true);
  });

  it('a new annotator takes the qualification set first and reaches production only after passing', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 2, qualificationPassMark: 0.5 },
    });
    const qualification = [
      { data: { text: 'q1' }, gold: { sentiment: 'positive' }, qualification: true },
      { data: { text: 'q2' }, gold: { sentiment: 'negative' }, qualification: true },
    ];
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [
      ...texts(3),
      ...qualification,
    ]);
    const [pass, fail] = p.annotators as [Api, Api];
    for (const [annotator, answers] of [
      [pass, ['positive', 'neutral']],
      [fail, ['neutral', 'neutral']],
    ] as const) {
      for (const answer of answers) {
        const next = await annotator.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
        expect(next.item.data.text).toMatch(/^q/);
        await annotator.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: { sentiment: answer },
          clientId: `${next.assignment.id}`,
        });
      }
    }
    const production = await pass.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(production.item.data.text).toMatch(/^message/);
    const refused = await fail.call<{
      error: { code: string; details: { score: number; passMark: number } };
    }>('GET', `/api/projects/${p.projectId}/next`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'CONCORD_ERR_NOT_QUALIFIED',
      details: { score: 0, passMark: 0.5 },
    });
    const members = await p.manager.ok<{
      members: { userId: string; qualification: string; qualificationScore: number | null }[];
    }>('GET', `/api/projects/${p.projectId}/members`);
    expect(members.members.find((m) => m.userId === p.annotatorIds[0])).toMatchObject({
      qualification: 'qualified',
      qualificationScore: 0.5,
    });
    expect(members.members.find((m) => m.userId === p.annotatorIds[1])).toMatchObject({
      qualification: 'failed',
      qualificationScore: 0,
    });
  });

  it('a manager grants a retake: the qualification set is served again and only the new answers decide; overrides are audited', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 1,
      policy: { overlap: 1, qualificationPassMark: 1 },
    });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [
      ...texts(1),
      { data: { text: 'q1' }, gold: { sentiment: 'positive' }, qualification: true },
      { data: { text: 'q2' }, gold: { sentiment: 'negative' }, qualification: true },
    ]);
    const a = p.annotators[0]!;
    const userId = p.annotatorIds[0]!;
    const answerQualification = async (answers: Record<string, string>) => {
      for (let i = 0; i < 2; i++) {
        const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
        const text = String(next.item.data.text);
        expect(text).toMatch(/^q/);
        await a.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: { sentiment: answers[text] },
          clientId: `${next.assignment.id}`,
        });
      }
    };
    const decide = (decision: string) =>
      p.manager.call<{ qualification: string; attempt: number }>(
        'POST',
        `/api/projects/${p.projectId}/members/${userId}/qualification`,
        { decision, note: 'read the guidelines again' },
      );
    expect((await decide('retake')).status).toBe(409); // nothing settled to retake yet
    await answerQualification({ q1: 'positive', q2: 'positive' });
    expect((await a.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(403);
    const retake = await decide('retake');
    expect(retake.body).toEqual({ userId, qualification: 'pending', attempt: 2 });
    await answerQualification({ q1: 'positive', q2: 'negative' });
    const production = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(production.item.data.text).toMatch(/^message/);
    const members = await p.manager.ok<{ members: Record<string, unknown>[] }>(
      'GET',
      `/api/projects/${p.projectId}/members`,
    );
    expect(members.members.find((m) => m.userId === userId)).toMatchObject({
      qualification: 'qualified',
      qualificationScore: 1,
      qualificationAttempt: 2,
    });
    expect((await decide('failed')).body.qualification).toBe('failed');
    expect((await a.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(403);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'payload'])
      .where('action', 'like', 'qualification.%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'qualification.result',
      'qualification.retake',
      'qualification.result',
      'qualification.override',
    ]);
    expect(JSON.parse(events[1]!.payload)).toMatchObject({
      note: 'read the guidelines again',
      before: { qualification: 'failed', score: 0.5, attempt: 1 },
    });
    expect(
      (
        await a.call('POST', `/api/projects/${p.projectId}/members/${userId}/qualification`, {
          decision: 'qualified',
        })
      ).status,
    ).toBe(403);
  });

  it('adds a member by email as well as by id, and says what to do when there is no such account', async () => {
    const p = await setUpProgram(t.app, { annotators: 1 });
    const added = await p.manager.call('POST', `/api/projects/${p.projectId}/members`, {
      email: 'P-Annotator0@Example.org',
      role: 'reviewer',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      userId: p.annotatorIds[0],
      role: 'reviewer',
      missingCredentials: [],
    });
    const missing = await p.manager.call<{ error: { message: string; details: unknown } }>(
      'POST',
      `/api/projects/${p.projectId}/members`,
      { email: 'nobody@example.org', role: 'annotator' },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /no active user with email nobody@example.org; an admin creates accounts/,
    );
    const both = await p.manager.call('POST', `/api/projects/${p.projectId}/members`, {
      role: 'annotator',
    });
    expect(both.status).toBe(400);
  });

  it('an annotator cannot submit or release someone else’s assignment', async () => {
    const p = await setUpProgram(t.app, { annotators: 2 });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(1));
    const [a, b] = p.annotators as [Api, Api];
    const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(
      (
        await b.call('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: { sentiment: 'positive' },
          clientId: 'steal',
        })
      ).status,
    ).toBe(403);
    expect(
      (await b.call('POST', `/api/assignments/${next.assignment.id}/release`, {})).status,
    ).toBe(403);
  });
});

describe.each(DIALECTS)('item import on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('refuses a file with a bad row whole, naming each row and field; skipInvalid stores the good rows', async () => {
    const p = await setUpProgram(t.app, { annotators: 0 });
    const rows = [
      { data: { text: 'ok' } },
      { data: {} },
      { data: { text: 'g' }, gold: { sentiment: 'meh' } },
      { data: { text: 'x' }, colour: 'red' },
      'nope',
    ];
    const refused = await p.manager.call<{
      error: { code: string; message: string; details: { line: number; message: string }[] };
    }>('POST', `/api/projects/${p.projectId}/items`, rows);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { line: 2, message: 'data: required, a non-empty object' },
      { line: 3, message: 'gold.sentiment: must be one of positive, neutral, negative' },
      {
        line: 4,
        message: 'colour: unknown column (use data, meta, gold, priority, qualification)',
      },
      { line: 5, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' },
    ]);
    expect(refused.body.error.message).toContain(
      '4 of 5 rows are invalid, so nothing was imported',
    );
    expect(await t.database.db.selectFrom('items').select('id').execute()).toEqual([]);
    const partial = await p.manager.ok<{ imported: number; rejected: unknown[] }>(
      'POST',
      `/api/projects/${p.projectId}/items?skipInvalid=true`,
      rows,
    );
    expect(partial).toMatchObject({ imported: 1 });
    expect(partial.rejected).toHaveLength(4);
    const listed = await p.manager.ok<{ items: { ord: number; kind: string }[]; total: number }>(
      'GET',
      `/api/projects/${p.projectId}/items`,
    );
    expect(listed).toMatchObject({ total: 1, items: [{ ord: 1, kind: 'production' }] });
  });

  it('pages items by keyset in import order', async () => {
    const p = await setUpProgram(t.app, { annotators: 0 });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, texts(7));
    const first = await p.manager.ok<{
      items: { ord: number }[];
      nextAfter: number | null;
      total: number;
    }>('GET', `/api/projects/${p.projectId}/items?limit=3`);
    expect(first.items.map((i) => i.ord)).toEqual([1, 2, 3]);
    const second = await p.manager.ok<{ items: { ord: number }[]; nextAfter: number | null }>(
      'GET',
      `/api/projects/${p.projectId}/items?limit=3&after=${first.nextAfter}`,
    );
    expect(second.items.map((i) => i.ord)).toEqual([4, 5, 6]);
    const last = await p.manager.ok<{ items: { ord: number }[]; nextAfter: number | null }>(
      'GET',
      `/api/projects/${p.projectId}/items?limit=3&after=${second.nextAfter}`,
    );
    expect(last).toMatchObject({ items: [{ ord: 7 }], nextAfter: null });
    expect(first.total).toBe(7);
  });
});
