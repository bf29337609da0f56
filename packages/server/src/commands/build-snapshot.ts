import { createHash } from 'node:crypto';
import { dawidSkene, type DawidSkeneResult } from '@concord/core/aggregation';
import { ratingTable, type Label } from '@concord/core/agreement';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { newId } from '../ids.js';
import { manifestConfig } from '../phi/manifest-summary.js';
import { parseConfig, parsePolicy } from '../presenters/project.js';
import { agreementKeys, hasExtract } from '../quality/agreement-keys.js';
import { projectQuality } from '../quality/project-quality.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../snapshots/training-export.js';
import {
  exportFormats,
  exportQuery,
  serializeStoredRow,
  storeRow,
  yieldToEventLoop,
  type ExportRow,
} from '../snapshots/export-format.js';

/** A stable pseudonym for an annotator within a project: the same person, the same id, no name. */
export function pseudonym(projectId: string, userId: string): string {
  return `annotator-${createHash('sha256').update(`${projectId}:${userId}`).digest('hex').slice(0, 10)}`;
}

/**
 * Items per batch. Each batch is a few statements (items with their decisions, their annotations,
 * one multi-row insert); on SQLite other requests get the one connection between batches, so a
 * snapshot of a million items never holds the server for more than one batch (~20 ms).
 */
const PAGE = 1000;

/** A snapshot whose manifest is still empty is being built: not listed, not exported. */
export const BUILDING_MANIFEST = '{}';

/**
 * Freezes the final labels of a project's production items into a numbered snapshot: each item's
 * data, final value, how it was decided (majority, Dawid–Skene, adjudication, or undecided), its
 * confidence, and every annotation under a pseudonymous annotator id. The manifest records the
 * lineage — guideline and taxonomy versions, annotators with their gold accuracy, the agreement
 * report — and the SHA-256 of every export file, computed from the same bytes the export streams.
 *
 * The rows are written in batches, and the snapshot stays invisible (its manifest empty) until
 * a last transaction writes the manifest and the `snapshot.create` audit event; it is deleted if
 * building fails. On PostgreSQL the batches share one repeatable-read transaction, so the
 * snapshot is of one moment. On SQLite, which has one connection, each batch stands alone and the
 * event loop is let go between batches, so a million items do not stop every annotator for a
 * minute; each item's row is read at once, and a label decided while the snapshot is being built
 * is in it if its batch was not read yet.
 */
export async function buildSnapshot(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  /** How the training files treat ties and low agreement (recorded in the manifest). */
  training: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): Promise<{ id: string; version: number }> {
  const project = await ctx.db
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${projectId}`);
  const config = parseConfig(project);
  const policy = parsePolicy(project);
  const quality = await projectQuality(ctx, project);
  // Dawid–Skene works on a whole field's single label: a single-choice field, or a rating
  // without dimensions (its result replaces the field's value, so no part of a value).
  const primary = agreementKeys(config)
    .filter(hasExtract)
    .find((k) => k.kind === 'choice' || (k.kind === 'rating' && k.dimension === null));

  // Dawid–Skene over the primary field, when the policy asks for it (adjudications still win).
  let ds: { result: DawidSkeneResult<Label>; index: Map<string, number> } | null = null;
  if (policy.aggregation === 'dawid-skene' && primary) {
    const rows = await ctx.db
      .selectFrom('annotations as a')
      .innerJoin('items as i', 'i.id', 'a.item_id')
      .select(['a.item_id', 'a.user_id', 'a.value', 'a.revision'])
      .where('a.project_id', '=', projectId)
      .where('i.kind', '=', 'production')
      .where('a.counted', '=', 1)
      .orderBy('a.revision')
      .execute();
    const latest = new Map<string, { item: string; annotator: string; value: Label | null }>();
    for (const r of rows)
      latest.set(`${r.item_id}|${r.user_id}`, {
        item: r.item_id,
        annotator: r.user_id,
        value: primary.extract(JSON.parse(r.value) as Record<string, unknown>),
      });
    if (latest.size > 0) {
      const result = dawidSkene(ratingTable([...latest.values()], { levels: primary.levels }));
      ds = { result, index: new Map(result.items.map((item, u) => [String(item), u])) };
    }
  }

  const id = newId('snp');
  const now = ctx.now().toISOString();
  // The row first (snapshot items reference it), empty until the manifest is written at the end.
  const version = await ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('snapshots')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    const next = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('snapshots')
      .values({
        id,
        project_id: projectId,
        version: next,
        created_by: actorId,
        created_at: now,
        items: 0,
        manifest: BUILDING_MANIFEST,
      })
      .execute();
    return next;
  });
  try {
    const hashes = exportFormats(config, training).map((format) => ({
      ...format,
      hash: createHash('sha256'),
      bytes: 0,
      rows: 0,
    }));
    for (const h of hashes) {
      const header = h.header?.(config);
      if (header) {
        h.hash.update(header);
        h.bytes += Buffer.byteLength(header);
      }
    }
    const counts = { total: 0, majority: 0, 'dawid-skene': 0, adjudication: 0, undecided: 0 };
    const guidelineVersions = new Set<number>();
    const taxonomyVersions = new Set<number>();
    const annotators = new Map<string, number>();
    const pseudonyms = new Map<string, string>();
    const pseudonymOf = (userId: string) => {
      let name = pseudonyms.get(userId);
      if (name === undefined) pseudonyms.set(userId, (name = pseudonym(projectId, userId)));
      return name;
    };
    // On PostgreSQL one repeatable-read transaction: every row as of one moment, and other
    // writers are not held (nothing they touch is locked). On SQLite a transaction would hold the
    // only connection for the whole build, so each batch stands alone.
    const fill = async (db: Kysely<DB>) => {
      const last = await db
        .selectFrom('items')
        .select((eb) => eb.fn.max('ord').as('ord'))
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      const end = Number(last?.ord ?? 0);
      // Windows of `ord` rather than `ord > after … limit`, for the reason snapshotExport gives.
      for (let after = 0; after < end; after += PAGE) {
        const items = await db
          .selectFrom('items as i')
          .leftJoin('decisions as d', 'd.item_id', 'i.id')
          .select(['i.id', 'i.ord', 'i.data', 'd.value', 'd.method', 'd.confidence', 'd.status'])
          .where('i.project_id', '=', projectId)
          .where('i.kind', '=', 'production')
          .where('i.ord', '>', after)
          .where('i.ord', '<=', after + PAGE)
          .orderBy('i.ord')
          .execute();
        if (items.length === 0) continue;
        const notes = await db
          .selectFrom('annotations')
          .select([
            'item_id',
            'user_id',
            'value',
            'revision',
            'counted',
            'guideline_version',
            'taxonomy_version',
            'active_ms',
            'created_at',
          ])
          // With the project, the (project_id, item_id) index finds them; without, a full scan per batch.
          .where('project_id', '=', projectId)
          .where(
            'item_id',
            'in',
            items.map((i) => i.id),
          )
          .orderBy('created_at')
          .execute();
        const notesByItem = new Map<string, typeof notes>();
        for (const n of notes) {
          const own = notesByItem.get(n.item_id);
          if (own) own.push(n);
          else notesByItem.set(n.item_id, [n]);
        }
        const rows = items.map((item) => {
          let value: Record<string, unknown> | null =
            item.status === 'decided' && item.value
              ? (JSON.parse(item.value) as Record<string, unknown>)
              : null;
          let method = value ? item.method! : 'undecided';
          let confidence = value ? Number(item.confidence) : null;
          const u = ds?.index.get(item.id);
          if (ds && primary && u !== undefined && item.method !== 'adjudication') {
            value = { ...(value ?? {}), [primary.field]: ds.result.labels[u] };
            method = 'dawid-skene';
            confidence = ds.result.confidence[u]!;
          }
          counts.total += 1;
          counts[method as keyof typeof counts] += 1;
          const own = notesByItem.get(item.id) ?? [];
          for (const n of own) {
            guidelineVersions.add(Number(n.guideline_version));
            taxonomyVersions.add(Number(n.taxonomy_version));
            annotators.set(n.user_id, (annotators.get(n.user_id) ?? 0) + 1);
          }
          const row: ExportRow = {
            itemId: item.id,
            ord: Number(item.ord),
            data: JSON.parse(item.data) as unknown,
            value,
            method,
            confidence,
            annotations: own.map((n) => ({
              annotator: pseudonymOf(n.user_id),
              value: JSON.parse(n.value) as unknown,
              revision: Number(n.revision),
              counted: Number(n.counted) === 1,
              guidelineVersion: Number(n.guideline_version),
              taxonomyVersion: Number(n.taxonomy_version),
              activeMs: Number(n.active_ms),
              createdAt: n.created_at,
            })),
          };
          return { ord: row.ord, stored: storeRow(row) };
        });
        await db
          .insertInto('snapshot_items')
          .values(rows.map((r) => ({ snapshot_id: id, ord: r.ord, ...r.stored })))
          .execute();
        // The hashes from the stored texts: the bytes every later download is written from.
        for (const h of hashes) {
          let chunk = '';
          for (const r of rows) chunk += serializeStoredRow(h, config, r.stored);
          h.hash.update(chunk);
          h.bytes += Buffer.byteLength(chunk);
          h.rows += rows.length;
        }
        await yieldToEventLoop();
      }
    };
    if (ctx.dialect === 'postgres')
      await ctx.db.transaction().setIsolationLevel('repeatable read').execute(fill);
    else await fill(ctx.db);
    const goldByUser = new Map(quality.annotators.map((a) => [a.userId, a]));
    const manifest = {
      project: {
        id: project.id,
        name: project.name,
        config: manifestConfig(config, ctx.vault ?? null),
        policy,
      },
      snapshot: { id, version, createdAt: now, createdBy: actorId },
      items: counts,
      guidelineVersions: [...guidelineVersions].sort((a, b) => a - b),
      taxonomyVersions: [...taxonomyVersions].sort((a, b) => a - b),
      currentGuidelineVersion: Number(project.guideline_version),
      currentTaxonomyVersion: Number(project.taxonomy_version),
      annotators: [...annotators].map(([userId, n]) => ({
        id: pseudonym(projectId, userId),
        annotations: n,
        goldAccuracy: goldByUser.get(userId)?.goldAccuracy ?? null,
      })),
      agreement: {
        threshold: quality.threshold,
        fields: quality.fields.map(
          ({ perLabel, disagreement: _disagreement, overTime: _overTime, ...f }) => ({
            ...f,
            perLabel,
          }),
        ),
        adjudication: quality.adjudication,
      },
      training,
      files: hashes.map((h) => ({
        format: h.format,
        annotations: h.annotations,
        ...(h.training ? { field: h.training.field } : {}),
        ...(h.training?.dimension !== undefined ? { dimension: h.training.dimension } : {}),
        path: `/api/snapshots/${id}/export?${exportQuery(h)}`,
        rows: h.rows,
        bytes: h.bytes,
        sha256: h.hash.digest('hex'),
      })),
    };
    await inTransaction(ctx, async (trx, audit) => {
      await trx
        .updateTable('snapshots')
        .set({ items: counts.total, manifest: JSON.stringify(manifest) })
        .where('id', '=', id)
        .execute();
      await audit({
        actorId,
        action: 'snapshot.create',
        entityType: 'snapshot',
        entityId: id,
        payload: {
          projectId,
          version,
          items: counts,
          files: manifest.files.map(({ path: _path, rows: _rows, bytes: _bytes, ...f }) => f),
        },
      });
    });
    return { id, version };
  } catch (error) {
    // Its rows go with it (on delete cascade); the version number is free again.
    await ctx.db
      .deleteFrom('snapshots')
      .where('id', '=', id)
      .execute()
      .catch(() => undefined);
    throw error;
  }
}
