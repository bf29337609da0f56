import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ConcordError } from '../../errors.js';
import { requireAuth } from '../../auth/access.js';
import { FailureRateLimiter } from '../../auth/rate-limiter.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from '../../auth/tokens.js';
import {
  changeOwnPassword,
  createApiToken,
  login,
  logout,
  revokeApiToken,
} from '../../commands/sessions.js';
import { passwordSchema } from '../users/password-schema.js';
import { presentUser, userSchema } from '../../presenters/user.js';
import { errorResponses } from '../error-responses.js';

export interface AuthRouteOptions {
  readonly ctx: AppContext;
  /** Failed logins allowed per client address and email within `loginWindowMs` (default 10 per 15 min). */
  readonly loginAttempts: number;
  readonly loginWindowMs: number;
  readonly secureCookies: boolean;
}

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});

const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const perAccount = new FailureRateLimiter(opts.loginAttempts, opts.loginWindowMs);
  const perAddress = new FailureRateLimiter(opts.loginAttempts * 5, opts.loginWindowMs);

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; returns a bearer token and sets the session cookie',
        body: z.object({
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1024),
        }),
        response: {
          200: z.object({
            token: z.string(),
            csrfToken: z.string(),
            expiresAt: z.string(),
            user: userSchema,
          }),
          ...errorResponses(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const accountKey = `${request.ip}|${email.trim().toLowerCase()}`;
      const nowMs = ctx.now().getTime();
      const wait = Math.max(
        perAccount.retryAfterSeconds(accountKey, nowMs),
        perAddress.retryAfterSeconds(request.ip, nowMs),
      );
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new ConcordError(
          'CONCORD_ERR_RATE_LIMITED',
          `Too many failed sign-ins; try again in ${wait} s`,
          { retryAfterSeconds: wait },
        );
      }
      try {
        const session = await login(ctx, email, password, { ip: request.ip });
        perAccount.reset(accountKey);
        const csrfToken = csrfTokenFor(session.token);
        const cookie = {
          path: '/',
          sameSite: 'lax' as const,
          secure: opts.secureCookies,
          expires: new Date(session.expiresAt),
        };
        void reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
        void reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false });
        return {
          token: session.token,
          csrfToken,
          expiresAt: session.expiresAt,
          user: presentUser(session.user),
        };
      } catch (error) {
        if (error instanceof ConcordError && error.code === 'CONCORD_ERR_INVALID_CREDENTIALS') {
          perAccount.recordFailure(accountKey, nowMs);
          perAddress.recordFailure(request.ip, nowMs);
        }
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'authenticated', selfService: true },
      schema: {
        tags: ['auth'],
        summary: 'End this session (or revoke the bearer token used)',
        response: { 204: z.null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await logout(ctx, auth.user.id, auth.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: z.object({ user: userSchema }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const row = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', auth.user.id)
        .executeTakeFirstOrThrow();
      return { user: presentUser(row) };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated', selfService: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions and tokens are revoked',
        body: z.object({
          currentPassword: z.string().min(1).max(1024),
          newPassword: passwordSchema,
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await changeOwnPassword(
        ctx,
        auth.user.id,
        auth.sessionId,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Your active API tokens (never their secrets)',
        response: { 200: z.object({ tokens: z.array(tokenSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const rows = await ctx.db
        .selectFrom('sessions')
        .select(['id', 'name', 'created_at', 'expires_at'])
        .where('user_id', '=', auth.user.id)
        .where('kind', '=', 'api')
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return {
        tokens: rows.map((r) => ({
          id: r.id,
          name: r.name ?? '',
          createdAt: r.created_at,
          expiresAt: r.expires_at,
        })),
      };
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'authenticated', selfService: true },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for scripts; the secret is shown once',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
        }),
        response: {
          201: tokenSchema.extend({ token: z.string() }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const created = await createApiToken(
        ctx,
        auth.user.id,
        request.body.name,
        request.body.expiresInDays,
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'authenticated', selfService: true },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: z.object({ id: z.string() }),
        response: { 204: z.null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await revokeApiToken(ctx, auth.user.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
