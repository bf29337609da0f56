import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { ErrorType } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';
import {
  moveUnit,
  parseQualityState,
  unitItemData,
  unitValues,
} from '../quality/record-annotation.js';

export interface Verdict {
  readonly verdict: 'accept' | 'reject';
  readonly errorType?: ErrorType | undefined;
  readonly note?: string | undefined;
  readonly activeMs?: number | undefined;
}

/**
 * A QA reviewer's verdict on a sampled annotation (`review.accept` / `review.reject`). A rejection
 * needs an error type; the annotation stays stored (annotations are immutable) but stops counting:
 * the item's unit leaves the agreement matrices without it, the item reopens for another annotator
 * (rework), and a majority decision that no longer has its overlap is withdrawn.
 */
export async function reviewAnnotation(
  ctx: AppContext,
  reviewerId: string,
  reviewId: string,
  verdict: Verdict,
): Promise<void> {
  if (verdict.verdict === 'reject' && !verdict.errorType) {
    throw new ConcordError('CONCORD_ERR_VALIDATION', 'body.errorType: required when rejecting', [
      { path: 'body.errorType', message: 'required when rejecting' },
    ]);
  }
  await inTransaction(ctx, async (trx, audit) => {
    let reviewQuery = trx.selectFrom('reviews').selectAll().where('id', '=', reviewId);
    if (ctx.dialect === 'postgres') reviewQuery = reviewQuery.forUpdate();
    const review = await reviewQuery.executeTakeFirst();
    if (!review) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No review ${reviewId}`);
    if (review.status !== 'pending')
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        `This annotation was already ${review.status}`,
      );
    if (review.annotator_id === reviewerId)
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'Nobody reviews their own work');
    const now = ctx.now().toISOString();
    if (verdict.verdict === 'reject') {
      const project = await trx
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', review.project_id)
        .executeTakeFirstOrThrow();
      const config = parseConfig(project);
      // The item first, then the project's quality row: the order a submission takes them in,
      // so a reject and a submission on the same item cannot deadlock.
      if (ctx.dialect === 'postgres')
        await trx
          .selectFrom('items')
          .select('id')
          .where('id', '=', review.item_id)
          .forUpdate()
          .execute();
      let stateQuery = trx
        .selectFrom('quality_state')
        .select('state')
        .where('project_id', '=', project.id);
      if (ctx.dialect === 'postgres') stateQuery = stateQuery.forUpdate();
      const stateRow = await stateQuery.executeTakeFirst();
      const before = await unitValues(trx, review.item_id);
      const counted = before.has(review.annotator_id);
      await trx
        .updateTable('reviews')
        .set({
          status: 'rejected',
          reviewer_id: reviewerId,
          error_type: verdict.errorType ?? null,
          note: verdict.note ?? null,
          active_ms: verdict.activeMs ?? 0,
          reviewed_at: now,
        })
        .where('id', '=', reviewId)
        .execute();
      if (counted) {
        const after = new Map(before);
        after.delete(review.annotator_id);
        const state = parseQualityState(stateRow?.state, config);
        moveUnit(state, config, before, after, await unitItemData(trx, config, review.item_id));
        await trx
          .updateTable('quality_state')
          .set({ state: JSON.stringify(state), updated_at: now })
          .where('project_id', '=', project.id)
          .execute();
        await trx
          .updateTable('items')
          .set((eb) => ({ submitted: eb('submitted', '-', 1) }))
          .where('id', '=', review.item_id)
          .execute();
        await trx
          .deleteFrom('decisions')
          .where('item_id', '=', review.item_id)
          .where('method', '!=', 'adjudication')
          .execute();
      }
    } else {
      await trx
        .updateTable('reviews')
        .set({
          status: 'accepted',
          reviewer_id: reviewerId,
          note: verdict.note ?? null,
          active_ms: verdict.activeMs ?? 0,
          reviewed_at: now,
        })
        .where('id', '=', reviewId)
        .execute();
    }
    await audit({
      actorId: reviewerId,
      action: verdict.verdict === 'reject' ? 'review.reject' : 'review.accept',
      entityType: 'annotation',
      entityId: review.annotation_id,
      payload: {
        projectId: review.project_id,
        itemId: review.item_id,
        annotatorId: review.annotator_id,
        errorType: verdict.errorType ?? null,
        note: verdict.note ?? null,
      },
    });
  });
}
