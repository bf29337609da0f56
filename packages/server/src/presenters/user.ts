import type { UsersTable } from '../db/schema.js';
import { z } from 'zod';

/** The only shape in which a user leaves the server: never the password hash. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'auditor', 'member']),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type PresentedUser = z.infer<typeof userSchema>;

export function presentUser(
  row: Pick<UsersTable, 'id' | 'email' | 'name' | 'role' | 'disabled_at' | 'created_at'>,
): PresentedUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}
