// Throughput of concord's PHI detector (packages/core/src/deid detect()) on one core.
//
//   npx tsc -b packages/core/tsconfig.build.json && node bench/deid/run.mjs [--seconds 5]
//
// Texts: the clinical fixtures (packages/core/test-fixtures/deid/clinical-dev.jsonl) and, when
// present, presidio-research's synthetic set (../shared/datasets/deid-presidio-synth). Reports the
// one-time dictionary load, then characters per CPU second in a steady-state loop (the JIT warmed),
// separately per corpus and for one long note made by joining the clinical notes.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detect } from '../../packages/core/dist/deid/index.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;

const corpora = [];
const clinical = here('../../packages/core/test-fixtures/deid/clinical-dev.jsonl');
const notes = readFileSync(clinical, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);
corpora.push({ name: 'clinical-dev (60 notes)', texts: notes });
corpora.push({ name: 'clinical-dev joined (1 long text)', texts: [notes.join('\n\n')] });
const presidio = here('../../../shared/datasets/deid-presidio-synth/synth_dataset_v2.json');
if (existsSync(presidio))
  corpora.push({
    name: 'presidio-synth (1,500 sentences)',
    texts: JSON.parse(readFileSync(presidio, 'utf8')).map((r) => r.full_text),
  });

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

let t0 = cpu();
detect('Seen by Dr. Rose Bowman on 3/4/2019 at Beverly Hospital.');
console.log(`dictionary load + first call: ${(cpu() - t0).toFixed(3)} s CPU`);

for (const { name, texts } of corpora) {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  for (let i = 0; i < 3; i++) for (const t of texts) detect(t); // warm-up
  let passes = 0;
  let spans = 0;
  t0 = cpu();
  let used = 0;
  while (used < seconds) {
    for (const t of texts) spans += detect(t).length;
    passes++;
    used = cpu() - t0;
  }
  const rate = (chars * passes) / used;
  console.log(
    `${name}: ${chars} chars x ${passes} passes in ${used.toFixed(2)} s CPU -> ${(rate / 1e6).toFixed(2)} M chars/s (${spans / passes} spans a pass)`,
  );
}
