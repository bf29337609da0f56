import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { GlobalRole } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: GlobalRole;
}

/** Creates a user (email compared case-insensitively) and records `user.create`. */
export async function createUser(
  ctx: AppContext,
  actorId: string | null,
  input: NewUser,
): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password, ctx.passwordCost);
  return inTransaction(ctx, async (trx, audit) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing)
      throw new ConcordError(
        'CONCORD_ERR_EMAIL_TAKEN',
        `A user with the email ${email} already exists`,
        { field: 'email' },
      );
    const id = newId('usr');
    const now = ctx.now().toISOString();
    await trx
      .insertInto('users')
      .values({
        id,
        email,
        name: input.name.trim(),
        password_hash: passwordHash,
        role: input.role,
        created_at: now,
        updated_at: now,
        disabled_at: null,
      })
      .execute();
    await audit({
      actorId,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      payload: { email, name: input.name.trim(), role: input.role },
    });
    return { id };
  });
}
