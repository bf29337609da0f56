import type { Selectable } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { importItems } from '../../commands/import-items.js';
import { parseConfig, parsePolicy } from '../../presenters/project.js';
import type { ItemKind, ProjectsTable } from '../../db/schema.js';
import { errorResponses } from '../error-responses.js';
import {
  ITEM_KINDS,
  ITEM_STATES,
  itemCounts,
  itemsPage,
  type ItemsProject,
} from './item-filters.js';

function itemsProject(project: Selectable<ProjectsTable>): ItemsProject {
  return {
    id: project.id,
    item_count: Number(project.item_count),
    overlap: parsePolicy(project).overlap,
  };
}

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
          'Items of a project in import order, keyset-paginated with ?after=<ord>, filtered by kind or by state (production items); `total` is the number the filter matches (managers and reviewers)',
        params: z.object({ id: z.string() }),
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            kind: z.enum(ITEM_KINDS as [ItemKind, ...ItemKind[]]).optional(),
            state: z.enum(ITEM_STATES).optional(),
          })
          .strict(),
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
      const { after, limit, kind, state } = request.query;
      if (state !== undefined && kind !== undefined && kind !== 'production')
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          `querystring.state: states are those of production items; leave kind out or set kind=production to filter by state`,
          [{ path: 'querystring.state', message: `not with kind=${kind}` }],
        );
      const { rows, total } = await itemsPage(ctx.db, itemsProject(project), {
        after,
        limit,
        kind,
        state,
      });
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
        total,
        nextAfter: rows.length > limit ? Number(page[page.length - 1]!.ord) : null,
      };
    },
  );

  app.get(
    '/projects/:id/items/counts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['items'],
        summary:
          'How many items a project has of each kind, and of its production items how many are open, in progress, complete, disputed and adjudicated (managers and reviewers)',
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({
            total: z.number().int(),
            kinds: z.object({
              production: z.number().int(),
              gold: z.number().int(),
              qualification: z.number().int(),
            }),
            states: z.object({
              open: z.number().int(),
              in_progress: z.number().int(),
              complete: z.number().int(),
              disputed: z.number().int(),
              adjudicated: z.number().int(),
            }),
          }),
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
      return itemCounts(ctx.db, itemsProject(project));
    },
  );
};

export default itemsRoutes;
