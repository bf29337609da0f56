// SHA-256 of every span detect() returns on the clinical fixtures and presidio-research's
// synthetic set: a speed change to packages/core/src/deid must leave these hashes unchanged.
//
//   npx tsc -b packages/core/tsconfig.build.json && node bench/deid/spans-hash.mjs
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detect } from '../../packages/core/dist/deid/index.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const sets = [];
for (const name of ['dev', 'test', 'holdout', 'holdout2']) {
  const file = here(`../../packages/core/test-fixtures/deid/clinical-${name}.jsonl`);
  if (!existsSync(file)) continue;
  const texts = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).text);
  sets.push({ name: `clinical-${name}`, texts });
}
const presidio = here('../../../shared/datasets/deid-presidio-synth/synth_dataset_v2.json');
if (existsSync(presidio))
  sets.push({
    name: 'presidio-synth',
    texts: JSON.parse(readFileSync(presidio, 'utf8')).map((r) => r.full_text),
  });

const all = createHash('sha256');
for (const { name, texts } of sets) {
  const h = createHash('sha256');
  let spans = 0;
  for (const t of texts) {
    const found = detect(t);
    spans += found.length;
    const line = JSON.stringify(found) + '\n';
    h.update(line);
    all.update(line);
  }
  console.log(`${name}: ${texts.length} texts, ${spans} spans, ${h.digest('hex')}`);
}
console.log(`all: ${all.digest('hex')}`);
