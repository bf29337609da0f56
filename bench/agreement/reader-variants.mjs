// Where the time of reading a ratings file goes: the CLI's readRatings on the same ratings as
// plain long CSV, as CSV with every cell quoted (as R's write.csv writes it), with a note column
// holding doubled quotes and a comma on every row (cells unescaped per row), and as JSONL, against
// the csv-parse configuration the reader had before (`info: true`, one `for await` per record)
// and the same without `info`, each feeding a RatingTableBuilder. Not a comparison with peers;
// evidence for what limits the reader. Build first (`npm run build`), then:
//
//   node bench/agreement/reader-variants.mjs [--items N]     (default 200000 items × 5 ratings)

import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { RatingTableBuilder } from '@concord/core/agreement';
import { readRatings } from '../../packages/cli/dist/ratings/read-ratings.js';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: options } = parseArgs({
  options: {
    items: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '42' },
  },
});
const { complete: file } = await generate({
  dir: resolve(here, '../.data'),
  items: Number(options.items),
  missing: 0.2,
  seed: Number(options.seed),
});

/** Writes `target` (once) from the complete file, each data line rewritten by `row`. */
async function derive(target, header, row) {
  if (existsSync(target)) return target;
  const out = createWriteStream(`${target}.partial`);
  let first = true;
  let chunk = header;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (first) {
      first = false;
      continue;
    }
    chunk += row(line.split(','));
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(`${target}.partial`, target);
  return target;
}

const quoted = await derive(
  file.replace(/\.csv$/, '-quoted.csv'),
  '"item","annotator","label"\n',
  (cells) => `${cells.map((cell) => `"${cell}"`).join(',')}\n`,
);
const noted = await derive(
  file.replace(/\.csv$/, '-noted.csv'),
  'item,annotator,label,note\n',
  (cells) => `${cells.join(',')},"a ""quoted"" note, with a comma"\n`,
);
const jsonl = await derive(
  file.replace(/\.csv$/, '.jsonl'),
  '',
  ([item, annotator, label]) => `${JSON.stringify({ item, annotator, label: Number(label) })}\n`,
);

// The CLI's own csv-parse (a dependency of @concord/cli), so the variants parse with the same code.
const requireFromCli = createRequire(resolve(root, 'packages/cli/package.json'));
const csvParse = await import(pathToFileURL(requireFromCli.resolve('csv-parse')).href);
const parse = csvParse.parse ?? csvParse.default.parse;
const before = { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true };

async function viaCsvParse(info) {
  const builder = new RatingTableBuilder();
  let header = true;
  for await (const row of createReadStream(file).pipe(parse({ ...before, info }))) {
    const record = info ? row.record : row;
    if (header) header = false;
    else builder.add(record[0], record[1], record[2]);
  }
  return builder.build();
}

const variants = [
  ['CLI readRatings, long CSV (hand-split fast path)', () => readRatings(file)],
  ['CLI readRatings, the same with every cell quoted', () => readRatings(quoted)],
  [
    'CLI readRatings, the same plus a note with doubled quotes and a comma on every row',
    () => readRatings(noted),
  ],
  ['CLI readRatings, the same as JSONL (JSON.parse per line)', () => readRatings(jsonl)],
  ['csv-parse with info: true, for await per record (the reader before)', () => viaCsvParse(true)],
  ['csv-parse without info, for await per record', () => viaCsvParse(false)],
];
const { ratings } = await readRatings(file);
process.stdout.write(
  `Reader variants on ${relative(root, file)} (${ratings.toLocaleString('en')} ratings)\n\n`,
);
process.stdout.write('| Reader | Seconds | CPU seconds | ns / rating |\n|---|---|---|---|\n');
for (const [name, read] of variants) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await read();
  const seconds = (performance.now() - start) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  process.stdout.write(
    `| ${name} | ${seconds.toFixed(2)} | ${((user + system) / 1e6).toFixed(2)} | ${Math.round((seconds * 1e9) / ratings)} |\n`,
  );
}
