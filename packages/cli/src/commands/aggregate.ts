import type { Command } from 'commander';
import {
  dawidSkene,
  majorityVote,
  oneCoinDawidSkene,
  weightedVote,
  type TieBreak,
} from '@concord/core/aggregation';
import { seededRandom, type Label, type RatingTable } from '@concord/core/agreement';
import { readRatings, RatingsInputError } from '../ratings/read-ratings.js';
import { parseColumns } from '../ratings/columns-option.js';
import { readTruth } from '../ratings/read-truth.js';
import { CliError, EXIT, err, out } from '../output.js';

export const AGGREGATION_METHODS = ['majority', 'weighted', 'dawid-skene', 'one-coin'] as const;
type Method = (typeof AGGREGATION_METHODS)[number];

interface AggregateOptions {
  readonly method: string;
  readonly wide: boolean;
  readonly columns?: string;
  readonly format?: 'csv' | 'jsonl';
  readonly json: boolean;
  readonly truth?: string;
  readonly ties: string;
  readonly seed: string;
  readonly maxIterations: string;
  readonly tolerance: string;
}

export interface ItemLabel {
  readonly item: string | number;
  readonly label: Label | null;
  readonly confidence: number;
}

export interface AnnotatorSummary {
  readonly annotator: string | number;
  readonly ratings: number;
  /** Agreement with the consensus (majority, weighted) or the model's expected accuracy (Dawid–Skene). */
  readonly accuracy: number | null;
}

export interface Aggregation {
  readonly items: ItemLabel[];
  readonly annotators: AnnotatorSummary[];
  readonly iterations?: number;
  readonly converged?: boolean;
}

function ratingsPerAnnotator(table: RatingTable<Label>): Int32Array {
  const counts = new Int32Array(table.annotators.length);
  for (const r of table.raters) counts[r]! += 1;
  return counts;
}

/** Share of each annotator's ratings that equal the item's consensus label (items without one skipped). */
function agreementWithConsensus(
  table: RatingTable<Label>,
  labels: readonly (Label | null)[],
): Float64Array {
  const hits = new Float64Array(table.annotators.length);
  const seen = new Float64Array(table.annotators.length);
  const levelOf = new Map(table.levels.map((level, i) => [level, i]));
  for (let u = 0; u < table.items.length; u++) {
    const label = labels[u];
    if (label === null || label === undefined) continue;
    const target = levelOf.get(label);
    for (let p = table.offsets[u]!; p < table.offsets[u + 1]!; p++) {
      const j = table.raters[p]!;
      seen[j]! += 1;
      if (table.values[p] === target) hits[j]! += 1;
    }
  }
  return hits.map((h, j) => (seen[j]! > 0 ? h / seen[j]! : NaN));
}

/**
 * Aggregates a rating table into one label per item. `weighted` weighs each annotator by their
 * agreement with the majority vote (crowd-kit's "Wawa"); the Dawid–Skene methods run EM to the
 * tolerance or the iteration cap.
 */
export function aggregate(
  table: RatingTable<Label>,
  method: Method,
  options: { tieBreak: TieBreak; maxIterations: number; tolerance: number },
): Aggregation {
  const counts = ratingsPerAnnotator(table);
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  if (method === 'majority' || method === 'weighted') {
    let consensus = majorityVote(table, { tieBreak: options.tieBreak });
    if (method === 'weighted') {
      const weights = agreementWithConsensus(
        table,
        consensus.map((c) => c.label),
      );
      consensus = weightedVote(
        table,
        new Map(
          table.annotators.map((a, j) => [a, Number.isFinite(weights[j]!) ? weights[j]! : 0]),
        ),
        { tieBreak: options.tieBreak },
      );
    }
    const accuracy = agreementWithConsensus(
      table,
      consensus.map((c) => c.label),
    );
    return {
      items: consensus.map((c) => ({ item: c.item, label: c.label, confidence: c.confidence })),
      annotators: table.annotators.map((annotator, j) => ({
        annotator,
        ratings: counts[j]!,
        accuracy: finite(accuracy[j]!),
      })),
    };
  }
  const fit = method === 'dawid-skene' ? dawidSkene : oneCoinDawidSkene;
  const result = fit(table, { maxIterations: options.maxIterations, tolerance: options.tolerance });
  return {
    items: result.items.map((item, u) => ({
      item,
      label: result.labels[u] ?? null,
      confidence: result.confidence[u]!,
    })),
    annotators: result.annotators.map((annotator, j) => ({
      annotator,
      ratings: counts[j]!,
      accuracy: finite(result.accuracy[j]!),
    })),
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Accuracy of item labels against a truth map, over the items that have a truth. */
export function accuracyAgainst(
  items: readonly ItemLabel[],
  truth: ReadonlyMap<string, string>,
): { items: number; correct: number; accuracy: number | null } {
  let n = 0;
  let correct = 0;
  for (const { item, label } of items) {
    const expected = truth.get(String(item));
    if (expected === undefined) continue;
    n += 1;
    if (label !== null && String(label) === expected) correct += 1;
    else if (label !== null && typeof label === 'number' && Number(expected) === label)
      correct += 1;
  }
  return { items: n, correct, accuracy: n > 0 ? correct / n : null };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function registerAggregate(program: Command): void {
  program
    .command('aggregate')
    .description(
      'one label and a confidence per item from redundant labels (majority, weighted, Dawid–Skene)',
    )
    .argument('<file>', 'long CSV (item,annotator,label), JSONL, or wide CSV with --wide')
    .option('-m, --method <method>', AGGREGATION_METHODS.join(' | '), 'majority')
    .option(
      '--columns <names>',
      'long CSV: header names of the item, annotator and label columns, e.g. task,worker,answer',
    )
    .option('--wide', 'one row per item and one column per annotator', false)
    .option('--format <format>', 'csv or jsonl (default: by the file extension)')
    .option('--truth <file>', 'CSV item,label of known answers: report accuracy against it')
    .option(
      '--ties <rule>',
      'majority ties: abstain (no label, for adjudication), first, or random',
      'abstain',
    )
    .option('--seed <n>', 'seed for --ties random', '1')
    .option('--max-iterations <n>', 'EM iteration cap (Dawid–Skene)', '1000')
    .option('--tolerance <x>', 'EM stops when no posterior moves more than this', '1e-8')
    .option('--json', 'print {"items": [...], "annotators": [...]}', false)
    .addHelpText(
      'after',
      '\nText output is CSV (item,label,confidence) on stdout; the summary goes to stderr.\nExample:\n  concord aggregate labels.csv --method dawid-skene --truth gold.csv',
    )
    .action(async (file: string, options: AggregateOptions) => {
      if (!(AGGREGATION_METHODS as readonly string[]).includes(options.method))
        throw new CliError(
          `--method must be one of ${AGGREGATION_METHODS.join(', ')}, got "${options.method}"`,
        );
      if (!['abstain', 'first', 'random'].includes(options.ties))
        throw new CliError(`--ties must be abstain, first or random, got "${options.ties}"`);
      const maxIterations = Number(options.maxIterations);
      const tolerance = Number(options.tolerance);
      if (!Number.isInteger(maxIterations) || maxIterations < 1)
        throw new CliError(
          `--max-iterations must be a positive whole number, got "${options.maxIterations}"`,
        );
      if (!(tolerance > 0))
        throw new CliError(`--tolerance must be a positive number, got "${options.tolerance}"`);
      const tieBreak: TieBreak =
        options.ties === 'abstain'
          ? 'abstain'
          : options.ties === 'first'
            ? 'first-level'
            : { random: seededRandom(Number(options.seed) || 1) };
      try {
        const input = await readRatings(file, {
          format: options.wide ? 'wide' : options.format,
          columns: parseColumns(options.columns),
        });
        const truth = options.truth ? await readTruth(options.truth) : null;
        const started = performance.now();
        const result = aggregate(input.table, options.method as Method, {
          tieBreak,
          maxIterations,
          tolerance,
        });
        const seconds = (performance.now() - started) / 1000;
        const score = truth ? accuracyAgainst(result.items, truth) : null;
        if (options.json) {
          out(
            JSON.stringify(
              { method: options.method, ...result, ...(score ? { truth: score } : {}) },
              (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
            ),
          );
        } else {
          const lines = [
            'item,label,confidence',
            ...result.items.map(
              (r) => `${csvCell(r.item)},${csvCell(r.label)},${r.confidence.toFixed(4)}`,
            ),
          ];
          out(lines.join('\n'));
          const unresolved = result.items.filter((r) => r.label === null).length;
          err(
            `${options.method}: ${result.items.length} items, ${input.ratings} ratings, ${result.annotators.length} annotators in ${seconds.toFixed(2)} s` +
              (result.iterations !== undefined
                ? `; EM ${result.converged ? 'converged' : 'stopped at the cap'} after ${result.iterations} iterations`
                : '') +
              (unresolved ? `; ${unresolved} ties left without a label (--ties abstain)` : ''),
          );
          if (score)
            err(
              `accuracy against ${options.truth}: ${score.accuracy === null ? '— (no item has a truth)' : `${(score.accuracy * 100).toFixed(2)} % (${score.correct}/${score.items})`}`,
            );
        }
      } catch (error) {
        if (error instanceof RatingsInputError) throw new CliError(error.message, EXIT.usage);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new CliError(
            `${(error as NodeJS.ErrnoException).path ?? file}: no such file`,
            EXIT.usage,
          );
        throw error;
      }
    });
}
