import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { newId } from '../ids.js';

/** Creates a project with its creator as manager (`project.create`). */
export async function createProject(
  ctx: AppContext,
  actorId: string,
  input: { readonly name: string; readonly description?: string | undefined },
): Promise<{ id: string }> {
  return inTransaction(ctx, async (trx, audit) => {
    const id = newId('prj');
    const now = ctx.now().toISOString();
    const name = input.name.trim();
    const description = input.description?.trim() ?? '';
    await trx
      .insertInto('projects')
      .values({ id, name, description, created_by: actorId, created_at: now, updated_at: now })
      .execute();
    await trx
      .insertInto('project_members')
      .values({ project_id: id, user_id: actorId, role: 'manager', added_at: now })
      .execute();
    await audit({
      actorId,
      action: 'project.create',
      entityType: 'project',
      entityId: id,
      payload: { name, description },
    });
    return { id };
  });
}

/** Adds a member to a project or changes their role (`project.member.set`). */
export async function setProjectMember(
  ctx: AppContext,
  actorId: string | null,
  projectId: string,
  userId: string,
  role: 'manager' | 'reviewer' | 'annotator',
): Promise<void> {
  await inTransaction(ctx, async (trx, audit) => {
    const now = ctx.now().toISOString();
    await trx
      .insertInto('project_members')
      .values({ project_id: projectId, user_id: userId, role, added_at: now })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await audit({
      actorId,
      action: 'project.member.set',
      entityType: 'project',
      entityId: projectId,
      payload: { userId, role },
    });
  });
}
