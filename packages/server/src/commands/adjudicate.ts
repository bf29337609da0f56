import { validateAnnotationValue } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';

/**
 * A reviewer's decision on an item: the final value and why. It replaces any computed consensus,
 * is never overwritten by later annotations, and enters the adjudication log (`decision.adjudicate`).
 */
export async function adjudicate(
  ctx: AppContext,
  reviewerId: string,
  itemId: string,
  input: {
    readonly value: unknown;
    readonly rationale: string;
    readonly override?: boolean | undefined;
  },
): Promise<void> {
  const item = await ctx.db
    .selectFrom('items as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['i.id', 'i.project_id', 'i.kind', 'i.data', 'p.config'])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No item ${itemId}`);
  const config = parseConfig(item);
  // Span offsets are checked against the item's text.
  const itemData = config.fields.some((f) => f.type === 'spans')
    ? (JSON.parse(item.data) as unknown)
    : undefined;
  const issues = validateAnnotationValue(config, input.value, 'body.value', itemData);
  if (issues.length > 0)
    throw new ConcordError(
      'CONCORD_ERR_VALIDATION',
      issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    );
  await inTransaction(ctx, async (trx, audit) => {
    const now = ctx.now().toISOString();
    const previous = await trx
      .selectFrom('decisions')
      .select(['value', 'method', 'confidence', 'decided_by'])
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    // Two reviewers on one item: the second learns of the first decision instead of silently replacing it.
    if (previous?.method === 'adjudication' && !input.override) {
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        'This item was already adjudicated; send "override": true to replace that decision',
        {
          decidedBy: previous.decided_by,
          value: JSON.parse(previous.value) as unknown,
        },
      );
    }
    const decision = {
      value: JSON.stringify(input.value),
      method: 'adjudication' as const,
      confidence: 1,
      status: 'decided' as const,
      decided_by: reviewerId,
      rationale: input.rationale,
      decided_at: now,
    };
    await trx
      .insertInto('decisions')
      .values({ item_id: itemId, project_id: item.project_id, ...decision })
      .onConflict((oc) => oc.column('item_id').doUpdateSet(decision))
      .execute();
    await audit({
      actorId: reviewerId,
      action: 'decision.adjudicate',
      entityType: 'item',
      entityId: itemId,
      payload: {
        projectId: item.project_id,
        value: input.value,
        rationale: input.rationale,
        previous: previous
          ? {
              value: JSON.parse(previous.value) as unknown,
              method: previous.method,
              confidence: previous.confidence,
            }
          : null,
      },
    });
  });
}
