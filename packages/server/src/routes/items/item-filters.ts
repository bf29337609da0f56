import type { Kysely, Selectable } from 'kysely';
import type { DB, ItemKind, ItemsTable } from '../../db/schema.js';

export const ITEM_KINDS: readonly ItemKind[] = ['production', 'gold', 'qualification'];

/**
 * Where a production item stands: `open` (nobody has it), `in_progress` (leased, or fewer than
 * `overlap` counted annotations), `complete` (`overlap` counted annotations); and, among the
 * complete ones, `disputed` (its consensus waits for adjudication) and `adjudicated`.
 */
export const ITEM_STATES = ['open', 'in_progress', 'complete', 'disputed', 'adjudicated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export interface ItemCounts {
  readonly total: number;
  readonly kinds: Readonly<Record<ItemKind, number>>;
  readonly states: Readonly<Record<ItemState, number>>;
}

/** Production items with this many counted annotations and leases: one range of `items_state_idx`. */
interface Slot {
  readonly submitted: number;
  readonly leased: number;
  readonly n: number;
}

export interface ItemsProject {
  readonly id: string;
  readonly item_count: number;
  readonly overlap: number;
}

/**
 * Counts by kind and by state without reading a payload or walking the open items: gold and
 * qualification are index ranges, production is the project's item count less those; the items
 * somebody has touched are grouped by (submitted, leased) over index ranges, and the open ones
 * are the production items less the touched. So the cost grows with the gold, qualification and
 * touched items, not with the million waiting in the queue.
 */
export async function itemCounts(db: Kysely<DB>, project: ItemsProject): Promise<ItemCounts> {
  const [kinds, slots, decisions] = await Promise.all([
    kindCounts(db, project),
    touchedSlots(db, project.id),
    decisionCounts(db, project.id),
  ]);
  let touched = 0;
  let complete = 0;
  for (const s of slots) {
    touched += s.n;
    if (s.submitted >= project.overlap) complete += s.n;
  }
  return {
    total: Number(project.item_count),
    kinds,
    states: {
      open: kinds.production - touched,
      in_progress: touched - complete,
      complete,
      ...decisions,
    },
  };
}

async function kindCounts(
  db: Kysely<DB>,
  project: ItemsProject,
): Promise<Record<ItemKind, number>> {
  const rows = await db
    .selectFrom('items')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', project.id)
    .where('kind', 'in', ['gold', 'qualification'])
    .groupBy('kind')
    .execute();
  const gold = Number(rows.find((r) => r.kind === 'gold')?.n ?? 0);
  const qualification = Number(rows.find((r) => r.kind === 'qualification')?.n ?? 0);
  return { production: Number(project.item_count) - gold - qualification, gold, qualification };
}

/** Every (submitted, leased) pair of production items other than (0, 0), with its count. */
async function touchedSlots(db: Kysely<DB>, projectId: string): Promise<Slot[]> {
  const production = db
    .selectFrom('items')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'production');
  const [annotated, leasedOnly] = await Promise.all([
    production
      .select(['submitted', 'leased', (eb) => eb.fn.countAll<number>().as('n')])
      .where('submitted', '>', 0)
      .groupBy(['submitted', 'leased'])
      .execute(),
    production
      .select(['leased', (eb) => eb.fn.countAll<number>().as('n')])
      .where('submitted', '=', 0)
      .where('leased', '>', 0)
      .groupBy('leased')
      .execute(),
  ]);
  return [
    ...annotated.map((r) => ({
      submitted: Number(r.submitted),
      leased: Number(r.leased),
      n: Number(r.n),
    })),
    ...leasedOnly.map((r) => ({ submitted: 0, leased: Number(r.leased), n: Number(r.n) })),
  ];
}

async function decisionCounts(
  db: Kysely<DB>,
  projectId: string,
): Promise<{ disputed: number; adjudicated: number }> {
  const [disputed, adjudicated] = await Promise.all([
    db
      .selectFrom('decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('status', '=', 'needs_adjudication')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('method', '=', 'adjudication')
      .executeTakeFirstOrThrow(),
  ]);
  return { disputed: Number(disputed.n), adjudicated: Number(adjudicated.n) };
}

export interface ItemsPageQuery {
  readonly after: number;
  readonly limit: number;
  readonly kind?: ItemKind | undefined;
  readonly state?: ItemState | undefined;
}

/**
 * One page of items in import order after `after`, with the number of items the filter matches.
 * Every filter reads index ranges that are already in `ord` order (a kind's or a state's
 * (kind, submitted, leased) ranges, merged), or — disputed and adjudicated — the decisions,
 * which are few; none skips through rows that do not match.
 */
export async function itemsPage(
  db: Kysely<DB>,
  project: ItemsProject,
  query: ItemsPageQuery,
): Promise<{ rows: Selectable<ItemsTable>[]; total: number }> {
  const { after, limit, kind, state } = query;
  if (state === 'disputed' || state === 'adjudicated') {
    const decided = db
      .selectFrom('decisions as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .selectAll('i')
      .where('d.project_id', '=', project.id)
      .where('i.ord', '>', after);
    const [rows, counts] = await Promise.all([
      (state === 'disputed'
        ? decided.where('d.status', '=', 'needs_adjudication')
        : decided.where('d.method', '=', 'adjudication')
      )
        .orderBy('i.ord')
        .limit(limit + 1)
        .execute(),
      decisionCounts(db, project.id),
    ]);
    return { rows, total: counts[state] };
  }
  if (state !== undefined) {
    const [slots, kinds] = await Promise.all([
      touchedSlots(db, project.id),
      kindCounts(db, project),
    ]);
    const touched = slots.reduce((sum, s) => sum + s.n, 0);
    const chosen =
      state === 'open'
        ? [{ submitted: 0, leased: 0, n: kinds.production - touched }]
        : slots.filter((s) => s.submitted >= project.overlap === (state === 'complete'));
    const rows = await slotPages(db, project.id, 'production', chosen, after, limit);
    return { rows, total: chosen.reduce((sum, s) => sum + s.n, 0) };
  }
  if (kind === undefined) {
    const rows = await db
      .selectFrom('items')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('ord', '>', after)
      .orderBy('ord')
      .limit(limit + 1)
      .execute();
    return { rows, total: Number(project.item_count) };
  }
  if (kind === 'production') {
    // Nearly every item: the import-order index finds a page at once, skipping the few others.
    const [rows, kinds] = await Promise.all([
      db
        .selectFrom('items')
        .selectAll()
        .where('project_id', '=', project.id)
        .where('ord', '>', after)
        .where('kind', '=', 'production')
        .orderBy('ord')
        .limit(limit + 1)
        .execute(),
      kindCounts(db, project),
    ]);
    return { rows, total: kinds.production };
  }
  // Gold and qualification items are never counted toward the overlap (submitted stays 0), so
  // they have one range per number of leases; one pass over the kind's index entries gives the
  // ranges and, summed, the total.
  const slots = await db
    .selectFrom('items')
    .select(['submitted', 'leased', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', project.id)
    .where('kind', '=', kind)
    .groupBy(['submitted', 'leased'])
    .execute();
  const rows = await slotPages(
    db,
    project.id,
    kind,
    slots.map((r) => ({
      submitted: Number(r.submitted),
      leased: Number(r.leased),
      n: Number(r.n),
    })),
    after,
    limit,
  );
  return { rows, total: slots.reduce((sum, s) => sum + Number(s.n), 0) };
}

/**
 * The first `limit + 1` items after `after` across the given (submitted, leased) ranges of a
 * kind: each range read in `ord` order from `items_state_idx` (at most `limit + 1` rows each),
 * then merged — one statement, a UNION ALL of the ranges.
 */
async function slotPages(
  db: Kysely<DB>,
  projectId: string,
  kind: ItemKind,
  slots: readonly Slot[],
  after: number,
  limit: number,
): Promise<Selectable<ItemsTable>[]> {
  if (slots.length === 0) return [];
  const range = (slot: Slot, i: number) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('items')
          .selectAll()
          .where('project_id', '=', projectId)
          .where('kind', '=', kind)
          // submitted = s, leased = l, ord > after — written as a range of (submitted, leased,
          // ord) and ordered by all three, which only items_state_idx gives: with plain
          // equalities PostgreSQL reduces the order to `ord`, estimates that the import-order
          // index finds the open items at once, and skips every touched item before them.
          .where((eb) =>
            eb(
              eb.refTuple('submitted', 'leased', 'ord'),
              '>',
              eb.tuple(slot.submitted, slot.leased, after),
            ),
          )
          .where((eb) =>
            eb(eb.refTuple('submitted', 'leased'), '<=', eb.tuple(slot.submitted, slot.leased)),
          )
          .orderBy('submitted')
          .orderBy('leased')
          .orderBy('ord')
          .limit(limit + 1)
          .as(`s${i}`),
      )
      .selectAll();
  let union = range(slots[0]!, 0);
  slots.slice(1).forEach((slot, i) => {
    union = union.unionAll(range(slot, i + 1));
  });
  return union
    .orderBy('ord')
    .limit(limit + 1)
    .execute();
}
