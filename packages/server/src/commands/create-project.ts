import type { ProjectConfig, QualityPolicy } from '@concord/core/config';
import { DEFAULT_POLICY } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { ProjectRole } from '../db/schema.js';
import { newId } from '../ids.js';

export interface NewProject {
  readonly name: string;
  readonly description?: string | undefined;
  /** Validated config; omitted, the project has no fields yet and cannot be annotated. */
  readonly config?: ProjectConfig | undefined;
  readonly policy?: Partial<QualityPolicy> | undefined;
  readonly guidelines?: string | undefined;
}

/** Creates a project with its creator as manager (`project.create`); guidelines and taxonomy start at version 1. */
export async function createProject(
  ctx: AppContext,
  actorId: string,
  input: NewProject,
): Promise<{ id: string }> {
  return inTransaction(ctx, async (trx, audit) => {
    const id = newId('prj');
    const now = ctx.now().toISOString();
    const name = input.name.trim();
    const description = input.description?.trim() ?? '';
    const config = input.config ?? { fields: [] };
    const policy = { ...DEFAULT_POLICY, ...input.policy };
    await trx
      .insertInto('projects')
      .values({
        id,
        name,
        description,
        created_by: actorId,
        created_at: now,
        updated_at: now,
        config: JSON.stringify(config),
        policy: JSON.stringify(policy),
        guidelines: input.guidelines ?? '',
      })
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
      payload: { name, description, config, policy, guidelineVersion: 1, taxonomyVersion: 1 },
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
  role: ProjectRole,
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
