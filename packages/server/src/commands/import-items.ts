import { createHash, randomBytes } from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { checkImportRow, prepareImportRow, type ProjectConfig } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { DB, ItemKind } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';
import { copyFromStdin, copyText } from './import-copy.js';
import { preparePhiImport, withheldProblem } from '../phi/phi-import.js';

/** One row to import: the item's data, optional metadata (slices), optional gold answer. */
export interface ImportRow {
  readonly data?: unknown;
  readonly meta?: unknown;
  readonly gold?: unknown;
  readonly priority?: unknown;
  /** With gold: the item belongs to the qualification set new annotators take first. */
  readonly qualification?: unknown;
}

export interface RowProblem {
  /** 1-based position of the row in the file or array. */
  readonly line: number;
  readonly message: string;
}

export interface ImportResult {
  readonly imported: number;
  readonly gold: number;
  readonly qualification: number;
  readonly rejected: readonly RowProblem[];
}

/**
 * A row as a reader found it at `line` of its source: a parsed value to check, or a line that
 * could not be read at all (malformed JSON, a broken CSV record) with the reason.
 */
export type SourceRow =
  | { readonly line: number; readonly row: unknown }
  | { readonly line: number; readonly unreadable: string };

/** What a streamed import found: the result plus how many rows and problems there were in all. */
export interface StreamedImportResult extends ImportResult {
  /** Rows seen, valid or not. */
  readonly rows: number;
  /** Rows refused (a row with two problems counts once). */
  readonly rejectedRows: number;
  /** Problems found; `rejected` lists the first `maxProblems` of them. */
  readonly problems: number;
  /** False when a bad row refused the whole import, so nothing was stored. */
  readonly stored: boolean;
}

export interface StreamedImportOptions {
  /** Store the valid rows and report the bad ones, instead of refusing the whole import. */
  readonly skipInvalid: boolean;
  /** Where the rows came from, for the audit event: `api`, `cli`. Default `api`. */
  readonly source?: string;
  /** The file's name, for the audit event. */
  readonly file?: string;
  /** How many problems to keep in `rejected` (all are counted). Default: all. */
  readonly maxProblems?: number;
  /** Called after each stored batch with the number of rows seen so far. */
  readonly onRows?: (rows: number) => void;
}

export { checkImportRow };

/**
 * One source row made ready to check and store: for projects with LLM feedback fields, a usual
 * shape is wrapped and normalised (core's prepareImportRow); with the problems of the row.
 */
function prepared(
  config: ProjectConfig,
  source: SourceRow,
): { readonly row: unknown; readonly problems: RowProblem[] } {
  if ('unreadable' in source) {
    const problem = { line: source.line, message: source.unreadable };
    return { row: undefined, problems: [config.phi ? withheldProblem(problem) : problem] };
  }
  const { row } = prepareImportRow(config, source.row, source.line);
  const problems = checkImportRow(config, source.row, source.line);
  // A PHI project's problems name the line and field but never quote the record.
  return { row, problems: config.phi ? problems.map(withheldProblem) : problems };
}

export interface RowsCheck {
  readonly rows: number;
  readonly rejectedRows: number;
  readonly problems: number;
  /** The first `maxProblems` problems, in source order. */
  readonly rejected: readonly RowProblem[];
}

/** The accepted rows of a batch, serialized as they are stored, in import order: a column each. */
export interface ImportItems {
  /** New item ids, drawn when the batch is complete. */
  id: string[];
  data: string[];
  meta: string[];
  gold: (string | null)[];
  kind: ItemKind[];
  priority: number[];
}

/** Receives a batch of accepted rows; `first` is the 1-based position of its first among them. */
export type OnImportItems = (items: ImportItems, first: number) => Promise<void>;

/** What a check that handed the accepted rows on found. */
export interface CheckedRows extends RowsCheck {
  /** Rows accepted (handed on, unless a bad row refused the import). */
  readonly accepted: number;
  readonly gold: number;
  readonly qualification: number;
  /** SHA-256 (hex) of the accepted rows, each in canonical JSON and newline-terminated. */
  readonly sha256: string;
}

/**
 * Checks a stream of rows. Alone, it stores nothing (a dry run, or a request checked before it
 * takes a lock). With `onItems` it is the import's pass over the rows: the accepted ones are also
 * serialized as they are stored and digested, and handed to `onItems` in batches — once a row is
 * bad and `skipInvalid` is off, nothing more is handed on, but every row is still checked. That
 * pass can run in a worker thread, its result given to {@link importItemRows} as a
 * {@link CheckedSource}. Rows come in batches of any size (a million rows cost a few hundred
 * awaits, not a million).
 */
export async function checkImportRows(
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options?: { readonly maxProblems?: number },
): Promise<RowsCheck>;
export async function checkImportRows(
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options: {
    readonly maxProblems?: number;
    readonly skipInvalid: boolean;
    readonly onItems: OnImportItems;
  },
): Promise<CheckedRows>;
export async function checkImportRows(
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options: {
    readonly maxProblems?: number;
    readonly skipInvalid?: boolean;
    readonly onItems?: OnImportItems;
  } = {},
): Promise<RowsCheck> {
  if (options.onItems)
    return passRows(
      config,
      batches,
      { skipInvalid: options.skipInvalid ?? false, maxProblems: options.maxProblems },
      options.onItems,
    );
  const maxProblems = options.maxProblems ?? Infinity;
  const rejected: RowProblem[] = [];
  let rows = 0;
  let rejectedRows = 0;
  let problems = 0;
  for await (const batch of batches) {
    for (const source of batch) {
      rows += 1;
      const found = prepared(config, source).problems;
      if (found.length === 0) continue;
      rejectedRows += 1;
      problems += found.length;
      for (const problem of found) if (rejected.length < maxProblems) rejected.push(problem);
    }
  }
  return { rows, rejectedRows, problems, rejected };
}

/**
 * Rows checked elsewhere, by {@link checkImportRows} with `onItems` (in a worker thread, say):
 * `check(onItems)` runs that check and resolves with what it found. It must check with the
 * import's `skipInvalid` and `maxProblems`.
 */
export interface CheckedSource {
  readonly check: (onItems: OnImportItems) => Promise<CheckedRows>;
}

/** Who imports into which project: resolved before a file import starts. */
export interface ImportTarget {
  readonly projectId: string;
  readonly projectName: string;
  readonly actorId: string;
  readonly config: ProjectConfig;
}

/**
 * Resolves the project and the person a file import is recorded under (the CLI's `--as`): an
 * active user who manages the project, or an admin. Anyone else is refused, naming why.
 */
export async function resolveImportTarget(
  ctx: AppContext,
  projectId: string,
  actorEmail: string,
): Promise<ImportTarget> {
  const project = await ctx.db
    .selectFrom('projects')
    .select(['id', 'name', 'config'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No project ${projectId}`);
  const email = actorEmail.trim().toLowerCase();
  const user = await ctx.db
    .selectFrom('users')
    .leftJoin('project_members as m', (join) =>
      join.onRef('m.user_id', '=', 'users.id').on('m.project_id', '=', projectId),
    )
    .select(['users.id', 'users.role', 'users.disabled_at', 'm.role as project_role'])
    .where('users.email', '=', email)
    .executeTakeFirst();
  if (!user) throw new ConcordError('CONCORD_ERR_NOT_FOUND', `No user with the email ${email}`);
  if (user.disabled_at !== null)
    throw new ConcordError('CONCORD_ERR_FORBIDDEN', `The account ${email} is disabled`);
  if (user.role !== 'admin' && user.project_role !== 'manager')
    throw new ConcordError(
      'CONCORD_ERR_FORBIDDEN',
      `${email} may not import into project ${projectId}: only its managers and admins may (their project role: ${user.project_role ?? 'none'}); ask a manager to run the import, or to make you a manager`,
    );
  const config = parseConfig(project);
  if (config.fields.length === 0) throw new ConcordError('CONCORD_ERR_NOT_CONFIGURED');
  return { projectId: project.id, projectName: project.name, actorId: user.id, config };
}

/**
 * Rows per staging statement on SQLite, and per chunk of PostgreSQL's COPY stream. Small on
 * purpose: what a batch holds is still alive when the young generation is collected, and copying
 * it there cost more than the statements saved (1M rows, Node CPU: 4,096-row batches 18.6 s,
 * 256-row 15.5 s). The last rows of an import go in power-of-two statements on SQLite, so the
 * statement cache holds a few texts at most.
 */
const BATCH_ROWS = 256;

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * `n` new item ids in the format of `newId('itm')` (a prefix and 20 random base32 characters),
 * drawn from one buffer of random bytes: a million separate draws would cost seconds.
 */
function itemIds(n: number): string[] {
  const bytes = randomBytes(20 * n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let id = 'itm_';
    for (let j = i * 20; j < i * 20 + 20; j++) id += ID_ALPHABET[bytes[j]! & 31];
    ids[i] = id;
  }
  return ids;
}

const emptyColumns = (): ImportItems => ({
  id: [],
  data: [],
  meta: [],
  gold: [],
  kind: [],
  priority: [],
});

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The general canonical JSON, for values {@link sortedKeys} does not take. */
function canonicalJsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJsonOf(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareKeys);
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJsonOf(member)}`;
  }
  return `${out}}`;
}

/** Marks a value {@link sortedKeys} leaves to {@link canonicalJsonOf}. */
const UNUSUAL = Symbol('unusual');

/**
 * `value` with the keys of every object in code-unit order — the value itself when they already
 * are, else a copy — so that `JSON.stringify` of it is its canonical JSON. {@link UNUSUAL} for
 * what `JSON.stringify` spells differently from canonical JSON or orders by its own rule: a
 * function or symbol, an object that is not a plain one (a Date has `toJSON`), a key that starts
 * with a digit (integer keys come first in an object), a `__proto__` key (it cannot be copied by
 * assignment). Nothing `JSON.parse` returns is unusual except those keys.
 */
function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null)
    return typeof value === 'function' || typeof value === 'symbol' ? UNUSUAL : value;
  if (Array.isArray(value)) {
    let out: unknown[] = value;
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const sorted = sortedKeys(element);
      if (sorted === UNUSUAL) return UNUSUAL;
      if (sorted !== element) {
        if (out === value) out = value.slice();
        out[i] = sorted;
      }
    }
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return UNUSUAL;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let inOrder = true;
  let copied: unknown[] | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return UNUSUAL;
    if (i > 0 && keys[i - 1]! > key) inOrder = false;
    const member = record[key];
    const sorted = sortedKeys(member);
    if (sorted === UNUSUAL) return UNUSUAL;
    if (sorted !== member) (copied ??= keys.map((k) => record[k]))[i] = sorted;
  }
  if (inOrder && copied === null) return value;
  const members = copied ?? keys.map((k) => record[k]);
  const order = keys.map((_, i) => i);
  if (!inOrder) order.sort((a, b) => compareKeys(keys[a]!, keys[b]!));
  const out: Record<string, unknown> = {};
  for (const i of order) out[keys[i]!] = members[i];
  return out;
}

/**
 * The canonical JSON of a parsed row, character for character what `canonicalJson` of
 * `@concord/core/audit` returns (keys sorted by code unit, undefined members left out, non-finite
 * numbers as null): the value with its keys sorted, through the native `JSON.stringify`. The
 * import digests every row, and on a million rows building the text piece by piece costs seconds.
 */
export function canonicalRowJson(value: unknown): string {
  const sorted = sortedKeys(value);
  return sorted === UNUSUAL ? canonicalJsonOf(value) : (JSON.stringify(sorted) ?? 'null');
}

/** The canonical JSON of a member of a row whose stored JSON is `stored`: that text when it already is canonical. */
function canonicalMember(value: unknown, stored: string): string {
  const sorted = sortedKeys(value);
  if (sorted === value) return stored;
  return sorted === UNUSUAL ? canonicalJsonOf(value) : JSON.stringify(sorted);
}

/**
 * {@link canonicalRowJson} of a checked row (only the known keys), from the JSON of its members
 * as they are stored: most members need no second serialization.
 */
function canonicalCheckedRow(row: ImportRow, data: string, meta: string, gold: string | null) {
  let out = `{"data":${canonicalMember(row.data, data)}`;
  if (row.gold !== undefined)
    out += `,"gold":${gold === null ? 'null' : canonicalMember(row.gold, gold)}`;
  if (row.meta !== undefined) out += `,"meta":${canonicalMember(row.meta, meta)}`;
  if (row.priority !== undefined) out += `,"priority":${JSON.stringify(row.priority)}`;
  if (row.qualification !== undefined) out += `,"qualification":${row.qualification === true}`;
  return `${out}}`;
}

/** SQLite page cache during an import, in KiB: enough for the indexes of a million items. */
const SQLITE_IMPORT_CACHE_KIB = 256 * 1024;

/**
 * Runs `fn` with SQLite's page cache raised for the import and restored after. With the default
 * cache the random item-id index no longer fits past a few hundred thousand rows and every
 * insert reads pages back (measured: 1M rows 27 s → 18 s). The cache grows only as pages are used.
 */
async function withImportCache<T>(
  dialect: Dialect,
  trx: Transaction<DB>,
  fn: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'sqlite') return fn();
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
  const previous = Number(rows[0]?.cache_size ?? -2000);
  await sql.raw(`pragma cache_size = -${SQLITE_IMPORT_CACHE_KIB}`).execute(trx);
  try {
    return await fn();
  } finally {
    await sql.raw(`pragma cache_size = ${Math.trunc(previous)}`).execute(trx);
  }
}

/** Thrown inside the transaction to roll it back when a bad row refuses the whole import. */
class Refused extends Error {
  constructor() {
    super('the import has invalid rows; nothing was stored');
  }
}

/**
 * The one pass over the rows: checks each, serializes the accepted ones as they are stored,
 * digests them, and hands them to `store` in batches of {@link BATCH_ROWS} with the 1-based
 * position of the batch's first accepted row. Once a row is bad and `skipInvalid` is off, nothing
 * more is stored; the rest is only checked, so every problem is reported.
 */
async function passRows(
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options: Pick<StreamedImportOptions, 'skipInvalid' | 'maxProblems' | 'onRows'>,
  store: OnImportItems,
): Promise<CheckedRows> {
  const maxProblems = options.maxProblems ?? Infinity;
  const rejected: RowProblem[] = [];
  const pass = {
    rows: 0,
    rejectedRows: 0,
    problems: 0,
    accepted: 0,
    gold: 0,
    qualification: 0,
    rejected,
    sha256: '',
  };
  const digest = createHash('sha256');
  let columns = emptyColumns();
  // Canonical rows of the batch, hashed once per batch (one call per row costs a second per million).
  let digested = '';
  const flush = async () => {
    const n = columns.data.length;
    if (n === 0) return;
    const full = columns;
    full.id = itemIds(n);
    columns = emptyColumns();
    digest.update(digested);
    digested = '';
    await store(full, pass.accepted - n + 1);
    options.onRows?.(pass.rows);
  };
  for await (const batch of batches) {
    for (const source of batch) {
      pass.rows += 1;
      const { row: preparedRow, problems } = prepared(config, source);
      if (problems.length > 0) {
        pass.rejectedRows += 1;
        pass.problems += problems.length;
        for (const problem of problems) if (rejected.length < maxProblems) rejected.push(problem);
        continue;
      }
      if (pass.rejectedRows > 0 && !options.skipInvalid) continue; // only collect problems now
      const row = preparedRow as ImportRow;
      const hasGold = row.gold !== undefined && row.gold !== null;
      const kind: ItemKind = !hasGold
        ? 'production'
        : row.qualification === true
          ? 'qualification'
          : 'gold';
      if (kind === 'gold') pass.gold += 1;
      else if (kind === 'qualification') pass.qualification += 1;
      const data = JSON.stringify(row.data);
      const meta = row.meta === undefined ? '{}' : JSON.stringify(row.meta);
      const gold = hasGold ? JSON.stringify(row.gold) : null;
      digested += `${canonicalCheckedRow(row, data, meta, gold)}\n`;
      pass.accepted += 1;
      columns.data.push(data);
      columns.meta.push(meta);
      columns.gold.push(gold);
      columns.kind.push(kind);
      columns.priority.push((row.priority as number | undefined) ?? 0);
      if (columns.data.length >= BATCH_ROWS) await flush();
    }
  }
  if (pass.rejectedRows === 0 || options.skipInvalid) await flush();
  pass.sha256 = digest.digest('hex');
  return pass;
}

/**
 * Takes the project's write lock and returns its `item_count`. Writing first takes the lock at
 * once: the project row on PostgreSQL, the database on SQLite (a read first could not upgrade to
 * a write if another process wrote meanwhile).
 */
async function lockProject(trx: Transaction<DB>, projectId: string, now: string): Promise<number> {
  await trx.updateTable('projects').set({ updated_at: now }).where('id', '=', projectId).execute();
  const project = await trx
    .selectFrom('projects')
    .select('item_count')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(project.item_count);
}

/** What storing the rows needs: the transaction, where, when, and the pass over the rows. */
interface ImportRun {
  readonly trx: Transaction<DB>;
  readonly projectId: string;
  readonly now: string;
  readonly skipInvalid: boolean;
  /** Runs the pass over the rows, handing each batch of accepted rows to `store`. */
  readonly pass: (
    store: (columns: ImportItems, first: number) => Promise<void>,
  ) => Promise<CheckedRows>;
}

/** What the pass found, and the project's `item_count` with the stored rows. */
interface Stored {
  readonly pass: CheckedRows;
  readonly itemCount: number;
}

const STAGING = 'concord_import_items';

/** Staging rows `first + from …` of a batch: one multi-row INSERT, every value a parameter. */
function stageStatement(
  columns: ImportItems,
  first: number,
  from: number,
  n: number,
): CompiledQuery {
  const params: unknown[] = new Array(n * 7);
  for (let i = 0; i < n; i++) {
    const at = i * 7;
    const k = from + i;
    params[at] = first + k;
    params[at + 1] = columns.id[k];
    params[at + 2] = columns.data[k];
    params[at + 3] = columns.meta[k];
    params[at + 4] = columns.gold[k];
    params[at + 5] = columns.kind[k];
    params[at + 6] = columns.priority[k];
  }
  return CompiledQuery.raw(
    `insert into temp.${STAGING} (seq, id, data, meta, gold, kind, priority) values ${'(?,?,?,?,?,?,?),'.repeat(n - 1)}(?,?,?,?,?,?,?)`,
    params,
  );
}

/**
 * SQLite: the rows go to a temporary table first (the connection's own, which takes no lock on
 * the database), and only when every row has been read and checked are they published into
 * `items` with one INSERT … SELECT under the write lock. So a refused import never touches
 * `items` nor blocks another writer, and a stored one holds the lock for that INSERT alone.
 * Returns the rows pass and the project's new `item_count`.
 */
async function importSqlite(run: ImportRun): Promise<Stored> {
  const { trx } = run;
  await sql.raw(`drop table if exists temp.${STAGING}`).execute(trx);
  await sql
    .raw(
      `create temp table ${STAGING} (seq integer primary key, id text not null, data text not null, meta text not null, gold text, kind text not null, priority integer not null)`,
    )
    .execute(trx);
  const done = await run.pass(async (columns, first) => {
    // Full batches share one statement; the rest goes in power-of-two pieces.
    for (let from = 0; from < columns.data.length;) {
      const left = columns.data.length - from;
      const n = left >= BATCH_ROWS ? BATCH_ROWS : 2 ** Math.floor(Math.log2(left));
      await trx.executeQuery(stageStatement(columns, first, from, n));
      from += n;
    }
  });
  if (done.rejectedRows > 0 && !run.skipInvalid) throw new Refused();
  const base = await lockProject(trx, run.projectId, run.now);
  await trx.executeQuery(
    CompiledQuery.raw(
      `insert into items (id, project_id, ord, data, meta, gold, kind, priority, created_at) select id, ?, ? + seq, data, meta, gold, kind, priority, ? from temp.${STAGING} order by seq`,
      [run.projectId, base, run.now],
    ),
  );
  await sql.raw(`drop table temp.${STAGING}`).execute(trx);
  return { pass: done, itemCount: base + done.accepted };
}

/** The rows of a batch as lines of `COPY items (…) FROM STDIN` text. */
function copyLines(
  columns: ImportItems,
  firstOrd: number,
  projectId: string,
  createdAt: string,
): string {
  let out = '';
  for (let i = 0; i < columns.data.length; i++) {
    const gold = columns.gold[i]!;
    out += `${columns.id[i]}\t${projectId}\t${firstOrd + i}\t${copyText(columns.data[i]!)}\t${copyText(columns.meta[i]!)}\t${gold === null ? '\\N' : copyText(gold)}\t${columns.kind[i]}\t${columns.priority[i]}\t${createdAt}\n`;
  }
  return out;
}

/** PostgreSQL: imports of this many rows or more analyze `items` before they commit. */
const ANALYZE_MIN_ROWS = 10_000;

/**
 * PostgreSQL: one `COPY items FROM STDIN` streams the rows into the table as they are read (the
 * server stores while the next rows are parsed), under the project row's lock, taken first so
 * `ord` continues the numbering exactly. A bad row (without `skipInvalid`) stops the writing; the
 * rest is still checked for the report, then the COPY is cancelled and nothing is kept. A large
 * import analyzes `items` in the same transaction (its own new rows count).
 */
async function importPostgres(run: ImportRun): Promise<Stored> {
  const base = await lockProject(run.trx, run.projectId, run.now);
  const project = copyText(run.projectId);
  const createdAt = copyText(run.now);
  const { rows, produced } = await copyFromStdin(
    run.trx,
    'copy items (id, project_id, ord, data, meta, gold, kind, priority, created_at) from stdin',
    async (write) => {
      const done = await run.pass((columns, first) =>
        write(copyLines(columns, base + first, project, createdAt)),
      );
      if (done.rejectedRows > 0 && !run.skipInvalid) throw new Refused();
      return done;
    },
  );
  if (rows !== produced.accepted)
    throw new Error(`COPY stored ${rows} items of ${produced.accepted}; nothing was kept`);
  // Fresh statistics with the rows, as autovacuum would give them a minute later: until then the
  // planner takes a project's new items for a handful, and the items pages plan badly.
  if (produced.accepted >= ANALYZE_MIN_ROWS) await sql`analyze items`.execute(run.trx);
  return { pass: produced, itemCount: base + produced.accepted };
}

/**
 * Imports a stream of rows into a project in one transaction, in one pass: every row is checked;
 * the valid ones are stored (SQLite: staged in a temporary table, then published into `items`
 * with one INSERT … SELECT; PostgreSQL: streamed with `COPY … FROM STDIN`); `item_count` and each
 * item's `ord` continue the project's numbering exactly (under the project's write lock); an
 * `items.import` audit event records the counts and the SHA-256 of the accepted rows (each in
 * canonical JSON, newline-terminated). Without `skipInvalid`, one bad row rolls everything back
 * and the result lists every problem; with it, bad rows are reported and left out.
 *
 * `source` is the rows in batches of any size (a million rows cost a few hundred awaits, not a
 * million), checked here; or a {@link CheckedSource}, rows checked and serialized elsewhere (the
 * CLI does that in a worker thread while this thread stores).
 */
export async function importItemRows(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  config: ProjectConfig,
  source: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]> | CheckedSource,
  options: StreamedImportOptions,
): Promise<StreamedImportResult> {
  // What the pass found, kept for the report when a refused import rolls back.
  const outcome: { pass?: CheckedRows } = {};
  // A PHI project: rows are de-identified on their way to `items`, originals sealed in the vault.
  const phi = config.phi ? await preparePhiImport(ctx, projectId, config, actorId) : null;
  const rowsPass = async (plainStore: OnImportItems) => {
    const store = phi ? phi.wrap(plainStore) : plainStore;
    outcome.pass =
      'check' in source && typeof source.check === 'function'
        ? await source.check(store)
        : await passRows(config, source as Iterable<readonly SourceRow[]>, options, store);
    return outcome.pass;
  };
  try {
    await inTransaction(ctx, (trx, audit) =>
      withImportCache(ctx.dialect, trx, async () => {
        const now = ctx.now().toISOString();
        const run = { trx, projectId, now, skipInvalid: options.skipInvalid, pass: rowsPass };
        const stored = await (ctx.dialect === 'postgres' ? importPostgres(run) : importSqlite(run));
        if (phi) await phi.write(trx, now);
        await trx
          .updateTable('projects')
          .set({ item_count: stored.itemCount, updated_at: now })
          .where('id', '=', projectId)
          .execute();
        await audit({
          actorId,
          action: 'items.import',
          entityType: 'project',
          entityId: projectId,
          payload: {
            imported: stored.pass.accepted,
            gold: stored.pass.gold,
            qualification: stored.pass.qualification,
            rejected: stored.pass.rejectedRows,
            sha256: stored.pass.sha256,
            source: options.source ?? 'api',
            // A PHI import's file name may name a patient: a keyed digest of it instead, which
            // an auditor can check against a name they are given, but nobody can read.
            ...(options.file === undefined
              ? {}
              : phi && ctx.vault
                ? { fileMac: ctx.vault.mac('import-file', options.file) }
                : { file: options.file }),
            // For PHI: the digest of the rows as stored (a digest of originals could be guessed).
            ...(phi ? phi.auditFields() : {}),
          },
        });
      }),
    );
  } catch (error) {
    const refused = outcome.pass;
    if (!(error instanceof Refused) || refused === undefined) throw error;
    return {
      imported: 0,
      gold: 0,
      qualification: 0,
      rejected: refused.rejected,
      rows: refused.rows,
      rejectedRows: refused.rejectedRows,
      problems: refused.problems,
      stored: false,
    };
  }
  const done = outcome.pass!;
  return {
    imported: done.accepted,
    gold: done.gold,
    qualification: done.qualification,
    rejected: done.rejected,
    rows: done.rows,
    rejectedRows: done.rejectedRows,
    problems: done.problems,
    stored: true,
  };
}

/**
 * Imports items after validating every row. Without `skipInvalid`, one bad row refuses the whole
 * import and nothing is stored; with it, the good rows are stored and the bad ones reported. The
 * stored rows and an `items.import` audit event (with the SHA-256 of the accepted rows) are
 * written in one transaction. Row `i` of the array is reported as line `i + 1`.
 */
export async function importItems(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  config: ProjectConfig,
  rows: readonly unknown[],
  options: { readonly skipInvalid: boolean; readonly source?: string },
): Promise<ImportResult> {
  const numbered: SourceRow[] = rows.map((row, i) => ({ line: i + 1, row }));
  // Checked before the transaction, so a refused request never takes a lock.
  const check = await checkImportRows(config, [numbered]);
  if (check.rejectedRows > 0 && !options.skipInvalid)
    return { imported: 0, gold: 0, qualification: 0, rejected: check.rejected };
  const result = await importItemRows(ctx, actorId, projectId, config, [numbered], options);
  return {
    imported: result.imported,
    gold: result.gold,
    qualification: result.qualification,
    rejected: result.rejected,
  };
}
