import { DIALECTS, buildTestApp, type TestApp } from '../../test/harness.js';
import { setUpProgram, type NextResponse, type Program } from '../../test/program.js';
import { ITEM_STATES, type ItemState } from './item-filters.js';

interface ItemsPage {
  items: { id: string; ord: number; kind: string; submitted: number; leased: number }[];
  total: number;
  nextAfter: number | null;
}

interface Counts {
  total: number;
  kinds: Record<'production' | 'gold' | 'qualification', number>;
  states: Record<ItemState, number>;
}

/** Every page of a filter, `limit` at a time, following `nextAfter`. */
async function allPages(p: Program, query: string, limit: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after = 0;
  for (let guard = 0; guard < 100; guard++) {
    const page = await p.manager.ok<ItemsPage>(
      'GET',
      `/api/projects/${p.projectId}/items?limit=${limit}&after=${after}${query}`,
    );
    ids.push(...page.items.map((i) => i.id));
    totals.add(page.total);
    if (page.nextAfter === null) return { ids, totals: [...totals] };
    after = page.nextAfter;
  }
  throw new Error('more than 100 pages');
}

describe.each(DIALECTS)('items list filters on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('pages through every kind and state by keyset with the filter’s own total, as a scan of all items says', async () => {
    const p = await setUpProgram(t.app, { annotators: 3, policy: { overlap: 2, goldRate: 0 } });
    const rows = Array.from({ length: 14 }, (_, i) =>
      i % 5 === 3
        ? { data: { text: `gold ${i}` }, gold: { sentiment: 'positive' } }
        : { data: { text: `item ${i}` } },
    );
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, rows);
    const [a, b, c] = p.annotators as [Program['manager'], Program['manager'], Program['manager']];
    const work = async (who: typeof a, label: string, submit = true) => {
      const next = await who.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      if (submit)
        await who.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
          value: { sentiment: label },
          clientId: `${next.assignment.id}-c`,
          activeMs: 1000,
        });
      return next.item.id;
    };
    // Item 1: two different labels, so its consensus waits for adjudication (disputed), then is
    // adjudicated; item 2: two different labels (disputed); item 3: one label (in progress);
    // item 5: leased, nothing submitted (in progress); the rest open.
    const first = await work(a, 'positive');
    await work(b, 'negative');
    await work(a, 'positive');
    await work(b, 'neutral');
    await work(c, 'positive');
    await work(c, 'neutral', false);
    await p.manager.ok('POST', `/api/items/${first}/adjudicate`, {
      value: { sentiment: 'positive' },
      rationale: 'the text praises the product',
    });

    const every = await p.manager.ok<ItemsPage>(
      'GET',
      `/api/projects/${p.projectId}/items?limit=500`,
    );
    const decisions = await t.app.concord.ctx.db
      .selectFrom('decisions')
      .select(['item_id', 'status', 'method'])
      .execute();
    const production = every.items.filter((i) => i.kind === 'production');
    const expected: Record<ItemState, string[]> = {
      open: production.filter((i) => i.submitted === 0 && i.leased === 0).map((i) => i.id),
      in_progress: production
        .filter((i) => i.submitted + i.leased > 0 && i.submitted < 2)
        .map((i) => i.id),
      complete: production.filter((i) => i.submitted >= 2).map((i) => i.id),
      disputed: production
        .filter((i) =>
          decisions.some((d) => d.item_id === i.id && d.status === 'needs_adjudication'),
        )
        .map((i) => i.id),
      adjudicated: production
        .filter((i) => decisions.some((d) => d.item_id === i.id && d.method === 'adjudication'))
        .map((i) => i.id),
    };
    // The scenario reaches every state, so the comparison below covers each.
    for (const state of ITEM_STATES) expect(expected[state].length, state).toBeGreaterThan(0);
    expect(expected.complete).toHaveLength(2);

    const counts = await p.manager.ok<Counts>('GET', `/api/projects/${p.projectId}/items/counts`);
    expect(counts.total).toBe(14);
    expect(counts.kinds).toEqual({ production: 11, gold: 3, qualification: 0 });
    for (const state of ITEM_STATES) {
      expect(counts.states[state], state).toBe(expected[state].length);
      const pages = await allPages(p, `&state=${state}`, 2);
      expect(pages.ids, state).toEqual(expected[state]);
      expect(pages.totals, state).toEqual([expected[state].length]);
    }
    for (const kind of ['production', 'gold', 'qualification'] as const) {
      const pages = await allPages(p, `&kind=${kind}`, 2);
      expect(pages.ids, kind).toEqual(every.items.filter((i) => i.kind === kind).map((i) => i.id));
      expect(pages.totals, kind).toEqual([counts.kinds[kind]]);
    }
    const unfiltered = await allPages(p, '', 3);
    expect(unfiltered.ids).toEqual(every.items.map((i) => i.id));
    expect(unfiltered.totals).toEqual([14]);
    // kind=production with a state is that state.
    expect((await allPages(p, '&kind=production&state=complete', 1)).ids).toEqual(
      expected.complete,
    );
  });

  it('refuses a state with a kind other than production, and a filter it does not know', async () => {
    const p = await setUpProgram(t.app, { annotators: 0 });
    const both = await p.manager.call<{ error: { code: string; details: { path: string }[] } }>(
      'GET',
      `/api/projects/${p.projectId}/items?kind=gold&state=open`,
    );
    expect(both.status).toBe(400);
    expect(both.body.error.details[0]!.path).toBe('querystring.state');
    const unknown = await p.manager.call('GET', `/api/projects/${p.projectId}/items?status=open`);
    expect(unknown.status).toBe(400);
  });
});
