import { createHash, randomBytes } from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { validateAnnotationValue, type ProjectConfig } from '@concord/core/config';
import type { AppContext } from '../context.js';
import { inTransaction } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { DB, ItemKind } from '../db/schema.js';
import { ConcordError } from '../errors.js';
import { parseConfig } from '../presenters/project.js';

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_KEYS = new Set(['data', 'meta', 'gold', 'priority', 'qualification']);

/** Checks one row against the project's config; returns every problem, each naming the field. */
export function checkImportRow(config: ProjectConfig, row: unknown, line: number): RowProblem[] {
  if (!isObject(row))
    return [{ line, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' }];
  const problems: RowProblem[] = [];
  if (!isObject(row.data) || Object.keys(row.data).length === 0)
    problems.push({ line, message: 'data: required, a non-empty object' });
  if (row.meta !== undefined && !isObject(row.meta))
    problems.push({ line, message: 'meta: must be an object' });
  if (
    row.priority !== undefined &&
    (typeof row.priority !== 'number' ||
      !Number.isInteger(row.priority) ||
      Math.abs(row.priority) > 1_000_000)
  ) {
    problems.push({ line, message: 'priority: must be a whole number (higher is served first)' });
  }
  if (row.qualification !== undefined && typeof row.qualification !== 'boolean')
    problems.push({ line, message: 'qualification: must be true or false' });
  if (row.gold !== undefined && row.gold !== null) {
    for (const issue of validateAnnotationValue(config, row.gold, 'gold'))
      problems.push({ line, message: `${issue.path}: ${issue.message}` });
  } else if (row.qualification === true) {
    problems.push({ line, message: 'qualification: a qualification item needs a gold answer' });
  }
  for (const key of Object.keys(row))
    if (!KNOWN_KEYS.has(key))
      problems.push({
        line,
        message: `${key}: unknown column (use data, meta, gold, priority, qualification)`,
      });
  return problems;
}

/** The problems of one source row: why it could not be read, or what is wrong with it. */
function problemsOf(config: ProjectConfig, source: SourceRow): RowProblem[] {
  return 'unreadable' in source
    ? [{ line: source.line, message: source.unreadable }]
    : checkImportRow(config, source.row, source.line);
}

export interface RowsCheck {
  readonly rows: number;
  readonly rejectedRows: number;
  readonly problems: number;
  /** The first `maxProblems` problems, in source order. */
  readonly rejected: readonly RowProblem[];
}

/**
 * Checks a stream of rows without storing anything: the first pass of a file import, so a file
 * with a bad row is refused before the database is touched. Rows come in batches of any size
 * (a million rows cost a few hundred awaits, not a million).
 */
export async function checkImportRows(
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options: { readonly maxProblems?: number } = {},
): Promise<RowsCheck> {
  const maxProblems = options.maxProblems ?? Infinity;
  const rejected: RowProblem[] = [];
  let rows = 0;
  let rejectedRows = 0;
  let problems = 0;
  for await (const batch of batches) {
    for (const source of batch) {
      rows += 1;
      const found = problemsOf(config, source);
      if (found.length === 0) continue;
      rejectedRows += 1;
      problems += found.length;
      for (const problem of found) if (rejected.length < maxProblems) rejected.push(problem);
    }
  }
  return { rows, rejectedRows, problems, rejected };
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

/** Rows per INSERT: SQLite allows 32,766 parameters per statement, 9 per row here. */
const SQLITE_BATCH = 2000;
/** Rows per INSERT … SELECT FROM json_to_recordset($3): one JSON parameter, so no limit but memory. */
const POSTGRES_BATCH = 10_000;

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

/** The columns of a batch of items, one array per column, in import order. */
interface ItemColumns {
  ord: number[];
  data: string[];
  meta: string[];
  gold: (string | null)[];
  kind: ItemKind[];
  priority: number[];
}

const emptyColumns = (): ItemColumns => ({
  ord: [],
  data: [],
  meta: [],
  gold: [],
  kind: [],
  priority: [],
});

/**
 * One multi-row INSERT of a batch, compiled by hand: Kysely's query builder spends longer
 * building a 2,000-row VALUES list than SQLite spends storing it. Every value is a parameter.
 */
function insertBatch(
  dialect: Dialect,
  projectId: string,
  createdAt: string,
  columns: ItemColumns,
): CompiledQuery {
  const n = columns.ord.length;
  const ids = itemIds(n);
  const head =
    'insert into items (id, project_id, ord, data, meta, gold, kind, priority, created_at)';
  if (dialect === 'postgres') {
    // One JSON document per batch: PostgreSQL's JSON parser reads it faster than seven text
    // arrays (measured: ~20 % less time per row), and JSON.stringify is native on this side.
    const records = new Array<object>(n);
    for (let i = 0; i < n; i++)
      records[i] = {
        i: ids[i],
        o: columns.ord[i],
        d: columns.data[i],
        m: columns.meta[i],
        g: columns.gold[i],
        k: columns.kind[i],
        p: columns.priority[i],
      };
    return CompiledQuery.raw(
      `${head} select i, $1, o, d, m, g, k, p, $2 from json_to_recordset($3::json) as t(i text, o integer, d text, m text, g text, k text, p integer)`,
      [projectId, createdAt, JSON.stringify(records)],
    );
  }
  const params: unknown[] = new Array(n * 9);
  for (let i = 0; i < n; i++) {
    const at = i * 9;
    params[at] = ids[i];
    params[at + 1] = projectId;
    params[at + 2] = columns.ord[i];
    params[at + 3] = columns.data[i];
    params[at + 4] = columns.meta[i];
    params[at + 5] = columns.gold[i];
    params[at + 6] = columns.kind[i];
    params[at + 7] = columns.priority[i];
    params[at + 8] = createdAt;
  }
  return CompiledQuery.raw(
    `${head} values ${'(?,?,?,?,?,?,?,?,?),'.repeat(n - 1)}(?,?,?,?,?,?,?,?,?)`,
    params,
  );
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical JSON of a parsed row, character for character what `canonicalJson` of
 * `@concord/core/audit` returns (keys sorted by code unit, undefined members left out, non-finite
 * numbers as null), built without the intermediate arrays: the import digests every row, and on
 * a million rows the general version costs seconds.
 */
export function canonicalRowJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalRowJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      keys.sort(compareKeys);
      break;
    }
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalRowJson(member)}`;
  }
  return `${out}}`;
}

/** SQLite page cache during an import, in KiB: enough for the indexes of a million items. */
const SQLITE_IMPORT_CACHE_KIB = 256 * 1024;

/**
 * Runs `fn` with SQLite's page cache raised for the import and restored after. With the default
 * 2 MB cache the random item-id index no longer fits past a few hundred thousand rows and every
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
class Refused extends Error {}

/**
 * Imports a stream of rows into a project in one transaction: every row is checked; the valid
 * ones are stored in multi-row INSERTs of thousands of rows (one statement per batch, the next
 * batch read while the database stores the previous one); `item_count` and each item's `ord`
 * continue the project's numbering exactly (the project row is locked for the import); an
 * `items.import` audit event records the counts and the SHA-256 of the accepted rows (each in
 * canonical JSON, newline-terminated). Without `skipInvalid`, one bad row rolls everything back
 * and the result lists every problem; with it, bad rows are reported and left out.
 *
 * Rows come in batches of any size. For a file, check it first with {@link checkImportRows} so a
 * bad file is refused before a transaction starts; this function checks again, so what it
 * stores is valid whatever the caller did.
 */
export async function importItemRows(
  ctx: AppContext,
  actorId: string,
  projectId: string,
  config: ProjectConfig,
  batches: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
  options: StreamedImportOptions,
): Promise<StreamedImportResult> {
  const maxProblems = options.maxProblems ?? Infinity;
  const rejected: RowProblem[] = [];
  const counts = { rows: 0, rejectedRows: 0, problems: 0, imported: 0, gold: 0, qualification: 0 };
  const batchSize = ctx.dialect === 'postgres' ? POSTGRES_BATCH : SQLITE_BATCH;
  try {
    await inTransaction(ctx, (trx, audit) =>
      withImportCache(ctx.dialect, trx, async () => {
        const now = ctx.now().toISOString();
        // Writing first takes the lock at once: the project row on PostgreSQL, the database on
        // SQLite (a read first could not upgrade to a write if another process wrote meanwhile).
        await trx
          .updateTable('projects')
          .set({ updated_at: now })
          .where('id', '=', projectId)
          .execute();
        const project = await trx
          .selectFrom('projects')
          .select('item_count')
          .where('id', '=', projectId)
          .executeTakeFirstOrThrow();
        let ord = Number(project.item_count);
        const digest = createHash('sha256');
        let columns = emptyColumns();
        // Canonical rows of the batch, hashed once per batch (one call per row costs a second per million).
        let digested = '';
        // The batch being stored: it runs while the next batch is read, and is awaited before the
        // next statement is sent (one connection, one statement at a time).
        let inFlight: Promise<unknown> = Promise.resolve();
        const flush = async () => {
          if (columns.ord.length === 0) return;
          const query = insertBatch(ctx.dialect, projectId, now, columns);
          columns = emptyColumns();
          digest.update(digested);
          digested = '';
          await inFlight;
          inFlight = trx.executeQuery(query);
          void inFlight.catch(() => undefined); // awaited at the next flush or below: never unhandled
          options.onRows?.(counts.rows);
        };
        for await (const batch of batches) {
          for (const source of batch) {
            counts.rows += 1;
            const problems = problemsOf(config, source);
            if (problems.length > 0) {
              counts.rejectedRows += 1;
              counts.problems += problems.length;
              for (const problem of problems)
                if (rejected.length < maxProblems) rejected.push(problem);
              continue;
            }
            if (counts.rejectedRows > 0 && !options.skipInvalid) continue; // only collect problems now
            const row = (source as { row: ImportRow }).row;
            const hasGold = row.gold !== undefined && row.gold !== null;
            const kind: ItemKind = !hasGold
              ? 'production'
              : row.qualification === true
                ? 'qualification'
                : 'gold';
            if (kind === 'gold') counts.gold += 1;
            else if (kind === 'qualification') counts.qualification += 1;
            digested += `${canonicalRowJson(row)}\n`;
            ord += 1;
            columns.ord.push(ord);
            columns.data.push(JSON.stringify(row.data));
            columns.meta.push(row.meta === undefined ? '{}' : JSON.stringify(row.meta));
            columns.gold.push(hasGold ? JSON.stringify(row.gold) : null);
            columns.kind.push(kind);
            columns.priority.push((row.priority as number | undefined) ?? 0);
            if (columns.ord.length >= batchSize) await flush();
          }
        }
        if (counts.rejectedRows > 0 && !options.skipInvalid) {
          await inFlight.catch(() => undefined);
          throw new Refused();
        }
        await flush();
        await inFlight;
        counts.imported = ord - Number(project.item_count);
        await finishImport(trx, projectId, ord, now);
        await audit({
          actorId,
          action: 'items.import',
          entityType: 'project',
          entityId: projectId,
          payload: {
            imported: counts.imported,
            gold: counts.gold,
            qualification: counts.qualification,
            rejected: counts.rejectedRows,
            sha256: digest.digest('hex'),
            source: options.source ?? 'api',
            ...(options.file !== undefined ? { file: options.file } : {}),
          },
        });
      }),
    );
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return {
      imported: 0,
      gold: 0,
      qualification: 0,
      rejected,
      rows: counts.rows,
      rejectedRows: counts.rejectedRows,
      problems: counts.problems,
      stored: false,
    };
  }
  return {
    imported: counts.imported,
    gold: counts.gold,
    qualification: counts.qualification,
    rejected,
    rows: counts.rows,
    rejectedRows: counts.rejectedRows,
    problems: counts.problems,
    stored: true,
  };
}

async function finishImport(
  trx: Transaction<DB>,
  projectId: string,
  ord: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('projects')
    .set({ item_count: ord, updated_at: now })
    .where('id', '=', projectId)
    .execute();
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
  // Checked before the transaction, so a refused request never takes the write lock.
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
