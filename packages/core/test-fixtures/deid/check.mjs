// Validates the clinical de-identification fixtures. Plain Node, no dependencies.
// Usage: node check.mjs [file.jsonl ...]   (default: clinical-dev, -test, -holdout and -holdout2 .jsonl if present)
// Checks: one valid JSON object per line with string id, string text and a spans
// array; ids unique (also across the files given); each span has integer
// start < end within the text (Unicode code points, end exclusive), a category
// from the list, no leading/trailing whitespace; spans sorted and
// non-overlapping. When the .src.txt source sits next to the file, the JSONL must
// equal what build.mjs generates from it. Prints counts per category and the
// share of notes written entirely in upper case. Exit code 1 on any error.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';
import { buildJsonl } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = (line) => process.stdout.write(`${line}\n`);
const errOut = (line) => process.stderr.write(`${line}\n`);

// The categories the clinical fixtures are annotated with: core's PHI_CATEGORIES
// (src/deid/config.ts) less those clinical notes do not carry (DOMAIN_NAME, CREDIT_CARD,
// IBAN_CODE, US_DRIVER_LICENSE). Written out so the checker runs without a build.
const CATEGORIES = [
  'PERSON',
  'LOCATION',
  'STREET_ADDRESS',
  'ZIP_CODE',
  'ORGANIZATION',
  'DATE_TIME',
  'AGE',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'URL',
  'IP_ADDRESS',
  'US_SSN',
  'MEDICAL_RECORD_NUMBER',
  'ACCOUNT_NUMBER',
  'HEALTH_PLAN_NUMBER',
  'LICENSE_NUMBER',
  'VEHICLE_ID',
  'DEVICE_ID',
  'ID_NUMBER',
];

let files = process.argv.slice(2);
if (files.length === 0) {
  files = [
    'clinical-dev.jsonl',
    'clinical-test.jsonl',
    'clinical-holdout.jsonl',
    'clinical-holdout2.jsonl',
  ]
    .map((f) => join(here, f))
    .filter((f) => existsSync(f));
}

let errors = 0;
const seenIds = new Map();
const err = (where, msg) => {
  errors++;
  errOut(`ERROR ${where}: ${msg}`);
};

for (const file of files) {
  const name = basename(file);
  const content = readFileSync(file, 'utf8');
  const split = /^clinical-(dev|test|holdout2?)\.jsonl$/.exec(name)?.[1];
  if (split && existsSync(join(dirname(file), `clinical-${split}.src.txt`))) {
    if (buildJsonl(split) !== content) {
      err(
        name,
        `differs from build.mjs output of clinical-${split}.src.txt (run node build.mjs ${split})`,
      );
    }
  }
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  let notes = 0;
  let upper = 0;
  let noPhi = 0;
  let chars = 0;
  let minLen = Infinity;
  let maxLen = 0;
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const where = `${name}:${i + 1}`;
    let rec;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      err(where, `invalid JSON (${e.message})`);
      return;
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      err(where, 'not a JSON object');
      return;
    }
    if (typeof rec.id !== 'string' || rec.id === '') err(where, 'id must be a non-empty string');
    else if (seenIds.has(rec.id))
      err(where, `duplicate id ${rec.id} (first at ${seenIds.get(rec.id)})`);
    else seenIds.set(rec.id, where);
    if (typeof rec.text !== 'string') {
      err(where, 'text must be a string');
      return;
    }
    if (!Array.isArray(rec.spans)) {
      err(where, 'spans must be an array');
      return;
    }
    const cps = Array.from(rec.text);
    notes++;
    chars += cps.length;
    minLen = Math.min(minLen, cps.length);
    maxLen = Math.max(maxLen, cps.length);
    if (/[a-z]/.test(rec.text) === false) upper++;
    if (rec.spans.length === 0) noPhi++;
    let prevEnd = -1;
    rec.spans.forEach((s, j) => {
      const w = `${where} ${rec.id} span ${j}`;
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) {
        err(w, 'start and end must be integers');
        return;
      }
      if (s.start < 0 || s.end > cps.length || s.start >= s.end) {
        err(w, `bad range ${s.start}-${s.end} (text has ${cps.length} code points)`);
        return;
      }
      if (!CATEGORIES.includes(s.category)) err(w, `unknown category ${String(s.category)}`);
      else counts[s.category]++;
      if (s.start < prevEnd)
        err(w, `overlaps or is not sorted after the previous span (start ${s.start} < ${prevEnd})`);
      prevEnd = s.end;
      const surface = cps.slice(s.start, s.end).join('');
      if (/^\s|\s$/u.test(surface))
        err(w, `leading/trailing whitespace in ${JSON.stringify(surface)}`);
    });
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out(
    `${name}: ${notes} notes, ${chars} characters (${minLen}-${maxLen} per note), ` +
      `${upper} entirely upper case (${((100 * upper) / Math.max(notes, 1)).toFixed(0)}%), ${noPhi} without PHI, ${total} PHI spans`,
  );
  for (const c of CATEGORIES) if (counts[c] > 0) out(`  ${c.padEnd(22)} ${counts[c]}`);
}
if (errors > 0) {
  errOut(`${errors} error(s)`);
  process.exit(1);
}
out('OK');
