import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { leaseNextItem, touchAssignment } from '../../commands/lease-next-item.js';
import {
  RELEASE_REASONS,
  releaseAssignment,
  submitAnnotation,
} from '../../commands/submit-annotation.js';
import { parseConfig } from '../../presenters/project.js';
import { errorResponses } from '../error-responses.js';

const annotationReceipt = z.object({
  annotation: z.object({
    id: z.string(),
    itemId: z.string(),
    assignmentId: z.string(),
    revision: z.number().int(),
    createdAt: z.string(),
    guidelineVersion: z.number().int(),
    taxonomyVersion: z.number().int(),
  }),
});

const assignmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/next',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['annotation'],
        summary: 'Lease the next item to annotate (204 when nothing is left for you)',
        description:
          'Returns your oldest open lease, or a new one. With `after=<assignment id>` (the item on your screen) it returns or makes a lease other than that one, so a client can fetch the next item ahead of time; you hold at most two.',
        params: z.object({ id: z.string() }),
        querystring: z.object({ after: z.string().min(1).max(100).optional() }),
        response: {
          200: z.object({
            assignment: z.object({ id: z.string(), expiresAt: z.string() }),
            item: z.object({ id: z.string(), data: z.unknown() }),
          }),
          204: z.null(),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { project, role } = await requireProjectRole(
        ctx,
        auth.user,
        request.params.id,
        ['annotator', 'reviewer', 'manager'],
        { write: true },
      );
      if (role === null)
        throw new ConcordError(
          'CONCORD_ERR_FORBIDDEN',
          'Only members of the project annotate; ask its manager to add you',
        );
      if (parseConfig(project).fields.length === 0)
        throw new ConcordError('CONCORD_ERR_NOT_CONFIGURED');
      const lease = await leaseNextItem(ctx, project, auth.user.id, {
        after: request.query.after,
      });
      if (!lease) return reply.code(204).send(null);
      return lease;
    },
  );

  app.post(
    '/assignments/:id/submit',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['annotation'],
        summary:
          'Submit an annotation for your assignment; repeating a clientId returns the first result',
        params: z.object({ id: z.string() }),
        body: z.object({
          value: z.unknown(),
          clientId: z.string().min(1).max(200),
          activeMs: z
            .number()
            .int()
            .min(0)
            .max(24 * 3600_000)
            .default(0),
        }),
        response: {
          200: annotationReceipt,
          201: annotationReceipt,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { annotation, replay } = await submitAnnotation(
        ctx,
        auth.user.id,
        request.params.id,
        request.body,
      );
      return reply.code(replay ? 200 : 201).send({
        annotation: {
          id: annotation.id,
          itemId: annotation.item_id,
          assignmentId: annotation.assignment_id,
          revision: Number(annotation.revision),
          createdAt: annotation.created_at,
          guidelineVersion: Number(annotation.guideline_version),
          taxonomyVersion: Number(annotation.taxonomy_version),
        },
      });
    },
  );

  app.post(
    '/assignments/:id/heartbeat',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['annotation'],
        summary:
          'Say you are still working: keeps your leases from being re-routed as idle and extends this one',
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({ assignment: z.object({ id: z.string(), expiresAt: z.string() }) }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return { assignment: await touchAssignment(ctx, auth.user.id, request.params.id) };
    },
  );

  app.post(
    '/assignments/:id/release',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['annotation'],
        summary: 'Give a leased item back (skip), with a reason',
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.enum(RELEASE_REASONS).default('skip') }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await releaseAssignment(ctx, auth.user.id, request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );
};

export default assignmentsRoutes;
