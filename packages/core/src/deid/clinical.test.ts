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
 * PHI fails here. The development and test sets were both used to write the rules (errors
 * studied with bench/deid/errors.mjs, fixed with general rules, never the fixtures' strings),
 * so the issue's goals (any-overlap recall >= 0.98 overall and for dates, precision >= 0.90)
 * are checked on both. clinical-holdout.jsonl was scored once as held out (commit 6f1132e) and
 * studied since; clinical-holdout2.jsonl, written by someone else, was scored once after the
 * rules were frozen (commit 3c9f608); its floors sit below that one score, which is below the goal.
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
    // measured 2026-11-23 (commit e039901): any-category recall 0.995 (404/406), precision
    // 1.000; dates 1.000 / 1.000; same-category overall 0.980 / 0.983; PERSON 1.000 / 0.980
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.DATE_TIME!.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(overall.overlap.recall).toBeGreaterThanOrEqual(0.96);
    expect(overall.overlap.precision).toBeGreaterThanOrEqual(0.96);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.PERSON!.overlap.precision).toBeGreaterThanOrEqual(0.96);
  });

  it('test set (studied as development data too): the issue 6 goals', (context) => {
    const file = dir('clinical-test.jsonl');
    if (!existsSync(file)) return context.skip('clinical-test.jsonl is absent');
    const { anyCategory, byCategory, overall } = score(file);
    // first scored at 93c49af as held out (recall 0.879, precision 0.962); since then studied:
    // measured 2026-11-23 (commit e039901): any-category recall 0.993 (426/429), precision
    // 0.988; dates 0.988 / 0.988; same-category overall 0.965 / 0.956; PERSON 1.000 / 0.943
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.DATE_TIME!.overlap.precision).toBeGreaterThanOrEqual(0.97);
    expect(overall.overlap.recall).toBeGreaterThanOrEqual(0.95);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.PERSON!.overlap.precision).toBeGreaterThanOrEqual(0.92);
  });

  it('first held-out set (scored once at 6f1132e, studied since)', (context) => {
    const file = dir('clinical-holdout.jsonl');
    if (!existsSync(file)) return context.skip('clinical-holdout.jsonl is absent');
    const { anyCategory, byCategory } = score(file);
    // scored once at commit 6f1132e as held out: any-category recall 0.897 (446/497), precision
    // 0.970; dates recall 0.923 (84/91). Studied since (general rules, bench/deid/errors.mjs);
    // measured 2026-11-23 (commit 3c9f608): recall 0.962 (478/497), precision 0.976; dates
    // 0.989 / 0.989; PERSON 0.994 / 0.856; ORGANIZATION recall 0.592. Still below 0.98 overall.
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.95);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.96);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.98);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('second held-out set (scored once, rules frozen)', (context) => {
    const file = dir('clinical-holdout2.jsonl');
    if (!existsSync(file)) return context.skip('clinical-holdout2.jsonl is absent');
    const { anyCategory, byCategory } = score(file);
    // written by another session, not opened until the rules were frozen, scored once at commit
    // 3c9f608: any-category recall 0.927 (356/384), precision 0.973; dates recall 0.971 (67/69),
    // precision 1.000; PERSON 0.945 / 0.853; ORGANIZATION recall 0.635.
    // Below the 0.98 goal: these floors guard what we reach, they do not claim the goal.
    expect(anyCategory.overlap.recall).toBeGreaterThanOrEqual(0.92);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.96);
    expect(byCategory.DATE_TIME!.overlap.recall).toBeGreaterThanOrEqual(0.96);
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.94);
  });
});
