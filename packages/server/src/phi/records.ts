import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Replacement } from '@concord/core/deid';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { DB } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { itemContext, secretContext, VaultError, type Vault } from './vault.js';

/** Where an identifier was replaced in a de-identified string (offsets in code points). */
export type StoredReplacement = Replacement;

/** What the vault keeps of one item: its original data and meta, and where each replacement is. */
export interface VaultRecord {
  readonly data: unknown;
  readonly meta: unknown;
  /** Per field path of `data` (e.g. `text`), the replacements made in it, in order. */
  readonly replacements: Record<string, StoredReplacement[]>;
  /** The patient the record belongs to (its date offset), or null. */
  readonly patient: string | null;
}

type Db = Kysely<DB> | Transaction<DB>;

/** The server's vault, or a clear refusal when it was started without a key. */
export function requireVault(ctx: Pick<AppContext, 'vault'>): Vault {
  if (!ctx.vault)
    throw new ConcordError(
      'CONCORD_ERR_VAULT_UNAVAILABLE',
      'This server has no vault key, so it cannot store or open the originals of a PHI project; start it with a data directory (the key is generated there) or set CONCORD_VAULT_KEY',
    );
  return ctx.vault;
}

/**
 * Runs a vault read, turning a record that does not open (sealed under another key, or altered)
 * into CONCORD_ERR_VAULT_UNAVAILABLE with the reason (key ids only), instead of a bare 500.
 */
export async function openingVault<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof VaultError)
      throw new ConcordError(
        'CONCORD_ERR_VAULT_UNAVAILABLE',
        `The vault cannot open this: ${error.message}`,
      );
    throw error;
  }
}

/** Seals one item's original for the vault (bound to the project and item). */
export function sealRecord(
  vault: Vault,
  projectId: string,
  itemId: string,
  record: VaultRecord,
): string {
  return vault.seal(JSON.stringify(record), itemContext(projectId, itemId));
}

/**
 * The original of an item of a PHI project, opened from the vault; null when the vault holds
 * none for it (purged, or the item was not imported into a PHI project). Throws a
 * {@link VaultError} when the record does not open (another key, or altered).
 */
export async function readVaultRecord(
  db: Db,
  vault: Vault,
  projectId: string,
  itemId: string,
): Promise<VaultRecord | null> {
  const row = await db
    .selectFrom('phi_vault')
    .select('sealed')
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  if (!row) return null;
  return JSON.parse(
    vault.open(row.sealed, itemContext(projectId, itemId)).toString('utf8'),
  ) as VaultRecord;
}

/** {@link readVaultRecord} for many items at once (an export): item id → original; missing ones left out. */
export async function readVaultRecords(
  db: Db,
  vault: Vault,
  projectId: string,
  itemIds: readonly string[],
): Promise<Map<string, VaultRecord>> {
  const out = new Map<string, VaultRecord>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('phi_vault')
      .select(['item_id', 'sealed'])
      .where('project_id', '=', projectId)
      .where('item_id', 'in', itemIds.slice(i, i + 500))
      .execute();
    for (const row of rows)
      out.set(
        row.item_id,
        JSON.parse(
          vault.open(row.sealed, itemContext(projectId, row.item_id)).toString('utf8'),
        ) as VaultRecord,
      );
  }
  return out;
}

/**
 * The project's surrogate secret (32 random bytes, kept sealed in the vault): made on the first
 * import, then the same on every import, so an identifier gets the same surrogate each time.
 * Purging the vault deletes it (crypto-shredding: surrogates can no longer be linked back).
 */
export async function projectSecret(
  ctx: AppContext,
  vault: Vault,
  projectId: string,
  actorId: string | null,
): Promise<Buffer> {
  const read = async (db: Db) => {
    const row = await db
      .selectFrom('phi_secrets')
      .select(['sealed', 'key_id'])
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row ? vault.open(row.sealed, secretContext(projectId)) : null;
  };
  const existing = await read(ctx.db);
  if (existing) return existing;
  return inTransaction(ctx, async (trx, audit) => {
    const secret = randomBytes(32);
    const inserted = await trx
      .insertInto('phi_secrets')
      .values({
        project_id: projectId,
        key_id: vault.keyId,
        sealed: vault.seal(secret, secretContext(projectId)),
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.column('project_id').doNothing())
      .returning('project_id')
      .executeTakeFirst();
    if (!inserted) {
      // Another import made it first: use theirs.
      const theirs = await read(trx);
      if (!theirs) throw new VaultError(`the surrogate secret of ${projectId} vanished`);
      return theirs;
    }
    await audit({
      actorId,
      action: 'phi.secret.create',
      entityType: 'project',
      entityId: projectId,
      payload: { keyId: vault.keyId },
    });
    return secret;
  });
}
