import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { projectQuality } from '../../quality/project-quality.js';
import { errorResponses } from '../error-responses.js';

const qualityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/quality',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['quality'],
        summary:
          'Live quality: agreement per field and label, over time, per annotator (gold accuracy, drift, fatigue) and alerts (managers and reviewers)',
        params: z.object({ id: z.string() }),
        response: {
          200: z
            .unknown()
            .describe(
              '{ agreement: { krippendorff_alpha, percent_agreement, fleiss_kappa, gwet_ac1, perLabel, disagreement, overTime, … }, fields: [...], annotators: [{ userId, annotations, goldAccuracy, agreementWithConsensus, medianActiveMs, drift, fatigue }], adjudication, alerts }',
            ),
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
      return projectQuality(ctx, project);
    },
  );
};

export default qualityRoutes;
