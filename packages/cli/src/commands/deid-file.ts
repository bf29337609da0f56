import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import {
  deidConfigSchema,
  deidentifyRecord,
  deidentifyText,
  type DeidConfig,
} from '@concord/core/deid';
import { lineChunks } from '../ratings/line-chunks.js';
import { CliError, EXIT, err } from '../output.js';

/** Options of `concord deid FILE` (the de-identify mode). */
export interface DeidFileOptions {
  readonly field?: readonly string[];
  readonly config?: string;
  readonly secretFile?: string;
  readonly redact: boolean;
  readonly map: boolean;
  readonly text: boolean;
  readonly patient?: string;
}

/** Files smaller than this finish before a progress bar would be readable. */
const PROGRESS_BYTES = 8 * 1024 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `file: a.b: message` for each problem of a parsed config. */
function configProblems(file: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
  return issues
    .map((i) => `${file}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`)
    .join('\n');
}

/** The config: a `phi` section, a project config holding one, or nothing (the defaults). */
async function loadConfig(options: DeidFileOptions): Promise<DeidConfig> {
  let raw: unknown = {};
  if (options.config) {
    const text = await readTextFile(options.config);
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${options.config}: not valid JSON (${(error as Error).message})`);
    }
    if (isObject(raw) && isObject(raw.phi)) raw = raw.phi;
  }
  const parsed = deidConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new CliError(configProblems(options.config ?? 'config', parsed.error.issues));
  const config: DeidConfig = { ...parsed.data };
  if (options.redact) config.mode = 'redact';
  if (options.field && options.field.length > 0) config.fields = [...options.field];
  return config;
}

/**
 * The project secret: --secret-file, else CONCORD_DEID_SECRET. Redact mode may go without one
 * (a random key then, so patient pseudonyms differ between runs).
 */
async function loadSecret(options: DeidFileOptions): Promise<string | Uint8Array> {
  let secret: string | undefined;
  if (options.secretFile) {
    secret = (await readTextFile(options.secretFile)).replace(/\r?\n$/, '');
    if (secret === '') throw new CliError(`${options.secretFile}: the secret file is empty`);
  } else secret = process.env.CONCORD_DEID_SECRET || undefined;
  if (secret !== undefined) return secret;
  if (options.redact) {
    err('note: no secret given; patient pseudonyms of this run are not reproducible');
    return randomBytes(32);
  }
  throw new CliError(
    'surrogates need the project secret: --secret-file FILE or CONCORD_DEID_SECRET (keep it: the same secret gives the same surrogates on re-import)',
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of `file`, or of stdin for `-`. */
export const readInput = (file: string): Promise<string> =>
  file === '-' ? readStdin() : readTextFile(file);

/** The text of a file; a missing file is a usage error naming it. */
async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CliError(`${file}: no such file`, EXIT.usage);
    throw error;
  }
}

/**
 * Writes to stdout, waiting when the pipe is full (large files, slow readers). Returns false
 * once the reader has gone (`concord deid big.jsonl | head`): there is no one left to write for.
 */
async function write(text: string): Promise<boolean> {
  if (readerGone) return false;
  if (!process.stdout.write(text))
    await new Promise<void>((resolve) => {
      process.stdout.once('drain', resolve);
      process.stdout.once('error', () => resolve());
    });
  return !readerGone;
}

let readerGone = false;
/** Ends the run quietly when stdout's reader closes the pipe; other errors still surface. */
function watchStdout(): () => void {
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  };
  process.stdout.on('error', onError);
  return () => process.stdout.off('error', onError);
}

/**
 * De-identifies one JSONL row. An item row (`{"data": {…}, "meta": {…}, …}`) has its data
 * replaced and its meta cleaned as on import; any other object is de-identified as flat data
 * whose known-identifier and patient keys are its own (the `id` key is left as it is).
 */
function deidentifyRow(
  row: Record<string, unknown>,
  config: DeidConfig,
  secret: string | Uint8Array,
  map: boolean,
): Record<string, unknown> {
  if (isObject(row.data)) {
    const meta = isObject(row.meta) ? row.meta : {};
    const result = deidentifyRecord(row.data, meta, { secret, config });
    return {
      ...row,
      data: result.data,
      ...(row.meta !== undefined || result.patient !== null ? { meta: result.meta } : {}),
      ...(map ? { deid: result.replacements } : {}),
    };
  }
  const identifying = new Set([config.patientKey, ...config.knownIdentifiers.map((k) => k.key)]);
  const meta: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    if (identifying.has(key)) meta[key] = value;
    else if (key !== 'id') data[key] = value;
  const result = deidentifyRecord(data, meta, { secret, config });
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(row))
    if (key === 'id') output.id = row.id;
    else if (!identifying.has(key)) output[key] = result.data[key];
  if (result.patient !== null) output.patient = result.patient;
  if (map) output.deid = result.replacements;
  return output;
}

/** Checks the --field names of one row: present, and text (or objects holding text). */
function checkFields(row: Record<string, unknown>, fields: readonly string[], where: string) {
  const target = isObject(row.data) ? row.data : row;
  for (const field of fields) {
    const value = target[field];
    if (value === undefined) throw new CliError(`${where}: field "${field}": missing`);
    if (typeof value !== 'string' && typeof value !== 'object')
      throw new CliError(`${where}: field "${field}": expected text, got ${typeof value}`);
  }
}

/** Runs `concord deid FILE`: JSONL rows (or plain text with --text) → de-identified output. */
export async function deidentifyFile(file: string, options: DeidFileOptions): Promise<void> {
  const config = await loadConfig(options);
  const secret = await loadSecret(options);
  if (options.text) {
    const text = await readInput(file);
    const result = deidentifyText(text, {
      secret,
      config,
      ...(options.patient !== undefined ? { patient: options.patient } : {}),
    });
    await write(
      options.map
        ? `${JSON.stringify({ text: result.text, replacements: result.replacements })}\n`
        : result.text,
    );
    return;
  }
  const fields = options.field ?? [];
  const size =
    file === '-'
      ? 0
      : await stat(file).then(
          (s) => s.size,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') throw new CliError(`${file}: no such file`, EXIT.usage);
            throw error;
          },
        );
  const bar =
    process.stderr.isTTY && size >= PROGRESS_BYTES
      ? new SingleBar(
          {
            format: 'de-identifying {bar} {percentage}% | {value}/{total} MB',
            stream: process.stderr,
            hideCursor: true,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(Math.ceil(size / 1e6), 0);
  const chunks: AsyncIterable<string> | Iterable<string> =
    file === '-'
      ? [await readStdin()]
      : lineChunks(file, { onProgress: (read) => bar?.update(Math.floor(read / 1e6)) });
  let lineNumber = 0;
  let carried = '';
  readerGone = false;
  const unwatch = watchStdout();
  try {
    for await (const chunk of chunks) {
      const lines = (carried + chunk).split('\n');
      carried = lines.pop()!;
      if (!(await write(lines.map((line) => deidentifyLine(line, ++lineNumber)).join('')))) return;
    }
    if (carried !== '') await write(deidentifyLine(carried, ++lineNumber));
  } finally {
    unwatch();
    bar?.stop();
  }

  function deidentifyLine(line: string, number: number): string {
    if (line.trim() === '') return '';
    const where = `${file}:${number}`;
    let row: unknown;
    try {
      row = JSON.parse(number === 1 ? line.replace(/^\uFEFF/, '') : line);
    } catch (error) {
      throw new CliError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(row)) throw new CliError(`${where}: expected a JSON object`);
    checkFields(row, fields, where);
    return `${JSON.stringify(deidentifyRow(row, config, secret, options.map))}\n`;
  }
}
