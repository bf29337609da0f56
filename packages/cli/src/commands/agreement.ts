import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { readRatings, RatingsInputError } from '../ratings/read-ratings.js';
import { parseColumns } from '../ratings/columns-option.js';
import {
  agreementReport,
  agreementReportJson,
  formatAgreementReport,
} from '../reports/agreement-report.js';
import { CliError, EXIT, out } from '../output.js';

interface AgreementOptions {
  readonly wide: boolean;
  readonly columns?: string;
  readonly format?: 'csv' | 'jsonl';
  readonly json: boolean;
  readonly threshold: string;
  readonly failBelow: boolean;
}

const PROGRESS_BYTES = 8 * 1024 * 1024;

export function registerAgreement(program: Command): void {
  program
    .command('agreement')
    .description(
      'inter-annotator agreement of a labels file: α, κ, AC1, per label, where annotators split, weakest pairs',
    )
    .argument(
      '<file>',
      'long CSV (item,annotator,label), JSONL ({"item","annotator","label"}), or wide CSV with --wide',
    )
    .option(
      '--columns <names>',
      'long CSV: header names of the item, annotator and label columns, e.g. task,worker,answer',
    )
    .option('--wide', 'one row per item and one column per annotator (empty cell = missing)', false)
    .option('--format <format>', 'csv or jsonl (default: by the file extension)')
    .option('--json', 'machine output (one JSON object)', false)
    .option('--threshold <alpha>', 'the α a reliable result must reach', '0.8')
    .option('--fail-below', 'exit 1 when α is below the threshold (for pipelines)', false)
    .addHelpText(
      'after',
      '\nExample:\n  concord agreement labels.csv\n  concord agreement ratings.csv --wide --json',
    )
    .action(async (file: string, options: AgreementOptions) => {
      const threshold = Number(options.threshold);
      if (!Number.isFinite(threshold) || threshold < -1 || threshold > 1)
        throw new CliError(`--threshold must be a number from -1 to 1, got "${options.threshold}"`);
      if (options.format && options.format !== 'csv' && options.format !== 'jsonl')
        throw new CliError(`--format must be csv or jsonl, got "${String(options.format)}"`);
      const bar = new SingleBar(
        {
          format: 'reading {bar} {percentage}% | {value}/{total} MB',
          stream: process.stderr,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      let barStarted = false;
      try {
        const input = await readRatings(file, {
          format: options.wide ? 'wide' : options.format,
          columns: parseColumns(options.columns),
          onProgress: process.stderr.isTTY
            ? (read, total) => {
                if (total < PROGRESS_BYTES) return;
                if (!barStarted) {
                  bar.start(Math.ceil(total / 1e6), 0);
                  barStarted = true;
                }
                bar.update(Math.floor(read / 1e6));
              }
            : undefined,
        });
        if (barStarted) bar.stop();
        const report = agreementReport(input.table, { ...input, threshold });
        out(
          options.json
            ? agreementReportJson(report)
            : formatAgreementReport(report, file, input.table),
        );
        if (options.failBelow && !report.verdict.passed) process.exitCode = EXIT.failed;
      } catch (error) {
        if (barStarted) bar.stop();
        if (error instanceof RatingsInputError) throw new CliError(error.message, EXIT.usage);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new CliError(`${file}: no such file`, EXIT.usage);
        throw error;
      }
    });
}
