// Credentials on users (e.g. `clinical`, `legal`) and the ones a project requires of its
// annotators (issue 6). The format is core's credentialSchema, the one the server checks.

import { credentialSchema } from '@concord/core/config';

export const MAX_CREDENTIALS = 20;

/** Why `text` is not a credential, or undefined. Checked before it becomes a chip. */
export function credentialError(text: string, held: readonly string[] = []): string | undefined {
  const value = text.trim();
  if (value === '') return 'Type a credential, e.g. clinical.';
  const parsed = credentialSchema.safeParse(value);
  if (!parsed.success)
    return 'Use lower case letters, digits, - and _, starting with a letter (at most 40).';
  if (held.includes(parsed.data)) return `“${parsed.data}” is already there.`;
  if (held.length >= MAX_CREDENTIALS) return `At most ${MAX_CREDENTIALS} credentials.`;
  return undefined;
}

/**
 * The chips after typing `text`: one credential, or several separated by commas or spaces.
 * Returns the new list, or the first problem and the list unchanged.
 */
export function addCredentials(
  held: readonly string[],
  text: string,
): { readonly credentials: readonly string[]; readonly error?: string } {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return { credentials: held, error: credentialError('') };
  let next = [...held];
  for (const part of parts) {
    const error = credentialError(part, next);
    if (error !== undefined) return { credentials: held, error };
    next = [...next, part.trim()];
  }
  return { credentials: next };
}

/** Credentials the project requires that the person does not hold, in the project's order. */
export function missingCredentials(
  required: readonly string[] | undefined,
  held: readonly string[] | undefined,
): readonly string[] {
  if (required === undefined || required.length === 0) return [];
  const have = new Set(held ?? []);
  return required.filter((c) => !have.has(c));
}

/** Two lists hold the same credentials (order aside): nothing to save. */
export function sameCredentials(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((c) => set.has(c));
}
