import { describe, expect, it } from 'vitest';
import { checkImportRow, prepareImportRow, projectConfigSchema } from './index.js';

const pairwise = projectConfigSchema.parse({
  fields: [{ name: 'pref', type: 'pairwise' }],
});
const sentiment = projectConfigSchema.parse({
  fields: [{ name: 'sentiment', type: 'choice', labels: ['pos', 'neg'] }],
});

describe('import rows of LLM feedback projects', () => {
  it('wraps a {prompt, chosen, rejected} row, alternates the chosen position, and keeps the stated preference in meta', () => {
    const row = { prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.', priority: 2 };
    expect(prepareImportRow(pairwise, row, 1)).toEqual({
      row: {
        priority: 2,
        data: { prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
        meta: { preference: { chosen: 0, rejected: 1 } },
      },
      issues: [],
    });
    expect(prepareImportRow(pairwise, row, 2).row).toMatchObject({
      data: { responses: ['Go away.', 'Hello!'] },
      meta: { preference: { chosen: 1, rejected: 0 } },
    });
    expect(checkImportRow(pairwise, row, 1)).toEqual([]);
  });

  it('says which part of the data does not fit the field', () => {
    const problems = checkImportRow(pairwise, { data: { prompt: 'Hi', responses: ['one'] } }, 4);
    expect(problems.map((p) => p.line)).toEqual([4]);
    expect(problems[0]!.message).toMatch(/^data\.responses: /);
  });

  it('leaves rows of other projects as they are, and still refuses a row without data', () => {
    const row = { prompt: 'Hi', chosen: 'a', rejected: 'b' };
    expect(prepareImportRow(sentiment, row, 1)).toEqual({ row, issues: [] });
    expect(checkImportRow(sentiment, row, 1).map((p) => p.message)).toContain(
      'data: required, a non-empty object',
    );
  });
});
