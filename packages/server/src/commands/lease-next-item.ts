import { sql, type Selectable, type Transaction } from 'kysely';
import type { AppContext, AtCommit, Audit } from '../context.js';
import { inTransaction } from '../context.js';
import type { DB, ItemKind, ProjectsTable } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { newId } from '../ids.js';
import { parsePolicy } from '../presenters/project.js';
import { requireCredentials } from '../phi/credentials.js';

export interface Lease {
  readonly assignment: { readonly id: string; readonly expiresAt: string };
  /** What the annotator sees: the same shape for production, gold and qualification items. */
  readonly item: { readonly id: string; readonly data: unknown };
}

export interface LeaseOptions {
  /**
   * The assignment the workspace is showing while it asks ahead for the next one: a lease other
   * than it is returned (or made), so the next item is ready the moment this one is answered.
   * An annotator holds at most two leases: the one on screen and the one ahead.
   */
  readonly after?: string;
  /** The gold draw (tests pass a seeded one). */
  readonly random?: () => number;
}

/** Which open leases {@link endLeases} ends: a project's, narrowed by holder, expiry or id. */
export interface LeaseFilter {
  readonly projectId: string;
  readonly userId?: string;
  /** Leases whose expiry is at or before this instant. */
  readonly expiredBy?: string;
  readonly id?: string;
}

/**
 * Ends the open leases a filter selects and gives their items' slots back (each item's lease
 * count drops by the leases it lost): the one way leases end other than a submission or a
 * release. Returns how many ended.
 */
export async function endLeases(
  trx: Transaction<DB>,
  filter: LeaseFilter,
  end: {
    readonly state: 'expired' | 'released';
    readonly at: string;
    readonly reason: string | null;
  },
): Promise<number> {
  let query = trx
    .updateTable('assignments')
    .set({ state: end.state, finished_at: end.at, release_reason: end.reason })
    .where('project_id', '=', filter.projectId)
    .where('state', '=', 'leased');
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.expiredBy !== undefined) query = query.where('expires_at', '<=', filter.expiredBy);
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  const ended = await query.returning('item_id').execute();
  const perItem = new Map<string, number>();
  for (const { item_id } of ended) perItem.set(item_id, (perItem.get(item_id) ?? 0) + 1);
  for (const [itemId, n] of perItem) {
    await trx
      .updateTable('items')
      .set((eb) => ({ leased: eb('leased', '-', n) }))
      .where('id', '=', itemId)
      .execute();
  }
  return ended.length;
}

/**
 * The caller's open leases in this project, oldest first, except `after` (the one the workspace
 * is showing while it asks for the next). Every one of them is touched: asking is activity.
 */
async function heldLease(
  trx: Transaction<DB>,
  atCommit: AtCommit,
  projectId: string,
  userId: string,
  after: string | undefined,
  nowIso: string,
): Promise<Lease | null> {
  atCommit(
    trx
      .updateTable('assignments')
      .set({ touched_at: nowIso })
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('state', '=', 'leased'),
  );
  let query = trx
    .selectFrom('assignments as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.expires_at', 'i.id as item_id', 'i.data'])
    .where('a.project_id', '=', projectId)
    .where('a.user_id', '=', userId)
    .where('a.state', '=', 'leased');
  if (after !== undefined) query = query.where('a.id', '!=', after);
  const row = await query.orderBy('a.leased_at').orderBy('a.id').executeTakeFirst();
  return row
    ? {
        assignment: { id: row.id, expiresAt: row.expires_at },
        item: { id: row.item_id, data: JSON.parse(row.data) as unknown },
      }
    : null;
}

/**
 * When no production item has a free slot, takes back the lease of an annotator idle for longer
 * than the policy allows (oldest activity first) on an item the caller has never been assigned,
 * so work does not stall behind someone who walked away. The old lease ends as `expired` with
 * the reason `idle`; should its holder still answer, the answer is kept as a late one.
 */
async function reclaimIdleLease(
  ctx: AppContext,
  trx: Transaction<DB>,
  audit: Audit,
  projectId: string,
  userId: string,
  idleMinutes: number,
  now: Date,
): Promise<{ id: string; data: string } | undefined> {
  const idleBefore = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  let query = trx
    .selectFrom('assignments as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.id as assignment_id', 'a.user_id', 'a.touched_at', 'i.id', 'i.data'])
    .where('a.project_id', '=', projectId)
    .where('a.state', '=', 'leased')
    .where('a.kind', '=', 'production')
    .where('a.user_id', '!=', userId)
    .where('a.touched_at', '<', idleBefore)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('assignments as b')
            .select('b.id')
            .whereRef('b.item_id', '=', 'a.item_id')
            .where('b.user_id', '=', userId),
        ),
      ),
    )
    .orderBy('a.touched_at')
    .limit(1);
  if (ctx.dialect === 'postgres') query = query.forUpdate(['a']).skipLocked();
  const idle = await query.executeTakeFirst();
  if (!idle) return undefined;
  await endLeases(
    trx,
    { projectId, id: idle.assignment_id },
    { state: 'expired', at: now.toISOString(), reason: 'idle' },
  );
  await audit({
    actorId: userId,
    action: 'assignment.reroute',
    entityType: 'assignment',
    entityId: idle.assignment_id,
    payload: {
      projectId,
      itemId: idle.id,
      from: idle.user_id,
      to: userId,
      idleSince: idle.touched_at,
    },
  });
  return { id: idle.id, data: idle.data };
}

/**
 * The first item of `kind` this annotator has never been assigned (in this qualification
 * attempt, for the qualification set), honouring the overlap for production items.
 */
async function pickItem(
  ctx: AppContext,
  trx: Transaction<DB>,
  projectId: string,
  userId: string,
  kind: ItemKind,
  overlap: number,
  attempt = 1,
) {
  const query = trx
    .selectFrom('items as i')
    .select(['i.id', 'i.data'])
    .where('i.project_id', '=', projectId)
    .where('i.kind', '=', kind)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('assignments as a')
            .select('a.id')
            .whereRef('a.item_id', '=', 'i.id')
            .where('a.user_id', '=', userId)
            .where('a.attempt', '=', attempt),
        ),
      ),
    )
    .orderBy('i.priority', 'desc')
    .orderBy('i.ord')
    .limit(1);
  // Gold and qualification items have no capacity to protect: no row lock needed.
  if (kind !== 'production') return query.executeTakeFirst();
  if (ctx.dialect !== 'postgres')
    return (await openCandidates(ctx, trx, projectId, userId, overlap, attempt, 1))[0];
  const open = query.where(sql<boolean>`i.submitted + i.leased < ${overlap}`);
  // Concurrent annotators skip rows another transaction is leasing instead of queueing behind
  // it: the first free one among the first open candidates (read without locks, re-checked
  // under the lock). Only when every candidate is busy does the full query run, and only when
  // every open row is busy does it wait, so a transient lock never reads as "nothing left"
  // (PostgreSQL re-checks the overlap condition once the lock is released).
  const candidates = await openCandidates(ctx, trx, projectId, userId, overlap, attempt, 16);
  if (candidates.length > 0) {
    // By primary key, in queue order written `-priority` so that PostgreSQL cannot walk
    // items_queue_idx (past every full item) to find them; it sorts the few instead.
    const first = await trx
      .selectFrom('items as i')
      .select(['i.id', 'i.data'])
      .where(
        'i.id',
        'in',
        candidates.map((c) => c.id),
      )
      .where(sql<boolean>`i.submitted + i.leased < ${overlap}`)
      .orderBy(sql`-i.priority`)
      .orderBy('i.ord')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (first) return first;
  }
  return (
    (await open.forUpdate(['i']).skipLocked().executeTakeFirst()) ??
    (await open.forUpdate(['i']).executeTakeFirst())
  );
}

/**
 * The first `limit` open production items, in queue order, that the annotator has never been
 * assigned (in this attempt): the first ones of each number of annotators already on an item
 * (`submitted + leased` from 0 to overlap − 1), each read from the head of its range of
 * `items_open_idx`, merged. The full items — most of a busy project's queue — are never read.
 * PostgreSQL merges the ranges in one statement (without the payload: the caller locks and reads
 * the one it takes); SQLite runs one statement per range (a compound statement costs it several
 * times the sum of its parts) and merges here.
 */
async function openCandidates(
  ctx: AppContext,
  trx: Transaction<DB>,
  projectId: string,
  userId: string,
  overlap: number,
  attempt: number,
  limit: number,
): Promise<{ id: string; data: string; queue_rank: number; ord: number }[]> {
  const range = (load: number) => sql<{
    id: string;
    data: string;
    queue_rank: number;
    ord: number;
  }>`
    select i.id, ${ctx.dialect === 'postgres' ? sql`null` : sql`i.data`} as data, -i.priority as queue_rank, i.ord
      from items i
     where i.project_id = ${projectId} and i.kind = 'production' and i.submitted + i.leased = ${load}
       and not exists (select 1 from assignments a
                        where a.item_id = i.id and a.user_id = ${userId} and a.attempt = ${attempt})
     order by -i.priority, i.ord limit ${limit}`;
  const loads = Array.from({ length: overlap }, (_, load) => load);
  if (ctx.dialect === 'postgres') {
    const arms = loads.map(
      (load) => sql`select * from (${range(load)}) as ${sql.raw(`load${load}`)}`,
    );
    const merged = sql<{ id: string; data: string; queue_rank: number; ord: number }>`
      ${sql.join(arms, sql` union all `)} order by queue_rank, ord limit ${limit}`;
    return (await merged.execute(trx)).rows;
  }
  const rows = [];
  for (const load of loads) rows.push(...(await range(load).execute(trx)).rows);
  return rows
    .sort((a, b) => Number(a.queue_rank) - Number(b.queue_rank) || Number(a.ord) - Number(b.ord))
    .slice(0, limit);
}

async function lease(
  ctx: AppContext,
  trx: Transaction<DB>,
  audit: Audit,
  atCommit: AtCommit,
  project: Selectable<ProjectsTable>,
  userId: string,
  item: { id: string; data: string },
  kind: ItemKind,
  now: Date,
  attempt = 1,
): Promise<Lease> {
  const policy = parsePolicy(project);
  const id = newId('asg');
  const expiresAt = new Date(now.getTime() + policy.leaseMinutes * 60_000).toISOString();
  // With the commit: the item's row is then held only while the commit's message runs.
  atCommit(
    trx.insertInto('assignments').values({
      id,
      project_id: project.id,
      item_id: item.id,
      user_id: userId,
      kind,
      state: 'leased',
      leased_at: now.toISOString(),
      expires_at: expiresAt,
      finished_at: null,
      release_reason: null,
      touched_at: now.toISOString(),
      attempt,
    }),
  );
  atCommit(
    trx
      .updateTable('items')
      .set((eb) => ({ leased: eb('leased', '+', 1) }))
      .where('id', '=', item.id),
  );
  await audit({
    actorId: userId,
    action: 'assignment.lease',
    entityType: 'assignment',
    entityId: id,
    payload: { projectId: project.id, itemId: item.id, kind, expiresAt },
  });
  return {
    assignment: { id, expiresAt },
    item: { id: item.id, data: JSON.parse(item.data) as unknown },
  };
}

interface QualificationState {
  readonly status: 'qualified' | 'failed' | 'pending';
  /** The attempt at the qualification set (a manager can grant a retake). */
  readonly attempt: number;
}

/**
 * Settles a new annotator's qualification once every qualification item is answered in the
 * current attempt: the mean gold score of those answers against the pass mark.
 */
async function qualificationStatus(
  trx: Transaction<DB>,
  audit: Audit,
  project: Selectable<ProjectsTable>,
  userId: string,
): Promise<QualificationState> {
  // The member and the size of the qualification set in one round trip.
  const member = await trx
    .selectFrom('project_members')
    .select((eb) => [
      'qualification',
      'qualification_attempt',
      eb
        .selectFrom('items')
        .select((ib) => ib.fn.countAll<number>().as('n'))
        .where('project_id', '=', project.id)
        .where('kind', '=', 'qualification')
        .as('total'),
    ])
    .where('project_id', '=', project.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) return { status: 'qualified', attempt: 1 };
  const attempt = Number(member.qualification_attempt);
  if (member.qualification !== 'pending') return { status: member.qualification, attempt };
  const total = Number(member.total ?? 0);
  if (total === 0) return { status: 'qualified', attempt };
  const answered = await trx
    .selectFrom('annotations as n')
    .innerJoin('assignments as s', 's.id', 'n.assignment_id')
    .select(['n.item_id', 'n.gold_score', 'n.revision'])
    .where('s.project_id', '=', project.id)
    .where('s.user_id', '=', userId)
    .where('s.kind', '=', 'qualification')
    .where('s.attempt', '=', attempt)
    .orderBy('n.revision')
    .execute();
  const firstAnswers = new Map<string, number>();
  for (const a of answered)
    if (!firstAnswers.has(a.item_id)) firstAnswers.set(a.item_id, Number(a.gold_score ?? 0));
  if (firstAnswers.size < total) return { status: 'pending', attempt };
  const score = [...firstAnswers.values()].reduce((s, x) => s + x, 0) / firstAnswers.size;
  const passMark = parsePolicy(project).qualificationPassMark;
  const status = score >= passMark ? 'qualified' : 'failed';
  await trx
    .updateTable('project_members')
    .set({ qualification: status, qualification_score: score })
    .where('project_id', '=', project.id)
    .where('user_id', '=', userId)
    .execute();
  await audit({
    actorId: userId,
    action: 'qualification.result',
    entityType: 'project',
    entityId: project.id,
    payload: { userId, score, passMark, status, items: firstAnswers.size, attempt },
  });
  return { status, attempt };
}

/**
 * Leases the next item to an annotator. In order: expired leases go back to the pool; an
 * annotator who holds a lease (other than `after`) gets it again (a reload shows the same item);
 * a new annotator works
 * through the qualification set and reaches production only after passing it; otherwise, with
 * probability `goldRate`, a hidden gold item they have not seen; otherwise the first open
 * production item by priority then import order with fewer than `overlap` annotators counted or
 * leased, never one they were assigned before — or, when none is open, one re-routed from an
 * idle annotator. Null when nothing is left for them.
 *
 * Safe under concurrency: on SQLite transactions are serialised; on PostgreSQL an advisory lock
 * per (project, annotator) orders one person's requests, and `FOR UPDATE SKIP LOCKED` lets
 * different annotators lease different items at once. The unique (item, annotator) index is the
 * last guard against serving an item twice to one person.
 */
export async function leaseNextItem(
  ctx: AppContext,
  project: Selectable<ProjectsTable>,
  userId: string,
  options: LeaseOptions = {},
): Promise<Lease | null> {
  const random = options.random ?? Math.random;
  await requireCredentials(ctx, project, userId);
  const result = await inTransaction(
    ctx,
    async (trx, audit, atCommit): Promise<Lease | null | 'not-qualified'> => {
      if (ctx.dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`${project.id}:${userId}`}))`.execute(
          trx,
        );
      const now = ctx.now();
      // Expired leases go back to the pool here, so no background job is needed.
      await endLeases(
        trx,
        { projectId: project.id, expiredBy: now.toISOString() },
        { state: 'expired', at: now.toISOString(), reason: null },
      );
      const held = await heldLease(
        trx,
        atCommit,
        project.id,
        userId,
        options.after,
        now.toISOString(),
      );
      if (held) return held;

      const { status, attempt } = await qualificationStatus(trx, audit, project, userId);
      // Refused after the transaction commits, so the settled result is stored.
      if (status === 'failed') return 'not-qualified' as const;
      if (status === 'pending') {
        const item = await pickItem(
          ctx,
          trx,
          project.id,
          userId,
          'qualification',
          Infinity,
          attempt,
        );
        if (item)
          return lease(
            ctx,
            trx,
            audit,
            atCommit,
            project,
            userId,
            item,
            'qualification',
            now,
            attempt,
          );
        // Every qualification item is answered or on the caller's screen (`after`): nothing to
        // lease ahead; the result is settled once that last answer is in.
        return null;
      }

      const policy = parsePolicy(project);
      if (policy.goldRate > 0 && random() < policy.goldRate) {
        const gold = await pickItem(ctx, trx, project.id, userId, 'gold', Infinity);
        if (gold) return lease(ctx, trx, audit, atCommit, project, userId, gold, 'gold', now);
      }
      const item =
        (await pickItem(ctx, trx, project.id, userId, 'production', policy.overlap)) ??
        (await reclaimIdleLease(ctx, trx, audit, project.id, userId, policy.idleMinutes, now));
      return item
        ? lease(ctx, trx, audit, atCommit, project, userId, item, 'production', now)
        : null;
    },
  );
  if (result !== 'not-qualified') return result;
  const member = await ctx.db
    .selectFrom('project_members')
    .select('qualification_score')
    .where('project_id', '=', project.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  throw new ConcordError('CONCORD_ERR_NOT_QUALIFIED', undefined, {
    score: member?.qualification_score ?? null,
    passMark: parsePolicy(project).qualificationPassMark,
  });
}

/**
 * The workspace's heartbeat while its annotator is active: marks every lease they hold in the
 * project as touched (so it is not re-routed as idle) and extends the one on screen to a full
 * lease period from now. Not audited: it changes no outcome, and an audit event a minute per
 * annotator would drown the log; re-routing, which does, is.
 */
export async function touchAssignment(
  ctx: AppContext,
  userId: string,
  assignmentId: string,
): Promise<{ id: string; expiresAt: string }> {
  return inTransaction(ctx, async (trx) => {
    const assignment = await trx
      .selectFrom('assignments as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .selectAll('a')
      .select(['p.policy'])
      .where('a.id', '=', assignmentId)
      .executeTakeFirst();
    if (!assignment)
      throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No assignment ${assignmentId}`);
    if (assignment.user_id !== userId)
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'This assignment belongs to someone else');
    const now = ctx.now();
    if (assignment.state !== 'leased' || assignment.expires_at <= now.toISOString())
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        'This reservation has ended; ask for the next item to carry on',
      );
    const policy = parsePolicy({ policy: assignment.policy });
    const extended = new Date(now.getTime() + policy.leaseMinutes * 60_000).toISOString();
    const expiresAt = extended > assignment.expires_at ? extended : assignment.expires_at;
    await trx
      .updateTable('assignments')
      .set({ touched_at: now.toISOString() })
      .where('project_id', '=', assignment.project_id)
      .where('user_id', '=', userId)
      .where('state', '=', 'leased')
      .execute();
    await trx
      .updateTable('assignments')
      .set({ expires_at: expiresAt })
      .where('id', '=', assignmentId)
      .execute();
    return { id: assignmentId, expiresAt };
  });
}
