#!/usr/bin/env node
// Runs the whole test suite with vitest and ends with one plain line:
//   tests: N passed, N failed[, N skipped]
// vitest's own summary is not in that form, so the counts come from its JSON reporter.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, '.vitest-results.json');
rmSync(results, { force: true });

if (!process.env.DATABASE_URL) {
  console.log(
    'PostgreSQL suite skipped: DATABASE_URL is not set (storage and API suites ran on SQLite only).',
  );
} else {
  console.log(
    'PostgreSQL suite: storage and API suites run on SQLite and on PostgreSQL (DATABASE_URL is set).',
  );
}

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);

if (!existsSync(results)) {
  console.log('tests: 0 passed, 1 failed (vitest wrote no results; see the output above)');
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(results, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed =
  (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) > 0
    ? Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0)
    : 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
rmSync(results, { force: true });
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status ? 1 : 0);
