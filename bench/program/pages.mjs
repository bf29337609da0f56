// Everyday pages of a project of 1,000,000 items, over real HTTP: the items list (first page, a
// deep page, each filter), the counts the project page shows, snapshot creation, and the full
// JSONL and CSV export (throughput, and the server's peak RSS to show it streams). On SQLite and,
// when DATABASE_URL is set, on PostgreSQL in a fresh schema that is dropped afterwards. Build first:
//
//   npx tsc -b packages/cli/tsconfig.build.json
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --expose-gc bench/program/pages.mjs \
//     [--items 1000000] [--annotated 20000] [--reps 40] [--only sqlite|postgres]
//
// Set-up (not timed): the seeded items file of import.mjs goes in through `concord import`'s code
// (`importFile`); then the first --annotated production items get annotations from three
// annotators written straight into the tables in batches (assignments, annotations, the items'
// counters, decisions): 90 % complete (three different labels queue an item for adjudication, a fifth of
// those adjudicated), 7 % in progress, 3 % leased only. This process is the server (buildServer +
// listen on 127.0.0.1); the requests come from a child process (this file with --client), so the
// server's CPU time and RSS are its own. Prints Markdown tables; writes JSON to
// bench/.data/program-pages-n<items>.json.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    annotated: { type: 'string', default: '20000' },
    reps: { type: 'string', default: '40' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    client: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (options.client) await client();
else await main();

/**
 * The client side: reads a job on stdin, runs it, writes the measurements on stdout. A job is
 * either `{ requests: [{ name, url, reps }] }` (each request `reps` times in a row, latency of
 * each, the body read whole) or `{ download: url }` (read the stream, count and hash the bytes).
 */
async function client() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const headers = { authorization: `Bearer ${job.token}` };
  const out = {};
  // A probe, while the job runs: one small request every `probe.everyMs`, to see whether the
  // server still answers others while it builds a snapshot or streams an export.
  let probing = Boolean(job.probe);
  const probeLatencies = [];
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      const res = await fetch(job.probe.url, { headers });
      await res.text();
      probeLatencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, job.probe.everyMs));
    }
  })();
  if (job.download) {
    const t0 = performance.now();
    const res = await fetch(job.download, { headers });
    if (res.status !== 200) throw new Error(`${job.download}: ${res.status} ${await res.text()}`);
    const hash = createHash('sha256');
    let bytes = 0;
    let firstByteMs = null;
    for await (const chunk of res.body) {
      if (firstByteMs === null) firstByteMs = performance.now() - t0;
      hash.update(chunk);
      bytes += chunk.length;
    }
    out.download = {
      seconds: (performance.now() - t0) / 1000,
      firstByteMs,
      bytes,
      sha256: hash.digest('hex'),
      reprDigest: res.headers.get('repr-digest'),
    };
  }
  // Round robin, one warm-up call each first, so that load from elsewhere on the machine falls
  // on every request alike rather than on whichever ran during a burst.
  const requests = job.requests ?? [];
  for (const request of requests) {
    if (request.reps > 1) await (await fetch(request.url, { headers })).text();
    out[request.name] = { latencies: [], body: null };
  }
  const rounds = Math.max(0, ...requests.map((r) => r.reps));
  for (let i = 0; i < rounds; i++) {
    for (const request of requests) {
      const result = out[request.name];
      if (i >= request.reps || result.body?.status) continue;
      const t = performance.now();
      const res = await fetch(request.url, { method: request.method ?? 'GET', headers });
      const text = await res.text();
      result.latencies.push(performance.now() - t);
      result.body =
        res.status >= 400
          ? { status: res.status, error: text.slice(0, 300) }
          : text
            ? JSON.parse(text)
            : null;
    }
  }
  probing = false;
  await probe;
  if (job.probe) out.probe = probeLatencies;
  process.stdout.write(JSON.stringify(out));
}

async function main() {
  const common = await import('./common.mjs');
  const { SENTIMENT_CONFIG, generateItems, mulberry32 } = await import('./generate-items.mjs');
  const { ADMIN, PASSWORD, built, dataDir, dialects, freshDatabase, gitCommit, log } = common;
  const { machine, quantile, setUpProject } = common;
  if (options.help) {
    process.stdout.write(
      'node --expose-gc bench/program/pages.mjs [--items 1000000] [--annotated 20000] [--reps 40] [--only sqlite|postgres] [--keep]\n',
    );
    process.exit(0);
  }
  const itemCount = Number(options.items.replace(/[_,]/g, ''));
  const annotatedTarget = Number(options.annotated.replace(/[_,]/g, ''));
  const reps = Number(options.reps);
  if (![itemCount, annotatedTarget, reps].every((n) => Number.isInteger(n) && n > 0)) {
    log('--items, --annotated and --reps must be positive integers');
    process.exit(2);
  }
  const server = await built('packages/server/dist/index.js');
  const { importFile } = await built('packages/cli/dist/items/import-file.js');
  const { path } = await generateItems({ dir: dataDir, rows: itemCount, seed: 7 });
  log(`items file ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB)`);
  const LABELS = SENTIMENT_CONFIG.fields[0].labels;
  const ms = (x) => Number(x.toFixed(1));
  const cpuSeconds = (c) => Number(((c.user + c.system) / 1e6).toFixed(2));
  const load = () => loadavg().map((x) => Number(x.toFixed(2)));

  /** Three annotators' work on the first `n` production items, written straight into the tables. */
  async function annotate(db, projectId, annotators, n) {
    const random = mulberry32(99);
    const items = await db
      .selectFrom('items')
      .select(['id', 'ord'])
      .where('project_id', '=', projectId)
      .where('kind', '=', 'production')
      .orderBy('ord')
      .limit(n)
      .execute();
    const now = new Date().toISOString();
    const future = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const id = (prefix) => `${prefix}_${randomBytes(10).toString('hex')}`;
    const states = { complete: 0, disputed: 0, adjudicated: 0, inProgress: 0, leasedOnly: 0 };
    let ties = 0;
    for (let start = 0; start < items.length; start += 500) {
      const batch = items.slice(start, start + 500);
      const assignments = [];
      const annotations = [];
      const decisions = [];
      const counters = [];
      batch.forEach((item, j) => {
        const share = (start + j) / items.length;
        const submitted = share < 0.9 ? 3 : share < 0.97 ? 1 + ((start + j) % 2) : 0;
        const leased = submitted === 3 ? 0 : submitted === 0 ? 1 : (start + j) % 3 === 0 ? 1 : 0;
        if (submitted === 3) states.complete += 1;
        else if (submitted > 0) states.inProgress += 1;
        else states.leasedOnly += 1;
        // Two of three annotators agree most of the time; all three differ now and then.
        const first = LABELS[Math.floor(random() * 3)];
        const labels = [first, random() < 0.8 ? first : LABELS[Math.floor(random() * 3)]];
        labels.push(random() < 0.75 ? first : LABELS[Math.floor(random() * 3)]);
        for (let a = 0; a < submitted + leased; a++) {
          const assignmentId = id('asg');
          const done = a < submitted;
          assignments.push({
            id: assignmentId,
            project_id: projectId,
            item_id: item.id,
            user_id: annotators[a],
            kind: 'production',
            state: done ? 'submitted' : 'leased',
            leased_at: now,
            expires_at: future,
            finished_at: done ? now : null,
            release_reason: null,
          });
          if (done)
            annotations.push({
              id: id('ann'),
              project_id: projectId,
              item_id: item.id,
              user_id: annotators[a],
              assignment_id: assignmentId,
              revision: 1,
              supersedes: null,
              client_id: `bench-${item.id}-${a}`,
              value: JSON.stringify({ sentiment: labels[a] }),
              active_ms: 1000 + Math.floor(random() * 4000),
              guideline_version: 1,
              taxonomy_version: 1,
              counted: 1,
              gold_score: null,
              created_at: now,
            });
        }
        counters.push({ id: item.id, submitted, leased });
        if (submitted === 3) {
          const votes = new Map();
          for (const l of labels) votes.set(l, (votes.get(l) ?? 0) + 1);
          const [label, support] = [...votes].sort((x, y) => y[1] - x[1])[0];
          const tied = support === 1;
          if (tied) ties += 1;
          const adjudicated = tied && ties % 5 === 0;
          if (tied && !adjudicated) states.disputed += 1;
          if (adjudicated) states.adjudicated += 1;
          decisions.push({
            item_id: item.id,
            project_id: projectId,
            value: JSON.stringify({ sentiment: label }),
            method: adjudicated ? 'adjudication' : 'majority',
            confidence: adjudicated ? 1 : support / 3,
            status: tied && !adjudicated ? 'needs_adjudication' : 'decided',
            decided_by: adjudicated ? annotators[0] : null,
            rationale: adjudicated ? 'bench' : null,
            decided_at: now,
          });
        }
      });
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < assignments.length; i += 500)
          await trx
            .insertInto('assignments')
            .values(assignments.slice(i, i + 500))
            .execute();
        for (let i = 0; i < annotations.length; i += 500)
          await trx
            .insertInto('annotations')
            .values(annotations.slice(i, i + 500))
            .execute();
        if (decisions.length > 0) await trx.insertInto('decisions').values(decisions).execute();
        for (const c of counters)
          await trx
            .updateTable('items')
            .set({ submitted: c.submitted, leased: c.leased })
            .where('id', '=', c.id)
            .execute();
      });
    }
    return { items: items.length, ...states };
  }

  async function runClient(job) {
    const child = spawn(process.execPath, [import.meta.filename, '--client'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdin.end(JSON.stringify(job));
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`pages client exited with ${code}`);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  /** Samples this process's RSS every 10 ms until stopped; returns the peak in MB. */
  function sampleRss() {
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 10);
    return () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20);
    };
  }

  /** Calls, p50, p99 and max of a list of latencies. */
  function summary(latencies) {
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      calls: sorted.length,
      p50: ms(quantile(sorted, 0.5)),
      p99: ms(quantile(sorted, 0.99)),
      max: ms(sorted.at(-1) ?? NaN),
    };
  }

  const results = [];
  for (const dialect of dialects().filter((d) => !options.only || d === options.only)) {
    const fresh = await freshDatabase(server, dialect, 'pages');
    let app;
    try {
      app = await server.buildServer({
        database: fresh.database,
        webRoot: null,
        passwordCost: 10,
        adminEmail: ADMIN.email,
        adminPassword: ADMIN.password,
        logger: false,
      });
      const { projectId, admin, manager, call } = await setUpProject(app, {
        config: SENTIMENT_CONFIG,
        policy: { overlap: 3, goldRate: 0.05 },
      });
      const ctx = app.concord.ctx;
      let t = performance.now();
      const imported = await importFile(ctx, {
        file: path,
        projectId,
        actorEmail: 'manager@example.org',
        skipInvalid: false,
      });
      if (!imported.result?.stored) throw new Error('import refused');
      log(
        `${dialect}: imported ${itemCount} items in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      const annotators = [];
      for (let i = 0; i < 3; i++) {
        const { id } = await call(admin, 'POST', '/api/users', {
          email: `annotator${i}@example.org`,
          name: `annotator ${i}`,
          role: 'member',
          password: PASSWORD,
        });
        await call(manager, 'POST', `/api/projects/${projectId}/members`, {
          userId: id,
          role: 'annotator',
        });
        annotators.push(id);
      }
      t = performance.now();
      const annotated = await annotate(ctx.db, projectId, annotators, annotatedTarget);
      log(
        `${dialect}: annotated ${JSON.stringify(annotated)} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${app.server.address().port}/api`;
      let beforeAnalyze = null;
      if (dialect === 'postgres') {
        // Right after the import PostgreSQL has no statistics on the new rows (autovacuum's
        // analyze comes within a minute or so): a few calls as a user would make them then.
        const early = [
          ['items: first page', `${base}/projects/${projectId}/items?limit=50`],
          ['items: state=open', `${base}/projects/${projectId}/items?limit=50&state=open`],
          ['item counts by kind and state', `${base}/projects/${projectId}/items/counts`],
        ].map(([name, url]) => ({ name, url, reps: 5 }));
        const measuredEarly = await runClient({ token: manager, requests: early });
        beforeAnalyze = early.map(({ name }) => ({
          name,
          ...summary(measuredEarly[name].latencies),
        }));
        log(`${dialect}: before analyze ${JSON.stringify(beforeAnalyze)}`);
      }
      if (dialect === 'postgres') {
        // What autovacuum would have done by the time anybody looks: statistics and the
        // visibility map (index-only scans) after a million-row import.
        t = performance.now();
        const { sql } = await import('kysely');
        await sql`vacuum analyze items`.execute(ctx.db);
        await sql`vacuum analyze decisions`.execute(ctx.db);
        log(`${dialect}: vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }

      const items = (query) => `${base}/projects/${projectId}/items?limit=50${query}`;
      const deep = Math.floor(itemCount * 0.9);
      const requests = [
        ['project (overview counts)', `${base}/projects/${projectId}`],
        ['item counts by kind and state', `${base}/projects/${projectId}/items/counts`],
        ['items: first page', items('')],
        [`items: page after #${deep.toLocaleString('en-US')}`, items(`&after=${deep}`)],
        ['items: kind=production', items('&kind=production')],
        ['items: kind=gold', items('&kind=gold')],
        ['items: kind=gold, deep', items(`&kind=gold&after=${deep}`)],
        ['items: kind=qualification (none)', items('&kind=qualification')],
        ...['open', 'in_progress', 'complete', 'disputed', 'adjudicated'].flatMap((state) => [
          [`items: state=${state}`, items(`&state=${state}`)],
          [`items: state=${state}, deep`, items(`&state=${state}&after=${deep}`)],
        ]),
      ].map(([name, url]) => ({ name, url, reps }));
      const loadBefore = load();
      let cpu = process.cpuUsage();
      t = performance.now();
      const measured = await runClient({ token: manager, requests });
      const pagesSeconds = (performance.now() - t) / 1000;
      const pagesCpu = cpuSeconds(process.cpuUsage(cpu));
      const pages = requests.map(({ name }) => {
        const { latencies, body } = measured[name];
        const sorted = [...latencies].sort((a, b) => a - b);
        return {
          name,
          calls: latencies.length,
          p50: ms(quantile(sorted, 0.5)),
          p99: ms(quantile(sorted, 0.99)),
          ...(body?.status ? { error: `${body.status} ${body.error}` } : {}),
          ...(body && 'total' in body
            ? { total: body.total, rows: body.items?.length ?? null }
            : {}),
        };
      });
      for (const p of pages) log(`${dialect}: ${JSON.stringify(p)}`);
      const countsBody = measured['item counts by kind and state']?.body ?? null;

      // Snapshot creation, then each export file downloaded whole.
      globalThis.gc?.();
      cpu = process.cpuUsage();
      const stopRss = sampleRss();
      const loadSnapshot = load();
      t = performance.now();
      const probe = { url: `${base}/projects/${projectId}/items?limit=50`, everyMs: 200 };
      const created = await runClient({
        token: manager,
        probe,
        requests: [
          {
            name: 'snapshot',
            method: 'POST',
            url: `${base}/projects/${projectId}/snapshots`,
            reps: 1,
          },
        ],
      });
      const snapshotSeconds = (performance.now() - t) / 1000;
      const snapshotCpu = cpuSeconds(process.cpuUsage(cpu));
      const snapshotPeakRssMB = stopRss();
      const snapshotBody = created.snapshot.body;
      const probeDuringSnapshot = summary(created.probe);
      if (!snapshotBody?.id) throw new Error(`snapshot failed: ${JSON.stringify(snapshotBody)}`);
      log(
        `${dialect}: snapshot in ${snapshotSeconds.toFixed(1)} s (CPU ${snapshotCpu} s), peak RSS ${snapshotPeakRssMB} MB`,
      );
      const manifest = await call(manager, 'GET', `/api/snapshots/${snapshotBody.id}/manifest`);
      const exports = [];
      for (const format of ['jsonl', 'csv']) {
        globalThis.gc?.();
        const rssBeforeMB = Math.round(process.memoryUsage.rss() / 2 ** 20);
        const stop = sampleRss();
        cpu = process.cpuUsage();
        const loadExport = load();
        const { download, probe: probed } = await runClient({
          token: manager,
          probe,
          download: `${base}/snapshots/${snapshotBody.id}/export?format=${format}`,
        });
        const peakRssMB = stop();
        const file = manifest.files.find((f) => f.format === format && !f.annotations);
        const result = {
          format,
          bytes: download.bytes,
          seconds: Number(download.seconds.toFixed(2)),
          MBps: Number((download.bytes / 1e6 / download.seconds).toFixed(1)),
          firstByteMs: ms(download.firstByteMs),
          serverCpuSeconds: cpuSeconds(process.cpuUsage(cpu)),
          rssBeforeMB,
          peakRssMB,
          sha256MatchesManifest: download.sha256 === file?.sha256,
          probe: summary(probed),
          reprDigestHeader: download.reprDigest !== null,
          loadAverage: loadExport,
        };
        log(`${dialect}: export ${JSON.stringify(result)}`);
        exports.push(result);
      }
      results.push({
        dialect,
        items: itemCount,
        annotated,
        counts: countsBody,
        pages,
        pagesLoadAverage: loadBefore,
        pagesServerCpuSeconds: pagesCpu,
        pagesWallSeconds: Number(pagesSeconds.toFixed(1)),
        ...(beforeAnalyze ? { beforeAnalyze } : {}),
        snapshot: {
          seconds: Number(snapshotSeconds.toFixed(1)),
          serverCpuSeconds: snapshotCpu,
          peakRssMB: snapshotPeakRssMB,
          loadAverage: loadSnapshot,
          items: manifest.items,
          probe: probeDuringSnapshot,
        },
        exports,
      });
    } finally {
      await app?.close();
      if (options.keep) {
        log(
          `${dialect}: kept ${fresh.database.location}${fresh.database.schema ? ` schema ${fresh.database.schema}` : ''} (--keep)`,
        );
        await fresh.database.close();
      } else await fresh.drop();
    }
  }

  const record = { bench: 'pages', commit: gitCommit(), machine: machine(), reps, results };
  writeFileSync(
    resolve(dataDir, `program-pages-n${itemCount}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
  const lines = [];
  for (const r of results) {
    lines.push(
      `\n**${r.dialect}**, ${r.items.toLocaleString('en-US')} items, load ${r.pagesLoadAverage.join(' / ')}, server CPU ${r.pagesServerCpuSeconds} s over ${r.pagesWallSeconds} s of requests:\n`,
      '| Request (limit 50) | Calls | p50 ms | p99 ms | total | rows |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...r.pages.map(
        (p) =>
          `| ${p.name} | ${p.calls} | ${p.p50} | ${p.p99} | ${p.error ?? p.total?.toLocaleString('en-US') ?? '–'} | ${p.rows ?? '–'} |`,
      ),
      ...(r.beforeAnalyze
        ? [
            '',
            `Right after the import, before PostgreSQL's statistics: ${r.beforeAnalyze.map((b) => `${b.name} p50 ${b.p50} / max ${b.max} ms`).join('; ')}.`,
          ]
        : []),
      '',
      `Snapshot of ${r.snapshot.items.total.toLocaleString('en-US')} production items: ${r.snapshot.seconds} s (server CPU ${r.snapshot.serverCpuSeconds} s, peak RSS ${r.snapshot.peakRssMB} MB, load ${r.snapshot.loadAverage.join(' / ')}); meanwhile the first items page answered in p50 ${r.snapshot.probe.p50} / p99 ${r.snapshot.probe.p99} / max ${r.snapshot.probe.max} ms (${r.snapshot.probe.calls} calls).`,
      '',
      '| Export | MB | s | MB/s | first byte ms | server CPU s | RSS before → peak MB | SHA-256 = manifest | items page meanwhile p50 / max ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
      ...r.exports.map(
        (e) =>
          `| ${e.format} | ${(e.bytes / 1e6).toFixed(0)} | ${e.seconds} | ${e.MBps} | ${e.firstByteMs} | ${e.serverCpuSeconds} | ${e.rssBeforeMB} → ${e.peakRssMB} | ${e.sha256MatchesManifest ? 'yes' : 'NO'} | ${e.probe.p50} / ${e.probe.max} |`,
      ),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
