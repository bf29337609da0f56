// Import of N generated JSONL rows (default 1,000,000) through `concord import`'s code path
// (`importFile`: a checking pass, then the streamed insert in one transaction) on SQLite and, when
// DATABASE_URL is set, on PostgreSQL in a fresh schema that is dropped afterwards. Build first:
//
//   npx tsc -b packages/cli/tsconfig.build.json
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/program/import.mjs [--rows N] [--cli]
//
// --cli also times the real command in a child process on SQLite (`concord import … --json`).
// Prints a Markdown table on stdout and writes JSON to bench/.data/program-import-n<rows>.json.

import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
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
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  process.stdout.write(
    'node bench/program/import.mjs [--rows 1000000] [--seed 7] [--cli]   (build first; DATABASE_URL adds PostgreSQL)\n',
  );
  process.exit(0);
}
const rows = Number(options.rows.replace(/[_,]/g, ''));
if (!Number.isInteger(rows) || rows < 1) {
  log(`--rows must be a positive integer, got ${options.rows}`);
  process.exit(2);
}

const server = await built('packages/server/dist/index.js');
const { importFile } = await built('packages/cli/dist/items/import-file.js');

const started = performance.now();
const { path, written } = await generateItems({ dir: dataDir, rows, seed: Number(options.seed) });
log(
  `${written ? 'wrote' : 'reusing'} ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB)${written ? ` in ${((performance.now() - started) / 1000).toFixed(1)} s` : ''}`,
);

const results = [];
for (const dialect of dialects()) {
  const fresh = await freshDatabase(server, dialect, 'import');
  try {
    const app = await server.buildServer({
      database: fresh.database,
      webRoot: null,
      passwordCost: 10,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      logger: false,
    });
    const { projectId } = await setUpProject(app, {
      config: SENTIMENT_CONFIG,
      policy: { overlap: 3, goldRate: 0.05 },
    });
    const ctx = app.concord.ctx;
    const phases = {};
    let phase = null;
    let phaseStart = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outcome = await importFile(ctx, {
      file: path,
      projectId,
      actorEmail: 'manager@example.org',
      skipInvalid: false,
      onProgress: (next) => {
        if (next === phase) return;
        const now = performance.now();
        if (phase) phases[phase] = (now - phaseStart) / 1000;
        phase = next;
        phaseStart = now;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (phase) phases[phase] = (performance.now() - phaseStart) / 1000;
    if (!outcome.result?.stored)
      throw new Error(`import refused: ${JSON.stringify(outcome.check)}`);
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
    const result = {
      dialect,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / seconds),
      checkSeconds: Number((phases.checking ?? 0).toFixed(2)),
      insertSeconds: Number((phases.importing ?? 0).toFixed(2)),
      /** CPU seconds of this Node process (reading, checking, SQLite itself on SQLite): what the import costs whatever else the machine runs. */
      nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      gold: outcome.result.gold,
    };
    log(`${dialect}: ${JSON.stringify(result)}`);
    results.push(result);
  } finally {
    await fresh.drop();
  }
}

if (options.cli) {
  // The whole command in its own process, SQLite in a data dir: start-up, migrations and all.
  const fresh = await freshDatabase(server, 'sqlite', 'import-cli');
  const app = await server.buildServer({
    database: fresh.database,
    webRoot: null,
    passwordCost: 10,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logger: false,
  });
  const { projectId } = await setUpProject(app, { config: SENTIMENT_CONFIG, policy: {} });
  await app.close();
  const dir = resolve(fresh.database.location, '..');
  await fresh.database.close();
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
  await fresh.drop().catch(() => undefined);
  if (child.status !== 0)
    throw new Error(`concord import failed (${child.status}): ${child.stderr}`);
  const report = JSON.parse(child.stdout);
  const result = {
    dialect: 'sqlite (concord import, own process)',
    rows: report.imported,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(report.imported / seconds),
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
  '| Database | Rows | Total s | Rows/s | Check pass s | Insert pass s | Node CPU s |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.dialect} | ${r.rows.toLocaleString('en-US')} | ${r.seconds} | ${r.rowsPerSecond.toLocaleString('en-US')} | ${r.checkSeconds ?? '–'} | ${r.insertSeconds ?? '–'} | ${r.nodeCpuSeconds ?? '–'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
