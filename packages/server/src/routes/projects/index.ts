import {
  QUALIFICATION_DECISIONS,
  decideQualification,
} from '../../commands/decide-qualification.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth, type AuthenticatedUser } from '../../auth/access.js';
import { PROJECT_TEMPLATES, projectConfigSchema, qualityPolicySchema } from '@concord/core/config';
import { createProject, setProjectMember } from '../../commands/create-project.js';
import { requireProjectRole } from '../../auth/project-access.js';
import {
  parseConfig,
  presentProject,
  presentProjectDetail,
  projectDetailSchema,
  projectSchema,
} from '../../presenters/project.js';
import { pageFields, pageQuery } from '../../presenters/pagination.js';
import { errorResponses } from '../error-responses.js';
import { missingCredentials, parseCredentials } from '../../phi/credentials.js';

/** Admins and auditors see every project; everybody else only the projects they belong to. */
function visibleProjects(ctx: AppContext, user: AuthenticatedUser) {
  const base = ctx.db
    .selectFrom('projects')
    .leftJoin('project_members as me', (join) =>
      join.onRef('me.project_id', '=', 'projects.id').on('me.user_id', '=', user.id),
    );
  return user.role === 'admin' || user.role === 'auditor'
    ? base
    : base.where('me.user_id', 'is not', null);
}

const projectsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['projects'],
        summary: 'Projects you can see (paginated)',
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ projects: z.array(projectSchema), ...pageFields }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { limit, offset } = request.query;
      const query = visibleProjects(ctx, auth.user);
      const [rows, count] = await Promise.all([
        query
          .selectAll('projects')
          .select(['me.role as my_role', 'me.qualification as my_qualification'])
          .orderBy('projects.created_at', 'desc')
          .orderBy('projects.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { projects: rows.map(presentProject), total: Number(count.n), limit, offset };
    },
  );

  app.post(
    '/projects',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['projects'],
        summary: 'Create a project; you become its manager',
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            description: z.string().max(10_000).optional(),
            /** Start from a template (sentiment, intent, toxicity, likert-quality); explicit fields override it. */
            template: z
              .enum(PROJECT_TEMPLATES.map((t) => t.id) as [string, ...string[]])
              .optional(),
            config: projectConfigSchema.optional(),
            policy: qualityPolicySchema.partial().optional(),
            guidelines: z.string().max(200_000).optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { template: templateId, ...body } = request.body;
      const template = PROJECT_TEMPLATES.find((t) => t.id === templateId);
      const created = await createProject(ctx, auth.user.id, {
        name: body.name,
        description: body.description ?? template?.description,
        config: body.config ?? (template ? projectConfigSchema.parse(template.config) : undefined),
        policy: { ...template?.policy, ...body.policy },
        guidelines: body.guidelines ?? template?.guidelines,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/projects/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['projects'],
        summary: 'One project',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ project: projectDetailSchema }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const [row, grants] = await Promise.all([
        visibleProjects(ctx, auth.user)
          .selectAll('projects')
          .select((eb) => [
            'me.role as my_role',
            'me.qualification as my_qualification',
            // Read from the index on (project_id, kind): no item row is touched.
            eb
              .selectFrom('items')
              .select((ib) => ib.fn.countAll<number>().as('n'))
              .whereRef('items.project_id', '=', 'projects.id')
              .where('items.kind', '=', 'qualification')
              .as('qualification_items'),
          ])
          .where('projects.id', '=', request.params.id)
          .executeTakeFirst(),
        // The caller's own grants (the primary key's lookup), read beside the project's row.
        ctx.db
          .selectFrom('project_permissions')
          .select('permission')
          .where('project_id', '=', request.params.id)
          .where('user_id', '=', auth.user.id)
          .orderBy('permission')
          .execute(),
      ]);
      // A project you cannot see is reported as missing, so ids do not reveal what exists.
      const permissions = grants.map((g) => g.permission);
      if (!row) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${request.params.id}`);
      return {
        project: presentProjectDetail(
          { ...row, qualification_items: row.qualification_items ?? 0 },
          permissions,
        ),
      };
    },
  );
};

const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['manager', 'reviewer', 'annotator']),
  addedAt: z.string(),
  qualification: z.enum(['pending', 'qualified', 'failed']),
  qualificationScore: z.number().nullable(),
  qualificationAttempt: z.number().int(),
  /** The member's credentials (issue 6). */
  credentials: z.array(z.string()),
  /** Credentials the project requires that the member lacks: they are not assigned items. */
  missingCredentials: z.array(z.string()),
});

const projectMembersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/members',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['projects'],
        summary: 'Members of a project with their roles and qualification (managers and reviewers)',
        params: z.object({ id: z.string() }),
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ members: z.array(memberSchema), ...pageFields }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, [
        'manager',
        'reviewer',
      ]);
      const required = parseConfig(project).credentials;
      const { limit, offset } = request.query;
      const base = ctx.db
        .selectFrom('project_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .where('m.project_id', '=', request.params.id);
      const [rows, count] = await Promise.all([
        base
          .select([
            'm.user_id',
            'u.email',
            'u.name',
            'm.role',
            'm.added_at',
            'm.qualification',
            'm.qualification_score',
            'm.qualification_attempt',
            'u.credentials',
          ])
          .orderBy('u.email')
          .limit(limit)
          .offset(offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        members: rows.map((r) => {
          const credentials = parseCredentials(r.credentials);
          return {
            userId: r.user_id,
            email: r.email,
            name: r.name,
            role: r.role,
            addedAt: r.added_at,
            qualification: r.qualification,
            qualificationScore: r.qualification_score,
            qualificationAttempt: Number(r.qualification_attempt),
            credentials,
            missingCredentials: missingCredentials(required, credentials),
          };
        }),
        total: Number(count.n),
        limit,
        offset,
      };
    },
  );

  app.post(
    '/projects/:id/members',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['projects'],
        summary: 'Add a member to the project, or change their role (managers)',
        description:
          'Name the person by `userId`, or by `email` (the account must exist: an admin creates it).',
        params: z.object({ id: z.string() }),
        body: z
          .object({
            userId: z.string().min(1).optional(),
            email: z.string().trim().toLowerCase().email().max(320).optional(),
            role: z.enum(['manager', 'reviewer', 'annotator']),
          })
          .refine((b) => (b.userId === undefined) !== (b.email === undefined), {
            message: 'give either userId or email',
            path: ['userId'],
          }),
        response: {
          201: z.object({
            userId: z.string(),
            role: z.string(),
            /** Credentials the project requires that this person lacks (they are added, but not served items). */
            missingCredentials: z.array(z.string()),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], {
        write: true,
      });
      const { userId, email, role } = request.body;
      let lookup = ctx.db.selectFrom('users').select(['id', 'disabled_at', 'credentials']);
      lookup =
        email === undefined ? lookup.where('id', '=', userId!) : lookup.where('email', '=', email);
      const user = await lookup.executeTakeFirst();
      if (!user || user.disabled_at) {
        const [path, what] =
          email === undefined ? ['body.userId', `id ${userId}`] : ['body.email', `email ${email}`];
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          `${path}: no active user with ${what}; an admin creates accounts under Users`,
          [{ path, message: `no active user with this ${email === undefined ? 'id' : 'email'}` }],
        );
      }
      await setProjectMember(ctx, auth.user.id, request.params.id, user.id, role);
      const missing = missingCredentials(
        parseConfig(project).credentials,
        parseCredentials(user.credentials),
      );
      return reply.code(201).send({ userId: user.id, role, missingCredentials: missing });
    },
  );

  app.post(
    '/projects/:id/members/:userId/qualification',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['projects'],
        summary:
          "Decide an annotator's qualification: grant a retake of the qualification set, or override the result (managers)",
        params: z.object({ id: z.string(), userId: z.string() }),
        body: z.object({
          decision: z.enum(QUALIFICATION_DECISIONS),
          note: z.string().trim().max(2000).optional(),
        }),
        response: {
          200: z.object({
            userId: z.string(),
            qualification: z.enum(['pending', 'qualified', 'failed']),
            attempt: z.number().int(),
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], { write: true });
      return decideQualification(
        ctx,
        auth.user.id,
        request.params.id,
        request.params.userId,
        request.body.decision,
        request.body.note,
      );
    },
  );
};

export { projectMembersRoutes };

export default projectsRoutes;
