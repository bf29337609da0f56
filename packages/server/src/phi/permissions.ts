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

/**
 * Grants a permission on a project (idempotent) and records `project.permission.grant`. The
 * person is named by id or by `{ email }`; either must be an active account, and a refusal names
 * the request field it came from (`body.userId` or `body.email`).
 */
export async function grantPermission(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  person: string | { readonly email: string },
  permission: ProjectPermission,
): Promise<{ readonly userId: string; readonly granted: boolean }> {
  return inTransaction(ctx, async (trx, audit) => {
    const lookup = trx.selectFrom('users').select(['id', 'disabled_at']);
    const user = await (
      typeof person === 'string'
        ? lookup.where('id', '=', person)
        : lookup.where('email', '=', person.email)
    ).executeTakeFirst();
    if (!user || user.disabled_at !== null) {
      const [path, key, value] =
        typeof person === 'string'
          ? ['body.userId', 'id', person]
          : ['body.email', 'email', person.email];
      throw new ConcordError(
        'CONCORD_ERR_VALIDATION',
        `${path}: no active user with ${key} ${value}; an admin creates accounts under Users`,
        [{ path, message: `no active user with this ${key}` }],
      );
    }
    const userId = user.id;
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
    if (!inserted) return { userId, granted: false };
    await audit({
      actorId,
      action: 'project.permission.grant',
      entityType: 'project',
      entityId: projectId,
      payload: { userId, permission },
    });
    return { userId, granted: true };
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
