// Peer: redact-pii 3.4.0 (npm, MIT), its SyncRedactor (regex patterns plus a greeting/name rule),
// scored with the same any-overlap counting (any category) on the same corpora. It replaces
// identifiers with placeholders, so spans are recovered by aligning the redacted text with the
// original. Installed outside the repository (it pulls in @google-cloud/dlp):
//
//   npm install --prefix /tmp/peer --ignore-scripts redact-pii@3.4.0
//   PEER_PREFIX=/tmp/peer node bench/deid/peer-redact-pii.mjs \
//     packages/core/test-fixtures/deid/clinical-dev.jsonl ../shared/datasets/deid-presidio-synth/synth_dataset_v2.json
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
const require = createRequire(`${process.env.PEER_PREFIX ?? '/tmp/peer'}/`);
const { SyncRedactor } = require('redact-pii');
const redactor = new SyncRedactor({ globalReplaceWith: '\u0000' });
function spans(text) {
  // redact with a single NUL per identifier, then align: each NUL stands for one original run
  const red = redactor.redact(text);
  const out = [];
  let i = 0,
    j = 0;
  while (j < red.length) {
    if (red[j] !== '\u0000') {
      i++;
      j++;
      continue;
    }
    // the identifier runs until the original catches up with the next redacted character
    const next = red.slice(j + 1, j + 9);
    const at = next.length === 0 ? -1 : text.indexOf(next, i + 1);
    const k = at < 0 ? text.length : at;
    out.push({ start: i, end: k });
    i = k;
    j++;
  }
  return out;
}
const files = process.argv.slice(2);
for (const file of files) {
  if (!existsSync(file)) continue;
  const raw = readFileSync(file, 'utf8');
  const recs = raw.trimStart().startsWith('[')
    ? JSON.parse(raw).map((r) => ({
        text: r.full_text,
        gold: r.spans.map((s) => ({ start: s.start_position, end: s.end_position })),
      }))
    : raw
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const r = JSON.parse(l);
          return { text: r.text, gold: r.spans };
        });
  let gold = 0,
    found = 0,
    pred = 0,
    correct = 0,
    chars = 0;
  const all = recs.map((r) => spans(r.text));
  recs.forEach((r, n) => {
    const p = all[n];
    chars += r.text.length;
    gold += r.gold.length;
    pred += p.length;
    found += r.gold.filter((g) => p.some((s) => s.start < g.end && g.start < s.end)).length;
    correct += p.filter((s) => r.gold.some((g) => s.start < g.end && g.start < s.end)).length;
  });
  // steady state
  for (let w = 0; w < 3; w++) for (const r of recs) redactor.redact(r.text);
  const t1 = process.cpuUsage();
  let passes = 0,
    used = 0;
  while (used < 3) {
    for (const r of recs) redactor.redact(r.text);
    passes++;
    const d = process.cpuUsage(t1);
    used = (d.user + d.system) / 1e6;
  }
  console.log(
    `${file}: any-category recall ${(found / gold).toFixed(3)} (${found}/${gold}), precision ${(correct / pred).toFixed(3)} (${correct}/${pred}); ${((chars * passes) / used / 1e6).toFixed(2)} M chars/s steady state`,
  );
}
