// Truth inference: accuracy of Concord's aggregation methods on every real dataset with ground
// truth in ../shared/datasets, next to crowd-kit 1.4.1's accuracy on the same data, with times;
// then Dawid–Skene on 1,000,000 synthetic labels. Build core first, from the repository root:
//
//   npx tsc -b packages/core/tsconfig.build.json
//   node bench/truth-inference/run.mjs [--help]
//
// Prints Markdown tables on stdout (progress on stderr) and writes everything, machine included,
// to bench/.data/truth-inference-results.json. Exit codes: 0 done; 2 core not built or a bad option.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const { values: options } = parseArgs({
  options: {
    datasets: { type: 'string', default: resolve(root, '../shared/datasets') },
    items: { type: 'string', default: '200000' },
    'per-item': { type: 'string', default: '5' },
    annotators: { type: 'string', default: '1000' },
    classes: { type: 'string', default: '2,4' },
    seed: { type: 'string', default: '1' },
    repeats: { type: 'string', default: '3' },
    'posterior-stop': { type: 'boolean', default: false },
    'skip-real': { type: 'boolean', default: false },
    'skip-synthetic': { type: 'boolean', default: false },
    grid: { type: 'boolean', default: false },
    json: { type: 'string', default: resolve(root, 'bench/.data/truth-inference-results.json') },
    help: { type: 'boolean', default: false },
  },
});

if (options.help) {
  process.stdout.write(`node bench/truth-inference/run.mjs [options]   (build core first)
  --datasets DIR     the shared datasets folder (default ../shared/datasets); absent: real sets skipped
  --items N          synthetic items (default 200000)
  --per-item N       labels per synthetic item, from distinct annotators (default 5)
  --annotators N     synthetic annotators (default 1000)
  --classes LIST     class counts of the synthetic runs (default 2,4)
  --seed S           synthetic seed (default 1)
  --repeats R        timed runs per method; the median is reported (default 3)
  --grid             also tabulate Dawid–Skene under other shrinkage and smoothing values
  --posterior-stop   also run the synthetic sets with the posterior test only (slow: up to 1000 iterations)
  --skip-real, --skip-synthetic
  --json FILE        where to write the results (default bench/.data/truth-inference-results.json)
`);
  process.exit(0);
}

const log = (message) => process.stderr.write(`${message}\n`);
const count = (name) => {
  const value = Number(options[name].replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) {
    log(`--${name} must be a positive integer, got ${options[name]}`);
    process.exit(2);
  }
  return value;
};
const repeats = count('repeats');
const classList = options.classes.split(',').map((text) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 2) {
    log(`--classes must list integers ≥ 2, got ${options.classes}`);
    process.exit(2);
  }
  return value;
});

let core;
try {
  core = {
    ...(await import('@concord/core/agreement')),
    ...(await import('@concord/core/aggregation')),
  };
} catch (error) {
  log(`@concord/core is not built (${error.message.split('\n')[0]}).`);
  log('Run `npx tsc -b packages/core/tsconfig.build.json` from the repository root first.');
  process.exit(2);
}
const { loadTruthSets } = await import('./datasets.mjs');
const { syntheticCrowd } = await import('./synthetic.mjs');
const { ratingTable, majorityVote, weightedVote, dawidSkene, oneCoinDawidSkene, glad, mace } = core;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs `fn` up to `times` times (once more only while a run takes under a second, unless
 * `always`); the last
 * result, and the median wall and CPU milliseconds.
 */
function timed(fn, times = repeats, always = false) {
  const walls = [];
  const cpuTimes = [];
  let result;
  for (let i = 0; i < times && (always || !(walls.length > 0 && walls.at(-1) > 1000)); i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = fn();
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { result, ms: median(walls), cpuMs: median(cpuTimes) };
}

/**
 * crowd-kit's Wawa: each annotator weighs their agreement with the majority vote, then a
 * weighted vote. Ties go to the first level in both votes, as crowd-kit's do.
 */
function wawa(table) {
  const votes = majorityVote(table, { tieBreak: 'first-level' });
  const agree = new Float64Array(table.annotators.length);
  const rated = new Float64Array(table.annotators.length);
  for (let u = 0; u < table.items.length; u++) {
    const winner = table.levels.indexOf(votes[u].label);
    for (let r = table.offsets[u]; r < table.offsets[u + 1]; r++) {
      rated[table.raters[r]] += 1;
      if (table.values[r] === winner) agree[table.raters[r]] += 1;
    }
  }
  const weights = new Map(table.annotators.map((annotator, j) => [annotator, agree[j] / rated[j]]));
  return weightedVote(table, weights, { tieBreak: 'first-level' });
}

/** The paper's estimator: maximum likelihood, EM stopped on the posteriors only. */
const ML = { shrinkage: 0, logLikelihoodTolerance: 0 };

/** Method id → [label, crowd-kit column, run(table) → labels (null = no label)]. */
const METHODS = [
  [
    'mv',
    'MV (ties → first level)',
    'mv',
    (t) => majorityVote(t, { tieBreak: 'first-level' }).map((v) => v.label),
  ],
  ['mvAbstain', 'MV (ties abstain = wrong)', null, (t) => majorityVote(t).map((v) => v.label)],
  ['wawa', 'Wawa-style weighted vote', 'wawa', (t) => wawa(t).map((v) => v.label)],
  ['ds', 'Dawid–Skene (default)', 'ds', (t) => dawidSkene(t).labels],
  ['dsMl', 'Dawid–Skene (ML, shrinkage 0)', 'ds', (t) => dawidSkene(t, ML).labels],
  ['oneCoin', 'one-coin DS', 'oneCoin', (t) => oneCoinDawidSkene(t).labels],
  ['glad', 'GLAD', 'glad', (t) => glad(t).labels],
  ['mace', 'MACE', 'mace', (t) => mace(t).labels],
];
const CROWD_KIT_COLUMNS = ['mv', 'wawa', 'zbs', 'ds', 'oneCoin', 'glad', 'mace'];

/**
 * crowd-kit's accuracy in a column; a range (Bluebirds' MACE, 0.73–0.81 depending on ids) counts
 * as its upper end, so that "at least as accurate" is never claimed against its lucky draw.
 */
function crowdKitValue(measured, column) {
  if (column === null) return null;
  if (column === 'mace' && measured.maceRange) return measured.maceRange[1];
  return measured[column];
}

function accuracyOn(table, truth, labels) {
  let correct = 0;
  let judged = 0;
  table.items.forEach((item, u) => {
    if (!truth.has(item)) return;
    judged += 1;
    if (labels[u] === truth.get(item)) correct += 1;
  });
  return { correct, judged, accuracy: correct / judged };
}

const fmt = (value) => (value === null || value === undefined ? '–' : value.toFixed(4));
const fmtMs = (ms) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
// crowd-kit's numbers are rounded to 4 decimals: ours counts as "at least as accurate" when it is
// not below the rounded value by more than the rounding.
const atLeast = (ours, theirs) => theirs === null || ours >= theirs - 5e-5;

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
};
const results = {
  machine,
  command: 'node bench/truth-inference/run.mjs',
  real: null,
  synthetic: [],
};
const out = (line = '') => process.stdout.write(`${line}\n`);

out(`# Truth inference — ${new Date().toISOString().slice(0, 10)}`);
out();
out(
  `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
    `load average at start ${machine.loadAverageAtStart.join(', ')}.`,
);
out();

// ---- Real datasets -------------------------------------------------------------------------
const sets = options['skip-real'] ? null : loadTruthSets(options.datasets);
if (options['skip-real']) log('real datasets skipped (--skip-real)');
else if (sets === null)
  out(`Real datasets skipped: ${options.datasets} is absent (only in the project workspace).\n`);
else {
  results.real = [];
  for (const set of sets) {
    log(`${set.name}: ${set.ratings.length} ratings`);
    const table = ratingTable(set.ratings);
    const row = {
      name: set.name,
      ratings: set.ratings.length,
      items: table.items.length,
      annotators: table.annotators.length,
      judged: set.truth.size,
      methods: {},
    };
    for (const [id, , column, run] of METHODS) {
      const { result, ms } = timed(() => run(table));
      const score = accuracyOn(table, set.truth, result);
      row.methods[id] = { ...score, crowdKit: crowdKitValue(set.crowdKit, column), ms };
    }
    row.maceRange = set.crowdKit.maceRange ?? null;
    const ties = majorityVote(table).filter((v) => v.label === null).length;
    row.majorityTies = ties;
    // crowd-kit stops its EM when its evidence lower bound stops rising, after a few iterations:
    // find how many iterations of our maximum-likelihood EM give its Dawid–Skene accuracy.
    row.crowdKitDsMatchesIterations = null;
    for (let iterations = 1; iterations <= 10; iterations++) {
      const early = dawidSkene(table, { ...ML, maxIterations: iterations, tolerance: 0 }).labels;
      if (Math.abs(accuracyOn(table, set.truth, early).accuracy - set.crowdKit.ds) < 5e-5) {
        row.crowdKitDsMatchesIterations = iterations;
        break;
      }
    }
    const oursBest = Math.max(...Object.values(row.methods).map((m) => m.accuracy));
    const theirsBest = Math.max(
      ...CROWD_KIT_COLUMNS.map((c) => crowdKitValue(set.crowdKit, c) ?? 0),
    );
    row.best = { ours: oursBest, crowdKit: theirsBest };
    results.real.push(row);
  }

  out('## Accuracy on the items with truth: Concord (crowd-kit 1.4.1)');
  out();
  out(
    'Concord first, crowd-kit in brackets (`shared/datasets/README.md`); `<` marks ours below crowd-kit.',
  );
  out();
  const shown = METHODS.filter(([id]) => id !== 'mvAbstain');
  out(
    `| set (items with truth) | ${shown.map(([, label]) => label).join(' | ')} | best of ours | best listed |`,
  );
  out(`|---|${shown.map(() => '---').join('|')}|---|---|`);
  for (const row of results.real) {
    const cells = shown.map(([id]) => {
      const m = row.methods[id];
      const mark = atLeast(m.accuracy, m.crowdKit) ? '' : ' <';
      const theirs =
        id === 'mace' && row.maceRange
          ? row.maceRange.map((x) => x.toFixed(2)).join('–')
          : fmt(m.crowdKit);
      return `${fmt(m.accuracy)} (${theirs})${mark}`;
    });
    const mark = atLeast(row.best.ours, row.best.crowdKit) ? '' : ' <';
    out(
      `| ${row.name} (${row.judged}) | ${cells.join(' | ')} | ${fmt(row.best.ours)}${mark} | ${fmt(row.best.crowdKit)} |`,
    );
  }
  out();
  out('## Majority-vote ties, and where crowd-kit stops its Dawid–Skene EM');
  out();
  out(
    "| set | ratings | items | annotators | MV ties | MV accuracy, ties abstain (= wrong) | our ML EM iterations that give crowd-kit's DS accuracy |",
  );
  out('|---|---|---|---|---|---|---|');
  for (const row of results.real) {
    out(
      `| ${row.name} | ${row.ratings} | ${row.items} | ${row.annotators} | ${row.majorityTies} | ${fmt(row.methods.mvAbstain.accuracy)} | ${row.crowdKitDsMatchesIterations ?? 'none of 1–10'} |`,
    );
  }
  out();
  out(
    `## Time per method (ms, median of up to ${repeats} runs — one when it takes over a second; table already built)`,
  );
  out();
  out(`| set | ${METHODS.map(([, label]) => label).join(' | ')} |`);
  out(`|---|${METHODS.map(() => '---').join('|')}|`);
  for (const row of results.real) {
    out(`| ${row.name} | ${METHODS.map(([id]) => fmtMs(row.methods[id].ms)).join(' | ')} |`);
  }
  out();
}

// ---- Dawid–Skene prior grid (--grid) ------------------------------------------------------
const GRID = [
  ['ML (shrinkage 0)', { shrinkage: 0 }],
  ['shrinkage 0.1', { shrinkage: 0.1 }],
  ['shrinkage 0.25 (default)', {}],
  ['shrinkage 0.4', { shrinkage: 0.4 }],
  ['shrinkage 1', { shrinkage: 1 }],
  ['shrinkage 2', { shrinkage: 2 }],
  ['shrinkage 5', { shrinkage: 5 }],
  ['shrinkage 30', { shrinkage: 30 }],
  ['uniform smoothing 0.1', { shrinkage: 0, smoothing: 0.1 }],
  ['uniform smoothing 1', { shrinkage: 0, smoothing: 1 }],
  // Early stopping as a regulariser: a log-likelihood test 1e5 times looser, about scikit-learn's
  // mixture default (1e-3 per sample); EM then stops after 4–8 iterations, before convergence.
  ['ML, stopped at 1e-3 nats/rating', { shrinkage: 0, logLikelihoodTolerance: 1e-3, tolerance: 0 }],
];
// Dawid & Skene (1979): crowd-kit's converged MAP labels (shared/datasets/README.md).
const ANAESTHESIA_MAP =
  '1,4,2,2,2,2,1,3,2,2,4,3,1,2,1,1,1,1,2,2,2,2,2,2,1,1,2,1,1,1,1,3,1,2,2,4,2,3,3,1,1,1,2,1,2';

function anaesthesiaCheck(fitOptions) {
  const file = resolve(options.datasets, 'dawid-skene-1979-anesthesia/anesthesia_long.csv');
  if (!existsSync(file)) return '–';
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const table = ratingTable(
    rows.map((line) => {
      const [item, annotator, value] = line.split(',').map(Number);
      return { item, annotator, value };
    }),
    { levels: [1, 2, 3, 4] },
  );
  const fit = dawidSkene(table, { tolerance: 1e-10, ...fitOptions });
  const expected = ANAESTHESIA_MAP.split(',').map(Number);
  const changed = fit.labels.flatMap((label, u) => (label === expected[u] ? [] : [u + 1]));
  const unsure = [...fit.confidence].flatMap((p, u) => (p < 0.99 ? [u + 1] : []));
  const labels = changed.length === 0 ? 'as published' : `patients ${changed.join(', ')} change`;
  return `${labels}; below 0.99: ${unsure.join(', ') || 'none'}`;
}

if (options.grid && sets !== null && !options['skip-real']) {
  log('grid');
  const tables = sets.map((set) => ({ set, table: ratingTable(set.ratings) }));
  results.grid = [];
  out('## Dawid–Skene under other priors (accuracy on the items with truth)');
  out();
  out(
    `| prior | ${sets.map((s) => s.name).join(' | ')} | sets ≥ crowd-kit | mean | anaesthesia (tolerance 1e-10) |`,
  );
  out(`|---|${sets.map(() => '---').join('|')}|---|---|---|`);
  out(`| crowd-kit 1.4.1 | ${sets.map((s) => fmt(s.crowdKit.ds)).join(' | ')} | | | |`);
  for (const [label, fitOptions] of GRID) {
    const accuracies = tables.map(
      ({ set, table }) =>
        accuracyOn(table, set.truth, dawidSkene(table, fitOptions).labels).accuracy,
    );
    const meeting = accuracies.filter((a, i) => atLeast(a, sets[i].crowdKit.ds)).length;
    const mean = accuracies.reduce((s, a) => s + a, 0) / accuracies.length;
    const anaesthesia = anaesthesiaCheck(fitOptions);
    results.grid.push({ label, options: fitOptions, accuracies, meeting, mean, anaesthesia });
    const cells = accuracies.map(
      (a, i) => `${fmt(a)}${atLeast(a, sets[i].crowdKit.ds) ? '' : ' <'}`,
    );
    out(
      `| ${label} | ${cells.join(' | ')} | ${meeting}/${sets.length} | ${fmt(mean)} | ${anaesthesia} |`,
    );
  }
  out();
}

// ---- Synthetic scale test -----------------------------------------------------------------
if (options['skip-synthetic']) log('synthetic scale test skipped (--skip-synthetic)');
else {
  const shape = {
    items: count('items'),
    perItem: count('per-item'),
    annotators: count('annotators'),
    seed: Number(options.seed),
  };
  if (shape.perItem > shape.annotators) {
    log('--per-item cannot exceed --annotators (labels of an item come from distinct annotators)');
    process.exit(2);
  }
  out(
    `## Scale: Dawid–Skene (defaults) on ${(shape.items * shape.perItem).toLocaleString('en')} synthetic labels`,
  );
  out();
  out(
    `${shape.items.toLocaleString('en')} items × ${shape.perItem} labels from ${shape.annotators.toLocaleString('en')} annotators, ` +
      `seed ${shape.seed}; median of ${repeats} runs; "to convergence" = the default stopping tests ` +
      '(no posterior moved by more than 1e-6, or the log-likelihood changed by at most 1e-8 nats per rating).',
  );
  out();
  out(
    '| classes | generate + build table ms | DS wall ms | DS CPU ms | iterations | converged | ms / iteration | DS accuracy | MV accuracy (ties → first) |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const classes of classList) {
    log(`synthetic: ${classes} classes`);
    const generated = timed(() => syntheticCrowd({ ...shape, classes }), 1);
    const { table, truth } = generated.result;
    const fitted = timed(() => dawidSkene(table), repeats, true);
    const ds = fitted.result;
    const correct = ds.labels.filter((label, u) => label === truth[u]).length;
    const votes = majorityVote(table, { tieBreak: 'first-level' });
    const mvCorrect = votes.filter((v, u) => v.label === truth[u]).length;
    const row = {
      classes,
      ...shape,
      ratings: table.values.length,
      generateMs: generated.ms,
      wallMs: fitted.ms,
      cpuMs: fitted.cpuMs,
      iterations: ds.iterations,
      converged: ds.converged,
      accuracy: correct / truth.length,
      majorityAccuracy: mvCorrect / truth.length,
    };
    if (options['posterior-stop']) {
      log(`synthetic: ${classes} classes, posterior test only`);
      const slow = timed(() => dawidSkene(table, { logLikelihoodTolerance: 0 }), 1);
      row.posteriorStop = {
        wallMs: slow.ms,
        iterations: slow.result.iterations,
        converged: slow.result.converged,
        labelsDiffering: slow.result.labels.filter((label, u) => label !== ds.labels[u]).length,
      };
    }
    results.synthetic.push(row);
    out(
      `| ${classes} | ${fmtMs(row.generateMs)} | ${fmtMs(row.wallMs)} | ${fmtMs(row.cpuMs)} | ${row.iterations} | ${row.converged} | ` +
        `${fmtMs(row.wallMs / row.iterations)} | ${fmt(row.accuracy)} | ${fmt(row.majorityAccuracy)} |`,
    );
  }
  if (options['posterior-stop']) {
    out();
    out('Posterior test only (`logLikelihoodTolerance: 0`):');
    out();
    out('| classes | wall ms | iterations | converged | labels differing from the default run |');
    out('|---|---|---|---|---|');
    for (const row of results.synthetic) {
      const slow = row.posteriorStop;
      out(
        `| ${row.classes} | ${fmtMs(slow.wallMs)} | ${slow.iterations} | ${slow.converged} | ${slow.labelsDiffering} |`,
      );
    }
  }
  out();
}

machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
out(`Load average at end: ${machine.loadAverageAtEnd.join(', ')}.`);
mkdirSync(dirname(options.json), { recursive: true });
writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${relative(process.cwd(), options.json)}`);
