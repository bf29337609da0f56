import type { Command } from 'commander';
import {
  ANY_CATEGORY,
  MATCHINGS,
  detect,
  evaluateSpans,
  presidioGoldSpans,
  type Evaluation,
  type LabelledSpan,
  type PresidioRecord,
  type Score,
} from '@concord/core/deid';
import { codePointLength } from '@concord/core/config';
import { CliError, out, table } from '../output.js';
import { deidentifyFile, readInput, type DeidFileOptions } from './deid-file.js';

interface DeidOptions extends DeidFileOptions {
  readonly detect?: string;
  readonly eval?: string;
  readonly json: boolean;
}

interface TextRecord {
  id: unknown;
  text: string;
  gold: LabelledSpan[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one gold span; `where` is `FILE:LINE` (or `FILE: record N`) for the message. */
function goldSpan(value: unknown, length: number, where: string): LabelledSpan {
  const s = isObject(value) ? value : {};
  const start = s.start ?? s.start_position;
  const end = s.end ?? s.end_position;
  const category = s.category ?? s.entity_type;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    typeof category !== 'string' ||
    (start as number) < 0 ||
    (end as number) < (start as number) ||
    (end as number) > length
  )
    throw new CliError(
      `${where}: each span needs integer "start" <= "end" within the text (code points) and a "category", got ${JSON.stringify(value)}`,
    );
  return { start: start as number, end: end as number, category };
}

/**
 * JSONL `{"id","text"[,"spans"]}` one record a line, or the presidio-research JSON array
 * `[{"full_text","spans":[{"entity_type","start_position","end_position"}]}]`, told apart by
 * the first non-blank character.
 */
function parseRecords(content: string, file: string, needGold: boolean): TextRecord[] {
  if (content.trimStart().startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    return (data as unknown[]).map((entry, index) => {
      const where = `${file}: record ${index + 1}`;
      if (!isObject(entry) || typeof entry.full_text !== 'string')
        throw new CliError(`${where}: expected an object with a "full_text" string`);
      const text = entry.full_text;
      const spans = Array.isArray(entry.spans) ? entry.spans : [];
      const length = codePointLength(text);
      for (const span of spans) goldSpan(span, length, where);
      return {
        id: entry.id ?? index + 1,
        text,
        // labelled as the detector names them (GPE as LOCATION, a full-URL DOMAIN_NAME as URL)
        gold: presidioGoldSpans({ full_text: text, spans: spans as PresidioRecord['spans'] }),
      };
    });
  }
  const records: TextRecord[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw new CliError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(entry) || typeof entry.text !== 'string')
      throw new CliError(`${where}: expected {"id": …, "text": "…"}`);
    if (needGold && !Array.isArray(entry.spans))
      throw new CliError(`${where}: a gold record needs "spans": [{"start","end","category"}]`);
    const length = codePointLength(entry.text);
    const spans = Array.isArray(entry.spans) ? (entry.spans as unknown[]) : [];
    records.push({
      id: entry.id ?? null,
      text: entry.text,
      gold: needGold ? spans.map((s) => goldSpan(s, length, where)) : [],
    });
  });
  return records;
}

const fixed = (x: number): string => x.toFixed(3);

function formatEvaluation(
  evaluation: Evaluation,
  file: string,
  records: number,
  characters: number,
  seconds: number,
  loadSeconds: number,
): string {
  const header = ['category', 'gold', 'predicted'];
  for (const m of MATCHINGS) header.push(`${m} P`, 'R', 'F1');
  const row = (name: string, scores: Record<(typeof MATCHINGS)[number], Score>): string[] => [
    name,
    String(scores.overlap.gold),
    String(scores.overlap.predicted),
    ...MATCHINGS.flatMap((m) => [
      scores[m].predicted === 0 ? '-' : fixed(scores[m].precision),
      fixed(scores[m].recall),
      fixed(scores[m].f1),
    ]),
  ];
  const rows = [
    header,
    ...Object.entries(evaluation.byCategory).map(([name, scores]) => row(name, scores)),
    row('overall', evaluation.overall),
    row(ANY_CATEGORY, evaluation.anyCategory),
  ];
  return [
    `${file}: ${records} records, ${characters} characters`,
    '',
    table(rows),
    '',
    'overlap: a predicted span of the category touches the gold span; coverage: predicted spans cover all of it; exact: same start and end. P is - when nothing was predicted.',
    `throughput: ${Math.round(characters / seconds)} characters/s (detection only, ${seconds.toFixed(3)} s CPU, one pass with the JIT cold; dictionaries loaded before in ${loadSeconds.toFixed(3)} s)`,
  ].join('\n');
}

export function registerDeid(program: Command): void {
  program
    .command('deid')
    .description(
      'de-identify JSONL records or text (consistent surrogates or [CATEGORY] redaction), detect identifiers (PHI), or score the detectors against a gold corpus',
    )
    .argument('[file]', 'JSONL rows (or text with --text) to de-identify; - for stdin')
    .option(
      '--field <name>',
      'de-identify only this field; repeat for more (default: the config\'s fields, else every string but "id")',
      (name: string, previous: string[] = []) => [...previous, name],
    )
    .option(
      '--config <file>',
      'de-identification config: a project config with a "phi" section, or the section itself',
    )
    .option(
      '--secret-file <file>',
      'the project secret surrogates are keyed by (default: $CONCORD_DEID_SECRET)',
    )
    .option('--redact', 'write [CATEGORY] placeholders instead of surrogates', false)
    .option(
      '--map',
      'add "deid": {field: replacements} to each row (with --text: print JSON)',
      false,
    )
    .option('--text', 'the input is plain text, de-identified as one document', false)
    .option('--patient <id>', 'with --text: the patient whose date offset applies')
    .option(
      '--detect <file>',
      'JSONL {"id","text"} (or - for stdin): print {"id","spans":[{"start","end","category","confidence"}]} per line, offsets in code points, end exclusive',
    )
    .option(
      '--eval <gold>',
      'gold corpus: JSONL {"id","text","spans":[{"start","end","category"}]} or presidio-research JSON; prints P/R/F1 per category',
    )
    .option('--json', 'machine output for --eval (one JSON object)', false)
    .addHelpText(
      'after',
      '\nExample:\n  CONCORD_DEID_SECRET=… concord deid notes.jsonl --field text --config phi.json > deid.jsonl\n  concord deid --detect notes.jsonl > spans.jsonl\n  concord deid --eval gold.jsonl --json',
    )
    .action(async (input: string | undefined, options: DeidOptions) => {
      if (!options.detect && !options.eval) {
        if (input === undefined)
          throw new CliError('give a FILE (or -) to de-identify, --detect FILE or --eval GOLD');
        return deidentifyFile(input, options);
      }
      if (input !== undefined)
        throw new CliError('give a FILE to de-identify or --detect/--eval, not both');
      if (Boolean(options.detect) === Boolean(options.eval))
        throw new CliError('give exactly one of --detect FILE or --eval GOLD');
      if (options.detect) {
        const file = options.detect;
        const records = parseRecords(await readInput(file), file, false);
        for (const record of records)
          out(JSON.stringify({ id: record.id, spans: detect(record.text) }));
        return;
      }
      const file = options.eval!;
      const records = parseRecords(await readInput(file), file, true);
      // the name and place dictionaries load once per process: time that apart from detection
      const loading = process.cpuUsage();
      detect('Seen by Dr. Rose in Boston.');
      const loaded = process.cpuUsage(loading);
      const loadSeconds = (loaded.user + loaded.system) / 1e6;
      const before = process.cpuUsage();
      const predicted = records.map((record) => detect(record.text));
      const used = process.cpuUsage(before);
      const seconds = Math.max((used.user + used.system) / 1e6, 1e-6);
      const characters = records.reduce((sum, r) => sum + codePointLength(r.text), 0);
      const evaluation = evaluateSpans(
        records.map((record, i) => ({ gold: record.gold, predicted: predicted[i]! })),
      );
      out(
        options.json
          ? JSON.stringify({
              file,
              records: records.length,
              characters,
              cpuSeconds: seconds,
              charactersPerSecond: characters / seconds,
              dictionaryLoadSeconds: loadSeconds,
              ...evaluation,
            })
          : formatEvaluation(evaluation, file, records.length, characters, seconds, loadSeconds),
      );
    });
}
