import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ProjectConfig } from '@concord/core/config';
import { deidentifyRecord, mapFromOriginal, type Replacement } from '@concord/core/deid';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import type { OnImportItems, RowProblem } from '../commands/import-items.js';
import { openingVault, projectSecret, requireVault, sealRecord } from './records.js';

/*
 * Importing into a PHI project: every accepted row is de-identified before it is stored, so
 * `items` (what annotators are served) holds only surrogates; the original data and meta and
 * where each identifier was replaced are sealed into the vault, one row per item. Nothing of
 * the original reaches the audit log or an error message.
 */

export interface PhiImport {
  /** Wraps the import's store: the rows it hands on are de-identified, their originals sealed. */
  wrap(store: OnImportItems): OnImportItems;
  /** Writes the sealed originals; call once the items are stored (the vault refers to them). */
  write(trx: Transaction<DB>, now: string): Promise<number>;
  /** What the `items.import` event records for a PHI import (its digest is of the stored rows). */
  auditFields(): { readonly sha256: string; readonly phi: Record<string, unknown> };
}

const VAULT_ROWS_PER_INSERT = 200;

/**
 * Readies an import into a PHI project: the vault (refused without one) and the project's
 * surrogate secret (made on its first import). Call before the import's transaction.
 */
export async function preparePhiImport(
  ctx: AppContext,
  projectId: string,
  projectConfig: ProjectConfig,
  actorId: string,
): Promise<PhiImport> {
  const config = projectConfig.phi;
  if (!config) throw new Error(`project ${projectId} is not a PHI project`);
  const spansFields = projectConfig.fields.flatMap((f) =>
    f.type === 'spans' ? [{ name: f.name, source: f.source }] : [],
  );
  const textFields = projectConfig.fields.flatMap((f) => (f.type === 'text' ? [f.name] : []));
  const vault = requireVault(ctx);
  const secret = await openingVault(() => projectSecret(ctx, vault, projectId, actorId));
  const sealed: { item_id: string; sealed: string }[] = [];
  // SHA-256 of the rows as stored (de-identified data and meta, one JSON line each).
  const digest = createHash('sha256');
  let replaced = 0;
  return {
    wrap: (store) => async (columns, first) => {
      for (let i = 0; i < columns.data.length; i++) {
        // The row checks made data an object, and meta an object when given.
        const data = JSON.parse(columns.data[i]!) as Record<string, unknown>;
        const meta = JSON.parse(columns.meta[i]!) as Record<string, unknown>;
        let result: ReturnType<typeof deidentifyRecord>;
        try {
          result = deidentifyRecord(data, meta, { secret, config });
        } catch (error) {
          // The detectors' message may quote the text: only its kind leaves.
          throw new ConcordError(
            'CONCORD_ERR_VALIDATION',
            `accepted row ${first + i}: de-identification failed (${error instanceof Error ? error.name : 'error'}); nothing was stored`,
          );
        }
        const itemId = columns.id[i]!;
        columns.data[i] = JSON.stringify(result.data);
        columns.meta[i] = JSON.stringify(result.meta);
        const gold = columns.gold[i];
        if (
          gold !== null &&
          gold !== undefined &&
          (spansFields.length > 0 || textFields.length > 0)
        )
          columns.gold[i] = JSON.stringify(
            goldTextDeidentified(
              goldOnSurrogates(JSON.parse(gold), spansFields, result.replacements),
              textFields,
              meta,
              { secret, config },
            ),
          );
        digest.update(`${columns.data[i]}\t${columns.meta[i]}\n`);
        for (const list of Object.values(result.replacements)) replaced += list.length;
        sealed.push({
          item_id: itemId,
          sealed: sealRecord(vault, projectId, itemId, {
            data,
            meta,
            replacements: result.replacements,
            patient: result.patient,
          }),
        });
      }
      await store(columns, first);
    },
    async write(trx, now) {
      for (let i = 0; i < sealed.length; i += VAULT_ROWS_PER_INSERT)
        await trx
          .insertInto('phi_vault')
          .values(
            sealed.slice(i, i + VAULT_ROWS_PER_INSERT).map((row) => ({
              ...row,
              project_id: projectId,
              key_id: vault.keyId,
              created_at: now,
            })),
          )
          .execute();
      return sealed.length;
    },
    auditFields: () => ({
      sha256: digest.copy().digest('hex'),
      phi: { sealed: sealed.length, replaced, keyId: vault.keyId, digestOf: 'de-identified rows' },
    }),
  };
}

/**
 * A gold answer's spans moved from the original text onto the de-identified one (a span
 * boundary inside a replaced identifier moves to the surrogate's bounds), so gold scoring
 * compares offsets on the text annotators see.
 */
export function goldOnSurrogates(
  gold: unknown,
  spansFields: readonly { readonly name: string; readonly source: string }[],
  replacements: Readonly<Record<string, readonly Replacement[]>>,
): unknown {
  if (typeof gold !== 'object' || gold === null || Array.isArray(gold)) return gold;
  const out: Record<string, unknown> = { ...(gold as Record<string, unknown>) };
  for (const field of spansFields) {
    const spans = out[field.name];
    const moved = replacements[field.source];
    if (!Array.isArray(spans) || !moved || moved.length === 0) continue;
    out[field.name] = spans.map((span: unknown) => {
      if (typeof span !== 'object' || span === null) return span;
      const { start, end } = span as { start?: unknown; end?: unknown };
      if (typeof start !== 'number' || typeof end !== 'number') return span;
      return { ...span, ...mapFromOriginal(moved, start, end) };
    });
  }
  return out;
}

/**
 * A gold answer's free-text values de-identified like the record (reviewers and managers read
 * gold; a model answer may name the patient). Text is never scored automatically, so nothing
 * is compared against these; choices, ratings and spans are left as they are.
 */
export function goldTextDeidentified(
  gold: unknown,
  textFields: readonly string[],
  meta: Record<string, unknown>,
  opts: Parameters<typeof deidentifyRecord>[2],
): unknown {
  if (typeof gold !== 'object' || gold === null || Array.isArray(gold)) return gold;
  const texts = Object.fromEntries(
    textFields.flatMap((name) => {
      const value = (gold as Record<string, unknown>)[name];
      return typeof value === 'string' ? [[name, value]] : [];
    }),
  );
  if (Object.keys(texts).length === 0) return gold;
  // Over the text values alone: same secret and patient, so the same surrogates and date offset.
  const config = { ...opts.config, fields: undefined };
  return { ...gold, ...deidentifyRecord(texts, meta, { ...opts, config }).data };
}

/** Messages of the row checks that never quote the row's values. */
const SAFE_MESSAGES = new Set([
  'expected an object {"data": {...}, "meta": {...}, "gold": {...}}',
  'data: required, a non-empty object',
  'meta: must be an object',
  'priority: must be a whole number (higher is served first)',
  'qualification: must be true or false',
  'qualification: a qualification item needs a gold answer',
]);

const WITHHELD =
  'not valid (the reason is not shown: it may quote the record, and this project holds PHI)';

/**
 * A row problem of a PHI project as it may be shown: the line and the field, but no message that
 * could quote the record (a JSON parser's or a validator's, which echo the text they choke on).
 */
export function withheldProblem(problem: RowProblem): RowProblem {
  if (SAFE_MESSAGES.has(problem.message)) return problem;
  const field = /^([A-Za-z0-9_.[\]-]{1,100}): /.exec(problem.message)?.[1];
  if (field && /^(data|meta|gold|priority|qualification)\b/.test(field))
    return { line: problem.line, message: `${field}: ${WITHHELD}` };
  return { line: problem.line, message: `the row is ${WITHHELD}` };
}
