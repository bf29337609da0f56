import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildServer, type ServerOptions } from '../server.js';
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../db/database.js';

/** The dialects this environment offers: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const DIALECTS: readonly Dialect[] = process.env.DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/** A fresh, migrated database: in-memory SQLite, or a throwaway schema in DATABASE_URL's PostgreSQL. */
export async function openTestDatabase(dialect: Dialect): Promise<Database> {
  if (dialect === 'sqlite') {
    const database = await openDatabase({ url: 'sqlite::memory:' });
    await migrateToLatest(database);
    return database;
  }
  const url = process.env.DATABASE_URL!;
  const schema = `concord_test_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url, schema });
  await migrateToLatest(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  close(): Promise<void>;
}

/** A server on a fresh database with an admin, no web root and a cheap password hash. */
export async function buildTestApp(
  dialect: Dialect,
  options: Partial<ServerOptions> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const app = await buildServer({
    database,
    webRoot: null,
    passwordCost: 10,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    ...options,
  });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** Signs in and returns the bearer token. */
export async function loginAs(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return json<{ token: string }>(res).token;
}

/** Creates a user through the API as the given admin token and returns the new user's bearer token. */
export async function createUserAndLogin(
  app: FastifyInstance,
  adminToken: string,
  user: { email: string; name?: string; role: 'admin' | 'auditor' | 'member'; password?: string },
): Promise<{ id: string; token: string }> {
  const password = user.password ?? 'a long enough password';
  const res = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { authorization: `Bearer ${adminToken}` },
    payload: {
      email: user.email,
      name: user.name ?? user.email.split('@')[0],
      role: user.role,
      password,
    },
  });
  if (res.statusCode !== 201)
    throw new Error(`create ${user.email} failed: ${res.statusCode} ${res.body}`);
  return { id: json<{ id: string }>(res).id, token: await loginAs(app, user.email, password) };
}
