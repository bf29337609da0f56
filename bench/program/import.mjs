// Import of N generated JSONL rows (default 1,000,000) through `concord import`'s code path
// (`importFile`: one pass that reads, checks and stores every row in one transaction — staged in a
// temporary table on SQLite, COPY FROM STDIN on PostgreSQL) on SQLite and, when DATABASE_URL is
// set, on PostgreSQL in a fresh schema that is dropped afterwards. Build first:
//
//   npx tsc -b packages/cli/tsconfig.build.json
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/program/import.mjs [--rows N] [--cli]
//
// --cli also times the real command in a child process on SQLite (`concord import … --json`).
// --api also posts the same rows as one JSON array to POST /api/projects/:id/items (in-process).
// --repeat N runs each database N times (a fresh database each time), alternating.
// Every result carries the load average before and after and the CPU time of the Node process;
// on a local PostgreSQL also the CPU time of the server process that ran the COPY (from /proc).
// Prints a Markdown table on stdout and writes JSON to bench/.data/program-import-n<rows>.json.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ADMIN,
  built,
  dataDir,
  dialects,
  freshDatabase,
  gitCommit,
  log,
  machine,
  root,
  setUpProject,
} from './common.mjs';
import { SENTIMENT_CONFIG, generateItems } from './generate-items.mjs';

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    cli: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    api: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  process.stdout.write(
    'node bench/program/import.mjs [--rows 1000000] [--seed 7] [--repeat 1] [--api] [--cli]   (build first; DATABASE_URL adds PostgreSQL)\n',
  );
  process.exit(0);
}
const rows = Number(options.rows.replace(/[_,]/g, ''));
const repeat = Number(options.repeat);
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(repeat) || repeat < 1) {
  log(`--rows and --repeat must be positive integers, got ${options.rows} and ${options.repeat}`);
  process.exit(2);
}

const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** CPU seconds (user + system) of a process, from /proc: null where it cannot be read. */
function processCpu(pid = 'self', children = false) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const at = children ? 13 : 11; // utime, stime; cutime, cstime of waited-for children
    return (Number(fields[at]) + Number(fields[at + 1])) / 100;
  } catch {
    return null;
  }
}

/**
 * Watches a PostgreSQL import from a second connection: finds the server process running the
 * COPY and reads its CPU time when first seen and at `stop()`. Only on a local server.
 */
async function watchCopyBackend(url) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let backend = null;
  let stopped = false;
  const found = (async () => {
    while (!stopped && backend === null) {
      const { rows: active } = await client.query(
        "select pid from pg_stat_activity where query like 'copy items %' and state = 'active' and pid <> pg_backend_pid()",
      );
      const pid = active[0]?.pid;
      const cpu = pid === undefined ? null : processCpu(pid);
      if (cpu !== null) backend = { pid, cpu };
      else await new Promise((wake) => setTimeout(wake, 20));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await found;
      await client.end();
      const end = backend && processCpu(backend.pid);
      return end === null || backend === null ? null : Number((end - backend.cpu).toFixed(2));
    },
  };
}

const server = await built('packages/server/dist/index.js');
const { importFile } = await built('packages/cli/dist/items/import-file.js');

const started = performance.now();
const { path, written } = await generateItems({ dir: dataDir, rows, seed: Number(options.seed) });
log(
  `${written ? 'wrote' : 'reusing'} ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB)${written ? ` in ${((performance.now() - started) / 1000).toFixed(1)} s` : ''}`,
);

/** The server on a fresh database, without web root or logging, with the bench's admin. */
const openApp = (database) =>
  server.buildServer({
    database,
    webRoot: null,
    passwordCost: 10,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logger: false,
  });

/**
 * One import on a fresh database: `file` through `importFile` (the code of `concord import`), or
 * `api`, the same rows as one JSON array posted to `POST /api/projects/:id/items` (in-process,
 * through Fastify's JSON parsing and validation). Checks item_count, max ord and the audit chain.
 */
async function measure(dialect, via) {
  const fresh = await freshDatabase(server, dialect, 'import');
  try {
    const app = await openApp(fresh.database);
    const { projectId, manager } = await setUpProject(app, {
      config: SENTIMENT_CONFIG,
      policy: { overlap: 3, goldRate: 0.05 },
    });
    const ctx = app.concord.ctx;
    const body =
      via === 'api' ? `[${readFileSync(path, 'utf8').trimEnd().split('\n').join(',')}]` : null;
    const loadBefore = load();
    const watcher =
      dialect === 'postgres' ? await watchCopyBackend(process.env.DATABASE_URL) : null;
    const main0 = processCpu(`self/task/${process.pid}`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let gold;
    if (via === 'api') {
      const response = await app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/items`,
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
        payload: body,
      });
      if (response.statusCode !== 201)
        throw new Error(`POST items: ${response.statusCode} ${response.body.slice(0, 500)}`);
      gold = JSON.parse(response.body).gold;
    } else {
      const outcome = await importFile(ctx, {
        file: path,
        projectId,
        actorEmail: 'manager@example.org',
        skipInvalid: false,
      });
      if (!outcome.result?.stored)
        throw new Error(`import refused: ${JSON.stringify(outcome.check)}`);
      gold = outcome.result.gold;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const main1 = processCpu(`self/task/${process.pid}`);
    const serverCpu = watcher ? await watcher.stop() : null;
    const loadAfter = load();
    const project = await ctx.db
      .selectFrom('projects')
      .select('item_count')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    const { max } = await ctx.db
      .selectFrom('items')
      .select((eb) => eb.fn.max('ord').as('max'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    if (Number(project.item_count) !== rows || Number(max) !== rows)
      throw new Error(`expected ${rows} items, item_count ${project.item_count}, max ord ${max}`);
    const audit = await server.verifyAuditLog(ctx.db);
    if (!audit.ok) throw new Error(`audit chain broken: ${JSON.stringify(audit)}`);
    await app.close();
    return {
      dialect: via === 'api' ? `${dialect} (POST /api/projects/:id/items)` : dialect,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / seconds),
      /** CPU seconds of this Node process, every thread (reading, checking, SQLite itself on SQLite). */
      nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      /** CPU seconds of the main thread alone: the one that stores (the rows are read and checked in a worker). */
      mainThreadCpuSeconds:
        main0 === null || main1 === null ? null : Number((main1 - main0).toFixed(2)),
      /** PostgreSQL: CPU seconds of the server process that ran the COPY. */
      serverCpuSeconds: serverCpu,
      loadBefore,
      loadAfter,
      gold,
    };
  } finally {
    await fresh.drop();
  }
}

const results = [];
for (let run = 0; run < repeat; run++) {
  for (const dialect of dialects()) {
    for (const via of options.api ? ['file', 'api'] : ['file']) {
      const result = await measure(dialect, via);
      log(`${result.dialect}: ${JSON.stringify(result)}`);
      results.push(result);
    }
  }
}

if (options.cli) {
  // The whole command in its own process, SQLite in a data dir: start-up, migrations and all.
  const fresh = await freshDatabase(server, 'sqlite', 'import-cli');
  const app = await openApp(fresh.database);
  const { projectId } = await setUpProject(app, { config: SENTIMENT_CONFIG, policy: {} });
  await app.close();
  const dir = resolve(fresh.database.location, '..');
  await fresh.database.close();
  const loadBefore = load();
  const childCpu0 = processCpu('self', true);
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      resolve(root, 'packages/cli/bin/concord.js'),
      'import',
      path,
      '--project',
      projectId,
      '--as',
      'manager@example.org',
      '--data-dir',
      dir,
      '--json',
    ],
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } },
  );
  const seconds = (performance.now() - t0) / 1000;
  const childCpu1 = processCpu('self', true);
  const loadAfter = load();
  await fresh.drop().catch(() => undefined);
  if (child.status !== 0)
    throw new Error(`concord import failed (${child.status}): ${child.stderr}`);
  const report = JSON.parse(child.stdout);
  const result = {
    dialect: 'sqlite (concord import, own process)',
    rows: report.imported,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(report.imported / seconds),
    /** CPU seconds of the child process, start-up and all. */
    nodeCpuSeconds:
      childCpu0 === null || childCpu1 === null ? null : Number((childCpu1 - childCpu0).toFixed(2)),
    mainThreadCpuSeconds: null,
    serverCpuSeconds: null,
    loadBefore,
    loadAfter,
  };
  log(`cli: ${JSON.stringify(result)}`);
  results.push(result);
}

const record = { bench: 'import', commit: gitCommit(), machine: machine(), file: path, results };
writeFileSync(
  resolve(dataDir, `program-import-n${rows}.json`),
  `${JSON.stringify(record, null, 2)}\n`,
);
const lines = [
  '| Database | Rows | Total s | Rows/s | Node CPU s (main thread) | PostgreSQL server CPU s | Load before → after (1 min) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.dialect} | ${r.rows.toLocaleString('en-US')} | ${r.seconds} | ${r.rowsPerSecond.toLocaleString('en-US')} | ${r.nodeCpuSeconds ?? '–'}${typeof r.mainThreadCpuSeconds === 'number' ? ` (${r.mainThreadCpuSeconds})` : ''} | ${r.serverCpuSeconds ?? '–'} | ${r.loadBefore[0]} → ${r.loadAfter[0]} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
