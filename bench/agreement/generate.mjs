// Seeded ratings for the agreement bench, written as long CSV (`item,annotator,label`).
//
// Every item gets a true class from a skewed prior over the ordinal scale 1–5; each of five
// annotators labels it correctly with their own accuracy, otherwise picks a neighbouring level
// (60 %) or any level (40 %). One pass writes two files from the same draws: the complete file
// (every annotator rated every item) and the file with a share of ratings missing (those rows are
// simply absent, as in an export). Items are generated one after the other, so the first N items of
// a larger file are exactly the file generated with N items.

import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';

export const ANNOTATORS = ['ann-1', 'ann-2', 'ann-3', 'ann-4', 'ann-5'];
const ACCURACY = [0.85, 0.8, 0.75, 0.7, 0.6];
const PRIOR = [0.1, 0.2, 0.35, 0.25, 0.1];
const LEVELS = PRIOR.length;

/** Mulberry32: a small, fast, well-mixed 32-bit generator; the bench owns it so data never drift. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drawLevel(random) {
  let u = random();
  for (let level = 0; level < LEVELS - 1; level++) {
    if (u < PRIOR[level]) return level;
    u -= PRIOR[level];
  }
  return LEVELS - 1;
}

/** The paths of the two files for `items` items, `missing` share and `seed`. */
export function dataPaths(dir, items, missing, seed) {
  const percent = Math.round(missing * 100);
  return {
    complete: `${dir}/agreement-complete-n${items}-s${seed}.csv`,
    missing: `${dir}/agreement-missing${percent}-n${items}-s${seed}.csv`,
  };
}

/**
 * Writes both files unless they already exist (same name = same content, since the data are a
 * function of items, missing share and seed). Returns the paths and whether they were written.
 */
export async function generate({ dir, items, missing, seed }) {
  const paths = dataPaths(dir, items, missing, seed);
  if (existsSync(paths.complete) && existsSync(paths.missing)) return { ...paths, written: false };
  mkdirSync(dirname(paths.complete), { recursive: true });
  const random = mulberry32(seed);
  const pad = Math.max(7, String(items).length);
  const outputs = [paths.complete, paths.missing].map((path) => ({
    path,
    partial: `${path}.partial`,
    stream: createWriteStream(`${path}.partial`),
    chunk: 'item,annotator,label\n',
  }));
  const [complete, sparse] = outputs;
  const flush = async (output) => {
    if (!output.stream.write(output.chunk)) await once(output.stream, 'drain');
    output.chunk = '';
  };
  for (let i = 1; i <= items; i++) {
    const item = `doc-${String(i).padStart(pad, '0')}`;
    const truth = drawLevel(random);
    for (let a = 0; a < ANNOTATORS.length; a++) {
      // Always three draws per rating, so the stream of draws never depends on the outcome.
      const correct = random() < ACCURACY[a];
      const noise = random();
      const absent = random() < missing;
      let level = truth;
      if (!correct) {
        if (noise < 0.6) {
          const step = noise < 0.3 ? -1 : 1;
          level = truth + step < 0 || truth + step >= LEVELS ? truth - step : truth + step;
        } else {
          level = Math.min(LEVELS - 1, Math.floor(((noise - 0.6) / 0.4) * LEVELS));
        }
      }
      const row = `${item},${ANNOTATORS[a]},${level + 1}\n`;
      complete.chunk += row;
      if (!absent) sparse.chunk += row;
    }
    if (i % 4096 === 0) {
      await flush(complete);
      await flush(sparse);
    }
  }
  for (const output of outputs) {
    await flush(output);
    output.stream.end();
    await once(output.stream, 'finish');
    renameSync(output.partial, output.path);
  }
  return { ...paths, written: true };
}
