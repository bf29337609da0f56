// Concord's agreement statistics side by side with NLTK, scikit-learn and statsmodels, in one run,
// on the same seeded files. Build first (`npm run build`), then:
//
//   node bench/agreement/run.mjs [--items N] [--nltk-items N] [--quick]
//
// Prints one comparison table on stdout (progress on stderr), writes the full results as JSON to
// bench/.data/agreement-results-n<items>.json, and exits 1 when a value differs from its peer or
// from the exact value by more than 1e-9 (2 when the packages are not built).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ANNOTATORS, generate } from './generate.mjs';
import { debianVersions, ensurePeers, PYTHON } from './peers-setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dataDir = resolve(here, '../.data');
const TOLERANCE = 1e-9;

const { values: options } = parseArgs({
  options: {
    items: { type: 'string' },
    'nltk-items': { type: 'string' },
    'nltk-alpha-items': { type: 'string' },
    missing: { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '42' },
    repeats: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (options.help) {
  process.stdout.write(`node bench/agreement/run.mjs [options]   (run \`npm run build\` first)
  --items N             items in the full-size files (default 1000000; --quick 50000)
  --nltk-items N        items for NLTK kappa, multi_kappa and pi (default min(items, 500000); --quick 10000)
  --nltk-alpha-items N  items for NLTK alpha (default min(items, 1000000))
  --missing P           share of missing ratings in the alpha file (default 0.2)
  --seed S              data seed (default 42)
  --repeats R           timed repeats of each fast compute call (default 5; --quick 3)
  --json FILE           where to write the results (default bench/.data/agreement-results-n<items>.json)
  --quick               smoke run: small sizes, well under a minute
`);
  process.exit(0);
}

const log = (message) => process.stderr.write(`${message}\n`);
const count = (name, fallback) => {
  const text = options[name];
  if (text === undefined) return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 2) {
    log(`--${name} must be an integer ≥ 2, got ${text}`);
    process.exit(2);
  }
  return value;
};
const items = count('items', options.quick ? 50_000 : 1_000_000);
const nltkItems = count('nltk-items', Math.min(items, options.quick ? 10_000 : 500_000));
const nltkAlphaItems = count('nltk-alpha-items', Math.min(items, 1_000_000));
const repeats = count('repeats', options.quick ? 3 : 5);
const missing = Number(options.missing);
const seed = Number(options.seed);
const pair = [ANNOTATORS[0], ANNOTATORS[1]];
const jsonPath = options.json ?? resolve(dataDir, `agreement-results-n${items}.json`);

/** Every comparison: what the peer calls, what Concord calls, and on which data. */
const COMPARISONS = [
  {
    id: 'cohen-unweighted',
    peer: 'sklearn',
    label: 'Cohen κ',
    peerCall: 'sklearn cohen_kappa_score(y1, y2)',
    concordCall: 'cohenKappa(table, { annotators })',
    data: 'complete',
  },
  {
    id: 'cohen-linear',
    peer: 'sklearn',
    label: 'Cohen κ linear',
    peerCall: "sklearn cohen_kappa_score(y1, y2, weights='linear')",
    concordCall: "cohenKappa(table, { annotators, weights: 'linear' })",
    data: 'complete',
  },
  {
    id: 'cohen-quadratic',
    peer: 'sklearn',
    label: 'Cohen κ quadratic',
    peerCall: "sklearn cohen_kappa_score(y1, y2, weights='quadratic')",
    concordCall: "cohenKappa(table, { annotators, weights: 'quadratic' })",
    data: 'complete',
  },
  {
    id: 'fleiss',
    peer: 'statsmodels',
    label: 'Fleiss κ',
    peerCall: 'statsmodels fleiss_kappa(aggregate_raters(wide)[0])',
    concordCall: 'fleissKappa(table)',
    data: 'complete',
  },
  {
    id: 'nltk-alpha',
    peer: 'nltk',
    label: 'Krippendorff α nominal',
    peerCall: 'NLTK AnnotationTask(data).alpha() — default distance binary_distance = nominal',
    concordCall: "krippendorffAlpha(table, 'nominal')",
    data: 'missing',
  },
  {
    id: 'nltk-kappa',
    peer: 'nltk',
    label: 'mean pairwise Cohen κ',
    peerCall: 'NLTK AnnotationTask.kappa() — mean of the pairwise Cohen κ',
    concordCall:
      'mean of annotatorAgreementMatrix(table).pairs[].kappa (Concord gives the pairs; the bench takes the mean)',
    data: 'nltk',
  },
  {
    id: 'nltk-multi-kappa',
    peer: 'nltk',
    label: 'Davies–Fleiss κ',
    peerCall: 'NLTK AnnotationTask.multi_kappa() — Davies & Fleiss (1982)',
    concordCall:
      'no Concord function: (mean Aₒ − mean Aₑ)/(1 − mean Aₑ) in the bench, Aₒ from annotatorAgreementMatrix, Aₑ from per-annotator label counts',
    data: 'nltk',
  },
  {
    id: 'nltk-pi',
    peer: 'nltk',
    label: 'multi-π = Fleiss κ',
    peerCall:
      'NLTK AnnotationTask.pi() — multi-π (Siegel & Castellan K), Fleiss κ on complete data',
    concordCall: 'fleissKappa(table)',
    data: 'nltk',
  },
];

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}

function seconds(value) {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value < 1e-3) return `${(value * 1e6).toPrecision(3)} µs`;
  if (value < 1) return `${(value * 1e3).toPrecision(3)} ms`;
  return `${value.toFixed(2)} s`;
}

function ratio(peer, ours) {
  if (peer === undefined || ours === undefined) return '—';
  const r = peer / ours;
  return r >= 1 ? `**${r.toPrecision(3)}× faster**` : `${(1 / r).toPrecision(3)}× slower`;
}

const thousands = (n) => n.toLocaleString('en');
const small = (value) => (value === undefined ? '—' : value === 0 ? '0' : value.toExponential(1));

async function main() {
  let measureConcord;
  try {
    ({ measureConcord } = await import('./concord-side.mjs'));
  } catch (error) {
    log(`Cannot load the built packages (${error.message}).`);
    log('Build them first: `npm run build` (or `npx tsc -b packages/cli/tsconfig.build.json`).');
    process.exit(2);
  }
  const startedAt = new Date();
  const loadBefore = loadavg();

  log(`Generating data (seed ${seed}) in ${relative(root, dataDir)}/ …`);
  const full = await generate({ dir: dataDir, items, missing, seed });
  const nltkFiles = await generate({ dir: dataDir, items: nltkItems, missing, seed });
  const alphaFiles = await generate({ dir: dataDir, items: nltkAlphaItems, missing, seed });
  const files = { complete: full.complete, missing: alphaFiles.missing, nltk: nltkFiles.complete };
  for (const [kind, path] of Object.entries(files)) log(`  ${kind}: ${relative(root, path)}`);

  const peers = ensurePeers(log);

  // Concord: one read per distinct file, then every statistic asked of it.
  const jobs = new Map();
  for (const comparison of COMPARISONS) {
    const file = files[comparison.data];
    if (!jobs.has(file)) jobs.set(file, []);
    jobs.get(file).push(comparison.id);
  }
  log('Concord …');
  const ours = await measureConcord(
    [...jobs].map(([file, ids]) => ({ file, ids })),
    { pair, repeats, log },
  );
  const concordPeakMb = process.resourceUsage().maxRSS / 1024;

  // Peers: one Python process, after Concord is done, so the two never share the CPU.
  let theirs = { versions: {}, results: [], peak_rss_mb: null };
  if (peers.length > 0) {
    log(`Peers (${peers.join(', ')}) with ${PYTHON} …`);
    const spec = {
      peers,
      pair,
      repeats,
      complete: files.complete,
      nltk_alpha: files.missing,
      nltk_complete: files.nltk,
    };
    const child = spawnSync(PYTHON, [resolve(here, 'peers.py'), '--spec', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (child.status !== 0) {
      log(`peers.py failed (exit ${child.status}); no peer results.`);
      process.exit(1);
    }
    theirs = JSON.parse(child.stdout);
  }
  const loadAfter = loadavg();

  const find = (list, id, file) => list.find((r) => r.id === id && r.file === file);
  const rows = COMPARISONS.map((comparison) => {
    const file = files[comparison.data];
    const concord = find(ours, comparison.id, file);
    const peer = find(theirs.results, comparison.id, file);
    const difference = peer ? Math.abs(concord.value - peer.value) : undefined;
    const exact = theirs.exact?.[comparison.id] ?? undefined;
    const error = {
      concord: exact === undefined ? undefined : Math.abs(concord.value - exact),
      peer: exact === undefined || !peer ? undefined : Math.abs(peer.value - exact),
    };
    const matched =
      peer || exact !== undefined
        ? (difference ?? 0) <= TOLERANCE && (error.concord ?? 0) <= TOLERANCE
        : undefined;
    return {
      ...comparison,
      file: relative(root, file),
      items: concord.items,
      concord,
      peerResult: peer ?? null,
      difference,
      exact: exact ?? null,
      error,
      matched,
      computeRatio: peer ? peer.compute_s / concord.compute_s : undefined,
      endToEnd: {
        concord: concord.read_s + concord.first_s,
        peer: peer ? peer.read_s + peer.first_s : undefined,
      },
    };
  });

  const machine = {
    nproc: availableParallelism(),
    cpu: cpuModel(),
    ram_gib: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    python: theirs.versions.python ?? null,
    peer_modules: theirs.versions,
    debian_packages: debianVersions(),
    load_average_before: loadBefore.map((v) => +v.toFixed(2)),
    load_average_after: loadAfter.map((v) => +v.toFixed(2)),
  };

  const dataLabel = (row) =>
    `${row.data === 'missing' ? `${Math.round(missing * 100)} % missing` : 'complete'}, ${thousands(row.items)} items × 5`;
  const out = [];
  out.push(`# Concord agreement vs NLTK, scikit-learn, statsmodels`);
  out.push('');
  out.push(
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.ram_gib} GiB RAM; Node ${machine.node}; Python ${machine.python ?? '—'}; ` +
      `NLTK ${theirs.versions.nltk ?? '—'}, scikit-learn ${theirs.versions.sklearn ?? '—'}, statsmodels ${theirs.versions.statsmodels ?? '—'}, pandas ${theirs.versions.pandas ?? '—'}, numpy ${theirs.versions.numpy ?? '—'}.`,
  );
  out.push(
    `Load average before/after: ${machine.load_average_before.join(' ')} / ${machine.load_average_after.join(' ')}. Seed ${seed}; compute = median of ${repeats} (Concord after one warm-up call; NLTK once); end-to-end = read file + first compute call.`,
  );
  out.push('');
  out.push(
    '| Statistic | Peer | Data | Concord value | Peer value | \\|Δ\\| ≤ 1e-9 | Error vs exact: Concord / peer | Compute Concord | Compute peer | Compute ratio | E2E Concord | E2E peer | E2E ratio |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const peer = row.peerResult;
    const peerName = { nltk: 'NLTK', sklearn: 'scikit-learn', statsmodels: 'statsmodels' }[
      row.peer
    ];
    out.push(
      `| ${row.label} | ${peerName} | ${dataLabel(row)} | ${row.concord.value} | ${peer ? peer.value : 'skipped'} | ` +
        `${peer ? (row.difference <= TOLERANCE ? `yes (${small(row.difference)})` : `**NO (${small(row.difference)})**`) : '—'} | ` +
        `${small(row.error.concord)} / ${small(row.error.peer)} | ` +
        `${seconds(row.concord.compute_s)} | ${seconds(peer?.compute_s)} | ${ratio(peer?.compute_s, row.concord.compute_s)} | ` +
        `${seconds(row.endToEnd.concord)} | ${seconds(row.endToEnd.peer)} | ${ratio(row.endToEnd.peer, row.endToEnd.concord)} |`,
    );
  }
  out.push('');
  out.push('Ratio = peer time ÷ Concord time. Calls compared:');
  for (const row of rows)
    out.push(`- ${row.label}: ${row.peerCall}  ⟷  Concord ${row.concordCall}`);
  const fleiss = rows.find((row) => row.id === 'fleiss')?.peerResult;
  if (fleiss?.table_only_s !== undefined) {
    out.push(
      `- statsmodels fleiss_kappa alone, on a counts table already built by aggregate_raters: ${seconds(fleiss.table_only_s)}.`,
    );
  }
  const readers = { pandas: 'pandas read_csv + pivot', nltk: 'csv.reader + AnnotationTask' };
  const reads = [
    ...new Map(
      rows.map((row) => [
        row.file,
        `${row.file}: Concord ${seconds(row.concord.read_s)} (CPU ${seconds(row.concord.read_cpu_s)})`,
      ]),
    ).values(),
    ...(theirs.reads ?? []).map(
      (read) =>
        `${relative(root, read.file)}: ${readers[read.reader]} ${seconds(read.s)} (CPU ${seconds(read.cpu_s)})`,
    ),
  ];
  out.push(
    '- Reading: Concord = CLI readRatings (CSV split by hand in 1 MiB chunks → RatingTableBuilder); scikit-learn/statsmodels = pandas.read_csv + pivot to wide; NLTK = csv.reader → AnnotationTask. Read times, wall (CPU):',
  );
  for (const read of reads) out.push(`  - ${read}`);
  out.push(
    `- Peak RSS: Concord ${Math.round(concordPeakMb)} MB; Python peers ${theirs.peak_rss_mb ? Math.round(theirs.peak_rss_mb) : '—'} MB.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);

  const mismatches = rows.filter((row) => row.matched === false);
  const skipped = rows.filter((row) => row.peerResult === null);
  writeFileSync(
    jsonPath,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        command: `node bench/agreement/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
        options: { items, nltkItems, nltkAlphaItems, missing, seed, repeats, pair },
        machine,
        peakRssMb: { concord: concordPeakMb, peers: theirs.peak_rss_mb },
        peerReads: theirs.reads ?? [],
        rows,
      },
      null,
      2,
    )}\n`,
  );
  log(`\nResults written to ${relative(process.cwd(), jsonPath)}`);
  if (skipped.length > 0) {
    log(`\n!!! ${skipped.length} comparison(s) SKIPPED: a peer is not installed (see above).`);
  }
  if (mismatches.length > 0) {
    log(`\n!!! VALUE MISMATCH beyond ${TOLERANCE}:`);
    for (const row of mismatches) {
      log(
        `!!!   ${row.label}: Concord ${row.concord.value} vs ${row.peerCall} ${row.peerResult?.value ?? '—'} (|Δ| = ${row.difference ?? '—'}); exact ${row.exact ?? '—'}`,
      );
    }
    process.exit(1);
  }
}

await main();
