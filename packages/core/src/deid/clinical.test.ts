// eslint-disable-next-line no-restricted-imports -- a test reads the committed fixture files; core code itself never does I/O
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { evaluateSpans, type LabelledSpan } from './evaluate.js';

/*
 * Regression floors on our own clinical fixtures (packages/core/test-fixtures/deid, synthetic
 * nursing and discharge notes written for this project; see its README for the guideline).
 * They are NOT published figures: each floor sits a little below what the detector measured
 * when the test was written (the measured value is in the comment), so a change that loses
 * PHI fails here. The goals (any-overlap recall >= 0.98 overall and for dates,
 * precision >= 0.90) are checked on the development set, where the rules were tuned; the
 * held-out test set was scored once at the end and its floors are set below that one score.
 */

interface Fixture {
  id: string;
  text: string;
  spans: LabelledSpan[];
}

const dir = (name: string): string =>
  fileURLToPath(new URL(`../../test-fixtures/deid/${name}`, import.meta.url));

function score(file: string) {
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Fixture);
  return evaluateSpans(records.map((r) => ({ gold: r.spans, predicted: detect(r.text) })));
}

describe('clinical fixtures (regression floors, not published figures)', () => {
  it('development set: the issue 6 goals', () => {
    const { anyCategory, byCategory, overall } = score(dir('clinical-dev.jsonl'));
    // measured 2026-11-23: any-category recall 0.983, precision 0.998; dates 1.000 / 1.000;
    // same-category overall 0.963 / 0.978; PERSON 0.986 / 0.974
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.DATE_TIME!.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(overall.overlap.recall).toBeGreaterThanOrEqual(0.95);
    expect(overall.overlap.precision).toBeGreaterThanOrEqual(0.95);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.97);
    expect(byCategory.PERSON!.overlap.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('held-out test set', (context) => {
    const file = dir('clinical-test.jsonl');
    if (!existsSync(file)) return context.skip('clinical-test.jsonl is absent');
    const { anyCategory, byCategory } = score(file);
    // scored once, after the rules were frozen (commit 93c49af): any-category recall 0.879
    // (377/429), precision 0.962; dates recall 0.919, precision 0.988; PERSON 0.973 / 0.834.
    // Below the 0.98 goal: these floors guard what we reach, they do not claim the goal.
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.87);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.95);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.91);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.96);
  });
});
