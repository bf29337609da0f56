import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { ProjectsTable } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';

/** A user's credentials from their stored JSON (`[]` when unreadable). */
export function parseCredentials(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

/** The credentials of `required` that `held` lacks, in the order required. */
export function missingCredentials(
  required: readonly string[] | undefined,
  held: readonly string[],
): string[] {
  return (required ?? []).filter((c) => !held.includes(c));
}

/**
 * Refuses a user who lacks a credential the project requires (its config's `credentials`), with
 * CONCORD_ERR_CREDENTIALS_REQUIRED naming what is missing. Checked before an item is leased.
 */
export async function requireCredentials(
  ctx: AppContext,
  project: Pick<Selectable<ProjectsTable>, 'config'>,
  userId: string,
): Promise<void> {
  const required = parseConfig(project).credentials;
  if (!required || required.length === 0) return;
  const user = await ctx.db
    .selectFrom('users')
    .select('credentials')
    .where('id', '=', userId)
    .executeTakeFirst();
  const missing = missingCredentials(required, parseCredentials(user?.credentials));
  if (missing.length > 0)
    throw new ConcordError(
      'CONCORD_ERR_CREDENTIALS_REQUIRED',
      `This project requires the credential${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; ask an administrator`,
      { missing },
    );
}

/** Replaces a user's credentials (sorted, without duplicates) and records `user.credentials`. */
export async function setCredentials(
  ctx: AppContext,
  actorId: string,
  userId: string,
  credentials: readonly string[],
): Promise<string[]> {
  const next = [...new Set(credentials)].sort();
  return inTransaction(ctx, async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'credentials'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No user ${userId}`);
    const before = parseCredentials(user.credentials);
    await trx
      .updateTable('users')
      .set({ credentials: JSON.stringify(next), updated_at: ctx.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    await audit({
      actorId,
      action: 'user.credentials',
      entityType: 'user',
      entityId: userId,
      payload: { from: before, to: next },
    });
    return next;
  });
}
