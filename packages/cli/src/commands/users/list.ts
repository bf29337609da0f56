import type { Command } from 'commander';
import {
  usingDatabase,
  withDatabaseOptions,
  type DatabaseOptions,
} from '../../database-options.js';
import { CliError, out, table } from '../../output.js';

interface ListOptions extends DatabaseOptions {
  readonly json: boolean;
  readonly limit: string;
  readonly offset: string;
}

export function registerUsersList(users: Command): void {
  withDatabaseOptions(
    users
      .command('list')
      .description('list users (paginated)')
      .option('--json', 'one JSON object per line', false)
      .option('--limit <n>', 'how many', '50')
      .option('--offset <n>', 'skip this many', '0'),
  ).action(async (options: ListOptions) => {
    const limit = Number(options.limit);
    const offset = Number(options.offset);
    if (!Number.isInteger(limit) || limit < 1)
      throw new CliError(`--limit must be a positive whole number, got "${options.limit}"`);
    if (!Number.isInteger(offset) || offset < 0)
      throw new CliError(`--offset must be a whole number ≥ 0, got "${options.offset}"`);
    await usingDatabase(options, async (ctx) => {
      const rows = await ctx.db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'created_at', 'disabled_at'])
        .orderBy('email')
        .limit(limit)
        .offset(offset)
        .execute();
      const { n } = await ctx.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (options.json) {
        for (const r of rows)
          out(
            JSON.stringify({
              id: r.id,
              email: r.email,
              name: r.name,
              role: r.role,
              disabled: r.disabled_at !== null,
              createdAt: r.created_at,
            }),
          );
        return;
      }
      if (rows.length === 0) {
        out(
          Number(n) === 0
            ? 'No users yet. Add one with: concord users add --email you@example.org --role admin'
            : `No users at offset ${offset} (there are ${n}).`,
        );
        return;
      }
      out(
        table([
          ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'CREATED (UTC)', 'ID'],
          ...rows.map((r) => [
            r.email,
            r.name,
            r.role,
            r.disabled_at ? 'disabled' : 'active',
            r.created_at.slice(0, 19).replace('T', ' '),
            r.id,
          ]),
        ]),
      );
      out(
        `\n${offset + 1}–${offset + rows.length} of ${n}${offset + rows.length < Number(n) ? ` (next: --offset ${offset + rows.length})` : ''}`,
      );
    });
  });
}
