import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { GlobalRole } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';

export interface UserChanges {
  readonly name?: string | undefined;
  readonly role?: GlobalRole | undefined;
  readonly disabled?: boolean | undefined;
  readonly password?: string | undefined;
}

/**
 * Changes a user's name, role, disabled state or password and records `user.update` (the password
 * itself is never written to the log, only that it changed). Disabling a user or changing their
 * password revokes their sessions and tokens. The last active admin cannot be demoted or disabled.
 */
export async function updateUser(
  ctx: AppContext,
  actorId: string | null,
  userId: string,
  changes: UserChanges,
): Promise<void> {
  const passwordHash =
    changes.password === undefined
      ? undefined
      : await hashPassword(changes.password, ctx.passwordCost);
  await inTransaction(ctx, async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No user ${userId}`);
    const now = ctx.now().toISOString();
    const losesAdmin =
      user.role === 'admin' &&
      user.disabled_at === null &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin) {
      const { n } = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1) throw new ConcordError('CONCORD_ERR_LAST_ADMIN');
    }
    const disabledAt =
      changes.disabled === undefined
        ? user.disabled_at
        : changes.disabled
          ? (user.disabled_at ?? now)
          : null;
    await trx
      .updateTable('users')
      .set({
        name: changes.name?.trim() ?? user.name,
        role: changes.role ?? user.role,
        disabled_at: disabledAt,
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
    if (changes.disabled === true || passwordHash) {
      await trx
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    }
    const payload: Record<string, unknown> = {};
    if (changes.name !== undefined) payload.name = changes.name.trim();
    if (changes.role !== undefined) payload.role = { from: user.role, to: changes.role };
    if (changes.disabled !== undefined) payload.disabled = changes.disabled;
    if (passwordHash) payload.passwordChanged = true;
    await audit({ actorId, action: 'user.update', entityType: 'user', entityId: userId, payload });
  });
}
