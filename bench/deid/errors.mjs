// Dumps the detector's errors on an annotated JSONL file ({"id","text","spans"}): gold spans no
// predicted span touches (missed), predicted spans touching no gold span (false), and overlaps
// whose category differs, each with a little context, so rules can be judged on general patterns.
//
//   npx tsc -b packages/core/tsconfig.build.json && node bench/deid/errors.mjs FILE [--context 40] [--category PERSON]
//
// FILE: JSONL {"id","text","spans"} or presidio-research's JSON; --category keeps one category.
import { readFileSync } from 'node:fs';
import { detect, presidioGoldSpans } from '../../packages/core/dist/deid/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/deid/errors.mjs FILE.jsonl [--context N]');
const at = process.argv.indexOf('--context');
const width = at > 0 ? Number(process.argv[at + 1]) : 40;

const content = readFileSync(file, 'utf8');
// JSONL {"id","text","spans"} or presidio-research's JSON array (labels mapped as --eval does)
const records = content.trimStart().startsWith('[')
  ? JSON.parse(content).map((r, i) => ({
      id: `#${i + 1}`,
      text: r.full_text,
      spans: presidioGoldSpans(r),
    }))
  : content
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
const only = process.argv.includes('--category')
  ? process.argv[process.argv.indexOf('--category') + 1]
  : undefined;
const touches = (a, b) => a.start < b.end && b.start < a.end;
const show = (cps, s) => {
  const before = cps.slice(Math.max(0, s.start - width), s.start).join('');
  const after = cps.slice(s.end, s.end + width).join('');
  const flat = (x) => x.replace(/\n/g, '⏎');
  return `${flat(before)}[[${cps.slice(s.start, s.end).join('')}]]${flat(after)}`;
};
const counts = { missed: 0, false: 0, relabel: 0 };
for (const r of records) {
  const cps = Array.from(r.text);
  const predicted = detect(r.text).filter((p) => !only || p.category === only);
  const gold = r.spans.filter((g) => !only || g.category === only);
  for (const g of gold) {
    const hits = predicted.filter((p) => touches(p, g));
    if (hits.length === 0) {
      counts.missed++;
      console.log(`MISS  ${r.id} ${g.category.padEnd(20)} ${show(cps, g)}`);
    } else if (!hits.some((p) => p.category === g.category)) {
      counts.relabel++;
      console.log(
        `LABEL ${r.id} ${g.category}->${hits.map((p) => p.category).join(',')} ${show(cps, g)}`,
      );
    }
  }
  for (const p of predicted)
    if (!gold.some((g) => touches(p, g))) {
      counts.false++;
      console.log(`FALSE ${r.id} ${p.category.padEnd(20)} ${show(cps, p)}`);
    }
}
console.log(counts);
