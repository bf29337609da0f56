import type { AppContext } from '../context.js';

/** A PHI project's vault at a glance: cheap enough to read on every visit of the Privacy tab. */
export interface VaultStatus {
  /** Sealed originals kept. */
  readonly records: number;
  /** The vault keys those originals are sealed under (more than one after a key rotation). */
  readonly keyIds: string[];
  /** The key this server seals new originals with; null when none is configured. */
  readonly keyId: string | null;
  /** Whether the surrogate secret exists (a full purge destroys it). */
  readonly secret: boolean;
  /** The latest purge, from its audit event; null when there was none. */
  readonly lastPurge: {
    readonly at: string;
    readonly rows: number;
    readonly secretDestroyed: boolean;
    readonly scope: 'all' | 'retention';
  } | null;
}

/**
 * Counts and the latest purge only — no audit-chain verification and no event listing (the
 * compliance report does those): an index count over the project's sealed rows, its distinct key
 * IDs, the secret's row and one audit event read through the (action, seq) index.
 */
export async function vaultStatus(ctx: AppContext, projectId: string): Promise<VaultStatus> {
  const db = ctx.db;
  const [count, keys, secret, purge] = await Promise.all([
    db
      .selectFrom('phi_vault')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirst(),
    db
      .selectFrom('phi_vault')
      .select('key_id')
      .distinct()
      .where('project_id', '=', projectId)
      .execute(),
    db
      .selectFrom('phi_secrets')
      .select('project_id')
      .where('project_id', '=', projectId)
      .executeTakeFirst(),
    db
      .selectFrom('audit_events')
      .select(['at', 'payload'])
      .where('action', '=', 'phi.vault.purge')
      .where('entity_type', '=', 'project')
      .where('entity_id', '=', projectId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  let lastPurge: VaultStatus['lastPurge'] = null;
  if (purge) {
    const p = JSON.parse(purge.payload) as {
      rows?: number;
      secretDestroyed?: boolean;
      scope?: 'all' | 'retention';
    };
    lastPurge = {
      at: String(purge.at),
      rows: Number(p.rows ?? 0),
      secretDestroyed: p.secretDestroyed === true,
      scope: p.scope ?? 'all',
    };
  }
  return {
    records: Number(count?.n ?? 0),
    keyIds: keys.map((k) => k.key_id).sort(),
    keyId: ctx.vault?.keyId ?? null,
    secret: secret !== undefined,
    lastPurge,
  };
}
