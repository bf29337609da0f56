import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';

export const VERSION = '0.1.0';

const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and the database in use',
        response: {
          200: z.object({
            status: z.literal('ok'),
            db: z.enum(['sqlite', 'postgres']),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, db: ctx.dialect, version: VERSION };
    },
  );
};

export default healthRoutes;
