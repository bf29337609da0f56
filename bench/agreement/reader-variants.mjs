// Where the time of Concord's end-to-end goes: the CLI's readRatings against bench-only prototypes
// of cheaper readers, on the same long CSV. Not a comparison with peers; evidence for what to
// change in the CLI reader. Build first (`npm run build`), then:
//
//   node bench/agreement/reader-variants.mjs [--items N]     (default 200000 items × 5 ratings)

import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
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

// The CLI's own csv-parse (a dependency of @concord/cli), so the variants parse with the same code.
const requireFromCli = createRequire(resolve(root, 'packages/cli/package.json'));
const csvParse = await import(pathToFileURL(requireFromCli.resolve('csv-parse')).href);
const parse = csvParse.parse ?? csvParse.default.parse;
const cliOptions = { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true };

async function viaCsvParse(info) {
  const builder = new RatingTableBuilder();
  let header = true;
  for await (const row of createReadStream(file).pipe(parse({ ...cliOptions, info }))) {
    const record = info ? row.record : row;
    if (header) header = false;
    else builder.add(record[0], record[1], record[2]);
  }
  return builder.build();
}

/** Splits lines and cells with indexOf; valid only for files without quotes (checked per chunk). */
async function viaLineSplit() {
  const builder = new RatingTableBuilder();
  let rest = '';
  let header = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (chunk.includes('"'))
      throw new Error('quoted CSV: this prototype handles unquoted cells only');
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      const first = text.indexOf(',', start);
      const second = text.indexOf(',', first + 1);
      if (header) header = false;
      else
        builder.add(
          text.slice(start, first),
          text.slice(first + 1, second),
          text.slice(second + 1, end),
        );
      start = end + 1;
    }
    rest = text.slice(start);
  }
  return builder.build();
}

const variants = [
  ['CLI readRatings (csv-parse, info: true, numeric check)', () => readRatings(file)],
  ['csv-parse as the CLI configures it, info: true', () => viaCsvParse(true)],
  ['csv-parse, info: false', () => viaCsvParse(false)],
  ['indexOf line splitter (unquoted fast path)', viaLineSplit],
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
