import { llmFieldSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { formatLlmValue, rankOrder } from './llm-summary';

describe('formatLlmValue', () => {
  it('says which response was preferred, how strongly, and per dimension', () => {
    const field = llmFieldSchema.parse({
      name: 'pref',
      type: 'pairwise',
      dimensions: ['helpfulness', 'safety'],
    });
    expect(
      formatLlmValue(field, {
        choice: 'A',
        strength: 2,
        dimensions: { helpfulness: { choice: 'A' }, safety: { choice: 'tie' } },
      }),
    ).toBe('A clearly better (helpfulness A, safety tie)');
    expect(formatLlmValue(field, { choice: 'tie' })).toBe('tie');
  });

  it('orders responses best first with ties joined', () => {
    expect(rankOrder([2, 1, 2])).toBe('2 > 1 = 3');
    expect(rankOrder([3, 1, 2, 4])).toBe('2 > 3 > 1 > 4');
  });

  it('summarises step labels by their first error and the final answer', () => {
    const field = llmFieldSchema.parse({ name: 'steps', type: 'steps' });
    expect(
      formatLlmValue(field, {
        steps: ['correct-necessary', 'incorrect', 'incomplete'],
        firstError: 1,
        final: 'incorrect',
      }),
    ).toBe(
      'first error at step 2: 1 correct-necessary, 2 incorrect, 3 incomplete · final: incorrect',
    );
  });
});
