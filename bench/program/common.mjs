// Shared pieces of the program benches: the built packages, the machine, a project to work on,
// PostgreSQL schemas that are always dropped, and latency percentiles.

import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const dataDir = resolve(here, '../.data');

/** Imports a built module of a workspace package, or exits 2 saying how to build it. */
export async function built(path) {
  const file = resolve(root, path);
  if (!existsSync(file)) {
    process.stderr.write(
      `${path} is not built: run \`npx tsc -b packages/cli/tsconfig.build.json\` first\n`,
    );
    process.exit(2);
  }
  return import(file);
}

export const log = (message) => process.stderr.write(`${message}\n`);

/** The machine a result was measured on. */
export function machine() {
  const cpu = cpus();
  return {
    nproc: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export function gitCommit() {
  try {
    const head = readFileSync(resolve(root, '.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    return readFileSync(resolve(root, '.git', head.slice(5)), 'utf8')
      .trim()
      .slice(0, 12);
  } catch {
    return 'unknown';
  }
}

/**
 * Opens a fresh, migrated database: a new SQLite file under bench/.data, or a new schema in
 * DATABASE_URL's PostgreSQL. `drop()` closes it and removes the file or schema.
 */
export async function freshDatabase(server, dialect, name) {
  if (dialect === 'sqlite') {
    const { rmSync } = await import('node:fs');
    const dir = resolve(dataDir, `${name}-sqlite`);
    rmSync(dir, { recursive: true, force: true });
    const database = await server.openDatabase({ dataDir: dir });
    await server.migrateToLatest(database);
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.DATABASE_URL;
  const schema = `bench_${name.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const database = await server.openDatabase({ url, schema });
  await server.migrateToLatest(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const pg = (await import('pg')).default;
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
export const PASSWORD = 'a long enough password';

/** A JSON API client over app.inject (setup) — the measured traffic goes over real HTTP. */
export function injector(app) {
  return async (token, method, url, body) => {
    const res = await app.inject({
      method,
      url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(body !== undefined ? { payload: body } : {}),
    });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body ? JSON.parse(res.body) : null;
  };
}

/** Creates a manager and a project through the API; returns their ids and the manager's token. */
export async function setUpProject(app, { config, policy, name = 'Bench' }) {
  const call = injector(app);
  const admin = (await call(null, 'POST', '/api/auth/login', ADMIN)).token;
  await call(admin, 'POST', '/api/users', {
    email: 'manager@example.org',
    name: 'manager',
    role: 'member',
    password: PASSWORD,
  });
  const manager = (
    await call(null, 'POST', '/api/auth/login', {
      email: 'manager@example.org',
      password: PASSWORD,
    })
  ).token;
  const { id } = await call(manager, 'POST', '/api/projects', { name, config, policy });
  return { projectId: id, admin, manager, call };
}

/** The q-quantile (0–1) of a sorted array, by the nearest-rank method. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const dialects = () => (process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']);
