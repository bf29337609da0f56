import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { toStoredEvent, verifyAuditLog } from '../../audit/audit-log.js';
import { auditEventSchema, presentAuditEvent } from '../../presenters/audit-event.js';
import { pageFields, pageQuery } from '../../presenters/pagination.js';
import { errorResponses } from '../error-responses.js';

const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/audit',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first (paginated, filterable)',
        querystring: z.object({
          ...pageQuery,
          action: z.string().max(100).optional(),
          actorId: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          seq: z.coerce.number().int().min(1).optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
        }),
        response: {
          200: z.object({ events: z.array(auditEventSchema), ...pageFields }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, offset, action, actorId, entityType, entityId, seq, from, to } = request.query;
      let query = ctx.db.selectFrom('audit_events');
      if (action) query = query.where('audit_events.action', '=', action);
      if (actorId) query = query.where('audit_events.actor_id', '=', actorId);
      if (entityType) query = query.where('audit_events.entity_type', '=', entityType);
      if (entityId) query = query.where('audit_events.entity_id', '=', entityId);
      if (seq !== undefined) query = query.where('audit_events.seq', '=', seq);
      if (from) query = query.where('audit_events.at', '>=', from);
      if (to) query = query.where('audit_events.at', '<', to);
      const [rows, count] = await Promise.all([
        query
          .leftJoin('users', 'users.id', 'audit_events.actor_id')
          .selectAll('audit_events')
          .select('users.email as actor_email')
          .orderBy('audit_events.seq', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        events: rows.map((r) => presentAuditEvent(toStoredEvent(r), r.actor_email)),
        total: Number(count.n),
        limit,
        offset,
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain; names the first event that was altered',
        response: {
          200: z.union([
            z.object({ ok: z.literal(true), events: z.number().int() }),
            z.object({
              ok: z.literal(false),
              events: z.number().int(),
              brokenAt: z.number().int(),
              reason: z.string(),
              message: z.string(),
            }),
          ]),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => verifyAuditLog(ctx.db),
  );
};

export default auditRoutes;
