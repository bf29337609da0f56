import type { Kysely } from 'kysely';
import { mapToOriginal } from '@concord/core/deid';
import { conllRecord, spansRecord, type SnapshotEntry } from '@concord/core/export';
import { spansOf, type ProjectConfig, type SpansField } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { AuthenticatedUser } from '../auth/access.js';
import type { DB } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import {
  canReveal,
  readVaultRecords,
  requireVault,
  type StoredReplacement,
  type Vault,
  type VaultRecord,
} from '../phi/index.js';
import { yieldToEventLoop } from './export-format.js';
import { snapshotEntry } from './training-export.js';

/*
 * Authorised span export of a PHI project (issue 6): the spans and CoNLL files with the original
 * text from the vault and every span's offsets mapped back onto it (a boundary inside a replaced
 * identifier snaps outward to the identifier's original bounds). Only for holders of
 * `phi:reveal`, and audited as `phi.export` before the first byte. Not in the manifest: its
 * bytes carry PHI, and a hash of them would be a fingerprint of the originals.
 */

/** Snapshot rows per page (each page opens its items' vault records). */
const PAGE = 500;

/**
 * Checks that `user` may export the originals of `project`'s spans and records the `phi.export`
 * event (snapshot, format, field — never the PHI). Throws 409 for a project that is not PHI, 403
 * without `phi:reveal`, 503 without a vault key, 410 when the vault holds nothing any more.
 */
export async function authoriseOriginalExport(
  ctx: AppContext,
  user: AuthenticatedUser,
  input: {
    readonly projectId: string;
    readonly config: ProjectConfig;
    readonly snapshotId: string;
    readonly format: 'spans' | 'conll';
    readonly field: string;
  },
): Promise<Vault> {
  const { projectId } = input;
  if (input.config.phi === undefined)
    throw new ConcordError(
      'CONCORD_ERR_CONFLICT',
      `Project ${projectId} is not a PHI project: its spans are already on the text as imported (leave out original=1)`,
    );
  if (!(await canReveal(ctx.db, projectId, user.id)))
    throw new ConcordError(
      'CONCORD_ERR_FORBIDDEN',
      `Exporting spans on the original text needs the phi:reveal permission on project ${projectId}; a manager of the project or an admin grants it`,
    );
  const vault = requireVault(ctx);
  await inTransaction(ctx, async (trx, audit) => {
    const held = await trx
      .selectFrom('phi_vault')
      .select('item_id')
      .where('project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst();
    if (!held)
      throw new ConcordError(
        'CONCORD_ERR_VAULT_PURGED',
        `The vault of project ${projectId} holds no originals (purged, or nothing was imported)`,
      );
    await audit({
      actorId: user.id,
      action: 'phi.export',
      entityType: 'project',
      entityId: projectId,
      payload: { snapshotId: input.snapshotId, format: input.format, field: input.field },
    });
  });
  return vault;
}

/** A value's spans of `field` mapped onto the original text. */
function mapValue(
  field: SpansField,
  value: Readonly<Record<string, unknown>>,
  replacements: readonly StoredReplacement[],
): Record<string, unknown> {
  return {
    ...value,
    [field.name]: spansOf(value[field.name]).map((s) => ({
      ...s,
      ...mapToOriginal(replacements, s.start, s.end),
    })),
  };
}

/** A snapshot entry moved onto the original: its text from the vault, its spans mapped back. */
export function originalEntry(
  field: SpansField,
  entry: SnapshotEntry,
  record: VaultRecord,
): SnapshotEntry {
  const replacements = record.replacements[field.source] ?? [];
  return {
    itemId: entry.itemId,
    data: record.data,
    final: entry.final === null ? null : mapValue(field, entry.final, replacements),
    annotations: entry.annotations.map((a) => mapValue(field, a, replacements)),
  };
}

/**
 * The spans or CoNLL file of a snapshot on the original text, page by page. Items whose original
 * the vault no longer holds are left out.
 */
export async function* originalSpansExport(
  db: Kysely<DB>,
  vault: Vault,
  input: {
    readonly projectId: string;
    readonly snapshotId: string;
    readonly field: SpansField;
    readonly format: 'spans' | 'conll';
  },
): AsyncGenerator<string> {
  const { field } = input;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('snapshot_items')
      .select(['ord', 'item_id', 'data', 'value', 'annotations'])
      .where('snapshot_id', '=', input.snapshotId)
      .where('ord', '>', after)
      .orderBy('ord')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.ord);
    const records = await readVaultRecords(
      db,
      vault,
      input.projectId,
      rows.filter((r) => r.value !== null).map((r) => r.item_id),
    );
    let chunk = '';
    for (const r of rows) {
      const record = records.get(r.item_id);
      if (r.value === null || record === undefined) continue;
      const entry = originalEntry(
        field,
        snapshotEntry(r.item_id, r.data, r.value, r.annotations),
        record,
      );
      if (input.format === 'conll') chunk += conllRecord(field, entry);
      else {
        const line = spansRecord(field, entry);
        if (line !== null) chunk += `${JSON.stringify(line)}\n`;
      }
    }
    if (chunk) yield chunk;
    await yieldToEventLoop();
  }
}
