import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { PROJECT_PERMISSIONS, type ProjectPermission } from '../../db/schema.js';
import { credentialSchema, deidConfigSchema } from '@concord/core/config';
import { parseConfig } from '../../presenters/project.js';
import { errorResponses } from '../error-responses.js';
import {
  buildComplianceReport,
  grantPermission,
  listPermissions,
  purgeVault,
  renderComplianceHtml,
  revealItem,
  revokePermission,
} from '../../phi/index.js';
import { updatePhiSettings } from '../../phi/settings.js';
import { vaultStatus } from '../../phi/vault-status.js';

const permissionSchema = z.enum(PROJECT_PERMISSIONS as [ProjectPermission]);

const grantSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  permission: permissionSchema,
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
});

const replacementSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  originalStart: z.number().int(),
  originalEnd: z.number().int(),
  category: z.string(),
  confidence: z.number(),
});

/**
 * Regulated projects (issue 6): `phi:reveal` grants, revealing an original (audited), purging
 * a project's vault, and the compliance report. Managers and admins manage grants and purges;
 * holding `phi:reveal` is never implied by a role, not even admin.
 */
const phiRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/projects/:id/permissions',
    {
      config: { access: ['admin', 'auditor', 'member'] },
      schema: {
        tags: ['phi'],
        summary: "The project's permission grants (phi:reveal)",
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({ permissions: z.array(grantSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await requireProjectRole(ctx, auth.user, request.params.id, ['manager']);
      return { permissions: await listPermissions(ctx.db, request.params.id) };
    },
  );

  app.post(
    '/projects/:id/permissions',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['phi'],
        summary: 'Grant a permission on the project (managers, admins); audited',
        description:
          'Name the person by `userId` or `email`. `phi:reveal` lets them see the originals of a PHI project, one audited reveal at a time. Admins hold it only once granted, like anyone else.',
        params: z.object({ id: z.string() }),
        body: z
          .object({
            userId: z.string().min(1).optional(),
            email: z.string().trim().toLowerCase().email().max(320).optional(),
            permission: permissionSchema,
          })
          .refine((b) => (b.userId === undefined) !== (b.email === undefined), {
            message: 'give either userId or email',
            path: ['userId'],
          }),
        response: {
          201: z.object({ userId: z.string(), permission: permissionSchema, granted: z.boolean() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], { write: true });
      const { email, permission } = request.body;
      const { userId, granted } = await grantPermission(
        ctx,
        auth.user.id,
        request.params.id,
        email === undefined ? request.body.userId! : { email },
        permission,
      );
      return reply.code(201).send({ userId, permission, granted });
    },
  );

  app.delete(
    '/projects/:id/permissions/:userId/:permission',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['phi'],
        summary: 'Take a permission away (managers, admins); audited',
        params: z.object({ id: z.string(), userId: z.string(), permission: permissionSchema }),
        response: {
          200: z.object({ userId: z.string(), permission: permissionSchema, revoked: z.boolean() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { id, userId, permission } = request.params;
      await requireProjectRole(ctx, auth.user, id, ['manager'], { write: true });
      const { revoked } = await revokePermission(ctx, auth.user.id, id, userId, permission);
      return { userId, permission, revoked };
    },
  );

  app.post(
    '/items/:id/reveal',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['phi'],
        summary: 'The original of an item of a PHI project (holders of phi:reveal); audited',
        description:
          'Returns the data and meta as imported and, per field, where each identifier was replaced (offsets in the de-identified and in the original text). Every reveal writes a `phi.reveal` audit event with the item, the fields and the reason. 410 once the vault was purged.',
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.string().trim().min(5).max(1000) }),
        response: {
          200: z.object({
            itemId: z.string(),
            data: z.unknown(),
            meta: z.unknown(),
            replacements: z.record(z.string(), z.array(replacementSchema)),
          }),
          ...errorResponses(400, 401, 403, 404, 409, 410, 503),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return revealItem(ctx, auth.user, request.params.id, request.body.reason);
    },
  );

  app.get(
    '/projects/:id/vault',
    {
      config: { access: ['admin', 'auditor', 'member'] },
      schema: {
        tags: ['phi'],
        summary:
          "The vault's status: sealed originals, keys, the surrogate secret, the latest purge (managers, auditors, admins)",
        description:
          'Counts only, no originals; cheap (no audit-chain verification — the compliance report does that). 409 for a project that is not PHI.',
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({
            records: z.number().int(),
            keyIds: z.array(z.string()),
            keyId: z.string().nullable(),
            secret: z.boolean(),
            lastPurge: z
              .object({
                at: z.string(),
                rows: z.number().int(),
                secretDestroyed: z.boolean(),
                scope: z.enum(['all', 'retention']),
              })
              .nullable(),
          }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager']);
      if (parseConfig(project).phi === undefined)
        throw new ConcordError(
          'CONCORD_ERR_CONFLICT',
          `Project ${project.id} is not a PHI project: it has no vault`,
        );
      return vaultStatus(ctx, project.id);
    },
  );

  app.delete(
    '/projects/:id/vault',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['phi'],
        summary:
          "Purge the project's vault: delete every original and the surrogate secret (managers, admins); audited with a proof",
        description:
          'Crypto-shredding: the sealed originals and the secret the surrogates were derived with are deleted. The `phi.vault.purge` audit event records the row count and a SHA-256 over the deleted rows (item id and SHA-256 of the sealed text, one line each, in item-id order). Reveals answer 410 afterwards.',
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.string().trim().min(5).max(1000) }),
        response: {
          200: z.object({
            rows: z.number().int(),
            digest: z.string(),
            secretDestroyed: z.boolean(),
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], {
        write: true,
      });
      if (parseConfig(project).phi === undefined)
        throw new ConcordError(
          'CONCORD_ERR_CONFLICT',
          `Project ${project.id} is not a PHI project: it has no vault to purge`,
        );
      return purgeVault(ctx, auth.user.id, project.id, { reason: request.body.reason });
    },
  );

  app.put(
    '/projects/:id/phi',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['phi'],
        summary:
          "Change a PHI project's de-identification settings and required credentials (managers, admins); audited",
        description:
          'Validated like the `phi` section of a project config; errors name the field (`body.phi.deny[3].text`). Only for projects that are PHI already: making a project PHI after records were imported in clear, or turning PHI off, is refused (409). Later imports use the new settings; items already imported keep theirs, and the surrogate secret is unchanged, so an identifier keeps its surrogate. The `project.phi.update` audit event lists which keys changed, never the allow, deny, pattern or known-identifier values.',
        params: z.object({ id: z.string() }),
        body: z
          .object({
            phi: deidConfigSchema.nullable(),
            /** Credentials annotators must hold; omitted, left as they are. */
            credentials: z.array(credentialSchema).max(20).optional(),
          })
          .strict(),
        response: {
          200: z.object({ phi: z.unknown(), changed: z.array(z.string()) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], {
        write: true,
      });
      return updatePhiSettings(ctx, auth.user.id, project.id, request.body);
    },
  );

  app.get(
    '/projects/:id/compliance-report',
    {
      config: { access: ['admin', 'auditor', 'member'] },
      schema: {
        tags: ['phi'],
        summary:
          'Compliance report: record access, reveals, grants, credentials, guideline versions, vault, audit-chain verification (managers, auditors, admins)',
        description:
          '`format=html` (default) downloads a self-contained printable document; `format=json` returns the same data. Lists are not paginated but capped (10,000 assignments, 5,000 reveals, 5,000 events of each other kind), each with its total.',
        params: z.object({ id: z.string() }),
        querystring: z.object({ format: z.enum(['html', 'json']).default('html') }),
        response: { 200: z.unknown(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager']);
      const report = await buildComplianceReport(ctx, project, auth.user.email);
      const stamp = report.generatedAt.slice(0, 10);
      if (request.query.format === 'json') return report;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="compliance-${project.id}-${stamp}.html"`,
        )
        .send(renderComplianceHtml(report));
    },
  );
};

export default phiRoutes;
