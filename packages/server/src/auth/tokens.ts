import { createHash } from 'node:crypto';

/** Tokens are stored as their SHA-256: a leaked database does not leak usable tokens. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token that goes with a session token: derived from it, so it needs no storage, is
 * different for every session, and cannot be computed by a page that cannot read the session.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}

export const SESSION_COOKIE = 'concord_session';
export const CSRF_COOKIE = 'concord_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_HOURS = 12;
