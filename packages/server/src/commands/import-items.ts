import { createHash } from 'node:crypto';
import { canonicalJson } from '@concord/core/audit';
import { validateAnnotationValue, type ProjectConfig } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { ItemKind } from '../db/schema.js';
import { newId } from '../ids.js';

/** One row to import: the item's data, optional metadata (slices), optional gold answer. */
export interface ImportRow {
  readonly data?: unknown;
  readonly meta?: unknown;
  readonly gold?: unknown;
  readonly priority?: unknown;
  /** With gold: the item belongs to the qualification set new annotators take first. */
  readonly qualification?: unknown;
}

export interface RowProblem {
  /** 1-based position of the row in the file or array. */
  readonly line: number;
  readonly message: string;
}

export interface ImportResult {
  readonly imported: number;
  readonly gold: number;
  readonly qualification: number;
  readonly rejected: readonly RowProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one row against the project's config; returns every problem, each naming the field. */
export function checkImportRow(config: ProjectConfig, row: unknown, line: number): RowProblem[] {
  if (!isObject(row))
    return [{ line, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' }];
  const problems: RowProblem[] = [];
  if (!isObject(row.data) || Object.keys(row.data).length === 0)
    problems.push({ line, message: 'data: required, a non-empty object' });
  if (row.meta !== undefined && !isObject(row.meta))
    problems.push({ line, message: 'meta: must be an object' });
  if (
    row.priority !== undefined &&
    (typeof row.priority !== 'number' ||
      !Number.isInteger(row.priority) ||
      Math.abs(row.priority) > 1_000_000)
  ) {
    problems.push({ line, message: 'priority: must be a whole number (higher is served first)' });
  }
  if (row.qualification !== undefined && typeof row.qualification !== 'boolean')
    problems.push({ line, message: 'qualification: must be true or false' });
  if (row.gold !== undefined && row.gold !== null) {
    for (const issue of validateAnnotationValue(config, row.gold, 'gold'))
      problems.push({ line, message: `${issue.path}: ${issue.message}` });
  } else if (row.qualification === true) {
    problems.push({ line, message: 'qualification: a qualification item needs a gold answer' });
  }
  const known = new Set(['data', 'meta', 'gold', 'priority', 'qualification']);
  for (const key of Object.keys(row))
    if (!known.has(key))
      problems.push({
        line,
        message: `${key}: unknown column (use data, meta, gold, priority, qualification)`,
      });
  return problems;
}

const CHUNK = 500;

/**
 * Imports items after validating every row. Without `skipInvalid`, one bad row refuses the whole
 * import and nothing is stored; with it, the good rows are stored and the bad ones reported. The
 * stored rows and an `items.import` audit event (with the SHA-256 of the accepted rows) are
 * written in one transaction.
 */
export async function importItems(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  config: ProjectConfig,
  rows: readonly unknown[],
  options: { readonly skipInvalid: boolean; readonly source?: string },
): Promise<ImportResult> {
  const rejected: RowProblem[] = [];
  const accepted: ImportRow[] = [];
  rows.forEach((row, i) => {
    const problems = checkImportRow(config, row, i + 1);
    if (problems.length > 0) rejected.push(...problems);
    else accepted.push(row as ImportRow);
  });
  if (rejected.length > 0 && !options.skipInvalid)
    return { imported: 0, gold: 0, qualification: 0, rejected };

  const digest = createHash('sha256');
  let gold = 0;
  let qualification = 0;
  await inTransaction(ctx, async (trx, audit) => {
    const project = await trx
      .selectFrom('projects')
      .select('item_count')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    let ord = Number(project.item_count);
    const now = ctx.now().toISOString();
    for (let start = 0; start < accepted.length; start += CHUNK) {
      const values = accepted.slice(start, start + CHUNK).map((row) => {
        ord += 1;
        const kind: ItemKind =
          row.gold === undefined || row.gold === null
            ? 'production'
            : row.qualification === true
              ? 'qualification'
              : 'gold';
        if (kind === 'gold') gold += 1;
        if (kind === 'qualification') qualification += 1;
        digest.update(canonicalJson(row)).update('\n');
        return {
          id: newId('itm'),
          project_id: projectId,
          ord,
          data: JSON.stringify(row.data),
          meta: JSON.stringify(row.meta ?? {}),
          gold: kind === 'production' ? null : JSON.stringify(row.gold),
          kind,
          priority: (row.priority as number | undefined) ?? 0,
          submitted: 0,
          leased: 0,
          created_at: now,
        };
      });
      await trx.insertInto('items').values(values).execute();
    }
    await trx
      .updateTable('projects')
      .set({ item_count: ord, updated_at: now })
      .where('id', '=', projectId)
      .execute();
    await audit({
      actorId,
      action: 'items.import',
      entityType: 'project',
      entityId: projectId,
      payload: {
        imported: accepted.length,
        gold,
        qualification,
        rejected: rejected.length,
        sha256: digest.digest('hex'),
        source: options.source ?? 'api',
      },
    });
  });
  return { imported: accepted.length, gold, qualification, rejected };
}
