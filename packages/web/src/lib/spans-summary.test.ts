import { describe, expect, it } from 'vitest';
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
