import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth, type AuthenticatedUser } from '../../auth/access.js';
import { createProject } from '../../commands/create-project.js';
import { presentProject, projectSchema } from '../../presenters/project.js';
import { pageFields, pageQuery } from '../../presenters/pagination.js';
import { errorResponses } from '../error-responses.js';

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
          .select('me.role as my_role')
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
        body: z.object({
          name: z.string().trim().min(1).max(200),
          description: z.string().max(10_000).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      return reply.code(201).send(await createProject(ctx, auth.user.id, request.body));
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
        response: { 200: z.object({ project: projectSchema }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const row = await visibleProjects(ctx, auth.user)
        .selectAll('projects')
        .select('me.role as my_role')
        .where('projects.id', '=', request.params.id)
        .executeTakeFirst();
      // A project you cannot see is reported as missing, so ids do not reveal what exists.
      if (!row) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${request.params.id}`);
      return { project: presentProject(row) };
    },
  );
};

export default projectsRoutes;
