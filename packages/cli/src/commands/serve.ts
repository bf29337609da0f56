import type { Command } from 'commander';
import { buildServer, VERSION, type Vault } from '@concord/server';
import { describeDatabase, withDatabaseOptions } from '../database-options.js';
import { CliError, EXIT, out, table } from '../output.js';

interface ServeOptions {
  readonly port: string;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly demo: boolean;
  readonly logLevel: string;
}

export function registerServe(program: Command): void {
  withDatabaseOptions(
    program
      .command('serve')
      .description('start the Concord server (API, web app and API docs)')
      .option('-p, --port <port>', 'port to listen on (env PORT)', process.env.PORT ?? '8080')
      .option(
        '--host <host>',
        'address to listen on; 0.0.0.0 exposes it to the network (env HOST)',
        process.env.HOST ?? '127.0.0.1',
      )
      .option('--demo', 'seed a demo project and demo users into an empty database', false)
      .option(
        '--log-level <level>',
        'fatal, error, warn, info (every request) or debug (env LOG_LEVEL)',
        process.env.LOG_LEVEL ?? 'warn',
      ),
  ).action(async (options: ServeOptions) => {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port must be a number from 0 to 65535, got "${options.port}"`);
    const app = await buildServer({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      adminEmail: process.env.CONCORD_ADMIN_EMAIL,
      adminPassword: process.env.CONCORD_ADMIN_PASSWORD,
      demo: options.demo,
      logger: { level: options.logLevel },
      secureCookies: process.env.CONCORD_SECURE_COOKIES === '1',
      trustProxy: process.env.CONCORD_TRUST_PROXY === '1',
    }).catch((error: unknown) => {
      throw new CliError(
        `cannot start: ${error instanceof Error ? error.message : String(error)}`,
        EXIT.unavailable,
      );
    });
    try {
      await app.listen({ port, host: options.host });
    } catch (error) {
      await app.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(
        `cannot listen on ${options.host}:${port}: ${reason} (set PORT or --port to use another port)`,
        EXIT.unavailable,
      );
    }
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const shownHost =
      options.host === '0.0.0.0' || options.host === '127.0.0.1' || options.host === '::'
        ? 'localhost'
        : options.host;
    const url = `http://${shownHost}:${actualPort}`;
    const { createdAdmin, demoLogins, database, vault } = app.concord;
    out(`Concord ${VERSION} is running at ${url}`);
    out(`  database  ${describeDatabase(database)}`);
    out(`  vault     ${describeVault(vault)}`);
    out(`  API docs  ${url}/api/docs`);
    if (createdAdmin)
      out(`  admin     ${createdAdmin} created from CONCORD_ADMIN_EMAIL / CONCORD_ADMIN_PASSWORD`);
    if (demoLogins && demoLogins.length > 0) {
      out('');
      out('Demo logins (public passwords: for trying Concord, never for real data):');
      out(table(demoLogins.map((l) => ['  ' + l.role, l.email, l.password])));
    }
    out('');
    out('Press Ctrl+C to stop.');
    const stop = () => {
      void app.close().then(() => process.exit(EXIT.ok));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Where the vault key of PHI projects came from (never the key itself). */
function describeVault(vault: Vault | null): string {
  if (!vault) return 'no key: PHI projects cannot import (set CONCORD_VAULT_KEY or --data-dir)';
  const from =
    vault.source === 'env'
      ? 'CONCORD_VAULT_KEY'
      : vault.source === 'generated'
        ? `${vault.path} (generated now, mode 0600: back it up, PHI originals cannot be read without it)`
        : vault.source === 'file'
          ? vault.path
          : 'server option';
  return `key ${vault.keyId} from ${from}`;
}
