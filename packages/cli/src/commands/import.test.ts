import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, migrateToLatest, openDatabase, type Database } from '@concord/server';
import { run } from '../test/run-cli.js';

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';

/**
 * A SQLite data dir holding a project (sentiment choice, topics multi-choice, a quality rating
 * with two dimensions) managed by manager@example.org, with annotator@example.org as annotator.
 * Set up over the API, as a manager would, then closed: the CLI opens the database itself.
 */
async function setUp(dir: string): Promise<string> {
  const database = await openDatabase({ dataDir: dir });
  await migrateToLatest(database);
  const app = await buildServer({
    database,
    webRoot: null,
    passwordCost: 10,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
  });
  try {
    const call = async (
      token: string | null,
      method: 'GET' | 'POST',
      url: string,
      body?: object,
    ) => {
      const res = await app.inject({
        method,
        url,
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
        ...(body ? { payload: body as Record<string, unknown> } : {}),
      });
      if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.body}`);
      return JSON.parse(res.body) as Record<string, string>;
    };
    const login = async (email: string, password: string) =>
      (await call(null, 'POST', '/api/auth/login', { email, password })).token!;
    const admin = await login(ADMIN.email, ADMIN.password);
    const users: Record<string, string> = {};
    for (const name of ['manager', 'annotator'])
      users[name] = (
        await call(admin, 'POST', '/api/users', {
          email: `${name}@example.org`,
          name,
          role: 'member',
          password: PASSWORD,
        })
      ).id!;
    const manager = await login('manager@example.org', PASSWORD);
    const { id } = await call(manager, 'POST', '/api/projects', {
      name: 'Reviews',
      config: {
        fields: [
          { name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] },
          {
            name: 'topics',
            type: 'choice',
            labels: ['price', 'service', 'food'],
            multiple: true,
            required: false,
          },
          {
            name: 'quality',
            type: 'rating',
            min: 1,
            max: 5,
            dimensions: ['fluency', 'accuracy'],
            required: false,
          },
        ],
      },
      policy: { overlap: 2, goldRate: 0 },
    });
    await call(manager, 'POST', `/api/projects/${id}/members`, {
      userId: users.annotator,
      role: 'annotator',
    });
    return id!;
  } finally {
    await app.close();
    await database.close();
  }
}

describe('concord import (SQLite)', () => {
  let dir: string;
  let projectId: string;
  let database: Database | null = null;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const importAs = (path: string, ...more: string[]) =>
    run(
      'import',
      path,
      '--project',
      projectId,
      '--as',
      'manager@example.org',
      '--data-dir',
      dir,
      ...more,
    );
  const stored = async () => {
    database ??= await openDatabase({ dataDir: dir });
    return database.db
      .selectFrom('items')
      .select(['ord', 'kind', 'data', 'meta', 'gold', 'priority'])
      .where('project_id', '=', projectId)
      .orderBy('ord')
      .execute();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-import-'));
    vi.stubEnv('DATABASE_URL', undefined);
    projectId = await setUp(dir);
  });
  afterEach(async () => {
    await database?.close();
    database = null;
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports JSONL and reports what it stored', async () => {
    const rows = [
      { data: { text: 'great food' }, meta: { source: 'web' } },
      { data: { text: 'meh' }, gold: { sentiment: 'neutral' } },
      { data: { text: 'ok' }, gold: { sentiment: 'positive' }, qualification: true, priority: 2 },
    ];
    const result = await importAs(
      file('items.jsonl', rows.map((r) => JSON.stringify(r)).join('\n')),
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      new RegExp(
        `^imported 3 items \\(1 hidden gold, 1 qualification\\) into "Reviews" \\(${projectId}\\) as manager@example.org in \\d+\\.\\d s\\n$`,
      ),
    );
    expect((await stored()).map((i) => [i.kind, Number(i.priority)])).toEqual([
      ['production', 0],
      ['gold', 0],
      ['qualification', 2],
    ]);
  });

  it('refuses a JSONL file with bad rows whole, naming each line; exit 2', async () => {
    const text = [
      '{"data": {"text": "fine"}}',
      '',
      '{"data": {"text": "broken"',
      '{"data": {"text": "x"}, "gold": {"sentiment": "meh"}}',
      '{"data": {}}',
      '{"data": {"text": "fine too"}}',
    ].join('\n');
    const result = await importAs(file('items.jsonl', text));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `${join(dir, 'items.jsonl')}: 3 of 5 rows are invalid, so nothing was imported:`,
    );
    expect(lines[1]).toMatch(
      /items\.jsonl:3: not valid JSON \(.+\); each line must be one row object/,
    );
    expect(lines.slice(2)).toEqual([
      `  ${join(dir, 'items.jsonl')}:4: gold.sentiment: must be one of positive, neutral, negative`,
      `  ${join(dir, 'items.jsonl')}:5: data: required, a non-empty object`,
      'Fix them, or run again with --skip-invalid to import the valid rows.',
    ]);
    expect(await stored()).toEqual([]);
  });

  it('refuses a JSON array with bad rows, naming the line each row starts on', async () => {
    const text = `[
  {"data": {"text": "one"}},
  {
    "data": {"text": "two"},
    "gold": {"quality": {"fluency": 9}}
  },
  {"data": {"text": "three"}, "priority": "high"},
  "four"
]`;
    const result = await importAs(file('items.json', text), '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      imported: 0,
      rows: 4,
      rejectedRows: 3,
      rejected: [
        { line: 3, message: 'gold.sentiment: required' },
        { line: 3, message: 'gold.quality.fluency: must be a whole number from 1 to 5' },
        { line: 7, message: 'priority: must be a whole number (higher is served first)' },
        { line: 8, message: 'expected an object {"data": {...}, "meta": {...}, "gold": {...}}' },
      ],
    });
    expect(await stored()).toEqual([]);
  });

  it('refuses a JSON file that is not an array, or breaks off, whatever --skip-invalid says', async () => {
    const notArray = await importAs(file('a.json', '{"data": {"text": "x"}}'), '--skip-invalid');
    expect(notArray.code).toBe(2);
    expect(notArray.stderr).toContain('a.json:1: expected a JSON array of rows');
    const truncated = await importAs(file('b.json', '[{"data": {"text": "x"}},\n{"data": {"te'));
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain('b.json:2: the JSON array is not closed');
    expect(await stored()).toEqual([]);
  });

  it('maps CSV columns: data, meta, typed gold (numbers, label lists, dimensions), priority, qualification', async () => {
    const csv = [
      'data.text,data.lang,meta.batch,gold.sentiment,gold.topics,gold.quality.fluency,gold.quality.accuracy,priority,qualification',
      '"Great food, slow service",en,b1,positive,food|service,4,5,3,yes',
      'Cheap,en,b1,negative,price,,,,',
      'Just text,,,,,,,,',
      '"multi',
      'line",fr,,neutral,"[""price""]",2,3,-1,false',
    ].join('\n');
    const result = await importAs(file('items.csv', csv));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = (await stored()).map((i) => ({
      kind: i.kind,
      data: JSON.parse(i.data) as unknown,
      meta: JSON.parse(i.meta) as unknown,
      gold: i.gold === null ? null : (JSON.parse(i.gold) as unknown),
      priority: Number(i.priority),
    }));
    expect(rows).toEqual([
      {
        kind: 'qualification',
        data: { text: 'Great food, slow service', lang: 'en' },
        meta: { batch: 'b1' },
        gold: {
          sentiment: 'positive',
          topics: ['food', 'service'],
          quality: { fluency: 4, accuracy: 5 },
        },
        priority: 3,
      },
      {
        kind: 'gold',
        data: { text: 'Cheap', lang: 'en' },
        meta: { batch: 'b1' },
        gold: { sentiment: 'negative', topics: ['price'] },
        priority: 0,
      },
      { kind: 'production', data: { text: 'Just text' }, meta: {}, gold: null, priority: 0 },
      {
        kind: 'gold',
        data: { text: 'multi\nline', lang: 'fr' },
        meta: {},
        gold: { sentiment: 'neutral', topics: ['price'], quality: { fluency: 2, accuracy: 3 } },
        priority: -1,
      },
    ]);
  });

  it('refuses CSV rows by line, and a header it cannot place as a whole', async () => {
    const csv = [
      'data.text,gold.sentiment,gold.quality.fluency',
      'fine,,',
      'bad gold,meh,',
      'bad rating,positive,five',
      'too,many,cells,here',
      ',,',
    ].join('\n');
    const result = await importAs(file('items.csv', csv), '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      rows: 5,
      rejectedRows: 4,
      rejected: [
        { line: 3, message: 'gold.sentiment: must be one of positive, neutral, negative' },
        { line: 4, message: 'gold.quality.fluency: must be a whole number from 1 to 5' },
        {
          line: 5,
          message: expect.stringContaining('4 cells but the header has 3 columns') as string,
        },
        { line: 6, message: 'data: required, a non-empty object' },
      ],
    });
    const header = await importAs(file('h.csv', 'text,gold.sentiment\nx,positive\n'));
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('h.csv:1: column "text": name columns data.<key>, meta.<key>');
    const field = await importAs(file('f.csv', 'data.text,gold.colour\nx,red\n'));
    expect(field.stderr).toContain(
      'column "gold.colour": colour is not a field of this project (fields: sentiment, topics, quality)',
    );
    expect(await stored()).toEqual([]);
  });

  it('with --skip-invalid stores the valid rows and reports the bad ones; exit 0', async () => {
    const text = ['{"data": {"text": "a"}}', '{"data": 1}', '{"data": {"text": "b"}}', 'nope'].join(
      '\n',
    );
    const result = await importAs(file('items.jsonl', text), '--skip-invalid');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^imported 2 items into "Reviews"/);
    expect(result.stderr).toContain('items.jsonl: left out 2 invalid rows:');
    expect(result.stderr).toContain('items.jsonl:2: data: required, a non-empty object');
    expect(result.stderr).toContain('items.jsonl:4: not valid JSON');
    expect((await stored()).map((i) => JSON.parse(i.data) as unknown)).toEqual([
      { text: 'a' },
      { text: 'b' },
    ]);
  });

  it('lists the first 50 problems and counts the rest', async () => {
    const text = Array.from({ length: 120 }, () => '{"data": {}}').join('\n');
    const result = await importAs(file('items.jsonl', text));
    expect(result.code).toBe(2);
    const listed = result.stderr.split('\n').filter((l) => l.includes('data: required'));
    expect(listed).toHaveLength(50);
    expect(listed[49]).toContain('items.jsonl:50:');
    expect(result.stderr).toContain('… and 70 more problems');
  });

  it('records the import under --as with the SHA-256 of the rows, and continues ord on a second import', async () => {
    const first = [
      { data: { text: 'a' } },
      { data: { text: 'b' }, gold: { sentiment: 'negative' } },
    ];
    const second = [{ data: { text: 'c' } }];
    expect(
      (await importAs(file('1.jsonl', first.map((r) => JSON.stringify(r)).join('\n')))).code,
    ).toBe(0);
    expect((await importAs(file('2.json', JSON.stringify(second)))).code).toBe(0);
    expect((await stored()).map((i) => [Number(i.ord), JSON.parse(i.data) as unknown])).toEqual([
      [1, { text: 'a' }],
      [2, { text: 'b' }],
      [3, { text: 'c' }],
    ]);
    const events = await database!.db
      .selectFrom('audit_events as e')
      .innerJoin('users as u', 'u.id', 'e.actor_id')
      .select(['u.email', 'e.payload'])
      .where('e.action', '=', 'items.import')
      .orderBy('e.seq')
      .execute();
    // The digest is of each accepted row in canonical JSON (sorted keys), one per line.
    const sha = (lines: string[]) =>
      createHash('sha256')
        .update(lines.map((l) => `${l}\n`).join(''))
        .digest('hex');
    expect(events.map((e) => [e.email, JSON.parse(e.payload) as unknown])).toEqual([
      [
        'manager@example.org',
        {
          imported: 2,
          gold: 1,
          qualification: 0,
          rejected: 0,
          source: 'cli',
          file: '1.jsonl',
          sha256: sha([
            '{"data":{"text":"a"}}',
            '{"data":{"text":"b"},"gold":{"sentiment":"negative"}}',
          ]),
        },
      ],
      [
        'manager@example.org',
        {
          imported: 1,
          gold: 0,
          qualification: 0,
          rejected: 0,
          source: 'cli',
          file: '2.json',
          sha256: sha(['{"data":{"text":"c"}}']),
        },
      ],
    ]);
    const projects = await database!.db.selectFrom('projects').select('item_count').execute();
    expect(projects.map((p) => Number(p.item_count))).toEqual([3]);
  });

  it('refuses an actor who does not manage the project, and an unknown project', async () => {
    const path = file('items.jsonl', '{"data": {"text": "a"}}');
    const annotator = await run(
      'import',
      path,
      '--project',
      projectId,
      '--as',
      'annotator@example.org',
      '--data-dir',
      dir,
    );
    expect(annotator.code).toBe(2);
    expect(annotator.stderr).toContain(
      `annotator@example.org may not import into project ${projectId}: only its managers and admins may (their project role: annotator)`,
    );
    const admin = await run(
      'import',
      path,
      '--project',
      projectId,
      '--as',
      ADMIN.email,
      '--data-dir',
      dir,
    );
    expect(admin.code).toBe(0);
    const missing = await run(
      'import',
      path,
      '--project',
      'prj_nope',
      '--as',
      ADMIN.email,
      '--data-dir',
      dir,
    );
    expect(missing).toMatchObject({ code: 2, stderr: 'concord: No project prj_nope\n' });
    const noActor = await run('import', path, '--project', projectId, '--data-dir', dir);
    expect(noActor.code).toBe(2);
    expect(noActor.stderr).toContain("required option '--as <email>' not specified");
    expect((await stored()).length).toBe(1);
  });
});
