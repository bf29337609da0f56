import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { importItems } from '../../commands/import-items.js';
import { parseConfig } from '../../presenters/project.js';
import { errorResponses } from '../error-responses.js';

const itemsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/projects/:id/items',
    {
      config: { access: ['admin', 'member'] },
      bodyLimit: 256 * 1024 * 1024,
      schema: {
        tags: ['items'],
        summary:
          'Import items: a JSON array of {data, meta?, gold?, priority?, qualification?}. Every row is validated before anything is stored.',
        params: z.object({ id: z.string() }),
        querystring: z.object({ skipInvalid: z.enum(['true', 'false']).default('false') }),
        body: z.array(z.unknown()).max(1_000_000),
        response: {
          201: z.object({
            imported: z.number().int(),
            gold: z.number().int(),
            qualification: z.number().int(),
            rejected: z.array(z.object({ line: z.number().int(), message: z.string() })),
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], {
        write: true,
      });
      const config = parseConfig(project);
      if (config.fields.length === 0) throw new ConcordError('CONCORD_ERR_NOT_CONFIGURED');
      const skipInvalid = request.query.skipInvalid === 'true';
      const result = await importItems(ctx, auth.user.id, project.id, config, request.body, {
        skipInvalid,
      });
      if (result.rejected.length > 0 && !skipInvalid) {
        const rows = new Set(result.rejected.map((r) => r.line)).size;
        const first = result.rejected[0]!;
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          `${rows} of ${request.body.length} rows are invalid, so nothing was imported (first: row ${first.line}: ${first.message}). Fix them, or import with ?skipInvalid=true to store the valid rows.`,
          result.rejected,
        );
      }
      return reply.code(201).send({ ...result, rejected: [...result.rejected] });
    },
  );

  app.get(
    '/projects/:id/items',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['items'],
        summary:
          'Items of a project in import order, keyset-paginated with ?after=<ord> (managers and reviewers)',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          kind: z.enum(['production', 'gold', 'qualification']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                ord: z.number().int(),
                kind: z.string(),
                data: z.unknown(),
                meta: z.unknown(),
                gold: z.unknown(),
                priority: z.number().int(),
                submitted: z.number().int(),
                leased: z.number().int(),
              }),
            ),
            total: z.number().int(),
            nextAfter: z.number().int().nullable(),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, [
        'manager',
        'reviewer',
      ]);
      const { after, limit, kind } = request.query;
      let query = ctx.db
        .selectFrom('items')
        .selectAll()
        .where('project_id', '=', project.id)
        .where('ord', '>', after);
      if (kind) query = query.where('kind', '=', kind);
      const rows = await query
        .orderBy('ord')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          ord: Number(r.ord),
          kind: r.kind,
          data: JSON.parse(r.data) as unknown,
          meta: JSON.parse(r.meta) as unknown,
          gold: r.gold === null ? null : (JSON.parse(r.gold) as unknown),
          priority: Number(r.priority),
          submitted: Number(r.submitted),
          leased: Number(r.leased),
        })),
        // The project keeps its item count, so the total needs no scan of a million rows.
        total: Number(project.item_count),
        nextAfter: rows.length > limit ? Number(page[page.length - 1]!.ord) : null,
      };
    },
  );
};

export default itemsRoutes;
