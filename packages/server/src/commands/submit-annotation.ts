import { goldScore, validateAnnotationValue, type AnnotationValue } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { newId } from '../ids.js';
import { parseConfig, parsePolicy } from '../presenters/project.js';
import type { AnnotationsTable } from '../db/schema.js';
import { QUALITY_MOVED, recordAnnotationForQuality } from '../quality/record-annotation.js';

export interface Submission {
  readonly value: unknown;
  /** Chosen by the client per submission; repeating it returns the first result (safe retries). */
  readonly clientId: string;
  /** Milliseconds the annotator actively spent on the item. */
  readonly activeMs: number;
}

export interface SubmitResult {
  readonly annotation: AnnotationsTable;
  /** True when this clientId was seen before and the stored annotation is returned. */
  readonly replay: boolean;
}

async function replayOf(
  ctx: AppContext,
  userId: string,
  clientId: string,
  assignmentId: string,
): Promise<SubmitResult | null> {
  const existing = await ctx.db
    .selectFrom('annotations')
    .selectAll()
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!existing) return null;
  if (existing.assignment_id !== assignmentId)
    throw new ConcordError(
      'CONCORD_ERR_CLIENT_ID_REUSED',
      `clientId ${clientId} was used for another assignment; send a new clientId for each submission`,
    );
  return { annotation: existing, replay: true };
}

/**
 * Stores an annotation for one of the caller's assignments. The value is validated against the
 * project's config; the guideline and taxonomy versions in force are stamped on it. The first
 * submission of an annotator on an item counts toward the overlap unless the item already has
 * `overlap` counted submitters (a late submission after the lease expired): then it is kept,
 * flagged `counted = 0`, and excluded from k. A later submission on the same item is a new
 * revision that supersedes the previous one. Gold items are scored against their gold answer;
 * the score never leaves the server to the annotator.
 */
export async function submitAnnotation(
  ctx: AppContext,
  userId: string,
  assignmentId: string,
  submission: Submission,
): Promise<SubmitResult> {
  // The assignment, its project, and whether this clientId was seen before, in one query.
  const assignment = await ctx.db
    .selectFrom('assignments as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .leftJoin('annotations as seen', (join) =>
      join.on('seen.user_id', '=', userId).on('seen.client_id', '=', submission.clientId),
    )
    .select([
      'a.user_id',
      'a.item_id',
      'a.project_id',
      'p.config',
      'p.policy',
      'p.guideline_version',
      'p.taxonomy_version',
      'seen.id as seen',
    ])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!assignment || assignment.seen !== null) {
    const replay = await replayOf(ctx, userId, submission.clientId, assignmentId);
    if (replay) return replay;
  }
  if (!assignment) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No assignment ${assignmentId}`);
  if (assignment.user_id !== userId)
    throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'This assignment belongs to someone else');
  const projectId = assignment.project_id;
  const config = parseConfig(assignment);
  // Rankings, step labels and spans are checked against the item's responses, steps and text: read its data
  // only for projects that have such fields.
  const needsData = config.fields.some(
    (f) => f.type === 'ranking' || f.type === 'steps' || f.type === 'spans',
  );
  const itemData: unknown = needsData
    ? JSON.parse(
        (
          await ctx.db
            .selectFrom('items')
            .select('data')
            .where('id', '=', assignment.item_id)
            .executeTakeFirstOrThrow()
        ).data,
      )
    : undefined;
  const issues = validateAnnotationValue(config, submission.value, 'body.value', itemData);
  if (issues.length > 0) {
    throw new ConcordError(
      'CONCORD_ERR_VALIDATION',
      issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    );
  }
  const value = submission.value as AnnotationValue;
  const policy = parsePolicy(assignment);

  const store = (lockFirst: boolean) =>
    inTransaction(ctx, async (trx, audit, atCommit): Promise<SubmitResult> => {
      // The item's lock orders the submissions on it: its counters, its annotations and its
      // decision are read and written by one submission at a time.
      let itemQuery = trx
        .selectFrom('items')
        .select(['id', 'kind', 'submitted', 'gold'])
        .where('id', '=', assignment.item_id);
      if (ctx.dialect === 'postgres') itemQuery = itemQuery.forUpdate();
      const item = await itemQuery.executeTakeFirstOrThrow();
      // The assignment's state now, with the item's annotations so far (a handful: only the
      // (project, item) index is usable, so the plan never walks an annotator's history).
      const rows = await trx
        .selectFrom('assignments as s')
        .leftJoin('annotations as n', (join) =>
          join.onRef('n.project_id', '=', 's.project_id').onRef('n.item_id', '=', 's.item_id'),
        )
        .select(['s.state', 'n.id', 'n.user_id', 'n.value', 'n.revision', 'n.counted'])
        .where('s.id', '=', assignmentId)
        .execute();
      const state = rows[0]!.state;
      const itemAnnotations = rows.flatMap((r) =>
        r.id === null
          ? []
          : [
              {
                id: r.id,
                user_id: r.user_id!,
                value: r.value!,
                revision: Number(r.revision),
                counted: Number(r.counted),
              },
            ],
      );
      let previous: (typeof itemAnnotations)[number] | undefined;
      for (const a of itemAnnotations)
        if (a.user_id === userId && (!previous || a.revision > previous.revision)) previous = a;
      const now = ctx.now().toISOString();
      let counted: number;
      if (previous) counted = previous.counted;
      else if (item.kind !== 'production') counted = 1;
      else counted = Number(item.submitted) < policy.overlap ? 1 : 0;
      const newlyCounted = !previous && item.kind === 'production' && counted === 1 ? 1 : 0;
      const leaseEnds = state === 'leased' ? 1 : 0;
      // The writes go with the commit (`atCommit`): nothing below reads them back.
      if (newlyCounted || leaseEnds)
        atCommit(
          trx
            .updateTable('items')
            .set((eb) => ({
              submitted: eb('submitted', '+', newlyCounted),
              leased: eb('leased', '-', leaseEnds),
            }))
            .where('id', '=', item.id),
        );
      if (state !== 'submitted') {
        atCommit(
          trx
            .updateTable('assignments')
            .set({ state: 'submitted', finished_at: now })
            .where('id', '=', assignmentId),
        );
      }
      const score =
        item.gold === null
          ? null
          : goldScore(config, value, JSON.parse(item.gold) as Record<string, unknown>);
      const annotation: AnnotationsTable = {
        id: newId('ann'),
        project_id: projectId,
        item_id: item.id,
        user_id: userId,
        assignment_id: assignmentId,
        revision: (previous?.revision ?? 0) + 1,
        supersedes: previous?.id ?? null,
        client_id: submission.clientId,
        value: JSON.stringify(value),
        active_ms: Math.round(submission.activeMs),
        guideline_version: Number(assignment.guideline_version),
        taxonomy_version: Number(assignment.taxonomy_version),
        counted,
        gold_score: score,
        created_at: now,
      };
      atCommit(trx.insertInto('annotations').values(annotation));
      // QA sampling: each first answer on a production item is reviewed with probability reviewRate,
      // independently per annotation, so every annotator is sampled at the same rate (stratified in expectation).
      if (
        !previous &&
        item.kind === 'production' &&
        policy.reviewRate > 0 &&
        Math.random() < policy.reviewRate
      ) {
        atCommit(
          trx.insertInto('reviews').values({
            id: newId('rev'),
            project_id: projectId,
            annotation_id: annotation.id,
            item_id: item.id,
            annotator_id: userId,
            status: 'pending',
            reviewer_id: null,
            error_type: null,
            note: null,
            active_ms: 0,
            created_at: now,
            reviewed_at: null,
          }),
        );
      }
      // Last, so the project's quality row and then the audit head (appended by inTransaction
      // right before the commit) are held as briefly as possible.
      await recordAnnotationForQuality(trx, ctx.dialect, atCommit, {
        projectId,
        config,
        policy,
        item,
        itemAnnotations,
        userId,
        value,
        counted: counted === 1,
        now,
        lockFirst,
        itemData,
      });
      await audit({
        actorId: userId,
        action: previous ? 'annotation.revise' : 'annotation.submit',
        entityType: 'annotation',
        entityId: annotation.id,
        payload: {
          projectId,
          itemId: item.id,
          assignmentId,
          revision: annotation.revision,
          counted: counted === 1,
          lateAfter: state === 'leased' || state === 'submitted' ? null : state,
          guidelineVersion: annotation.guideline_version,
          taxonomyVersion: annotation.taxonomy_version,
        },
      });
      return { annotation, replay: false };
    });
  try {
    try {
      return await store(false);
    } catch (error) {
      // A reviewer rejected work on the item while this was being stored: again, the slow way.
      if (error instanceof Error && error.message.includes(QUALITY_MOVED)) return await store(true);
      throw error;
    }
  } catch (error) {
    // Two identical retries raced: the unique (user, clientId) index let one through; return it.
    const raced = await replayOf(ctx, userId, submission.clientId, assignmentId);
    if (raced) return raced;
    throw error;
  }
}

export const RELEASE_REASONS = ['skip', 'unclear', 'offensive', 'broken', 'other'] as const;

/** Gives a leased item back to the pool with a reason (`assignment.release`); it is not served to this annotator again. */
export async function releaseAssignment(
  ctx: AppContext,
  userId: string,
  assignmentId: string,
  reason: (typeof RELEASE_REASONS)[number],
): Promise<void> {
  await inTransaction(ctx, async (trx, audit, atCommit) => {
    let query = trx.selectFrom('assignments').selectAll().where('id', '=', assignmentId);
    // Locked on PostgreSQL: a second release (a double click, a retry) or the expiry of the same
    // lease waits and then sees it ended, so the item's lease count drops once.
    if (ctx.dialect === 'postgres') query = query.forUpdate();
    const assignment = await query.executeTakeFirst();
    if (!assignment)
      throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No assignment ${assignmentId}`);
    if (assignment.user_id !== userId)
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'This assignment belongs to someone else');
    if (assignment.state !== 'leased')
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        `The assignment is ${assignment.state}, not leased`,
      );
    atCommit(
      trx
        .updateTable('assignments')
        .set({ state: 'released', finished_at: ctx.now().toISOString(), release_reason: reason })
        .where('id', '=', assignmentId),
    );
    atCommit(
      trx
        .updateTable('items')
        .set((eb) => ({ leased: eb('leased', '-', 1) }))
        .where('id', '=', assignment.item_id),
    );
    await audit({
      actorId: userId,
      action: 'assignment.release',
      entityType: 'assignment',
      entityId: assignmentId,
      payload: { itemId: assignment.item_id, reason },
    });
  });
}
