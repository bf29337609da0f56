import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { chooseLlmOption, formatValueShort, llmOptions } from './adjudication-view';
import { answerRows, buildValue } from './annotation-draft';
import { formatSpansValue } from './spans-summary';

describe('formatSpansValue', () => {
  it('lists each span with its range and attributes', () => {
    expect(
      formatSpansValue([
        { start: 10, end: 20, label: 'PROBLEM', attributes: ['negated'] },
        { start: 44, end: 54, label: 'TREATMENT' },
      ]),
    ).toBe('PROBLEM 10–20 (negated); TREATMENT 44–54');
  });

  it('says none for an empty list and a dash for no value', () => {
    expect(formatSpansValue([])).toBe('none');
    expect(formatSpansValue(undefined)).toBe('—');
  });
});

describe('deciding a spans field', () => {
  const config = projectConfigSchema.parse({
    fields: [{ name: 'entities', type: 'spans', labels: ['PROBLEM', 'TEST'], overlap: 'nested' }],
  });
  const rows = answerRows(config);
  const ada = [{ start: 10, end: 20, label: 'PROBLEM', attributes: ['negated'] }];
  const bo = [
    { start: 10, end: 20, label: 'PROBLEM' },
    { start: 28, end: 31, label: 'TEST' },
  ];
  const said = [
    { userId: 'a', name: 'Ada', value: { entities: ada }, createdAt: '' },
    { userId: 'b', name: 'Bo', value: { entities: bo }, createdAt: '' },
  ];

  it('offers each annotator’s spans whole, in words, with a digit', () => {
    expect(llmOptions(rows[0]!, said).map((o) => [o.key, o.title, o.voter])).toEqual([
      ['1', 'PROBLEM 10–20 (negated)', 'Ada'],
      ['2', 'PROBLEM 10–20; TEST 28–31', 'Bo'],
    ]);
  });

  it('takes the chosen list as the decision’s value', () => {
    const state = { draft: {}, active: 0 };
    const taken = chooseLlmOption(state, rows, 0, bo);
    expect(buildValue(config, taken.state.draft)).toEqual({ entities: bo });
    expect(formatValueShort(config, { entities: ada })).toBe('PROBLEM 10–20 (negated)');
  });
});
