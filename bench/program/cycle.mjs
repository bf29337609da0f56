// The next/submit cycle under many concurrent simulated annotators (default 200, overlap 3),
// against a real listening server on loopback, on SQLite and, when DATABASE_URL is set, on
// PostgreSQL in a fresh schema that is dropped afterwards. Build first:
//
//   npx tsc -b packages/cli/tsconfig.build.json
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/program/cycle.mjs \
//     [--annotators 200] [--items 20000] [--seconds 30] [--overlap 3] [--gold-rate 0.05] \
//     [--prefilled 0]
//
// --prefilled N marks the first N production items full before the run (a project part-way
// through: the lease must find open items behind them).
//
// This process runs the server (buildServer + listen on 127.0.0.1, port 0); cycle-client.mjs,
// a child process, runs the annotators over HTTP. Bounded by --seconds and by the items
// (each takes `overlap` annotations). At the end it checks, from the database and from what each
// annotator was served, that no production item has more than `overlap` counted annotations and
// that nobody was served an item twice. Prints a Markdown table; writes JSON to
// bench/.data/program-cycle.json. Exit 1 when a check fails.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  ADMIN,
  PASSWORD,
  built,
  dataDir,
  dialects,
  freshDatabase,
  gitCommit,
  log,
  machine,
  quantile,
  setUpProject,
} from './common.mjs';
import { SENTIMENT_CONFIG, mulberry32 } from './generate-items.mjs';

const { values: options } = parseArgs({
  options: {
    annotators: { type: 'string', default: '200' },
    items: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '30' },
    overlap: { type: 'string', default: '3' },
    'gold-rate': { type: 'string', default: '0.05' },
    prefilled: { type: 'string', default: '0' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  process.stdout.write(
    'node bench/program/cycle.mjs [--annotators 200] [--items 20000] [--seconds 30] [--overlap 3] [--gold-rate 0.05] [--prefilled 0] [--only sqlite|postgres]\n',
  );
  process.exit(0);
}
const annotators = Number(options.annotators);
const itemCount = Number(options.items);
const seconds = Number(options.seconds);
const overlap = Number(options.overlap);
const goldRate = Number(options['gold-rate']);
/** Production items marked full before the run, as in a project part-way through (no annotations behind them). */
const prefilled = Number(options.prefilled);
if (![annotators, itemCount, seconds, overlap].every((n) => Number.isInteger(n) && n > 0)) {
  log('--annotators, --items, --seconds and --overlap must be positive integers');
  process.exit(2);
}
if (!Number.isInteger(prefilled) || prefilled < 0 || prefilled >= itemCount) {
  log('--prefilled must be a whole number below --items');
  process.exit(2);
}

const server = await built('packages/server/dist/index.js');
// node-postgres names its connections from PGAPPNAME: the wait sampler counts only this bench's
// backends, not those of whatever else shares the PostgreSQL server.
const APPLICATION_NAME = 'concord-bench-cycle';
process.env.PGAPPNAME = APPLICATION_NAME;
const LABELS = SENTIMENT_CONFIG.fields[0].labels;

/** Item rows: production texts plus 1 % hidden gold, so the gold rate has something to serve. */
function itemRows() {
  const random = mulberry32(11);
  const gold = Math.ceil(itemCount / 100);
  const rows = [];
  for (let i = 0; i < itemCount; i++)
    rows.push({
      line: i + 1,
      row: {
        data: { text: `review ${i + 1}` },
        ...(i < gold ? { gold: { sentiment: LABELS[Math.floor(random() * 3)] } } : {}),
      },
    });
  return rows;
}

/**
 * Samples what PostgreSQL's backends of this database wait on, every 100 ms until stopped:
 * the evidence for where concurrent writers queue (row locks, the audit head, WAL sync).
 */
function sampleWaits(url) {
  let stopped = false;
  const counts = new Map();
  let samples = 0;
  const done = (async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query(
          `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait, state,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 80) as query
             from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
              and application_name = $1
              and backend_type = 'client backend' and state <> 'idle'`,
          [APPLICATION_NAME],
        );
        samples += 1;
        for (const r of rows) {
          const key = `${r.wait} | ${r.state} | ${r.query}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return {
      samples,
      top: [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([what, n]) => ({ backendsPerSample: Number((n / samples).toFixed(2)), what })),
    };
  };
}

async function runClient(job) {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, 'cycle-client.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(job));
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`cycle-client exited with ${code}`);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const ms = (x) => Number(x.toFixed(1));
const results = [];
let failed = false;
for (const dialect of dialects().filter((d) => !options.only || d === options.only)) {
  const fresh = await freshDatabase(server, dialect, 'cycle');
  let app;
  try {
    app = await server.buildServer({
      database: fresh.database,
      webRoot: null,
      passwordCost: 10,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      loginAttempts: 100_000,
      logger: false,
    });
    const { projectId, admin, manager, call } = await setUpProject(app, {
      config: SENTIMENT_CONFIG,
      policy: { overlap, goldRate },
    });
    const ctx = app.concord.ctx;
    const target = await server.resolveImportTarget(ctx, projectId, 'manager@example.org');
    await server.importItemRows(ctx, target.actorId, projectId, target.config, [itemRows()], {
      skipInvalid: false,
    });
    if (prefilled > 0) {
      const first = await ctx.db
        .selectFrom('items')
        .select('id')
        .where('project_id', '=', projectId)
        .where('kind', '=', 'production')
        .orderBy('ord')
        .limit(prefilled)
        .execute();
      for (let i = 0; i < first.length; i += 1000)
        await ctx.db
          .updateTable('items')
          .set({ submitted: overlap })
          .where(
            'id',
            'in',
            first.slice(i, i + 1000).map((r) => r.id),
          )
          .execute();
    }
    log(`${dialect}: creating ${annotators} annotators…`);
    const tokens = [];
    for (let i = 0; i < annotators; i++) {
      const email = `annotator${i}@example.org`;
      const { id } = await call(admin, 'POST', '/api/users', {
        email,
        name: `annotator ${i}`,
        role: 'member',
        password: PASSWORD,
      });
      await call(manager, 'POST', `/api/projects/${projectId}/members`, {
        userId: id,
        role: 'annotator',
      });
      tokens.push(
        (await call(null, 'POST', '/api/auth/login', { email, password: PASSWORD })).token,
      );
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    // Connections the load generator opened: one per annotator when keep-alive holds.
    let connections = 0;
    app.server.on('connection', () => (connections += 1));
    const { port } = app.server.address();
    log(`${dialect}: ${annotators} annotators on http://127.0.0.1:${port} for up to ${seconds} s…`);
    const serverCpuBefore = process.cpuUsage();
    // How late the server's event loop runs: every request waits this long at each await.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const stopSampling = dialect === 'postgres' ? sampleWaits(process.env.DATABASE_URL) : null;
    const client = await runClient({
      baseUrl: `http://127.0.0.1:${port}`,
      projectId,
      tokens,
      seconds,
      labels: LABELS,
    });

    const serverCpu = process.cpuUsage(serverCpuBefore);
    loopDelay.disable();
    const waits = stopSampling ? await stopSampling() : null;
    // The checks, from the database: counted annotations per production item never above k,
    // the items' counters consistent, and no (item, annotator) pair assigned twice.
    const db = ctx.db;
    const overK = await db
      .selectFrom('annotations as a')
      .innerJoin('items as i', 'i.id', 'a.item_id')
      .select(['a.item_id', (eb) => eb.fn.countAll().as('n')])
      .where('i.kind', '=', 'production')
      .where('a.counted', '=', 1)
      .groupBy('a.item_id')
      .having((eb) => eb.fn.countAll(), '>', overlap)
      .execute();
    const badCounters = await db
      .selectFrom('items')
      .select('id')
      .where('kind', '=', 'production')
      .where((eb) => eb(eb('submitted', '+', eb.ref('leased')), '>', overlap))
      .execute();
    const twice = await db
      .selectFrom('assignments')
      .select(['item_id', 'user_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['item_id', 'user_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const stored = await db
      .selectFrom('annotations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const full = await db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', 'production')
      .where('submitted', '>=', overlap)
      .executeTakeFirstOrThrow();
    const audit = await server.verifyAuditLog(db);

    const next = client.nextLatency.sort((a, b) => a - b);
    const submit = client.submitLatency.sort((a, b) => a - b);
    const checks = {
      itemsOverK: overK.length,
      itemsWithCountersOverK: badCounters.length,
      servedTwiceInDatabase: twice.length,
      servedTwiceToClient: client.duplicates,
      annotationsStored: Number(stored.n),
      annotationsAcknowledged: client.annotations,
      auditChainIntact: audit.ok,
    };
    const ok =
      checks.itemsOverK === 0 &&
      checks.itemsWithCountersOverK === 0 &&
      checks.servedTwiceInDatabase === 0 &&
      checks.servedTwiceToClient === 0 &&
      checks.annotationsStored === checks.annotationsAcknowledged &&
      checks.auditChainIntact &&
      client.errorCount === 0;
    if (!ok) failed = true;
    const result = {
      dialect,
      annotators,
      overlap,
      goldRate,
      items: itemCount,
      seconds: Number(client.elapsed.toFixed(2)),
      annotations: client.annotations,
      annotationsPerSecond: Number((client.annotations / client.elapsed).toFixed(1)),
      itemsCompleted: Number(full.n) - prefilled,
      prefilled,
      /** CPU time over the run as a share of one core: the server process (with SQLite inside it) and the load generator. */
      serverCpu: Number(((serverCpu.user + serverCpu.system) / 1e6 / client.elapsed).toFixed(2)),
      clientCpu: Number(client.clientCpu.toFixed(2)),
      /** Server CPU per acknowledged annotation (one next + one submit): independent of how busy the machine is. */
      serverCpuMsPerAnnotation: Number(
        ((serverCpu.user + serverCpu.system) / 1000 / Math.max(1, client.annotations)).toFixed(2),
      ),
      next: {
        count: next.length,
        p50: ms(quantile(next, 0.5)),
        p99: ms(quantile(next, 0.99)),
        max: ms(next.at(-1) ?? NaN),
      },
      submit: {
        count: submit.length,
        p50: ms(quantile(submit, 0.5)),
        p99: ms(quantile(submit, 0.99)),
        max: ms(submit.at(-1) ?? NaN),
      },
      /** The server's event-loop delay (ms): p50, p99 and the longest stall. */
      eventLoopDelay: {
        p50: ms(loopDelay.percentile(50) / 1e6),
        p99: ms(loopDelay.percentile(99) / 1e6),
        max: ms(loopDelay.max / 1e6),
      },
      requestsOverOneSecond: client.slowCount,
      connections,
      slowest: client.slowest,
      perSecond: client.perSecond,
      ...(waits ? { postgresWaits: waits } : {}),
      statuses: client.statuses,
      errors: client.errors,
      checks,
      ok,
    };
    log(`${dialect}: ${JSON.stringify({ ...result, perSecond: undefined, slowest: undefined })}`);
    if (result.slowest.length > 0)
      log(
        `${dialect}: slowest requests (what annotator#request at+ms): ${result.slowest
          .slice(0, 12)
          .map((s) => `${s.what} ${s.annotator}#${s.request} @${s.at}+${s.ms}`)
          .join(', ')}`,
      );
    log(`${dialect}: annotations per second over time: ${client.perSecond.join(' ')}`);
    if (waits)
      for (const w of waits.top)
        log(`${dialect}: waiting ${w.backendsPerSample.toFixed(2)} | ${w.what}`);
    results.push(result);
  } finally {
    await app?.close();
    await fresh.drop();
  }
}

const record = {
  bench: 'next/submit cycle',
  commit: gitCommit(),
  machine: machine(),
  options: { annotators, items: itemCount, seconds, overlap, goldRate, prefilled },
  results,
};
writeFileSync(resolve(dataDir, 'program-cycle.json'), `${JSON.stringify(record, null, 2)}\n`);
const lines = [
  '| Database | Annotators | k | Annotations | Seconds | Annotations/s | next p50 / p99 ms | submit p50 / p99 ms | Server CPU (cores) | Server CPU ms / annotation | Checks |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.dialect} | ${r.annotators} | ${r.overlap} | ${r.annotations.toLocaleString('en-US')} | ${r.seconds} | ${r.annotationsPerSecond} | ${r.next.p50} / ${r.next.p99} | ${r.submit.p50} / ${r.submit.p99} | ${r.serverCpu} | ${r.serverCpuMsPerAnnotation} | ${r.ok ? 'ok' : 'FAILED'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
