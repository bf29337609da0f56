import {
  krippendorffAlpha,
  seededRandom,
  spanTokenTable,
  spansAgreement,
  textTokens,
  type SpanAnnotation,
} from '@concord/core/agreement';

const texts: Record<string, string> = {
  n1: 'No fever or cough today',
  n2: 'Aspirin 81 mg',
};
const textOf = (item: string | number) => texts[String(item)] ?? null;
const annotations = [
  {
    item: 'n1',
    annotator: 'a',
    spans: [
      { start: 3, end: 8, label: 'PROBLEM', attributes: ['negated', 'historical'] },
      { start: 12, end: 17, label: 'PROBLEM' },
    ],
  },
  {
    item: 'n1',
    annotator: 'b',
    spans: [{ start: 3, end: 8, label: 'PROBLEM', attributes: ['negated'] }],
  },
  { item: 'n2', annotator: 'a', spans: [{ start: 0, end: 7, label: 'DRUG' }] },
  { item: 'n2', annotator: 'b', spans: [{ start: 0, end: 13, label: 'DRUG' }] },
  // One annotator only: not pairable, leaves every figure unchanged.
  { item: 'n3', annotator: 'a', spans: [{ start: 0, end: 2, label: 'DRUG' }] },
];
const options = {
  labels: ['PROBLEM', 'DRUG'],
  overlap: 'none' as const,
  attributes: ['negated', 'historical'],
};

describe('text tokens', () => {
  it('cuts words and punctuation, in code points', () => {
    expect(textTokens('No chest-pain.')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 8 },
      { start: 8, end: 9 },
      { start: 9, end: 13 },
      { start: 13, end: 14 },
    ]);
    // "𝕏" is one code point (two UTF-16 units); "é" as e + combining accent stays in one word.
    expect(textTokens('𝕏 cafe\u0301!')).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 7 },
      { start: 7, end: 8 },
    ]);
  });
});

describe('spans agreement', () => {
  it('matches a hand computation (token α, pooled span F1, attributes)', () => {
    const a = spansAgreement(annotations, textOf, options);
    // Tokens n1: No fever or cough today → a: O P O P O, b: O P O O O.
    // Tokens n2: Aspirin 81 mg → a: D O O, b: D D D.
    // Coincidences: o(O,O)=6 o(P,P)=2 o(D,D)=2 o(O,P)=o(P,O)=1 o(O,D)=o(D,O)=2; n_O=9 n_P=3 n_D=4, n=16.
    // α = 1 − (n−1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k = 1 − 15·6 / (256 − 81 − 9 − 16) = 1 − 90/150 = 0.4.
    expect(a.tokenAlpha).toBeCloseTo(0.4, 12);
    expect(a.tokenUnits).toBe(8);
    expect(a.items).toBe(2);
    expect(a.pairs).toBe(2);
    // Exact: fever matches; spans 2+1 and 1+1 → F1 = 2·1/5. Overlap: the two DRUG spans match too → 4/5.
    expect(a.exactF1).toBeCloseTo(0.4, 12);
    expect(a.overlapF1).toBeCloseTo(0.8, 12);
    const problem = a.perLabel.find((l) => l.label === 'PROBLEM')!;
    const drug = a.perLabel.find((l) => l.label === 'DRUG')!;
    expect(problem.exactF1).toBeCloseTo(2 / 3, 12);
    expect(problem.overlapF1).toBeCloseTo(2 / 3, 12);
    expect(drug.exactF1).toBe(0);
    expect(drug.overlapF1).toBe(1);
    expect(problem.spans).toBe(3);
    // Binary α for PROBLEM: o(0,0)=12 o(1,1)=2 o(0,1)=o(1,0)=1; n0=13 n1=3 → 1 − 15·2/(2·13·3) = 8/13.
    expect(problem.tokenAlpha).toBeCloseTo(8 / 13, 12);
    // On "fever" both chose negated, only a chose historical: 1 of 2 decisions alike.
    expect(a.attributeAgreement).toBe(0.5);
  });

  it('gives the same token α as the batch α on the same (item, token) units', () => {
    const random = seededRandom(7);
    const words =
      'the patient denies chest pain but reports mild nausea after taking aspirin'.split(' ');
    const docs: Record<string, string> = {};
    const list: SpanAnnotation[] = [];
    for (let d = 0; d < 30; d++) {
      const text = Array.from(
        { length: 12 },
        () => words[Math.floor(random() * words.length)],
      ).join(' ');
      docs[`d${d}`] = text;
      const tokens = textTokens(text);
      for (const annotator of ['a', 'b', 'c']) {
        if (annotator === 'c' && d % 3 === 0) continue; // missing values
        const spans = [];
        for (let t = 0; t < tokens.length; t++) {
          if (random() < 0.3) {
            const end = Math.min(tokens.length - 1, t + Math.floor(random() * 2));
            spans.push({
              start: tokens[t]!.start,
              end: tokens[end]!.end,
              label: random() < 0.5 ? 'PROBLEM' : 'DRUG',
            });
            t = end;
          }
        }
        list.push({ item: `d${d}`, annotator, spans });
      }
    }
    const mine = spansAgreement(list, (item) => docs[String(item)] ?? null, options);
    const batch = krippendorffAlpha(
      spanTokenTable(list, (item) => textTokens(docs[String(item)]!)),
      'nominal',
    );
    expect(mine.tokenAlpha).toBeGreaterThan(-1);
    expect(mine.tokenAlpha).toBeCloseTo(batch, 10);
  });

  it('reports per-label α only when spans may nest', () => {
    const nested = spansAgreement(
      [
        {
          item: 'n2',
          annotator: 'a',
          spans: [
            { start: 0, end: 13, label: 'PROBLEM' },
            { start: 0, end: 7, label: 'DRUG' },
          ],
        },
        {
          item: 'n2',
          annotator: 'b',
          spans: [
            { start: 0, end: 13, label: 'PROBLEM' },
            { start: 0, end: 7, label: 'DRUG' },
          ],
        },
        { item: 'n1', annotator: 'a', spans: [] },
        { item: 'n1', annotator: 'b', spans: [{ start: 3, end: 8, label: 'PROBLEM' }] },
      ],
      textOf,
      { ...options, overlap: 'nested' },
    );
    expect(Number.isNaN(nested.tokenAlpha)).toBe(true);
    // DRUG: n2 tokens a 1 0 0, b 1 0 0; n1 all 0 → no disagreement, α = 1.
    expect(nested.perLabel.find((l) => l.label === 'DRUG')!.tokenAlpha).toBe(1);
    // PROBLEM: n2 all 1 (3 units of (1,1)); n1: fever (0,1), other 4 tokens (0,0).
    // o(1,1)=6 o(0,0)=8 o(0,1)=o(1,0)=1; n1=7 n0=9 n=16 → 1 − 15·2/(2·7·9) = 1 − 30/126.
    expect(nested.perLabel.find((l) => l.label === 'PROBLEM')!.tokenAlpha).toBeCloseTo(
      1 - 30 / 126,
      12,
    );
  });
});
