// Builds clinical-<split>.jsonl from the hand-written clinical-<split>.src.txt.
// Source format: a note starts with a line "### <id>"; its text runs to the next
// header (surrounding blank lines trimmed). PHI is marked inline as
// [[CATEGORY:surface text]]; the markers are removed and each becomes a span
// with offsets in Unicode code points into the cleaned text, end exclusive.
// Usage: node build.mjs dev|test|holdout|holdout2 [--stdout]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export function parseSource(src) {
  const records = [];
  const parts = src.split(/^### (\S+)[ \t]*\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const id = parts[i];
    const raw = parts[i + 1].replace(/^\s*\n/, '').replace(/\s+$/, '');
    records.push(parseNote(id, raw));
  }
  return records;
}

function parseNote(id, raw) {
  const marker = /\[\[([A-Z_]+):([^\]]*)\]\]/g;
  let text = '';
  let cp = 0;
  let last = 0;
  const spans = [];
  for (const m of raw.matchAll(marker)) {
    const before = raw.slice(last, m.index);
    text += before;
    cp += Array.from(before).length;
    const surface = m[2];
    const len = Array.from(surface).length;
    spans.push({ start: cp, end: cp + len, category: m[1] });
    text += surface;
    cp += len;
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  if (text.includes('[[') || text.includes(']]')) {
    throw new Error(`${id}: malformed marker left in text`);
  }
  return { id, text, spans };
}

export function buildJsonl(split) {
  const src = readFileSync(join(here, `clinical-${split}.src.txt`), 'utf8');
  return parseSource(src)
    .map((r) => JSON.stringify(r))
    .join('\n')
    .concat('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const split = process.argv[2];
  if (!['dev', 'test', 'holdout', 'holdout2'].includes(split)) {
    process.stderr.write('usage: node build.mjs dev|test|holdout|holdout2 [--stdout]\n');
    process.exit(2);
  }
  const out = buildJsonl(split);
  if (process.argv.includes('--stdout')) process.stdout.write(out);
  else writeFileSync(join(here, `clinical-${split}.jsonl`), out);
}
