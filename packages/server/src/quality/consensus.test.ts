import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { itemConsensus } from './consensus.js';

const config = projectConfigSchema.parse({
  fields: [
    { name: 'pref', type: 'pairwise', dimensions: ['safety'] },
    { name: 'order', type: 'ranking' },
    { name: 'steps', type: 'steps' },
  ],
});

describe('itemConsensus of LLM feedback fields', () => {
  it('takes the majority preference, the Bradley–Terry order and the per-step majority', () => {
    const c = itemConsensus(config, [
      {
        pref: { choice: 'A', dimensions: { safety: { choice: 'A' } } },
        order: { ranks: [1, 2, 3] },
        steps: { steps: ['correct-necessary', 'incorrect'], firstError: 1, final: 'incorrect' },
      },
      {
        pref: { choice: 'A', dimensions: { safety: { choice: 'tie' } } },
        order: { ranks: [1, 3, 2] },
        steps: { steps: ['correct-necessary', 'incorrect'], firstError: 1, final: 'incorrect' },
      },
      {
        pref: { choice: 'B', dimensions: { safety: { choice: 'A' } } },
        order: { ranks: [1, 2, 3] },
        steps: { steps: ['correct-redundant', 'incorrect'], firstError: 1, final: 'incorrect' },
      },
    ]);
    expect(c.value).toEqual({
      pref: { choice: 'A', dimensions: { safety: { choice: 'A' } } },
      order: { ranks: [1, 2, 3], dimensions: {} },
      steps: { steps: ['correct-necessary', 'incorrect'], firstError: 1, final: 'incorrect' },
    });
    // The weakest part decides: 2 of 3 on the preference, on safety and on step 1.
    expect(c.confidence).toBeCloseTo(2 / 3, 12);
    expect(c.tied).toBe(false);
  });

  it('sends a tied preference to adjudication', () => {
    const c = itemConsensus(
      projectConfigSchema.parse({ fields: [{ name: 'pref', type: 'pairwise' }] }),
      [{ pref: { choice: 'A' } }, { pref: { choice: 'B' } }],
    );
    expect(c.tied).toBe(true);
    expect(c.value).toEqual({ pref: { choice: null, dimensions: {} } });
  });
});
