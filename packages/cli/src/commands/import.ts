import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { ConcordError, type RowProblem } from '@concord/server';
import { usingDatabase, withDatabaseOptions, type DatabaseOptions } from '../database-options.js';
import { importFile, type ImportPhase } from '../items/import-file.js';
import { ITEMS_FORMATS, ItemsFileError, type ItemsFormat } from '../items/read-item-rows.js';
import { CliError, EXIT, err, out } from '../output.js';

interface ImportOptions extends DatabaseOptions {
  readonly project: string;
  readonly as: string;
  readonly skipInvalid: boolean;
  readonly format?: string;
  readonly json: boolean;
}

/** Problems listed in full; the rest are counted. */
const SHOWN_PROBLEMS = 50;
/** Files smaller than this finish before a progress bar would be readable. */
const PROGRESS_BYTES = 8 * 1024 * 1024;

const count = (n: number) => n.toLocaleString('en-US');

function listProblems(file: string, problems: readonly RowProblem[], total: number): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) err(`  ${file}:${p.line}: ${p.message}`);
  if (total > SHOWN_PROBLEMS) err(`  … and ${count(total - SHOWN_PROBLEMS)} more problems`);
}

/** A progress bar on stderr for large files when it is a terminal; a no-op otherwise. */
function progressBar(file: string) {
  if (!process.stderr.isTTY || statSync(file).size < PROGRESS_BYTES)
    return { update: undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: '{phase} {bar} {percentage}% | {value}/{total} MB',
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let phase: ImportPhase | null = null;
  return {
    update: (next: ImportPhase, read: number, total: number) => {
      if (phase !== next) {
        if (phase) bar.stop();
        phase = next;
        bar.start(Math.ceil(total / 1e6), 0, { phase: next.padEnd(9) });
      }
      bar.update(Math.floor(read / 1e6));
    },
    stop: () => {
      if (phase) bar.stop();
    },
  };
}

export function registerImport(program: Command): void {
  withDatabaseOptions(
    program
      .command('import')
      .description(
        'import items into a project from a JSON array, JSONL or CSV file, on the database directly',
      )
      .argument(
        '<file>',
        'rows {"data": {...}, "meta": {...}, "gold": {...}, "priority": n, "qualification": bool}; CSV columns data.<key>, meta.<key>, gold.<field>, priority, qualification',
      )
      .requiredOption('--project <id>', 'the project to import into')
      .requiredOption(
        '--as <email>',
        'the manager of the project (or an admin) the import is recorded under in the audit log',
      )
      .option('--skip-invalid', 'store the valid rows and report the bad ones', false)
      .option('--format <format>', 'json, jsonl or csv (default: by the file extension)')
      .option('--json', 'machine output (one JSON object)', false),
  )
    .addHelpText(
      'after',
      `
Every row is checked before anything is stored: a file with a bad row is refused whole (exit 2),
listing each problem as file:line: field: message. --skip-invalid stores the good rows instead.

CSV: an empty cell is an absent value (empty gold cells: a production item). Gold cells of rating
fields are numbers; multiple-choice gold is labels separated by | (or a JSON array); a rating with
dimensions takes gold.<field>.<dimension> columns.

Examples:
  concord import items.jsonl --project prj_… --as ana@example.org
  concord import items.csv --project prj_… --as ana@example.org --skip-invalid`,
    )
    .action(async (file: string, options: ImportOptions) => {
      if (options.format !== undefined && !ITEMS_FORMATS.includes(options.format as ItemsFormat))
        throw new CliError(
          `--format must be one of ${ITEMS_FORMATS.join(', ')}, got "${options.format}"`,
        );
      try {
        statSync(file);
      } catch {
        throw new CliError(`${file}: no such file`);
      }
      const started = performance.now();
      await usingDatabase(options, async (ctx) => {
        const bar = progressBar(file);
        let outcome;
        try {
          outcome = await importFile(ctx, {
            file,
            projectId: options.project,
            actorEmail: options.as,
            skipInvalid: options.skipInvalid,
            format: options.format as ItemsFormat | undefined,
            maxProblems: SHOWN_PROBLEMS,
            onProgress: bar.update,
          });
        } catch (error) {
          if (error instanceof ConcordError || error instanceof ItemsFileError)
            throw new CliError(error.message);
          throw error;
        } finally {
          bar.stop();
        }
        const { check, result, target } = outcome;
        const seconds = (performance.now() - started) / 1000;
        if (options.json) {
          const report = result ?? check;
          out(
            JSON.stringify({
              project: target.projectId,
              imported: result?.imported ?? 0,
              gold: result?.gold ?? 0,
              qualification: result?.qualification ?? 0,
              rows: report.rows,
              rejectedRows: report.rejectedRows,
              problems: report.problems,
              rejected: report.rejected,
              seconds: Number(seconds.toFixed(3)),
            }),
          );
        }
        if (!result) {
          if (!options.json) {
            err(
              `${file}: ${count(check.rejectedRows)} of ${count(check.rows)} rows are invalid, so nothing was imported:`,
            );
            listProblems(file, check.rejected, check.problems);
            err('Fix them, or run again with --skip-invalid to import the valid rows.');
          }
          process.exitCode = EXIT.usage;
          return;
        }
        if (options.json) return;
        const kinds = [
          result.gold > 0 ? `${count(result.gold)} hidden gold` : '',
          result.qualification > 0 ? `${count(result.qualification)} qualification` : '',
        ].filter(Boolean);
        out(
          `imported ${count(result.imported)} items${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''} into "${target.projectName}" (${target.projectId}) as ${options.as.trim().toLowerCase()} in ${seconds.toFixed(1)} s`,
        );
        if (result.rejectedRows > 0) {
          err(`${file}: left out ${count(result.rejectedRows)} invalid rows:`);
          listProblems(file, result.rejected, result.problems);
        }
      });
    });
}
