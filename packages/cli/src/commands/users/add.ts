import type { Command } from 'commander';
import { createUser, ConcordError, GLOBAL_ROLES, type GlobalRole } from '@concord/server';
import {
  usingDatabase,
  withDatabaseOptions,
  type DatabaseOptions,
} from '../../database-options.js';
import { CliError, out } from '../../output.js';

interface AddOptions extends DatabaseOptions {
  readonly email: string;
  readonly name?: string;
  readonly role: string;
  readonly password?: string;
}

export function registerUsersAdd(users: Command): void {
  withDatabaseOptions(
    users
      .command('add')
      .description('create a user directly in the database')
      .requiredOption('--email <email>', 'sign-in email')
      .option('--name <name>', 'display name (default: the part of the email before @)')
      .option('--role <role>', `global role: ${GLOBAL_ROLES.join(', ')}`, 'member')
      .option(
        '--password <password>',
        'at least 12 characters (or env CONCORD_PASSWORD, which keeps it out of shell history)',
      ),
  ).action(async (options: AddOptions) => {
    if (!GLOBAL_ROLES.includes(options.role as GlobalRole))
      throw new CliError(`--role must be one of ${GLOBAL_ROLES.join(', ')}, got "${options.role}"`);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
      throw new CliError(`--email "${options.email}" is not an email address`);
    const password = options.password ?? process.env.CONCORD_PASSWORD;
    if (!password || password.length < 12)
      throw new CliError('--password (or CONCORD_PASSWORD) must be at least 12 characters');
    const name = options.name ?? options.email.split('@')[0]!;
    await usingDatabase(options, async (ctx) => {
      try {
        const { id } = await createUser(ctx, null, {
          email: options.email,
          name,
          password,
          role: options.role as GlobalRole,
        });
        out(`created ${options.role} ${options.email.toLowerCase()} (${id})`);
      } catch (error) {
        if (error instanceof ConcordError) throw new CliError(error.message);
        throw error;
      }
    });
  });
}
