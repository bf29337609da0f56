import {
  checkImportRow,
  codePointLength,
  codePointOffset,
  goldScore,
  projectConfigSchema,
  spanAttributeAgreement,
  spanText,
  spansFieldSchema,
  utf16Offset,
  validateAnnotationValue,
} from '@concord/core/config';

const config = projectConfigSchema.parse({
  fields: [
    {
      name: 'entities',
      type: 'spans',
      labels: ['PROBLEM', 'TREATMENT', 'TEST'],
      attributes: ['negated', 'historical'],
    },
  ],
});
const nestedConfig = projectConfigSchema.parse({
  fields: [{ name: 'entities', type: 'spans', labels: ['A', 'B'], overlap: 'nested' }],
});
const anyConfig = projectConfigSchema.parse({
  fields: [{ name: 'entities', type: 'spans', labels: ['A', 'B'], overlap: 'any', source: 'note' }],
});
const text400 = 'x'.repeat(400);
const issuesOf = (c: typeof config, spans: unknown, data: unknown = { text: text400 }) =>
  validateAnnotationValue(c, { entities: spans }, 'value', data).map(
    (i) => `${i.path}: ${i.message}`,
  );

describe('spans field config', () => {
  it('fills the defaults', () => {
    const field = spansFieldSchema.parse({ name: 'e', type: 'spans', labels: ['A', 'B'] });
    expect(field).toMatchObject({
      source: 'text',
      overlap: 'none',
      attributes: [],
      required: false,
    });
  });
  it('rejects a repeated attribute and an unknown overlap', () => {
    const r = spansFieldSchema.safeParse({
      name: 'e',
      type: 'spans',
      labels: ['A', 'B'],
      attributes: ['negated', 'negated'],
      overlap: 'sometimes',
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages.some((m) => m.startsWith('overlap:'))).toBe(true);
  });
});

describe('spans value validation', () => {
  it('accepts a well-formed list, and an empty one when not required', () => {
    expect(
      issuesOf(config, [
        { start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] },
        { start: 5, end: 9, label: 'TEST' },
      ]),
    ).toEqual([]);
    expect(issuesOf(config, [])).toEqual([]);
  });
  it('names the span and the text length when an end is past the text', () => {
    const spans = [
      { start: 0, end: 1, label: 'TEST' },
      { start: 2, end: 3, label: 'TEST' },
      { start: 4, end: 5, label: 'TEST' },
      { start: 10, end: 412, label: 'PROBLEM' },
    ];
    expect(issuesOf(config, spans)).toEqual([
      'value.entities[3].end: 412 is past the end of the text (400 characters)',
    ]);
  });
  it('counts the text in code points, not UTF-16 units', () => {
    // "😀" is one code point (two UTF-16 units): the text has 3 code points.
    expect(issuesOf(config, [{ start: 0, end: 3, label: 'TEST' }], { text: 'a😀b' })).toEqual([]);
    expect(issuesOf(config, [{ start: 0, end: 4, label: 'TEST' }], { text: 'a😀b' })).toEqual([
      'value.entities[0].end: 4 is past the end of the text (3 characters)',
    ]);
  });
  it('says what is wrong with each part of a span', () => {
    expect(
      issuesOf(config, [
        { start: -1, end: 2, label: 'PROBLEM' },
        { start: 3, end: 3, label: 'PROBLEM' },
        { start: 4, end: 6, label: 'DRUG' },
        { start: 7, end: 8, label: 'TEST', attributes: ['negated', 'negated', 'family'] },
        { start: 9, end: 10, label: 'TEST', colour: 'red' },
        'oops',
      ]),
    ).toEqual([
      'value.entities[0].start: must be a whole number of at least 0',
      'value.entities[1].end: must be greater than start (3)',
      'value.entities[2].label: "DRUG" is not one of the labels (PROBLEM, TREATMENT, TEST)',
      'value.entities[3].attributes[1]: "negated" is given twice',
      'value.entities[3].attributes[2]: "family" is not an attribute of this field (negated, historical)',
      'value.entities[4].colour: unknown key (a span has start, end, label, attributes)',
      'value.entities[5]: must be an object {start, end, label, attributes?}',
    ]);
  });
  it('wants the spans sorted by start, then longest first', () => {
    expect(
      issuesOf(nestedConfig, [
        { start: 5, end: 9, label: 'A' },
        { start: 0, end: 3, label: 'A' },
      ]),
    ).toEqual([
      'value.entities[1]: out of order: spans are sorted by start, then longest first (A 0–3 comes after A 5–9)',
    ]);
    expect(
      issuesOf(nestedConfig, [
        { start: 0, end: 3, label: 'A' },
        { start: 0, end: 5, label: 'B' },
      ]),
    ).toHaveLength(1);
  });
  it('rejects a span given twice', () => {
    expect(
      issuesOf(
        anyConfig,
        [
          { start: 0, end: 3, label: 'A' },
          { start: 0, end: 3, label: 'A' },
        ],
        { note: 'abcdef' },
      ),
    ).toEqual(['value.entities[1]: the same span as value.entities[0] (A 0–3)']);
  });
  it('enforces the overlap policy', () => {
    const contained = [
      { start: 0, end: 10, label: 'A' },
      { start: 2, end: 5, label: 'B' },
    ];
    const crossing = [
      { start: 0, end: 6, label: 'A' },
      { start: 4, end: 9, label: 'B' },
    ];
    const sameRange = [
      { start: 0, end: 6, label: 'A' },
      { start: 0, end: 6, label: 'B' },
    ];
    const none = projectConfigSchema.parse({
      fields: [{ name: 'entities', type: 'spans', labels: ['A', 'B'] }],
    });
    expect(issuesOf(none, contained)).toEqual([
      'value.entities[1]: overlaps value.entities[0] (B 2–5 and A 0–10); this field does not allow overlapping spans',
    ]);
    expect(
      issuesOf(none, [
        { start: 0, end: 4, label: 'A' },
        { start: 4, end: 6, label: 'B' },
      ]),
    ).toEqual([]);
    expect(issuesOf(nestedConfig, contained)).toEqual([]);
    expect(issuesOf(nestedConfig, sameRange)).toEqual([]);
    expect(issuesOf(nestedConfig, crossing)).toEqual([
      'value.entities[1]: crosses value.entities[0] (B 4–9 and A 0–6); spans may be nested but may not cross',
    ]);
    // A crossing with an outer span after closing an inner one.
    expect(
      issuesOf(nestedConfig, [
        { start: 0, end: 10, label: 'A' },
        { start: 1, end: 3, label: 'B' },
        { start: 5, end: 12, label: 'B' },
      ]),
    ).toEqual([
      'value.entities[2]: crosses value.entities[0] (B 5–12 and A 0–10); spans may be nested but may not cross',
    ]);
    expect(issuesOf(anyConfig, crossing, { note: 'x'.repeat(20) })).toEqual([]);
  });
  it('needs the item text, and a list', () => {
    expect(issuesOf(config, [{ start: 0, end: 1, label: 'TEST' }], { body: 'x' })).toEqual([
      'value.entities: the item has no text at data.text to mark spans in',
    ]);
    expect(issuesOf(config, { start: 0 })).toEqual([
      'value.entities: must be a list of spans {start, end, label, attributes?}',
    ]);
    const required = projectConfigSchema.parse({
      fields: [{ name: 'entities', type: 'spans', labels: ['A', 'B'], required: true }],
    });
    expect(issuesOf(required, [])).toEqual(['value.entities: required']);
  });
  it('checks only the structure without item data', () => {
    expect(
      validateAnnotationValue(config, { entities: [{ start: 0, end: 9999, label: 'TEST' }] }),
    ).toEqual([]);
  });
});

describe('spans at import', () => {
  it('wants the source text in every row, and checks gold spans against it', () => {
    expect(checkImportRow(config, { data: { note: 'abc' } }, 4)).toEqual([
      { line: 4, message: 'data.text: required: the text the spans field "entities" marks' },
    ]);
    expect(
      checkImportRow(
        config,
        {
          data: { text: 'chest pain' },
          gold: { entities: [{ start: 0, end: 11, label: 'PROBLEM' }] },
        },
        2,
      ),
    ).toEqual([
      { line: 2, message: 'gold.entities[0].end: 11 is past the end of the text (10 characters)' },
    ]);
  });
});

describe('code points', () => {
  it('converts between code-point and UTF-16 offsets', () => {
    const text = 'a😀b𝕏c';
    expect(codePointLength(text)).toBe(5);
    expect(utf16Offset(text, 2)).toBe(3);
    expect(utf16Offset(text, 4)).toBe(6);
    expect(codePointOffset(text, 6)).toBe(4);
    expect(spanText(text, { start: 1, end: 4 })).toBe('😀b𝕏');
  });
});

describe('spans gold score', () => {
  it('is exact-match span F1 and leaves attributes out', () => {
    const gold = {
      entities: [
        { start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] },
        { start: 9, end: 12, label: 'TEST' },
      ],
    };
    // One exact match of two gold spans, one wrong label: P = 1/2, R = 1/2, F1 = 1/2.
    expect(
      goldScore(
        config,
        {
          entities: [
            { start: 0, end: 5, label: 'PROBLEM' },
            { start: 9, end: 12, label: 'TREATMENT' },
          ],
        },
        gold,
      ),
    ).toBeCloseTo(0.5, 12);
    // One right, nothing else: P = 1, R = 1/2, F1 = 2/3.
    expect(
      goldScore(config, { entities: [{ start: 0, end: 5, label: 'PROBLEM' }] }, gold),
    ).toBeCloseTo(2 / 3, 12);
    expect(goldScore(config, { entities: [] }, { entities: [] })).toBe(1);
    expect(
      goldScore(config, { entities: [{ start: 0, end: 1, label: 'TEST' }] }, { entities: [] }),
    ).toBe(0);
  });
  it('scores attributes apart on the spans both share', () => {
    expect(
      spanAttributeAgreement(
        ['negated', 'historical'],
        [{ start: 0, end: 5, label: 'PROBLEM', attributes: ['negated'] }],
        [
          { start: 0, end: 5, label: 'PROBLEM' },
          { start: 6, end: 7, label: 'TEST' },
        ],
      ),
    ).toBe(0.5);
  });
});
