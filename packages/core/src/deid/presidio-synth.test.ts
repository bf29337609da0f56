// eslint-disable-next-line no-restricted-imports -- a test reads the optional shared datasets folder; core code itself never does I/O
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { evaluateSpans, presidioGoldSpans, type PresidioRecord } from './evaluate.js';

const FILE = fileURLToPath(
  new URL(
    '../../../../../shared/datasets/deid-presidio-synth/synth_dataset_v2.json',
    import.meta.url,
  ),
);

/** Any-overlap recall per category, scored by evaluateSpans (what `concord deid --eval` prints). */
function recallByCategory(
  records: readonly PresidioRecord[],
): Map<string, { found: number; total: number }> {
  const { byCategory } = evaluateSpans(
    // as `concord deid --eval` scores it: presidio's full-URL DOMAIN_NAME spans are URL
    records.map((r) => ({ gold: presidioGoldSpans(r), predicted: detect(r.full_text) })),
  );
  return new Map(
    Object.entries(byCategory).map(([c, m]) => [
      c,
      { found: m.overlap.goldFound, total: m.overlap.gold },
    ]),
  );
}

const TARGETS = [
  'EMAIL_ADDRESS',
  'US_SSN',
  'CREDIT_CARD',
  'IP_ADDRESS',
  'IBAN_CODE',
  'URL',
  'PHONE_NUMBER',
];

describe('presidio-research synthetic set (shared/datasets/deid-presidio-synth)', () => {
  it('reaches the recall targets of issue 6 for the pattern categories', (context) => {
    if (!existsSync(FILE))
      return context.skip('shared/datasets is absent (only in the project workspace)');
    const records = JSON.parse(readFileSync(FILE, 'utf8')) as PresidioRecord[];
    const recall = recallByCategory(records);
    // issue 6 targets: 1.00 for these, >= 0.95 for PHONE_NUMBER. Measured 2026-11-23: all 1.00.
    expect(Object.fromEntries(TARGETS.map((c) => [c, recall.get(c)]))).toEqual({
      EMAIL_ADDRESS: { found: 49, total: 49 },
      US_SSN: { found: 16, total: 16 },
      CREDIT_CARD: { found: 136, total: 136 },
      IP_ADDRESS: { found: 14, total: 14 },
      IBAN_CODE: { found: 21, total: 21 },
      URL: { found: 37, total: 37 },
      PHONE_NUMBER: { found: 92, total: 92 },
    });
  });

  it('finds persons (issue 6 target: recall >= 0.90) without wrecking precision', (context) => {
    if (!existsSync(FILE))
      return context.skip('shared/datasets is absent (only in the project workspace)');
    const records = JSON.parse(readFileSync(FILE, 'utf8')) as PresidioRecord[];
    const { byCategory, anyCategory } = evaluateSpans(
      records.map((r) => ({
        gold: r.spans.map((g) => ({
          start: g.start_position,
          end: g.end_position,
          category: g.entity_type,
        })),
        predicted: detect(r.full_text),
      })),
    );
    // measured 2026-11-23 (commit e039901): PERSON recall 0.910 (780/857), precision 0.909
    // (was 0.737 before streets, ships, firms, places after "in" and nationalities were told
    // apart from names); any category precision 0.984. Floors of our own, not published
    // figures: the set's persons are many-language Faker names, so a name list alone cannot
    // reach the target.
    expect(byCategory.PERSON!.overlap.recall).toBeGreaterThanOrEqual(0.9);
    expect(byCategory.PERSON!.overlap.precision).toBeGreaterThanOrEqual(0.89);
    expect(anyCategory.overlap.precision).toBeGreaterThanOrEqual(0.97);
  });
});
