import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { endLeases } from './lease-next-item.js';

export const QUALIFICATION_DECISIONS = ['retake', 'qualified', 'failed'] as const;
export type QualificationDecision = (typeof QUALIFICATION_DECISIONS)[number];

export interface QualificationOutcome {
  readonly userId: string;
  readonly qualification: 'pending' | 'qualified' | 'failed';
  readonly attempt: number;
}

/**
 * A manager's decision on an annotator's qualification, audited with its reason: `retake` opens
 * a new attempt at the qualification set (the earlier answers stay stored and scored, but only
 * the new attempt's answers decide); `qualified` or `failed` overrides the automatic result.
 * A retake or a fail ends the leases the annotator holds in the project.
 */
export async function decideQualification(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  userId: string,
  decision: QualificationDecision,
  note: string | undefined,
): Promise<QualificationOutcome> {
  return inTransaction(ctx, async (trx, audit) => {
    const member = await trx
      .selectFrom('project_members')
      .select(['role', 'qualification', 'qualification_score', 'qualification_attempt'])
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!member)
      throw new ConcordError(
        'CONCORD_ERR_NOT_FOUND',
        `User ${userId} is not a member of this project; add them first`,
      );
    const before = {
      qualification: member.qualification,
      score: member.qualification_score,
      attempt: Number(member.qualification_attempt),
    };
    if (decision === 'retake' && member.qualification === 'pending')
      throw new ConcordError(
        'CONCORD_ERR_CONFLICT',
        'This annotator has not finished the current attempt yet; a retake is for a settled result',
      );
    const after =
      decision === 'retake'
        ? { qualification: 'pending' as const, attempt: before.attempt + 1 }
        : { qualification: decision, attempt: before.attempt };
    await trx
      .updateTable('project_members')
      .set({
        qualification: after.qualification,
        qualification_attempt: after.attempt,
        ...(decision === 'retake' ? { qualification_score: null } : {}),
      })
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute();
    // Someone sent back to (or failed at) qualification gives back what they hold, so those
    // slots are served to qualified people at once.
    const ended =
      decision === 'qualified'
        ? 0
        : await endLeases(
            trx,
            { projectId, userId },
            { state: 'released', at: ctx.now().toISOString(), reason: decision },
          );
    await audit({
      actorId,
      action: decision === 'retake' ? 'qualification.retake' : 'qualification.override',
      entityType: 'project',
      entityId: projectId,
      payload: { userId, decision, note: note ?? null, before, after, leasesEnded: ended },
    });
    return { userId, qualification: after.qualification, attempt: after.attempt };
  });
}
