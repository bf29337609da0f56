import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import { ConcordError } from '../errors.js';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { SESSION_HOURS, tokenHash } from '../auth/tokens.js';
import { newId, newSecret } from '../ids.js';
import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';

/**
 * Checks an email and password and opens a session (`auth.login`). A wrong password, an unknown
 * email and a disabled account all fail the same way and take the same time (`auth.login_failed`).
 */
export async function login(
  ctx: AppContext,
  email: string,
  password: string,
  client: { ip: string },
): Promise<{ token: string; user: Selectable<UsersTable>; expiresAt: string }> {
  const normalized = email.trim().toLowerCase();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalized)
    .executeTakeFirst();
  const ok = await verifyPassword(
    password,
    user?.password_hash ?? (await dummyHash(ctx.passwordCost)),
  );
  if (!user || !ok || user.disabled_at !== null) {
    await inTransaction(ctx, (_trx, audit) =>
      audit({
        // The caller is unknown (it may be someone guessing): no actor; the targeted account is the entity.
        actorId: null,
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        payload: { email: normalized, ip: client.ip },
      }),
    );
    throw new ConcordError('CONCORD_ERR_INVALID_CREDENTIALS');
  }
  const token = newSecret();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    const id = newId('ses');
    await trx
      .insertInto('sessions')
      .values({
        id,
        user_id: user.id,
        token_hash: tokenHash(token),
        kind: 'session',
        name: null,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    await audit({
      actorId: user.id,
      action: 'auth.login',
      entityType: 'session',
      entityId: id,
      payload: { ip: client.ip, expiresAt },
    });
  });
  return { token, user, expiresAt };
}

/** Revokes the caller's session or token (`auth.logout`). */
export async function logout(ctx: AppContext, userId: string, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (trx, audit) => {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.now().toISOString() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await audit({
      actorId: userId,
      action: 'auth.logout',
      entityType: 'session',
      entityId: sessionId,
      payload: {},
    });
  });
}

/** Creates a named API token for scripts (`token.create`); the secret is returned once, stored hashed. */
export async function createApiToken(
  ctx: AppContext,
  userId: string,
  name: string,
  expiresInDays: number | null,
): Promise<{
  id: string;
  token: string;
  name: string;
  expiresAt: string | null;
  createdAt: string;
}> {
  const token = newSecret();
  const now = ctx.now();
  const expiresAt =
    expiresInDays === null
      ? null
      : new Date(now.getTime() + expiresInDays * 86_400_000).toISOString();
  const id = newId('tok');
  await inTransaction(ctx, async (trx, audit) => {
    await trx
      .insertInto('sessions')
      .values({
        id,
        user_id: userId,
        token_hash: tokenHash(token),
        kind: 'api',
        name,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    await audit({
      actorId: userId,
      action: 'token.create',
      entityType: 'token',
      entityId: id,
      payload: { name, expiresAt },
    });
  });
  return { id, token, name, expiresAt, createdAt: now.toISOString() };
}

/** Revokes one of the caller's own API tokens (`token.revoke`). */
export async function revokeApiToken(
  ctx: AppContext,
  userId: string,
  tokenId: string,
): Promise<void> {
  await inTransaction(ctx, async (trx, audit) => {
    const result = await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.now().toISOString() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('kind', '=', 'api')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No active API token ${tokenId}`);
    await audit({
      actorId: userId,
      action: 'token.revoke',
      entityType: 'token',
      entityId: tokenId,
      payload: {},
    });
  });
}

/**
 * Changes the caller's own password after checking the current one (`user.password_change`);
 * revokes every other session and token of theirs, keeping the one in use.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  userId: string,
  keepSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    throw new ConcordError(
      'CONCORD_ERR_VALIDATION',
      'body.currentPassword: is not your current password',
      [{ path: 'body.currentPassword', message: 'is not your current password' }],
    );
  }
  const hash = await hashPassword(newPassword, ctx.passwordCost);
  await inTransaction(ctx, async (trx, audit) => {
    const now = ctx.now().toISOString();
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now })
      .where('id', '=', userId)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('id', '!=', keepSessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await audit({
      actorId: userId,
      action: 'user.password_change',
      entityType: 'user',
      entityId: userId,
      payload: {},
    });
  });
}
