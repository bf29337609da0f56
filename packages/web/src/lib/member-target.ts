// Whom the Add member form names: one input takes an email or a user ID, and the server is
// sent whichever it is. The server's refusal names `body.email` or `body.userId`; both are
// about that one input, so its messages are moved there.

import { ApiError, validationIssues } from '../api/errors';
import { isEmail } from './validation';

export type MemberTarget =
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'userId'; readonly userId: string };

/** An email when the input reads as one, a user ID otherwise; null when empty. */
export function memberTargetOf(input: string): MemberTarget | null {
  const who = input.trim();
  if (who === '') return null;
  return isEmail(who) ? { kind: 'email', email: who } : { kind: 'userId', userId: who };
}

/** Why the input names nobody, or undefined. User IDs have no "@", so one means a mistyped email. */
export function memberTargetError(input: string): string | undefined {
  const target = memberTargetOf(input);
  if (target === null) return 'Enter an email or a user ID.';
  if (target.kind === 'userId' && target.userId.includes('@')) {
    return 'Enter an email like name@example.org, or a user ID.';
  }
  return undefined;
}

const TARGET_PATHS = new Set(['body.email', 'body.userId']);

/**
 * The same error with its issues about `body.email` or `body.userId` moved to `body.<field>`,
 * the one input of the form; any other error as it was.
 */
export function onTargetField(error: unknown, field: string): unknown {
  const issues = validationIssues(error);
  if (!(error instanceof ApiError) || !issues.some((i) => TARGET_PATHS.has(i.path))) return error;
  const details = issues.map((issue) =>
    TARGET_PATHS.has(issue.path) ? { ...issue, path: `body.${field}` } : issue,
  );
  return new ApiError(error.status, error.code, error.message, details);
}
