import { Command, CommanderError } from 'commander';
import { VERSION } from '@concord/server';
import { registerServe } from './commands/serve.js';
import { registerUsersAdd } from './commands/users/add.js';
import { registerUsersList } from './commands/users/list.js';
import { registerAuditVerify } from './commands/audit/verify.js';
import { registerAgreement } from './commands/agreement.js';
import { registerAggregate } from './commands/aggregate.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerDeid } from './commands/deid.js';
import { CliError, EXIT, err } from './output.js';

/** Builds the `concord` command tree. */
export function buildCli(): Command {
  const program = new Command('concord')
    .description(
      'Concord: annotation programs with quality built in (agreement, gold, review, audit).',
    )
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  concord serve --demo                       start on http://localhost:8080 with a demo project
  concord users add --email ana@example.org --role admin --password '…'
  concord users list
  concord audit verify                       check the audit log's hash chain offline
  concord agreement labels.csv               agreement report of a labels file (item,annotator,label)
  concord aggregate labels.csv -m dawid-skene one label per item, with --truth gold.csv for accuracy

Environment: PORT, HOST, CONCORD_DATA_DIR, DATABASE_URL, CONCORD_ADMIN_EMAIL, CONCORD_ADMIN_PASSWORD, LOG_LEVEL.
Exit codes: 0 ok, 1 check failed, 2 usage or input error, 3 database unavailable.`,
    );
  program.exitOverride();
  registerServe(program);
  const users = program.command('users').description('manage user accounts');
  registerUsersAdd(users);
  registerUsersList(users);
  const audit = program.command('audit').description('the tamper-evident audit log');
  registerAuditVerify(audit);
  registerAgreement(program);
  registerAggregate(program);
  registerExport(program);
  registerImport(program);
  registerDeid(program);
  return program;
}

/** Runs the CLI and turns failures into a message and the documented exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      err(`concord: ${error.message}`);
      return error.exitCode;
    }
    err(`concord: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failed;
  }
}
