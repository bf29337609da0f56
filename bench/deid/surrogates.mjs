// Throughput of de-identification with surrogates (issue 6): deidentifyText over the
// presidio-research synthetic set (../shared/datasets/deid-presidio-synth), next to detect()
// alone on the same texts, so the cost of the surrogates themselves shows. Build first
// (`npx tsc -b packages/cli/tsconfig.build.json`), then:
//
//   node bench/deid/surrogates.mjs [--rounds N] [--redact] [--json]
//
// CPU time of one core (process.cpuUsage), after one warm-up round that also loads the
// dictionaries; the fastest of --rounds passes of each. Prints characters/s for detect() and
// for deidentifyText, and the share of the time the surrogates take.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    redact: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    dataset: {
      type: 'string',
      default: resolve(root, '../shared/datasets/deid-presidio-synth/synth_dataset_v2.json'),
    },
  },
});

let deid;
try {
  deid = await import(resolve(root, 'packages/core/dist/deid/index.js'));
} catch (error) {
  process.stderr.write(
    `build first (npx tsc -b packages/cli/tsconfig.build.json): ${error.message}\n`,
  );
  process.exit(2);
}
const { deidConfigSchema, deidentifyText, detect } = deid;

const texts = JSON.parse(readFileSync(options.dataset, 'utf8')).map((r) => r.full_text);
const characters = texts.reduce((sum, t) => sum + [...t].length, 0);
const config = deidConfigSchema.parse({ mode: options.redact ? 'redact' : 'surrogate' });
const secret = 'bench-project-secret';
const rounds = Number(options.rounds);

function cpuSeconds(fn) {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

// warm-up: JIT, dictionaries (names, places) loaded lazily on first use
let spans = 0;
let replaced = 0;
texts.forEach((text, i) => {
  spans += detect(text).length;
  replaced += deidentifyText(text, { secret, config, patient: `p${i % 50}` }).replacements.length;
});

// Each round times one pass of each kind; the fastest pass of each counts (the others were
// slowed by whatever else the machine ran), so the two are measured under like conditions.
// A new secret each round: nothing drawn before can be reused.
let detectSeconds = Infinity;
let deidSeconds = Infinity;
for (let r = 0; r < rounds; r++) {
  detectSeconds = Math.min(
    detectSeconds,
    cpuSeconds(() => texts.forEach((text) => detect(text))),
  );
  deidSeconds = Math.min(
    deidSeconds,
    cpuSeconds(() =>
      texts.forEach((text, i) =>
        deidentifyText(text, { secret: `${secret}-${r}`, config, patient: `p${i % 50}` }),
      ),
    ),
  );
}

const result = {
  dataset: options.dataset,
  mode: config.mode,
  records: texts.length,
  characters,
  rounds,
  spans,
  replacements: replaced,
  detectCharactersPerSecond: Math.round(characters / detectSeconds),
  deidentifyCharactersPerSecond: Math.round(characters / deidSeconds),
  surrogateShareOfTime: Number((1 - detectSeconds / deidSeconds).toFixed(3)),
};
if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  process.stdout.write(
    [
      `${texts.length} records, ${characters} characters, best of ${rounds} rounds (${config.mode} mode)`,
      `detect():        ${result.detectCharactersPerSecond.toLocaleString('en-US')} characters/s`,
      `deidentifyText:  ${result.deidentifyCharactersPerSecond.toLocaleString('en-US')} characters/s (detection + config + surrogates)`,
      `${replaced} of ${spans} detected identifiers replaced; surrogates take ${(result.surrogateShareOfTime * 100).toFixed(1)}% of the time`,
    ].join('\n') + '\n',
  );
