import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { AuthenticatedUser } from '../auth/access.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';
import { canReveal } from './permissions.js';
import { openingVault, readVaultRecord, requireVault, type StoredReplacement } from './records.js';

export interface Revealed {
  readonly itemId: string;
  readonly data: unknown;
  readonly meta: unknown;
  readonly replacements: Record<string, StoredReplacement[]>;
}

/**
 * The original of one item of a PHI project, for a holder of `phi:reveal` on it. The vault read
 * and the `phi.reveal` audit event (item, field paths, reason — never the PHI itself) share one
 * transaction: no original leaves without its record. Refusals: 404 when the caller may not see
 * the project, 403 without the permission (admins included: they grant it to themselves), 409
 * for a project that is not PHI, 410 once the vault was purged.
 */
export async function revealItem(
  ctx: AppContext,
  user: AuthenticatedUser,
  itemId: string,
  reason: string,
): Promise<Revealed> {
  const row = await ctx.db
    .selectFrom('items as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('project_members as me', (join) =>
      join.onRef('me.project_id', '=', 'p.id').on('me.user_id', '=', user.id),
    )
    .select(['i.id', 'i.project_id', 'p.config', 'me.role as my_role'])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  const globalView = user.role === 'admin' || user.role === 'auditor';
  if (!row || (!row.my_role && !globalView))
    throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No item ${itemId}`);
  const projectId = row.project_id;
  if (!(await canReveal(ctx.db, projectId, user.id)))
    throw new ConcordError(
      'CONCORD_ERR_FORBIDDEN',
      `Revealing an original needs the phi:reveal permission on project ${projectId}; a manager of the project or an admin grants it (admins too must grant it to themselves)`,
    );
  if (parseConfig(row).phi === undefined)
    throw new ConcordError(
      'CONCORD_ERR_CONFLICT',
      `Project ${projectId} is not a PHI project: its items are stored as imported, with nothing in the vault`,
    );
  const vault = requireVault(ctx);
  return inTransaction(ctx, async (trx, audit) => {
    const record = await openingVault(() => readVaultRecord(trx, vault, projectId, itemId));
    if (!record) {
      const purge = await trx
        .selectFrom('audit_events')
        .select('at')
        .where('entity_type', '=', 'project')
        .where('entity_id', '=', projectId)
        .where('action', '=', 'phi.vault.purge')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      throw new ConcordError(
        'CONCORD_ERR_VAULT_PURGED',
        purge
          ? `The original of item ${itemId} no longer exists: the vault of project ${projectId} was purged at ${purge.at}`
          : `The vault of project ${projectId} holds no original of item ${itemId}`,
      );
    }
    await audit({
      actorId: user.id,
      action: 'phi.reveal',
      entityType: 'project',
      entityId: projectId,
      payload: { itemId, fields: Object.keys(record.replacements).sort(), reason },
    });
    return { itemId, data: record.data, meta: record.meta, replacements: record.replacements };
  });
}
