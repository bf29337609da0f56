// Seeded item rows for the import bench, one JSON object per line:
// {"data": {"text", "lang"}, "meta": {"source", "batch"}, "gold"?: {"sentiment"}, "priority"?}.
// 2 % of rows carry a hidden gold answer, 1 % a priority. The file is a pure function of the row
// count and the seed, so a second run reuses it.

import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';

/** Mulberry32: small, fast, well mixed; the bench owns it so the data never drift. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the service was slow but the food arrived warm and the staff were friendly enough ' +
  'price quality delivery late early broken perfect awful great average return refund ' +
  'would not recommend again definitely love hate okay fine nothing special box package'
).split(' ');
const LABELS = ['positive', 'neutral', 'negative'];
const LANGS = ['en', 'en', 'en', 'de', 'fr', 'es'];

export const SENTIMENT_CONFIG = {
  fields: [{ name: 'sentiment', type: 'choice', labels: LABELS }],
};

export function itemsPath(dir, rows, seed) {
  return `${dir}/program-items-n${rows}-s${seed}.jsonl`;
}

/** Writes the file unless it exists; returns its path and whether it was written. */
export async function generateItems({ dir, rows, seed }) {
  const path = itemsPath(dir, rows, seed);
  if (existsSync(path)) return { path, written: false };
  mkdirSync(dirname(path), { recursive: true });
  const random = mulberry32(seed);
  const stream = createWriteStream(`${path}.partial`);
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const length = 8 + Math.floor(random() * 24);
    const words = [];
    for (let w = 0; w < length; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]);
    const row = {
      data: { text: `${i}: ${words.join(' ')}`, lang: LANGS[Math.floor(random() * LANGS.length)] },
      meta: { source: 'bench', batch: Math.ceil(i / 10_000) },
    };
    const u = random();
    if (u < 0.02) row.gold = { sentiment: LABELS[Math.floor(random() * LABELS.length)] };
    else if (u < 0.03) row.priority = 1 + Math.floor(random() * 5);
    chunk += `${JSON.stringify(row)}\n`;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
  renameSync(`${path}.partial`, path);
  return { path, written: true };
}
