import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { createUser } from '../../commands/create-user.js';
import { updateUser } from '../../commands/update-user.js';
import { presentUser, userSchema } from '../../presenters/user.js';
import { pageFields, pageQuery } from '../../presenters/pagination.js';
import { errorResponses } from '../error-responses.js';
import { passwordSchema } from './password-schema.js';
import { credentialSchema } from '@concord/core/config';
import { setCredentials } from '../../phi/credentials.js';

const roleSchema = z.enum(['admin', 'auditor', 'member']);

const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** A user as it is after a change. */
  const presentedUser = async (id: string) =>
    presentUser(
      await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );

  app.get(
    '/users',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        tags: ['users'],
        summary: 'List users (paginated; q searches email and name)',
        querystring: z.object({ ...pageQuery, q: z.string().trim().max(200).optional() }),
        response: {
          200: z.object({ users: z.array(userSchema), ...pageFields }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, offset, q } = request.query;
      let query = ctx.db.selectFrom('users');
      if (q) {
        const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        // ESCAPE makes `%` and `_` typed by the user literal on both SQLite and PostgreSQL.
        query = query.where(
          (eb) =>
            sql<boolean>`(${eb.ref('email')} like ${pattern} escape '\\' or lower(${eb.ref('name')}) like ${pattern} escape '\\')`,
        );
      }
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('email').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { users: rows.map(presentUser), total: Number(count.n), limit, offset };
    },
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: z.object({
          email: z.email().max(320),
          name: z.string().trim().min(1).max(200),
          password: passwordSchema,
          role: roleSchema,
        }),
        response: { 201: z.object({ id: z.string() }), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const created = await createUser(ctx, auth.user.id, request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ user: userSchema }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const row = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No user ${request.params.id}`);
      return { user: presentUser(row) };
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change name, role, disabled state or password',
        params: z.object({ id: z.string() }),
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            role: roleSchema.optional(),
            disabled: z.boolean().optional(),
            password: passwordSchema.optional(),
          })
          .refine(
            (b) => Object.values(b).some((v) => v !== undefined),
            'send at least one of name, role, disabled, password',
          ),
        response: {
          200: z.object({ user: userSchema }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await updateUser(ctx, auth.user.id, request.params.id, request.body);
      return { user: await presentedUser(request.params.id) };
    },
  );

  app.put(
    '/users/:id/credentials',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary:
          "Replace a user's credentials (e.g. clinical, legal) that projects may require; audited",
        params: z.object({ id: z.string() }),
        body: z.object({ credentials: z.array(credentialSchema).max(20) }),
        response: {
          200: z.object({ user: userSchema }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await setCredentials(ctx, auth.user.id, request.params.id, request.body.credentials);
      return { user: await presentedUser(request.params.id) };
    },
  );
};

export default usersRoutes;
