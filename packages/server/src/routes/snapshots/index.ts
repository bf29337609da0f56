import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth, type AuthenticatedUser } from '../../auth/access.js';
import { requireProjectRole } from '../../auth/project-access.js';
import { BUILDING_MANIFEST, buildSnapshot } from '../../commands/build-snapshot.js';
import { parseConfig } from '../../presenters/project.js';
import { exportFormats, snapshotExport } from '../../snapshots/export-format.js';
import { errorResponses } from '../error-responses.js';

interface ManifestFiles {
  readonly files?: readonly { format: string; annotations: boolean; sha256: string }[];
}

async function loadSnapshot(ctx: AppContext, user: AuthenticatedUser, id: string) {
  const snapshot = await ctx.db
    .selectFrom('snapshots')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!snapshot) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No snapshot ${id}`);
  const { project } = await requireProjectRole(ctx, user, snapshot.project_id, [
    'manager',
    'reviewer',
  ]);
  if (snapshot.manifest === BUILDING_MANIFEST)
    throw new ConcordError(
      'CONCORD_ERR_CONFLICT',
      `Snapshot ${id} (version ${snapshot.version}) is still being built; it can be read once the request that creates it has answered`,
    );
  return { snapshot, project };
}

const snapshotsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/projects/:id/snapshots',
    {
      config: { access: ['admin', 'member'] },
      schema: {
        tags: ['snapshots'],
        summary:
          'Freeze the final labels into a new, numbered snapshot with its manifest (managers)',
        params: z.object({ id: z.string() }),
        response: {
          201: z.object({ id: z.string(), version: z.number().int() }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { project } = await requireProjectRole(ctx, auth.user, request.params.id, ['manager'], {
        write: true,
      });
      return reply.code(201).send(await buildSnapshot(ctx, auth.user.id, project.id));
    },
  );

  app.get(
    '/projects/:id/snapshots',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['snapshots'],
        summary: 'Snapshots of a project, newest first',
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({
            snapshots: z.array(
              z.object({
                id: z.string(),
                version: z.number().int(),
                createdAt: z.string(),
                createdBy: z.string(),
                items: z.number().int(),
              }),
            ),
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await requireProjectRole(ctx, auth.user, request.params.id, ['manager', 'reviewer']);
      const rows = await ctx.db
        .selectFrom('snapshots')
        .select(['id', 'version', 'created_at', 'created_by', 'items'])
        .where('project_id', '=', request.params.id)
        .where('manifest', '!=', BUILDING_MANIFEST)
        .orderBy('version', 'desc')
        .limit(200)
        .execute();
      return {
        snapshots: rows.map((r) => ({
          id: r.id,
          version: Number(r.version),
          createdAt: r.created_at,
          createdBy: r.created_by,
          items: Number(r.items),
        })),
      };
    },
  );

  app.get(
    '/snapshots/:id/manifest',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['snapshots'],
        summary:
          'Lineage of a snapshot: project, versions, annotators, agreement and the SHA-256 of every export file',
        params: z.object({ id: z.string() }),
        response: { 200: z.unknown(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { snapshot } = await loadSnapshot(ctx, auth.user, request.params.id);
      return JSON.parse(snapshot.manifest) as unknown;
    },
  );

  app.get(
    '/snapshots/:id/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['snapshots'],
        summary: 'Download a snapshot as JSONL or CSV (streamed); its SHA-256 is in the manifest',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          format: z.enum(['jsonl', 'csv']).default('jsonl'),
          annotations: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: z.unknown(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { snapshot, project } = await loadSnapshot(ctx, auth.user, request.params.id);
      const withAnnotations = request.query.annotations === 'true';
      const format = exportFormats().find(
        (f) => f.format === request.query.format && f.annotations === withAnnotations,
      );
      if (!format)
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          'querystring.annotations: only JSONL carries the individual annotations',
          [{ path: 'querystring.annotations', message: 'only with format=jsonl' }],
        );
      const config = parseConfig(project);
      const name = `${project.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60)}-v${snapshot.version}${withAnnotations ? '-annotations' : ''}.${format.format}`;
      void reply.header(
        'content-type',
        format.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      );
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      // The file's SHA-256 from the manifest (RFC 9530), before the first byte: a client can check
      // the download as it streams without fetching the manifest.
      const file = (JSON.parse(snapshot.manifest) as ManifestFiles).files?.find(
        (f) => f.format === format.format && f.annotations === format.annotations,
      );
      if (file?.sha256)
        void reply.header(
          'repr-digest',
          `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
        );
      return reply.send(Readable.from(snapshotExport(ctx.db, snapshot.id, config, format)));
    },
  );
};

export default snapshotsRoutes;
