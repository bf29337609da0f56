import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { GlobalRole } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import type { AppContext } from '../context.js';
import { CSRF_HEADER, SESSION_COOKIE, csrfTokenFor, tokenHash } from './tokens.js';

/**
 * Who may call a route. Every API route declares one in `config.access`; a route without one is
 * refused to everybody, so forgetting the declaration fails closed.
 * - `public`: anyone, signed in or not.
 * - `authenticated`: any signed-in user.
 * - a list of global roles: only those.
 * Auditors are read-only everywhere: they are refused every non-GET route unless the route is
 * marked `selfService` (signing out, managing their own API tokens).
 */
export type Access = 'public' | 'authenticated' | readonly GlobalRole[];

export interface AuthenticatedUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: GlobalRole;
}

export interface RequestAuth {
  readonly user: AuthenticatedUser;
  readonly sessionId: string;
  readonly via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    selfService?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : '';
}

/** Resolves the caller from a bearer token or the session cookie, then enforces `config.access`. */
async function accessPlugin(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request);
    if (bearer === '')
      throw new ConcordError(
        'CONCORD_ERR_UNAUTHENTICATED',
        'Authorization header must be "Bearer <token>"',
      );
    const cookie = request.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie ?? null;
    const via = bearer ? 'bearer' : 'cookie';
    if (token) {
      const nowIso = ctx.now().toISOString();
      const row = await ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id as sessionId', 'users.id', 'users.email', 'users.name', 'users.role'])
        .where('sessions.token_hash', '=', tokenHash(token))
        .where('sessions.revoked_at', 'is', null)
        .where((eb) =>
          eb.or([eb('sessions.expires_at', 'is', null), eb('sessions.expires_at', '>', nowIso)]),
        )
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (row) {
        request.auth = {
          user: { id: row.id, email: row.email, name: row.name, role: row.role },
          sessionId: row.sessionId,
          via,
        };
      } else if (bearer) {
        throw new ConcordError(
          'CONCORD_ERR_UNAUTHENTICATED',
          'The bearer token is unknown, expired or revoked',
        );
      }
    }

    const access = request.routeOptions.config.access;
    if (access === undefined)
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'This route declares no access rule');
    if (access === 'public') return;
    const auth = request.auth;
    if (!auth) throw new ConcordError('CONCORD_ERR_UNAUTHENTICATED');
    if (auth.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== csrfTokenFor(token!))
        throw new ConcordError('CONCORD_ERR_CSRF');
    }
    if (
      auth.user.role === 'auditor' &&
      !SAFE_METHODS.has(request.method) &&
      !request.routeOptions.config.selfService
    ) {
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', 'Auditors have read-only access');
    }
    if (access !== 'authenticated' && !access.includes(auth.user.role)) {
      throw new ConcordError('CONCORD_ERR_FORBIDDEN', `This needs the role ${access.join(' or ')}`);
    }
  });
}

export default fp(accessPlugin, { name: 'concord-access' });

/** The signed-in caller; for use in routes whose access is not `public`. */
export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new ConcordError('CONCORD_ERR_UNAUTHENTICATED');
  return request.auth;
}
