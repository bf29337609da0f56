import { describe, expect, it } from 'vitest';
import { evaluateSpans, presidioGoldSpans } from './evaluate.js';

const span = (start: number, end: number, category: string) => ({ start, end, category });

/*
 * Hand-computed example. Gold: NAME 0–10, DATE 20–30, PHONE 40–50.
 * Predicted: NAME 0–5 and 5–10 (together cover the name, neither is exact), DATE 22–30
 * (overlaps, does not cover), PHONE 40–50 (exact), NAME 60–65 (false positive).
 */
const RECORD = {
  gold: [span(0, 10, 'NAME'), span(20, 30, 'DATE'), span(40, 50, 'PHONE')],
  predicted: [
    span(0, 5, 'NAME'),
    span(5, 10, 'NAME'),
    span(22, 30, 'DATE'),
    span(40, 50, 'PHONE'),
    span(60, 65, 'NAME'),
  ],
};

describe('evaluateSpans', () => {
  const result = evaluateSpans([RECORD]);

  it('any-overlap: every gold span is touched, 4 of 5 predictions touch gold', () => {
    expect(result.overall.overlap).toMatchObject({ goldFound: 3, gold: 3, predictedCorrect: 4 });
    expect(result.overall.overlap.precision).toBeCloseTo(0.8);
    expect(result.overall.overlap.recall).toBe(1);
    expect(result.overall.overlap.f1).toBeCloseTo((2 * 0.8) / 1.8);
    expect(result.byCategory.NAME!.overlap.precision).toBeCloseTo(2 / 3);
  });

  it('full coverage: the split name counts, the partly found date does not', () => {
    expect(result.byCategory.NAME!.coverage).toMatchObject({ goldFound: 1, predictedCorrect: 2 });
    expect(result.byCategory.DATE!.coverage).toMatchObject({ goldFound: 0, predictedCorrect: 0 });
    expect(result.overall.coverage.recall).toBeCloseTo(2 / 3);
    expect(result.overall.coverage.precision).toBeCloseTo(3 / 5);
  });

  it('exact: only the phone number has the same boundaries', () => {
    expect(result.overall.exact).toMatchObject({ goldFound: 1, predictedCorrect: 1 });
    expect(result.overall.exact.recall).toBeCloseTo(1 / 3);
    expect(result.overall.exact.precision).toBeCloseTo(1 / 5);
    expect(result.byCategory.NAME!.exact.f1).toBe(0);
    expect(result.byCategory.PHONE!.exact.f1).toBe(1);
  });

  it('a wrong label misses in its category but counts in the any-category row', () => {
    const mislabelled = evaluateSpans([
      { gold: [span(0, 4, 'PERSON')], predicted: [span(0, 4, 'LOCATION')] },
    ]);
    expect(mislabelled.byCategory.PERSON!.exact.recall).toBe(0);
    expect(mislabelled.byCategory.LOCATION!.exact.precision).toBe(0);
    expect(mislabelled.overall.exact.f1).toBe(0);
    expect(mislabelled.anyCategory.exact).toMatchObject({ recall: 1, precision: 1, f1: 1 });
  });

  it('coverage fails when two predictions leave a gap inside the gold span', () => {
    const gap = evaluateSpans([
      { gold: [span(0, 10, 'NAME')], predicted: [span(0, 4, 'NAME'), span(5, 10, 'NAME')] },
    ]);
    expect(gap.overall.coverage.recall).toBe(0);
    expect(gap.overall.overlap.recall).toBe(1);
  });
});

describe('presidioGoldSpans', () => {
  it('keeps presidio positions (code points) and labels as `concord deid --eval` scores them', () => {
    // the emoji is one code point (two UTF-16 units): the URL's text is read by code points
    const full_text = '😀 Ana in Oslo, see https://x.org/a or x.org';
    const gold = (entity_type: string, start_position: number, end_position: number) => ({
      entity_type,
      start_position,
      end_position,
    });
    expect(
      presidioGoldSpans({
        full_text,
        spans: [
          gold('PERSON', 2, 5),
          gold('GPE', 9, 13),
          gold('DOMAIN_NAME', 19, 34),
          gold('DOMAIN_NAME', 38, 43),
        ],
      }),
    ).toEqual([
      span(2, 5, 'PERSON'),
      span(9, 13, 'LOCATION'),
      span(19, 34, 'URL'),
      span(38, 43, 'DOMAIN_NAME'),
    ]);
  });
});
