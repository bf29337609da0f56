// Two builds of the PHI detector timed in one process, a pass of each in turn, so that load from
// other work on the machine falls on both alike (separate runs of run.mjs differ by ±20 % on a
// shared VM). Characters per CPU second, per corpus (the texts of run.mjs).
//
//   node bench/deid/compare.mjs <old packages/core/dist copy> <new dist> [seconds per corpus]
//
// e.g. build an older commit's core, copy its dist to /work/main/bench/deid/.old-dist (under the
// repository, so its imports resolve), rebuild, then:
//   node bench/deid/compare.mjs bench/deid/.old-dist packages/core/dist 8
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [oldDist, newDist, secondsArg] = process.argv.slice(2);
if (!oldDist || !newDist) throw new Error('usage: compare.mjs <old dist> <new dist> [seconds]');
const load = async (dist) =>
  (await import(pathToFileURL(resolve(dist, 'deid/index.js')).href)).detect;
const builds = [
  ['old', await load(oldDist)],
  ['new', await load(newDist)],
];
const seconds = Number(secondsArg) || 6;

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const notes = readFileSync(
  here('../../packages/core/test-fixtures/deid/clinical-dev.jsonl'),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);
const corpora = [
  ['clinical-dev (60 notes)', notes],
  ['clinical-dev joined', [notes.join('\n\n')]],
];
try {
  const file = here('../../../shared/datasets/deid-presidio-synth/synth_dataset_v2.json');
  corpora.push(['presidio-synth', JSON.parse(readFileSync(file, 'utf8')).map((r) => r.full_text)]);
} catch {
  // the presidio set is optional
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
for (const [name, texts] of corpora) {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  for (let i = 0; i < 3; i++) for (const t of texts) for (const [, detect] of builds) detect(t);
  const used = [0, 0];
  const passes = [0, 0];
  while (used[0] + used[1] < seconds)
    builds.forEach(([, detect], k) => {
      const t0 = cpu();
      for (const t of texts) detect(t);
      used[k] += cpu() - t0;
      passes[k]++;
    });
  const rate = (k) => ((chars * passes[k]) / used[k] / 1e6).toFixed(2);
  console.log(`${name}: old ${rate(0)}, new ${rate(1)} M chars/s`);
}
