import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { forgetSecretKeys } from '@concord/core/deid';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { parseConfig } from '../presenters/project.js';

export interface VaultPurge {
  /** Vault rows deleted. */
  readonly rows: number;
  /**
   * SHA-256 (hex) over the deleted rows in item-id order, one line each:
   * `<item id>\t<SHA-256 hex of its sealed text>\n` — proof of exactly what was destroyed,
   * checkable against a backup without holding any PHI.
   */
  readonly digest: string;
  /** Whether the project's surrogate secret was destroyed too (a full purge). */
  readonly secretDestroyed: boolean;
}

const CHUNK = 1000;

/**
 * Deletes a project's vault rows and records `phi.vault.purge` in the same transaction, with
 * the row count and the {@link VaultPurge.digest} proof. A full purge (`olderThan` absent) also
 * destroys the surrogate secret — crypto-shredding: the surrogates left in the items can no
 * longer be linked to anything. A retention purge (`olderThan`) deletes rows sealed before that
 * instant and keeps the secret, so later imports keep their surrogates consistent.
 */
export async function purgeVault(
  ctx: AppContext,
  actorId: string | null,
  projectId: string,
  options: {
    readonly reason: string;
    readonly olderThan?: string;
    readonly retentionDays?: number;
  },
): Promise<VaultPurge> {
  const purge = await inTransaction(ctx, async (trx, audit) => {
    const digest = createHash('sha256');
    let rows = 0;
    let after = '';
    for (;;) {
      let query = trx
        .selectFrom('phi_vault')
        .select('item_id')
        .where('project_id', '=', projectId)
        .where('item_id', '>', after);
      if (options.olderThan !== undefined)
        query = query.where('created_at', '<', options.olderThan);
      const chunk = await query.orderBy('item_id').limit(CHUNK).execute();
      if (chunk.length === 0) break;
      // The proof is over the rows this statement deleted (a concurrent purge may have taken some).
      const deleted = await trx
        .deleteFrom('phi_vault')
        .where('project_id', '=', projectId)
        .where(
          'item_id',
          'in',
          chunk.map((r) => r.item_id),
        )
        .returning(['item_id', 'sealed'])
        .execute();
      deleted.sort((a, b) => (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0));
      for (const row of deleted)
        digest.update(`${row.item_id}\t${createHash('sha256').update(row.sealed).digest('hex')}\n`);
      rows += deleted.length;
      after = chunk[chunk.length - 1]!.item_id;
    }
    let secretDestroyed = false;
    if (options.olderThan === undefined) {
      const deleted = await trx
        .deleteFrom('phi_secrets')
        .where('project_id', '=', projectId)
        .returning('project_id')
        .executeTakeFirst();
      secretDestroyed = deleted !== undefined;
    }
    const result = { rows, digest: digest.digest('hex'), secretDestroyed };
    await audit({
      actorId,
      action: 'phi.vault.purge',
      entityType: 'project',
      entityId: projectId,
      payload: {
        ...result,
        scope: options.olderThan === undefined ? 'all' : 'retention',
        reason: options.reason,
        ...(options.olderThan !== undefined ? { sealedBefore: options.olderThan } : {}),
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      },
    });
    return result;
  });
  // SQLite overwrites the deleted rows in the database file (secure_delete), but the WAL still
  // holds the pages as they were until a checkpoint: copy the zeroed pages back and empty it.
  if (ctx.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
  // The HMAC keys prepared for imports hold the secret too: none outlives its destruction.
  if (purge.secretDestroyed) forgetSecretKeys();
  return purge;
}

/**
 * Applies every PHI project's `retentionDays`: purges vault rows sealed longer ago than that
 * (a retention purge, audited like a manual one, by no actor). Projects with nothing expired
 * write nothing. Returns the purges made.
 */
export async function purgeExpiredVaults(
  ctx: AppContext,
): Promise<{ readonly projectId: string; readonly purge: VaultPurge }[]> {
  const projects = await ctx.db
    .selectFrom('projects')
    .select(['id', 'config'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('phi_vault as v')
          .select('v.item_id')
          .whereRef('v.project_id', '=', 'projects.id'),
      ),
    )
    .execute();
  const done: { projectId: string; purge: VaultPurge }[] = [];
  for (const project of projects) {
    const retentionDays = parseConfig(project).phi?.retentionDays;
    if (retentionDays === undefined) continue;
    const olderThan = new Date(ctx.now().getTime() - retentionDays * 86_400_000).toISOString();
    const expired = await ctx.db
      .selectFrom('phi_vault')
      .select('item_id')
      .where('project_id', '=', project.id)
      .where('created_at', '<', olderThan)
      .executeTakeFirst();
    if (!expired) continue;
    const purge = await purgeVault(ctx, null, project.id, {
      reason: `retention: originals are kept ${retentionDays} days`,
      olderThan,
      retentionDays,
    });
    done.push({ projectId: project.id, purge });
  }
  return done;
}
