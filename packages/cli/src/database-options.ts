import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  migrateToLatest,
  openDatabase,
  openVault,
  type AppContext,
  type Database,
  type Vault,
} from '@concord/server';
import { CliError, EXIT } from './output.js';

export interface DatabaseOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
}

/** Adds --data-dir and --database-url, defaulting to CONCORD_DATA_DIR / DATABASE_URL. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'where the SQLite database and other data live (env CONCORD_DATA_DIR)',
      process.env.CONCORD_DATA_DIR ?? './data',
    )
    .option(
      '--database-url <url>',
      'postgres://… to use PostgreSQL instead of SQLite (env DATABASE_URL)',
      process.env.DATABASE_URL,
    );
}

export function describeDatabase(database: Database): string {
  return database.dialect === 'sqlite'
    ? `SQLite at ${resolve(database.location)}`
    : `PostgreSQL at ${database.location}`;
}

/** Opens and migrates the database, runs `fn`, and always closes it. */
export async function usingDatabase<T>(
  options: DatabaseOptions,
  fn: (ctx: AppContext, database: Database) => Promise<T>,
): Promise<T> {
  let database: Database;
  let vault: Vault | null;
  try {
    // The server's vault key (PHI imports seal originals with it); never a new one of our own.
    vault = openVault({
      env: process.env.CONCORD_VAULT_KEY,
      dataDir: options.dataDir,
      generate: false,
    });
  } catch (error) {
    throw new CliError(
      `cannot open the vault key: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.unavailable,
    );
  }
  try {
    database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
    await migrateToLatest(database);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `cannot open the database (${options.databaseUrl ? 'DATABASE_URL' : options.dataDir}): ${reason}`,
      EXIT.unavailable,
    );
  }
  try {
    return await fn(
      {
        db: database.db,
        dialect: database.dialect,
        now: () => new Date(),
        passwordCost: 15,
        vault,
      },
      database,
    );
  } finally {
    await database.close();
  }
}
