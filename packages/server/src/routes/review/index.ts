import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { adjudicate } from '../../commands/adjudicate.js';
import { reviewAnnotation } from '../../commands/review-annotation.js';
import { ERROR_TYPES } from '../../db/schema.js';
import { pageFields, pageQuery } from '../../presenters/pagination.js';
import { errorResponses } from '../error-responses.js';

const reviewRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/adjudications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['review'],
        summary:
          'The adjudication queue: items whose labels disagree beyond the policy, with every label side by side (reviewers and managers)',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['needs_adjudication', 'decided']).default('needs_adjudication'),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                itemId: z.string(),
                data: z.unknown(),
                decision: z.object({
                  value: z.unknown(),
                  method: z.string(),
                  confidence: z.number(),
                  decidedBy: z.string().nullable(),
                  rationale: z.string().nullable(),
                }),
                annotations: z.array(
                  z.object({
                    userId: z.string(),
                    name: z.string(),
                    value: z.unknown(),
                    createdAt: z.string(),
                  }),
                ),
              }),
            ),
            ...pageFields,
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
      const { limit, offset, status } = request.query;
      const base = ctx.db
        .selectFrom('decisions as d')
        .where('d.project_id', '=', project.id)
        .where('d.status', '=', status);
      const [rows, count] = await Promise.all([
        base
          .innerJoin('items as i', 'i.id', 'd.item_id')
          .select([
            'd.item_id',
            'i.data',
            'd.value',
            'd.method',
            'd.confidence',
            'd.decided_by',
            'd.rationale',
          ])
          .orderBy('d.decided_at')
          .orderBy('d.item_id')
          .limit(limit)
          .offset(offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const itemIds = rows.map((r) => r.item_id);
      const labels = itemIds.length
        ? await ctx.db
            .selectFrom('annotations as a')
            .innerJoin('users as u', 'u.id', 'a.user_id')
            .select(['a.item_id', 'a.user_id', 'u.name', 'a.value', 'a.created_at', 'a.revision'])
            .where('a.item_id', 'in', itemIds)
            .orderBy('a.revision')
            .execute()
        : [];
      const latest = new Map<string, (typeof labels)[number]>();
      for (const l of labels) latest.set(`${l.item_id}|${l.user_id}`, l);
      return {
        items: rows.map((r) => ({
          itemId: r.item_id,
          data: JSON.parse(r.data) as unknown,
          decision: {
            value: JSON.parse(r.value) as unknown,
            method: r.method,
            confidence: Number(r.confidence),
            decidedBy: r.decided_by,
            rationale: r.rationale,
          },
          annotations: [...latest.values()]
            .filter((l) => l.item_id === r.item_id)
            .map((l) => ({
              userId: l.user_id,
              name: l.name,
              value: JSON.parse(l.value) as unknown,
              createdAt: l.created_at,
            })),
        })),
        total: Number(count.n),
        limit,
        offset,
      };
    },
  );

  app.post(
    '/items/:id/adjudicate',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['review'],
        summary:
          'Decide an item’s final value, with a rationale (reviewers and managers); recorded in the adjudication log',
        params: z.object({ id: z.string() }),
        body: z.object({
          value: z.unknown(),
          rationale: z.string().trim().min(3, 'say why, in a few words').max(5000),
          override: z.boolean().optional(),
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const item = await ctx.db
        .selectFrom('items')
        .select(['project_id'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!item) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No item ${request.params.id}`);
      await requireProjectRole(ctx, auth.user, item.project_id, ['manager', 'reviewer'], {
        write: true,
      });
      await adjudicate(ctx, auth.user.id, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default reviewRoutes;

const reviewQueueRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/reviews',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['review'],
        summary:
          'QA review queue: sampled annotations to accept or reject (reviewers and managers)',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['pending', 'accepted', 'rejected']).default('pending'),
        }),
        response: {
          200: z.object({
            reviews: z.array(
              z.object({
                id: z.string(),
                itemId: z.string(),
                data: z.unknown(),
                annotator: z.object({ id: z.string(), name: z.string() }),
                value: z.unknown(),
                status: z.string(),
                errorType: z.string().nullable(),
                note: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
            ...pageFields,
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
      const { limit, offset, status } = request.query;
      const base = ctx.db
        .selectFrom('reviews as r')
        .where('r.project_id', '=', project.id)
        .where('r.status', '=', status);
      const [rows, count] = await Promise.all([
        base
          .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
          .innerJoin('items as i', 'i.id', 'r.item_id')
          .innerJoin('users as u', 'u.id', 'r.annotator_id')
          .select([
            'r.id',
            'r.item_id',
            'i.data',
            'r.annotator_id',
            'u.name',
            'a.value',
            'r.status',
            'r.error_type',
            'r.note',
            'r.created_at',
          ])
          .orderBy('r.created_at')
          .orderBy('r.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        reviews: rows.map((r) => ({
          id: r.id,
          itemId: r.item_id,
          data: JSON.parse(r.data) as unknown,
          annotator: { id: r.annotator_id, name: r.name },
          value: JSON.parse(r.value) as unknown,
          status: r.status,
          errorType: r.error_type,
          note: r.note,
          createdAt: r.created_at,
        })),
        total: Number(count.n),
        limit,
        offset,
      };
    },
  );

  app.post(
    '/reviews/:id',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['review'],
        summary:
          'Accept or reject a sampled annotation; a rejection needs an error type and sends the item back as rework',
        params: z.object({ id: z.string() }),
        body: z.object({
          verdict: z.enum(['accept', 'reject']),
          errorType: z.enum(ERROR_TYPES).optional(),
          note: z.string().max(5000).optional(),
          activeMs: z
            .number()
            .int()
            .min(0)
            .max(24 * 3600_000)
            .optional(),
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const review = await ctx.db
        .selectFrom('reviews')
        .select('project_id')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!review)
        throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No review ${request.params.id}`);
      await requireProjectRole(ctx, auth.user, review.project_id, ['manager', 'reviewer'], {
        write: true,
      });
      await reviewAnnotation(ctx, auth.user.id, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
};

export { reviewQueueRoutes };
