import {
  llmGoldScore,
  normalizeLlmItem,
  pairwiseFieldSchema,
  rankingFieldSchema,
  rankingGoldScore,
  stepsFieldSchema,
  validateLlmItemData,
} from '@concord/core/config';

const pairwise = pairwiseFieldSchema.parse({
  name: 'pref',
  type: 'pairwise',
  dimensions: ['safety'],
});
const ranking = rankingFieldSchema.parse({
  name: 'rank',
  type: 'ranking',
  dimensions: ['accuracy'],
  allowTies: true,
});
const steps = stepsFieldSchema.parse({ name: 'steps', type: 'steps' });

describe('item data of LLM fields', () => {
  it('accepts the contract shapes', () => {
    expect(
      validateLlmItemData(pairwise, { prompt: 'Hi', responses: ['Hello', 'Hey'], id: 7 }),
    ).toEqual([]);
    expect(
      validateLlmItemData(ranking, {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        responses: ['a', 'b', 'c'],
      }),
    ).toEqual([]);
    expect(validateLlmItemData(steps, { question: 'q', steps: ['s1', 's2'], answer: '4' })).toEqual(
      [],
    );
  });

  it('names each problem by path and says what to give instead', () => {
    expect(validateLlmItemData(pairwise, { prompt: 'Hi', responses: ['a', 'b', ' '] })).toEqual([
      { path: 'data.responses', message: 'must list exactly 2 responses (has 3)' },
      { path: 'data.responses[2]', message: 'must be non-empty text' },
    ]);
    expect(validateLlmItemData(pairwise, { prompt: 'Hi', chosen: 'a', rejected: 'b' })).toEqual([
      {
        path: 'data.responses',
        message:
          'required: a list of exactly 2 responses (texts); {"chosen", "rejected"} pairs are converted by normalizeLlmItem',
      },
    ]);
    expect(validateLlmItemData(ranking, { responses: ['a', 'b'] }, 'items[3].data')).toEqual([
      {
        path: 'items[3].data.prompt',
        message: 'required: the prompt as text (or "messages" for a conversation)',
      },
    ]);
    expect(
      validateLlmItemData(ranking, {
        prompt: 'x',
        messages: [],
        responses: Array.from({ length: 27 }, (_, i) => `r${i}`),
      }),
    ).toEqual([
      {
        path: 'data',
        message:
          'give either "prompt" or "messages", not both (put the prompt as the last user message)',
      },
      { path: 'data.responses', message: 'must list 2 to 26 responses (has 27)' },
    ]);
    expect(
      validateLlmItemData(ranking, {
        messages: [{ role: 'human', content: 'x' }, 'hi', { role: 'user' }],
        responses: ['a', 'b'],
      }),
    ).toEqual([
      { path: 'data.messages[0].role', message: 'must be one of system, user, assistant, tool' },
      { path: 'data.messages[1]', message: 'must be {"role", "content"}' },
      { path: 'data.messages[2].content', message: 'must be text' },
    ]);
    expect(validateLlmItemData(steps, { steps: [{ tool: 'search' }], answer: 4 })).toEqual([
      { path: 'data.question', message: 'required: the question as text' },
      {
        path: 'data.steps[0]',
        message: 'must be text (write a tool call and its observation as one text)',
      },
      { path: 'data.answer', message: 'must be text' },
    ]);
    expect(validateLlmItemData(steps, [])).toEqual([
      { path: 'data', message: 'must be an object with "question", "steps" and "answer"' },
    ]);
  });
});

describe('normalizeLlmItem', () => {
  it('keeps the contract shapes and other keys as they are', () => {
    const row = { id: 'x1', prompt: 'Hi', responses: ['a', 'b'] };
    expect(normalizeLlmItem(row)).toEqual({ ok: true, shape: 'prompt-responses', data: row });
    expect(normalizeLlmItem({ problem: 'q', steps: ['s'], answer: '1' })).toEqual({
      ok: true,
      shape: 'question-steps',
      data: { question: 'q', steps: ['s'], answer: '1' },
    });
  });

  it('turns {prompt, chosen, rejected} into two responses and reports which was chosen', () => {
    expect(
      normalizeLlmItem({ id: 3, prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.' }),
    ).toEqual({
      ok: true,
      shape: 'chosen-rejected',
      data: { id: 3, prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
      preference: { chosen: 0, rejected: 1 },
    });
    expect(
      normalizeLlmItem(
        { prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.' },
        { rejectedFirst: true },
      ),
    ).toMatchObject({
      data: { responses: ['Go away.', 'Hello!'] },
      preference: { chosen: 1, rejected: 0 },
    });
  });

  it('splits HH-RLHF transcripts at the last shared "Assistant:" turn', () => {
    const context = '\n\nHuman: What is 2+2?\n\nAssistant: 4.\n\nHuman: And times 3?\n\nAssistant:';
    expect(normalizeLlmItem({ chosen: `${context} 12.`, rejected: `${context} 7.` })).toEqual({
      ok: true,
      shape: 'chosen-rejected-transcript',
      data: {
        messages: [
          { role: 'user', content: 'What is 2+2?' },
          { role: 'assistant', content: '4.' },
          { role: 'user', content: 'And times 3?' },
        ],
        responses: ['12.', '7.'],
      },
      preference: { chosen: 0, rejected: 1 },
    });
    expect(normalizeLlmItem({ chosen: 'a', rejected: 'b' })).toEqual({
      ok: false,
      issues: [
        {
          path: 'data.prompt',
          message:
            'required: chosen/rejected texts need a "prompt", unless both are HH-RLHF transcripts sharing everything up to the last "Assistant:"',
        },
      ],
    });
  });

  it('takes the last assistant message of chosen/rejected conversations as the responses', () => {
    const user = { role: 'user', content: 'Hi' };
    expect(
      normalizeLlmItem({
        chosen: [user, { role: 'assistant', content: 'Hello!' }],
        rejected: [user, { role: 'assistant', content: 'What?' }],
      }),
    ).toEqual({
      ok: true,
      shape: 'chosen-rejected-messages',
      data: { prompt: 'Hi', responses: ['Hello!', 'What?'] },
      preference: { chosen: 0, rejected: 1 },
    });
    const system = { role: 'system', content: 'Be kind.' };
    expect(
      normalizeLlmItem({
        chosen: [system, user, { role: 'assistant', content: 'Hello!' }],
        rejected: [system, user, { role: 'assistant', content: 'What?' }],
      }),
    ).toMatchObject({ data: { messages: [system, user], responses: ['Hello!', 'What?'] } });
    expect(
      normalizeLlmItem({
        chosen: [user, { role: 'assistant', content: 'Hello!' }],
        rejected: [
          { role: 'user', content: 'Bye' },
          { role: 'assistant', content: 'What?' },
        ],
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          path: 'data.rejected',
          message:
            'must continue the same conversation as "chosen" (all but the last message equal)',
        },
      ],
    });
    expect(normalizeLlmItem({ chosen: [user], rejected: 'x' })).toMatchObject({
      ok: false,
      issues: [{ path: 'data.chosen' }],
    });
  });

  it('reports an unknown shape', () => {
    expect(normalizeLlmItem({ text: 'x' })).toMatchObject({
      ok: false,
      issues: [{ path: 'data' }],
    });
    expect(normalizeLlmItem('x', { prefix: 'rows[2]' })).toEqual({
      ok: false,
      issues: [{ path: 'rows[2]', message: 'must be a JSON object' }],
    });
  });
});

describe('gold scores of LLM fields', () => {
  it('pairwise: exact match averaged over the overall choice and the dimensions the gold gives', () => {
    const gold = { choice: 'A', dimensions: { safety: { choice: 'B' } } };
    expect(
      llmGoldScore(pairwise, { choice: 'A', dimensions: { safety: { choice: 'B' } } }, gold),
    ).toBe(1);
    expect(
      llmGoldScore(pairwise, { choice: 'A', dimensions: { safety: { choice: 'tie' } } }, gold),
    ).toBe(0.5);
    expect(llmGoldScore(pairwise, { choice: 'B' }, { choice: 'A' })).toBe(0);
    expect(llmGoldScore(pairwise, {}, { dimensions: { safety: { choice: 'B' } } })).toBe(0);
    expect(llmGoldScore(pairwise, { choice: 'A' }, null)).toBeNull();
    expect(llmGoldScore(pairwise, { choice: 'A' }, { justification: 'x' })).toBeNull();
  });

  it('ranking: Kendall τ-b mapped to [0, 1], per dimension too', () => {
    // τ-b of [1,3,2,4] against [1,2,3,4] is (5 − 1) / 6 = 2/3 (one discordant pair of six).
    expect(rankingGoldScore([1, 3, 2, 4], [1, 2, 3, 4])).toBeCloseTo((2 / 3 + 1) / 2, 15);
    expect(rankingGoldScore([4, 3, 2, 1], [1, 2, 3, 4])).toBe(0);
    expect(rankingGoldScore([1, 1, 1, 1], [1, 2, 3, 4])).toBe(0.5);
    expect(rankingGoldScore(null, [1, 2, 3])).toBe(0);
    expect(rankingGoldScore([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(
      llmGoldScore(
        ranking,
        { ranks: [1, 2, 3], dimensions: { accuracy: { ranks: [3, 2, 1] } } },
        { ranks: [1, 2, 3], dimensions: { accuracy: { ranks: [1, 2, 3] } } },
      ),
    ).toBe(0.5);
    expect(llmGoldScore(ranking, { ranks: [1, 2] }, { ranks: [1, 2, 3] })).toBe(0);
  });

  it('steps: per-step accuracy with the final label as one more step', () => {
    const gold = {
      steps: ['correct-necessary', 'incorrect', 'incorrect'],
      firstError: 1,
      final: 'incorrect',
    };
    expect(
      llmGoldScore(
        steps,
        { steps: ['correct-necessary', 'incorrect', 'correct-necessary'], final: 'incorrect' },
        gold,
      ),
    ).toBe(3 / 4);
    expect(llmGoldScore(steps, { steps: ['incorrect'], final: 'incorrect' }, gold)).toBe(1 / 4);
    // A longer answer cannot slide its final label onto the gold's.
    expect(
      llmGoldScore(
        steps,
        { steps: ['incorrect', 'incorrect', 'incorrect', 'incorrect'], final: 'correct' },
        gold,
      ),
    ).toBe(2 / 4);
    expect(llmGoldScore(steps, { steps: ['incorrect'] }, { steps: ['incorrect'] })).toBe(1);
    expect(llmGoldScore(steps, { steps: ['incorrect'] }, { final: 'correct' })).toBeNull();
  });
});
