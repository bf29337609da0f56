import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import type { DB } from './schema.js';
import { migrationProvider } from './migrations.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Where it lives, without credentials: a file path, `:memory:` or `postgres://host/db`. */
  readonly location: string;
  /** PostgreSQL only: the schema everything lives in, when not the default search path. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * `postgres://…` / `postgresql://…` for PostgreSQL; `sqlite::memory:` for a throwaway database;
   * `sqlite:/path/to/file.db` or a plain path for SQLite. Default: `<dataDir>/concord.db`.
   */
  readonly url?: string | undefined;
  readonly dataDir?: string | undefined;
  /** PostgreSQL only: work inside this schema (created if missing). Used to isolate test runs. */
  readonly schema?: string | undefined;
}

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres://';
  }
}

/** Opens (and creates, for SQLite) the database; does not migrate — call {@link migrateToLatest}. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (isPostgresUrl(options.url)) {
    const schema = options.schema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`invalid schema name ${schema}`);
    if (schema) {
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      try {
        await client.query(`create schema if not exists ${schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db); // fail here, with the driver's message, if unreachable
    return {
      db,
      dialect: 'postgres',
      location: redact(options.url ?? ''),
      schema,
      close: () => db.destroy(),
    };
  }

  let path = options.url?.replace(/^sqlite:/, '') ?? '';
  if (!path) path = join(options.dataDir ?? 'data', 'concord.db');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL: readers never block the writer; synchronous=NORMAL in WAL mode keeps every committed
  // transaction across a crash of the process (only a power loss can drop the last commits).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left in free pages: a vault purge (issue 6) must
  // not leave sealed originals or the surrogate secret in the file for the installation's key.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<DB>({
    dialect: new FairSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

/**
 * SQLite's one connection, handed to waiting requests first come, first served, one wake-up per
 * hand-over. Kysely's own mutex wakes every waiter at each release and lets whichever runs first
 * take it: with 200 requests in flight that cost 23 µs of CPU per query against 15 µs here
 * (5 queries × 200 concurrent callers, in-memory database), and kept no order among them.
 */
class FairSqliteDriver extends SqliteDriver {
  readonly #waiting: (() => void)[] = [];
  #busy = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy = true;
    return super.acquireConnection(); // free by construction: only the holder gets here
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }
}

class FairSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new FairSqliteDriver(this.#config);
  }
}

/**
 * better-sqlite3 compiles a statement on every `prepare`, and Kysely prepares every query; the
 * same few hundred SQL texts repeat, so keep their compiled statements (least recently used out
 * first). Safe because Kysely runs one query at a time on its single SQLite connection.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider,
    // Kysely looks for its bookkeeping table across all schemas unless told which one.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
