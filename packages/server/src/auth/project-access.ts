import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import type { ProjectRole, ProjectsTable } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import type { AuthenticatedUser } from './access.js';

export interface ProjectAccess {
  readonly project: Selectable<ProjectsTable>;
  /** The caller's project role; null for admins and auditors who are not members. */
  readonly role: ProjectRole | null;
}

/**
 * Loads a project for a caller and checks their project role. Admins may do what a manager
 * may; auditors may read what a manager may read. Someone who may not see the project at all
 * gets 404 (ids reveal nothing); a member whose role does not allow the action gets 403.
 */
export async function requireProjectRole(
  ctx: AppContext,
  user: AuthenticatedUser,
  projectId: string,
  allowed: readonly ProjectRole[],
  options: { readonly write?: boolean } = {},
): Promise<ProjectAccess> {
  const row = await ctx.db
    .selectFrom('projects')
    .leftJoin('project_members as me', (join) =>
      join.onRef('me.project_id', '=', 'projects.id').on('me.user_id', '=', user.id),
    )
    .selectAll('projects')
    .select('me.role as my_role')
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  const globalView = user.role === 'admin' || user.role === 'auditor';
  if (!row || (!row.my_role && !globalView))
    throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${projectId}`);
  const { my_role: role, ...project } = row;
  if (role && allowed.includes(role)) return { project, role };
  const managerLevel = allowed.includes('manager');
  if (user.role === 'admin' && managerLevel) return { project, role };
  if (user.role === 'auditor' && managerLevel && !options.write) return { project, role };
  throw new ConcordError(
    'CONCORD_ERR_FORBIDDEN',
    `This needs the project role ${allowed.join(' or ')}`,
  );
}
