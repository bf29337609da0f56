import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { ConcordError, errorBody } from './errors.js';
import accessPlugin, { type Access } from './auth/access.js';
import { ensureAdmin, seedDemo, type DemoLogin } from './commands/bootstrap.js';
import healthRoutes, { VERSION } from './routes/health/index.js';
import authRoutes from './routes/auth/index.js';
import usersRoutes from './routes/users/index.js';
import projectsRoutes, { projectMembersRoutes } from './routes/projects/index.js';
import auditRoutes from './routes/audit/index.js';
import itemsRoutes from './routes/items/index.js';
import assignmentsRoutes from './routes/assignments/index.js';
import qualityRoutes from './routes/quality/index.js';
import reviewRoutes, { reviewQueueRoutes } from './routes/review/index.js';
import snapshotsRoutes from './routes/snapshots/index.js';
import phiRoutes from './routes/phi/index.js';
import { openVault, purgeExpiredVaults, type Vault } from './phi/index.js';

export interface ServerOptions {
  /** An open, migrated database to use (and not close). Otherwise one is opened from `databaseUrl`/`dataDir`. */
  readonly database?: Database;
  /** `postgres://…`, `sqlite::memory:`, `sqlite:/path.db`; default SQLite at `<dataDir>/concord.db`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
  /** The built web app (packages/web/dist); `null` serves the API only. */
  readonly webRoot?: string | null | undefined;
  readonly logger?: FastifyServerOptions['logger'];
  /** Create this admin on start when no admin exists. */
  readonly adminEmail?: string | undefined;
  readonly adminPassword?: string | undefined;
  /** Seed the demo project and users into an empty database. */
  readonly demo?: boolean | undefined;
  readonly now?: () => Date;
  /** log2 of scrypt's N (default 15). Tests lower it to stay fast. */
  readonly passwordCost?: number | undefined;
  readonly loginAttempts?: number | undefined;
  readonly loginWindowMs?: number | undefined;
  /** Mark cookies Secure (set when served over HTTPS). */
  readonly secureCookies?: boolean | undefined;
  readonly trustProxy?: boolean | undefined;
  /**
   * The vault key (32 bytes, or 64 hex digits / base64). Default: CONCORD_VAULT_KEY, else
   * `<dataDir>/vault.key` (generated on first start, mode 0600); none without a data directory.
   */
  readonly vaultKey?: string | Uint8Array | undefined;
  /** How often PHI projects' `retentionDays` is applied after the run at start (default hourly; 0: only at start). */
  readonly retentionIntervalMs?: number | undefined;
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    concord: {
      readonly ctx: AppContext;
      readonly database: Database;
      readonly routes: readonly RouteEntry[];
      readonly createdAdmin: string | null;
      readonly demoLogins: readonly DemoLogin[] | null;
      readonly vault: Vault | null;
    };
  }
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the Concord server: opens and migrates the database, registers every route. Call `listen` to serve. */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  // The vault first: a server with an exposed or malformed key does not start at all.
  const vault = openVault({
    key: options.vaultKey,
    env: process.env.CONCORD_VAULT_KEY,
    dataDir: options.dataDir,
  });
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir }));
  if (ownsDatabase) await migrateToLatest(database);

  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    now: options.now ?? (() => new Date()),
    passwordCost: options.passwordCost ?? 15,
    vault,
  };

  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 10 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({ method, url: route.url, access: route.config?.access });
  });
  if (ownsDatabase) app.addHook('onClose', () => database.close());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ConcordError) {
      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return reply.code(400).send(errorBody('CONCORD_ERR_VALIDATION', message, details));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('CONCORD_ERR_PAYLOAD_TOO_LARGE', error.message));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .code(415)
        .send(
          errorBody(
            'CONCORD_ERR_UNSUPPORTED_MEDIA_TYPE',
            'Send JSON with content-type application/json',
          ),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('CONCORD_ERR_BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('CONCORD_ERR_INTERNAL', 'Internal server error'));
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/api/docs')) void reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Concord API',
        version: VERSION,
        description:
          'Annotation programs with quality built in. Authenticate with `Authorization: Bearer <token>` from POST /api/auth/login or an API token.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const loginAttempts = options.loginAttempts ?? 10;
  const loginWindowMs = options.loginWindowMs ?? 15 * 60_000;
  const secureCookies = options.secureCookies ?? false;
  await app.register(
    async (api) => {
      await api.register(accessPlugin, { ctx });
      await api.register(healthRoutes, { ctx });
      await api.register(authRoutes, { ctx, loginAttempts, loginWindowMs, secureCookies });
      await api.register(usersRoutes, { ctx });
      await api.register(projectsRoutes, { ctx });
      await api.register(projectMembersRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(itemsRoutes, { ctx });
      await api.register(assignmentsRoutes, { ctx });
      await api.register(qualityRoutes, { ctx });
      await api.register(reviewRoutes, { ctx });
      await api.register(reviewQueueRoutes, { ctx });
      await api.register(snapshotsRoutes, { ctx });
      await api.register(phiRoutes, { ctx });
    },
    { prefix: '/api' },
  );

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const serveWeb = webRoot !== null && existsSync(webRoot);
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || !serveWeb || request.method !== 'GET') {
      return reply
        .code(404)
        .send(
          errorBody(
            'CONCORD_ERR_ROUTE_NOT_FOUND',
            `No route ${request.method} ${request.url.split('?')[0]}`,
          ),
        );
    }
    return reply.type('text/html').sendFile('index.html'); // client-side routes of the single-page app
  });

  const createdAdmin = await ensureAdmin(ctx, options.adminEmail, options.adminPassword);
  const demoLogins = options.demo
    ? await seedDemo(ctx, { withDemoAdmin: !createdAdmin && !(await hasAdmin(ctx)) })
    : null;

  // PHI projects' retention: applied now, then on an interval (a purge is audited like a manual one).
  const applyRetention = () =>
    purgeExpiredVaults(ctx).catch((error: unknown) => {
      app.log.error({ err: error }, 'vault retention purge failed');
    });
  await applyRetention();
  const retentionIntervalMs = options.retentionIntervalMs ?? 60 * 60_000;
  if (retentionIntervalMs > 0) {
    const timer = setInterval(() => void applyRetention(), retentionIntervalMs);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  }

  app.decorate('concord', { ctx, database, routes, createdAdmin, demoLogins, vault });
  return app;
}

async function hasAdmin(ctx: AppContext): Promise<boolean> {
  return !!(await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .executeTakeFirst());
}
