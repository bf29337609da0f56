import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '@concord/core/audit';
import type { ProjectConfig } from '@concord/core/config';
import { DIALECTS, buildTestApp, createUserAndLogin, type TestApp } from '../test/harness.js';
import { setUpProgram, type Program } from '../test/program.js';
import type { AppContext } from '../context.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import {
  canonicalRowJson,
  checkImportRows,
  importItemRows,
  resolveImportTarget,
  type SourceRow,
} from './import-items.js';

describe('canonicalRowJson', () => {
  it('spells every value exactly as core canonicalJson, so import digests stay comparable', () => {
    const values: unknown[] = [
      { data: { text: 'b', lang: 'en' }, meta: { z: 1, a: [3, { y: null, x: 'é' }] } },
      { '10': 'ten', '2': 'two', b: { '1': true, a: false }, A: 'upper', é: 'accent', '': 0 },
      { gold: { quality: { fluency: 4, accuracy: -0 } }, priority: 1e21, qualification: true },
      { skipped: undefined, nan: Number.NaN, inf: -Infinity, list: [undefined, 'a"\\\n\u2028'] },
      ['top', 'level', { array: [] }],
      'just text',
      42.5,
      null,
      {},
      // Already canonical (the value itself is serialized), nested out of order, and the values
      // JSON.stringify spells or orders its own way, which take the general path.
      { a: 1, b: { c: [1, 2], d: 'x' } },
      { data: { z: { y: 1, x: [{ b: 1, a: 2 }] }, a: [] }, gold: { b: null, a: 'x' } },
      JSON.parse('{"__proto__": {"b": 1, "a": 2}, "a": 1}') as unknown,
      { when: new Date(0), fn: () => 1, list: [() => 1, Symbol('s')], big: [1, '1'] },
      { a: { '7': 'seven', b: 1 }, nested: Object.create(null) as unknown },
      [undefined, [3, { b: 2, a: 1 }], ''],
    ];
    for (const value of values) expect(canonicalRowJson(value)).toBe(canonicalJson(value));
  });
});

const numbered = (rows: readonly unknown[], firstLine = 1): SourceRow[] =>
  rows.map((row, i) => ({ line: firstLine + i, row }));

const texts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ data: { text: `message ${from + i}` } }));

describe.each(DIALECTS)('streamed item import on %s', (dialect) => {
  let t: TestApp;
  let ctx: AppContext;
  let p: Program;
  let managerId: string;
  let config: ProjectConfig;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
    ctx = t.app.concord.ctx;
    p = await setUpProgram(t.app, { annotators: 1 });
    const target = await resolveImportTarget(ctx, p.projectId, 'p-manager@example.org');
    managerId = target.actorId;
    config = target.config;
  });
  afterEach(() => t.close());

  const items = () =>
    t.database.db
      .selectFrom('items')
      .select(['ord', 'kind', 'data', 'meta', 'gold', 'priority'])
      .where('project_id', '=', p.projectId)
      .orderBy('ord')
      .execute();
  const importEvents = () =>
    t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'items.import')
      .orderBy('seq')
      .execute();
  const itemCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('projects')
          .select('item_count')
          .where('id', '=', p.projectId)
          .executeTakeFirstOrThrow()
      ).item_count,
    );

  const badFile: SourceRow[] = [
    { line: 1, row: { data: { text: 'fine' } } },
    { line: 2, unreadable: 'not valid JSON (Unexpected token)' },
    { line: 4, row: { data: { text: 'g' }, gold: { sentiment: 'meh' } } },
    { line: 5, row: { data: {}, colour: 'red' } },
    { line: 6, row: { data: { text: 'also fine' }, priority: 3 } },
  ];

  it('refuses a stream with a bad row whole: every problem by line, nothing stored, no event', async () => {
    const result = await importItemRows(ctx, managerId, p.projectId, config, [badFile], {
      skipInvalid: false,
    });
    expect(result).toMatchObject({ stored: false, imported: 0, rows: 5, rejectedRows: 3 });
    expect(result.rejected).toEqual([
      { line: 2, message: 'not valid JSON (Unexpected token)' },
      { line: 4, message: 'gold.sentiment: must be one of positive, neutral, negative' },
      { line: 5, message: 'data: required, a non-empty object' },
      {
        line: 5,
        message: 'colour: unknown column (use data, meta, gold, priority, qualification)',
      },
    ]);
    expect(result.problems).toBe(4);
    expect(await items()).toEqual([]);
    expect(await itemCount()).toBe(0);
    expect(await importEvents()).toEqual([]);
    // The check alone finds the same, without a transaction.
    expect(await checkImportRows(config, [badFile], { maxProblems: 2 })).toEqual({
      rows: 5,
      rejectedRows: 3,
      problems: 4,
      rejected: result.rejected.slice(0, 2),
    });
  });

  it('with skipInvalid stores the good rows in order and reports the bad ones', async () => {
    const result = await importItemRows(ctx, managerId, p.projectId, config, [badFile], {
      skipInvalid: true,
    });
    expect(result).toMatchObject({ stored: true, imported: 2, rows: 5, rejectedRows: 3 });
    expect(result.rejected.map((r) => r.line)).toEqual([2, 4, 5, 5]);
    const stored = await items();
    expect(
      stored.map((i) => [Number(i.ord), JSON.parse(i.data) as unknown, Number(i.priority)]),
    ).toEqual([
      [1, { text: 'fine' }, 0],
      [2, { text: 'also fine' }, 3],
    ]);
    expect(await itemCount()).toBe(2);
  });

  it('stores gold and qualification items with their answers, and counts them', async () => {
    const rows = [
      { data: { text: 'a' }, meta: { source: 'web' } },
      { data: { text: 'b' }, gold: { sentiment: 'negative' } },
      { data: { text: 'c' }, gold: { sentiment: 'positive' }, qualification: true },
      { data: { text: 'd' }, gold: null },
    ];
    const result = await importItemRows(ctx, managerId, p.projectId, config, [numbered(rows)], {
      skipInvalid: false,
    });
    expect(result).toMatchObject({ imported: 4, gold: 1, qualification: 1 });
    const stored = await items();
    expect(stored.map((i) => i.kind)).toEqual([
      'production',
      'gold',
      'qualification',
      'production',
    ]);
    expect(stored.map((i) => (i.gold === null ? null : (JSON.parse(i.gold) as unknown)))).toEqual([
      null,
      { sentiment: 'negative' },
      { sentiment: 'positive' },
      null,
    ]);
    expect(JSON.parse(stored[0]!.meta)).toEqual({ source: 'web' });
    expect(JSON.parse(stored[1]!.meta)).toEqual({});
  });

  it('records who imported what: the actor, the counts and the SHA-256 of the accepted rows', async () => {
    const rows = [
      ...texts(3),
      { data: {} },
      // Keys out of canonical order at every level, nested, and every kind of member.
      {
        priority: 2,
        meta: { z: 1, a: { y: [2, { d: 1, c: 0 }], x: null } },
        gold: { sentiment: 'neutral' },
        data: { text: 'g', lang: 'en', '10': 'ten', '9': 'nine' },
        qualification: true,
      },
    ];
    await importItemRows(ctx, managerId, p.projectId, config, [numbered(rows)], {
      skipInvalid: true,
      source: 'cli',
      file: 'items.jsonl',
    });
    const accepted = [...rows.slice(0, 3), rows[4]];
    const digest = createHash('sha256');
    for (const row of accepted) digest.update(`${canonicalJson(row)}\n`);
    const [event, ...more] = await importEvents();
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor_id: managerId,
      entity_type: 'project',
      entity_id: p.projectId,
    });
    expect(JSON.parse(event!.payload)).toEqual({
      imported: 4,
      gold: 0,
      qualification: 1,
      rejected: 1,
      sha256: digest.digest('hex'),
      source: 'cli',
      file: 'items.jsonl',
    });
    expect((await verifyAuditLog(t.database.db)).ok).toBe(true);
  });

  it('continues ord and item_count exactly across imports and batch boundaries', async () => {
    // 4,500 rows cross SQLite's 2,000-row statements; batches of 700 do not line up with them.
    const first = texts(4500);
    const batches = Array.from({ length: Math.ceil(first.length / 700) }, (_, b) =>
      numbered(first.slice(b * 700, b * 700 + 700), b * 700 + 1),
    );
    const seen: number[] = [];
    expect(
      await importItemRows(ctx, managerId, p.projectId, config, batches, {
        skipInvalid: false,
        onRows: (n) => seen.push(n),
      }),
    ).toMatchObject({ imported: 4500 });
    expect(seen.at(-1)).toBe(4500);
    await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(5, 4500))], {
      skipInvalid: false,
    });
    const stored = await items();
    expect(stored.map((i) => Number(i.ord))).toEqual(Array.from({ length: 4505 }, (_, i) => i + 1));
    expect(stored.map((i) => (JSON.parse(i.data) as { text: string }).text)).toEqual(
      texts(4505).map((r) => r.data.text),
    );
    expect(await itemCount()).toBe(4505);
    const ids = await t.database.db.selectFrom('items').select('id').execute();
    expect(ids.every((r) => /^itm_[0-9a-hjkmnp-tv-z]{20}$/.test(r.id))).toBe(true);
    expect(new Set(ids.map((r) => r.id)).size).toBe(4505);
  });

  it.runIf(dialect === 'sqlite')(
    'gives SQLite its usual page cache back after an import',
    async () => {
      const cacheSize = async () =>
        (await sql<{ cache_size: number }>`pragma cache_size`.execute(t.database.db)).rows[0]
          ?.cache_size;
      const before = await cacheSize();
      await importItemRows(ctx, managerId, p.projectId, config, [[{ line: 1, row: 'bad' }]], {
        skipInvalid: false,
      });
      await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(3))], {
        skipInvalid: false,
      });
      expect(await cacheSize()).toBe(before);
    },
  );

  it('stores every character of the rows as written: backslashes, tabs, newlines, quotes, emoji', async () => {
    const awkward = 'back\\slash \\N \\\\N tab\t newline\n return\r nul\u0000 quote" é 😀 \u2028';
    const rows = [
      { data: { text: awkward, [awkward]: 1 }, meta: { note: awkward }, priority: -3 },
      { data: { text: '\\' }, gold: { sentiment: 'positive' }, meta: { path: 'C:\\dir\\' } },
    ];
    await importItemRows(ctx, managerId, p.projectId, config, [numbered(rows)], {
      skipInvalid: false,
    });
    const stored = await items();
    expect(stored.map((i) => [i.data, i.meta, i.gold, Number(i.priority), i.kind])).toEqual([
      [JSON.stringify(rows[0]!.data), JSON.stringify(rows[0]!.meta), null, -3, 'production'],
      [
        JSON.stringify(rows[1]!.data),
        JSON.stringify(rows[1]!.meta),
        JSON.stringify(rows[1]!.gold),
        0,
        'gold',
      ],
    ]);
    expect(JSON.parse(stored[0]!.data)).toEqual(rows[0]!.data);
  });

  it('keeps nothing when a bad row comes after thousands of stored ones, and the next import works', async () => {
    const rows = [...texts(3000), { data: { text: 'late' }, gold: { sentiment: 'meh' } }];
    const result = await importItemRows(ctx, managerId, p.projectId, config, [numbered(rows)], {
      skipInvalid: false,
    });
    expect(result).toMatchObject({ stored: false, rows: 3001, rejectedRows: 1, imported: 0 });
    expect(result.rejected).toEqual([
      { line: 3001, message: 'gold.sentiment: must be one of positive, neutral, negative' },
    ]);
    expect(await items()).toEqual([]);
    expect(await importEvents()).toEqual([]);
    await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(3))], {
      skipInvalid: false,
    });
    expect((await items()).map((i) => Number(i.ord))).toEqual([1, 2, 3]);
    expect(await itemCount()).toBe(3);
  });

  it('keeps nothing when reading the rows fails midway, and says why', async () => {
    async function* failing(): AsyncGenerator<SourceRow[]> {
      yield numbered(texts(1000));
      throw new Error('items.jsonl: read error');
    }
    await expect(
      importItemRows(ctx, managerId, p.projectId, config, failing(), { skipInvalid: false }),
    ).rejects.toThrow('items.jsonl: read error');
    expect(await items()).toEqual([]);
    expect(await itemCount()).toBe(0);
    await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(2))], {
      skipInvalid: false,
    });
    expect(await itemCount()).toBe(2);
  });

  it.runIf(dialect === 'sqlite')(
    'stages the rows in a temporary table that is gone after the import, stored or refused',
    async () => {
      const tempTables = async () =>
        (
          await sql<{
            name: string;
          }>`select name from sqlite_temp_master where type = 'table'`.execute(t.database.db)
        ).rows;
      await importItemRows(ctx, managerId, p.projectId, config, [badFile], { skipInvalid: false });
      expect(await tempTables()).toEqual([]);
      await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(600))], {
        skipInvalid: false,
      });
      expect(await tempTables()).toEqual([]);
      expect(await itemCount()).toBe(600);
    },
  );

  it.runIf(dialect === 'postgres')(
    'leaves PostgreSQL statistics that know the rows of a large import',
    async () => {
      await importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(10_000))], {
        skipInvalid: false,
      });
      const { rows } = await sql<{
        reltuples: number;
      }>`select reltuples from pg_class where oid = 'items'::regclass`.execute(t.database.db);
      expect(Number(rows[0]!.reltuples)).toBeGreaterThanOrEqual(10_000);
    },
  );

  it('numbers two concurrent imports into one project without a gap or a clash', async () => {
    await Promise.all([
      importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(300))], {
        skipInvalid: false,
      }),
      importItemRows(ctx, managerId, p.projectId, config, [numbered(texts(200, 300))], {
        skipInvalid: false,
      }),
    ]);
    expect((await items()).map((i) => Number(i.ord))).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    expect(await itemCount()).toBe(500);
  });

  it('records imports only under a manager of the project or an admin', async () => {
    await expect(resolveImportTarget(ctx, p.projectId, 'ADMIN@example.org')).resolves.toMatchObject(
      { projectId: p.projectId, projectName: 'Sentiment' },
    );
    await expect(resolveImportTarget(ctx, p.projectId, 'p-annotator0@example.org')).rejects.toThrow(
      'p-annotator0@example.org may not import into project ' +
        `${p.projectId}: only its managers and admins may (their project role: annotator)`,
    );
    await createUserAndLogin(t.app, p.admin.token, { email: 'out@example.org', role: 'member' });
    await expect(resolveImportTarget(ctx, p.projectId, 'out@example.org')).rejects.toThrow(
      '(their project role: none)',
    );
    await expect(resolveImportTarget(ctx, p.projectId, 'nobody@example.org')).rejects.toThrow(
      'No user with the email nobody@example.org',
    );
    await expect(resolveImportTarget(ctx, 'prj_missing', 'admin@example.org')).rejects.toThrow(
      'No project prj_missing',
    );
  });
});
