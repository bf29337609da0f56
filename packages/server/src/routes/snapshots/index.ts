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
import {
  authoriseOriginalExport,
  originalSpansExport,
} from '../../snapshots/spans-original-export.js';
import {
  TRAINING_FORMATS,
  trainingOptionsSchema,
  type TrainingOptions,
} from '../../snapshots/training-export.js';
import { errorResponses } from '../error-responses.js';

interface ManifestFiles {
  readonly training?: TrainingOptions;
  readonly files?: readonly {
    format: string;
    annotations: boolean;
    field?: string;
    dimension?: string;
    sha256: string;
  }[];
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
        body: z
          .object({
            /** How the training files (DPO pairs…) treat ties and low agreement. */
            training: trainingOptionsSchema.optional(),
          })
          .strict()
          .nullish(),
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
      return reply
        .code(201)
        .send(await buildSnapshot(ctx, auth.user.id, project.id, request.body?.training));
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
        summary:
          'Download a snapshot (streamed) as JSONL, CSV, or a training file the project’s fields allow: dpo, reward, prm, chat, redteam, spans (JSONL, code-point offsets), conll (BIO); its SHA-256 is in the manifest. original=1 (spans, conll of a PHI project, holders of phi:reveal, audited): on the original text',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          format: z.enum(['jsonl', 'csv', ...TRAINING_FORMATS]).default('jsonl'),
          annotations: z.enum(['true', 'false']).default('false'),
          /** For a training file: the field it reads (default: the first that has one). */
          field: z.string().max(64).optional(),
          /** For a DPO file: one dimension's preferences instead of the overall ones. */
          dimension: z.string().max(64).optional(),
          /**
           * spans and conll of a PHI project: the original text from the vault, offsets mapped
           * back (holders of phi:reveal; audited as phi.export; not in the manifest).
           */
          original: z.enum(['0', '1', 'true', 'false']).optional(),
        }),
        response: { 200: z.unknown(), ...errorResponses(400, 401, 403, 404, 409, 410, 503) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { snapshot, project } = await loadSnapshot(ctx, auth.user, request.params.id);
      const withAnnotations = request.query.annotations === 'true';
      const config = parseConfig(project);
      const manifest = JSON.parse(snapshot.manifest) as ManifestFiles;
      const { field, dimension } = request.query;
      const format = exportFormats(config, manifest.training).find(
        (f) =>
          f.format === request.query.format &&
          f.annotations === withAnnotations &&
          (field === undefined || f.training?.field === field) &&
          f.training?.dimension === dimension,
      );
      if (!format) {
        if (withAnnotations)
          throw new ConcordError(
            'CONCORD_ERR_VALIDATION',
            'querystring.annotations: only JSONL carries the individual annotations',
            [{ path: 'querystring.annotations', message: 'only with format=jsonl' }],
          );
        const offered = (manifest.files ?? [])
          .filter((f) => f.format === request.query.format)
          .map((f) => [f.field, f.dimension].filter((x) => x !== undefined).join('.'));
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          offered.length === 0
            ? `querystring.format: this project's fields give no ${request.query.format} file (the manifest lists the files there are)`
            : `querystring.field: no ${request.query.format} file for ${[field, dimension].filter((x) => x !== undefined).join('.')}; there is one for ${offered.join(', ')}`,
          [
            {
              path: offered.length === 0 ? 'querystring.format' : 'querystring.field',
              message: 'no such file in this snapshot',
            },
          ],
        );
      }
      const training = format.training;
      const original = request.query.original === '1' || request.query.original === 'true';
      if (
        original &&
        (training === undefined || (training.format !== 'spans' && training.format !== 'conll'))
      )
        throw new ConcordError(
          'CONCORD_ERR_VALIDATION',
          'querystring.original: only with format=spans or format=conll',
          [{ path: 'querystring.original', message: 'only with format=spans or format=conll' }],
        );
      const vault =
        original && training
          ? await authoriseOriginalExport(ctx, auth.user, {
              projectId: project.id,
              config,
              snapshotId: snapshot.id,
              format: training.format as 'spans' | 'conll',
              field: training.field,
            })
          : null;
      const name = `${project.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60)}-v${snapshot.version}${withAnnotations ? '-annotations' : ''}${training ? `-${training.format}-${training.field}${training.dimension ? `-${training.dimension}` : ''}` : ''}${vault ? '-original' : ''}.${format.format === 'csv' ? 'csv' : format.format === 'conll' ? 'conll' : 'jsonl'}`;
      void reply.header(
        'content-type',
        format.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : format.format === 'conll'
            ? 'text/plain; charset=utf-8'
            : 'application/x-ndjson; charset=utf-8',
      );
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      // The file's SHA-256 from the manifest (RFC 9530), before the first byte: a client can check
      // the download as it streams without fetching the manifest.
      const file = manifest.files?.find(
        (f) =>
          f.format === format.format &&
          f.annotations === format.annotations &&
          f.field === training?.field &&
          f.dimension === training?.dimension,
      );
      if (vault && training) {
        const spansField = config.fields.find((f) => f.name === training.field);
        if (spansField?.type !== 'spans') throw new Error(`${training.field} is not a spans field`);
        return reply.send(
          Readable.from(
            originalSpansExport(ctx.db, vault, {
              projectId: project.id,
              snapshotId: snapshot.id,
              field: spansField,
              format: training.format as 'spans' | 'conll',
            }),
          ),
        );
      }
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
