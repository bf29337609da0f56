import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { DB, ProjectPermission } from '../db/schema.js';
import { ConcordError } from '../errors.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Whether a user may see the originals of a PHI project: they hold `phi:reveal` on it and their
 * account is active. Nobody holds it implicitly — an admin grants it to themselves like to
 * anyone else, and that grant is audited.
 */
export async function canReveal(db: Db, projectId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_permissions as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select('p.user_id')
    .where('p.project_id', '=', projectId)
    .where('p.user_id', '=', userId)
    .where('p.permission', '=', 'phi:reveal')
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export interface PermissionGrant {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly permission: ProjectPermission;
  readonly grantedBy: string | null;
  readonly grantedAt: string;
}

/** The project's grants, oldest first. */
export async function listPermissions(db: Db, projectId: string): Promise<PermissionGrant[]> {
  const rows = await db
    .selectFrom('project_permissions as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'u.email', 'u.name', 'p.permission', 'p.granted_by', 'p.granted_at'])
    .where('p.project_id', '=', projectId)
    .orderBy('p.granted_at')
    .orderBy('u.email')
    .orderBy('p.permission')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    name: r.name,
    permission: r.permission,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
  }));
}

/** Grants a permission on a project (idempotent) and records `project.permission.grant`. */
export async function grantPermission(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  userId: string,
  permission: ProjectPermission,
): Promise<{ readonly granted: boolean }> {
  return inTransaction(ctx, async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'disabled_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || user.disabled_at !== null)
      throw new ConcordError(
        'CONCORD_ERR_VALIDATION',
        `body.userId: no active user with id ${userId}`,
        [{ path: 'body.userId', message: 'no active user with this id' }],
      );
    const inserted = await trx
      .insertInto('project_permissions')
      .values({
        project_id: projectId,
        user_id: userId,
        permission,
        granted_by: actorId,
        granted_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['project_id', 'user_id', 'permission']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) return { granted: false };
    await audit({
      actorId,
      action: 'project.permission.grant',
      entityType: 'project',
      entityId: projectId,
      payload: { userId, permission },
    });
    return { granted: true };
  });
}

/** Takes a permission away (idempotent) and records `project.permission.revoke` when it was held. */
export async function revokePermission(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  userId: string,
  permission: ProjectPermission,
): Promise<{ readonly revoked: boolean }> {
  return inTransaction(ctx, async (trx, audit) => {
    const deleted = await trx
      .deleteFrom('project_permissions')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('permission', '=', permission)
      .returning('user_id')
      .executeTakeFirst();
    if (!deleted) return { revoked: false };
    await audit({
      actorId,
      action: 'project.permission.revoke',
      entityType: 'project',
      entityId: projectId,
      payload: { userId, permission },
    });
    return { revoked: true };
  });
}
