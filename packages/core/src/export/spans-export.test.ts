import { conllDocument, conllRecord, outermostSpans, spansRecord } from '@concord/core/export';

const field = { name: 'entities', source: 'note' };

describe('CoNLL export', () => {
  it('tags tokens B/I/O with a comment line per document', () => {
    const text = 'No chest pain, took aspirin.';
    expect(
      conllDocument('itm_1', text, [
        { start: 3, end: 13, label: 'PROBLEM', attributes: ['negated'] },
        { start: 20, end: 27, label: 'DRUG' },
      ]),
    ).toBe(
      [
        '# id = itm_1',
        'No\tO',
        'chest\tB-PROBLEM',
        'pain\tI-PROBLEM',
        ',\tO',
        'took\tO',
        'aspirin\tB-DRUG',
        '.\tO',
        '',
        '',
      ].join('\n'),
    );
  });

  it('counts offsets in code points (a character outside the BMP is one)', () => {
    // "😷" is two UTF-16 units but one code point: "fever" starts at code point 2, not 3.
    const text = '😷 fever 𝕏 cough';
    expect(
      conllDocument('n', text, [
        { start: 2, end: 7, label: 'PROBLEM' },
        { start: 10, end: 15, label: 'PROBLEM' },
      ]),
    ).toBe('# id = n\n😷\tO\nfever\tB-PROBLEM\n𝕏\tO\ncough\tB-PROBLEM\n\n');
  });

  it('keeps adjacent spans of one label apart and the outermost of nested spans', () => {
    expect(
      conllDocument('n', 'left arm pain', [
        { start: 0, end: 8, label: 'SITE' },
        { start: 9, end: 13, label: 'SITE' },
      ]),
    ).toBe('# id = n\nleft\tB-SITE\narm\tI-SITE\npain\tB-SITE\n\n');
    const nested = [
      { start: 0, end: 13, label: 'PROBLEM' },
      { start: 0, end: 8, label: 'SITE' },
    ];
    expect(outermostSpans(nested)).toEqual([{ start: 0, end: 13, label: 'PROBLEM' }]);
    expect(conllDocument('n', 'left arm pain', nested)).toBe(
      '# id = n\nleft\tB-PROBLEM\narm\tI-PROBLEM\npain\tI-PROBLEM\n\n',
    );
  });

  it('exports only decided items', () => {
    const entry = {
      itemId: 'itm_2',
      data: { note: 'Aspirin 81 mg' },
      final: null,
      annotations: [],
    };
    expect(conllRecord(field, entry)).toBe('');
    expect(spansRecord(field, entry)).toBeNull();
  });
});

describe('spans JSONL export', () => {
  it('gives the text, the final spans and each annotator’s spans', () => {
    expect(
      spansRecord(field, {
        itemId: 'itm_3',
        data: { note: 'Aspirin 81 mg' },
        final: { entities: [{ start: 0, end: 7, label: 'DRUG' }] },
        annotations: [
          { entities: [{ start: 0, end: 7, label: 'DRUG' }] },
          { entities: [{ start: 0, end: 13, label: 'DRUG', attributes: ['historical'] }] },
          {},
        ],
      }),
    ).toEqual({
      id: 'itm_3',
      text: 'Aspirin 81 mg',
      spans: [{ start: 0, end: 7, label: 'DRUG', attributes: [] }],
      annotators: [
        { spans: [{ start: 0, end: 7, label: 'DRUG', attributes: [] }] },
        { spans: [{ start: 0, end: 13, label: 'DRUG', attributes: ['historical'] }] },
        { spans: [] },
      ],
    });
  });
});
