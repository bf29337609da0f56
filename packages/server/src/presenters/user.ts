import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import { parseCredentials } from '../phi/credentials.js';
import { z } from 'zod';

/** The only shape in which a user leaves the server: never the password hash. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'auditor', 'member']),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** Credentials such as `clinical` that projects may require of their annotators. */
  credentials: z.array(z.string()),
});
export type PresentedUser = z.infer<typeof userSchema>;

export function presentUser(
  row: Pick<
    Selectable<UsersTable>,
    'id' | 'email' | 'name' | 'role' | 'disabled_at' | 'created_at' | 'credentials'
  >,
): PresentedUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    credentials: parseCredentials(row.credentials),
  };
}
