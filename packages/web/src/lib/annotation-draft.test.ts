import { PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import {
  answerRows,
  buildValue,
  choiceKey,
  clearRow,
  draftProblems,
  firstProblemRow,
  humanize,
  llmAnswerOf,
  newDraft,
  pickLabel,
  problemRowKey,
  rowKeyOfPath,
  rowValue,
  scalePoints,
  setScore,
  stepScore,
  toFirstProblem,
} from './annotation-draft';
import type { AnswerRow } from './annotation-draft';

const config = projectConfigSchema.parse({
  fields: [
    { name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] },
    { name: 'topics', type: 'choice', multiple: true, required: false, labels: ['a', 'b', 'c'] },
    { name: 'quality', type: 'rating', min: 1, max: 5, dimensions: ['fluency', 'accuracy'] },
    { name: 'overall', type: 'rating', min: -2, max: 2 },
    { name: 'note', type: 'text', maxLength: 5 },
  ],
});
const rows = answerRows(config);
const row = (key: string): AnswerRow => {
  const found = rows.find((r) => r.key === key);
  if (found === undefined) throw new Error(key);
  return found;
};
const field = (name: string) => {
  const found = config.fields.find((f) => f.name === name);
  if (found?.type !== 'choice') throw new Error(name);
  return found;
};

describe('answerRows', () => {
  it('gives a row per choice field, per rated dimension and per text field', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'sentiment',
      'topics',
      'quality.fluency',
      'quality.accuracy',
      'overall',
      'note',
    ]);
  });
});

describe('keys', () => {
  it('numbers the first nine labels', () => {
    expect([0, 8, 9].map(choiceKey)).toEqual(['1', '9', null]);
  });

  it('uses the value as the key on a 0–9 scale, and counts points on another short scale', () => {
    const quality = row('quality.fluency');
    const overall = row('overall');
    if (quality.kind !== 'rating' || overall.kind !== 'rating') throw new Error('rating');
    expect(scalePoints(quality.field).map((p) => [p.value, p.key])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ]);
    expect(scalePoints(overall.field).map((p) => [p.value, p.key])).toEqual([
      [-2, '1'],
      [-1, '2'],
      [0, '3'],
      [1, '4'],
      [2, '5'],
    ]);
    const long = projectConfigSchema.parse({
      fields: [{ name: 'r', type: 'rating', min: 0, max: 10 }],
    }).fields[0];
    if (long?.type !== 'rating') throw new Error('rating');
    expect(scalePoints(long).every((p) => p.key === null)).toBe(true);
  });

  it('names the scale points with the anchors of the Likert template', () => {
    const likert = projectConfigSchema.parse(
      PROJECT_TEMPLATES.find((t) => t.id === 'likert-quality')?.config,
    ).fields[0];
    if (likert?.type !== 'rating') throw new Error('rating');
    expect(scalePoints(likert)[0]).toEqual({ value: 1, key: '1', anchor: 'very poor' });
  });
});

describe('building the answer', () => {
  it('sets a single choice, and toggles a multiple one keeping the labels in their order', () => {
    let draft = pickLabel({}, field('sentiment'), 'neutral');
    draft = pickLabel(draft, field('sentiment'), 'negative');
    expect(draft.sentiment).toBe('negative');
    draft = pickLabel(draft, field('topics'), 'c');
    draft = pickLabel(draft, field('topics'), 'a');
    expect(draft.topics).toEqual(['a', 'c']);
    draft = pickLabel(draft, field('topics'), 'c');
    expect(draft.topics).toEqual(['a']);
  });

  it('scores dimensions separately, keeps scores on the scale, and steps from the middle', () => {
    let draft = setScore({}, row('quality.fluency'), 4);
    draft = setScore(draft, row('quality.accuracy'), 9);
    expect(draft.quality).toEqual({ fluency: 4, accuracy: 5 });
    expect(rowValue(draft, row('quality.accuracy'))).toBe(5);
    draft = stepScore(draft, row('overall'), 1);
    expect(draft.overall).toBe(0);
    draft = stepScore(stepScore(draft, row('overall'), -1), row('overall'), -1);
    expect(draft.overall).toBe(-2);
    draft = stepScore(draft, row('overall'), -1);
    expect(draft.overall).toBe(-2);
  });

  it('clears one row and leaves the others', () => {
    let draft = setScore(setScore({}, row('quality.fluency'), 4), row('quality.accuracy'), 2);
    draft = clearRow(draft, row('quality.fluency'));
    expect(draft.quality).toEqual({ accuracy: 2 });
    expect(clearRow({ sentiment: 'neutral' }, row('sentiment'))).toEqual({});
  });

  it('sends an empty multiple choice as [] and leaves out empty text and scores', () => {
    expect(buildValue(config, { sentiment: 'neutral', note: '  ', quality: {} })).toEqual({
      sentiment: 'neutral',
      topics: [],
    });
  });
});

describe('problems', () => {
  it('names what is missing or wrong per row, as core validates it', () => {
    const problems = draftProblems(config, {
      quality: { fluency: 3 },
      overall: 0,
      note: 'far too long',
    });
    expect(problems).toEqual({
      sentiment: 'needs an answer',
      'quality.accuracy': 'needs an answer',
      note: 'must be at most 5 characters (has 12)',
    });
    expect(firstProblemRow(rows, problems)).toBe(0);
  });

  it('is empty for a complete answer', () => {
    expect(
      draftProblems(config, {
        sentiment: 'neutral',
        quality: { fluency: 3, accuracy: 4 },
        overall: 1,
      }),
    ).toEqual({});
  });

  it('reads the row out of the paths of core and of the server', () => {
    expect(rowKeyOfPath('body.value.quality.fluency')).toBe('quality.fluency');
    expect(rowKeyOfPath('value.topics[2]')).toBe('topics');
    expect(rowKeyOfPath('body.value')).toBe('');
  });
});

describe('humanize', () => {
  it('turns field and label names into words', () => {
    expect(humanize('technical_issue')).toBe('Technical issue');
    expect(humanize('fluency')).toBe('Fluency');
  });
});

describe('LLM fields in the draft', () => {
  const llm = projectConfigSchema.parse({
    fields: [
      { name: 'topic', type: 'choice', labels: ['code', 'chat'] },
      {
        name: 'pref',
        type: 'pairwise',
        dimensions: ['accuracy', 'safety'],
        justification: 'required',
        minJustificationLength: 5,
      },
      { name: 'order', type: 'ranking', allowTies: true },
    ],
  });
  const data = { prompt: 'Reverse a string', responses: ['s[::-1]', 'reversed(s)', 'a loop'] };
  const llmRows = answerRows(llm);

  it('starts each item with a fresh answer per LLM field, sized to the item', () => {
    const draft = newDraft(llm, data);
    expect(Object.keys(draft)).toEqual(['pref', 'order']);
    const order = llmAnswerOf(draft, llmRows[2]!.field as never);
    expect(order?.kind === 'ranking' && order.count).toBe(3);
    // Nothing answered yet: required fields are sent empty, for validation to name what is missing.
    expect(buildValue(llm, draft)).toEqual({ pref: { dimensions: {} }, order: {} });
  });

  it('says per row of the widgets what is missing, with the item checked as the server does', () => {
    const problems = draftProblems(llm, { ...newDraft(llm, data), topic: 'code' }, data);
    expect(problems).toEqual({
      'pref.dimensions.accuracy': 'needs an answer',
      'pref.dimensions.safety': 'needs an answer',
      pref: 'needs an answer',
      'pref.justification': expect.stringContaining('5') as unknown,
      order: 'needs an answer: order the responses, or press c to keep this order',
    });
    expect(firstProblemRow(llmRows, problems)).toBe(1);
    // Enter refused: the keys go to the first row of the widget with a problem.
    const draft = toFirstProblem(
      {
        ...newDraft(llm, data),
        pref: { ...(newDraft(llm, data).pref as object), active: 3 },
      },
      llmRows[1],
      problems,
    );
    expect((draft.pref as { active: number }).active).toBe(0);
  });

  it('sends the contract value of a finished answer', () => {
    const draft = {
      topic: 'code',
      pref: {
        kind: 'pairwise',
        active: 3,
        dimensions: { accuracy: { choice: 'A' }, safety: { choice: 'tie' } },
        overall: { choice: 'A' },
        justification: 'A is right, B is not',
      },
      order: {
        kind: 'ranking',
        active: 0,
        count: 3,
        dimensions: {},
        overall: { tiers: [[2], [0, 1]], ranked: true },
        selected: null,
        justification: '',
      },
    };
    expect(draftProblems(llm, draft, data)).toEqual({});
    expect(buildValue(llm, draft)).toEqual({
      topic: 'code',
      pref: {
        choice: 'A',
        dimensions: { accuracy: { choice: 'A' }, safety: { choice: 'tie' } },
        justification: 'A is right, B is not',
      },
      order: { ranks: [2, 2, 1] },
    });
  });

  it('takes a value picked from an annotator as it is (a reviewer’s decision)', () => {
    const picked = { choice: 'B', dimensions: { accuracy: { choice: 'B' } } };
    expect(buildValue(llm, { topic: 'chat', pref: picked }).pref).toBe(picked);
    // Its problems land on the field's one row.
    expect(
      draftProblems(llm, { topic: 'chat', pref: picked, order: { ranks: [1, 2, 3] } }, data),
    ).toMatchObject({ pref: expect.any(String) as unknown });
  });

  it('puts the server’s problems on the row of the widget their path names', () => {
    const draft = newDraft(llm, data);
    expect(problemRowKey(llm, draft, 'body.value.pref.dimensions.safety.choice')).toBe(
      'pref.dimensions.safety',
    );
    expect(problemRowKey(llm, draft, 'body.value.order.ranks')).toBe('order');
    expect(problemRowKey(llm, draft, 'body.value.topic')).toBe('topic');
    expect(problemRowKey(llm, {}, 'body.value.pref.choice')).toBe('pref');
  });

  it('leaves ⌫ on an LLM row to its widget: the whole answer is never wiped', () => {
    const draft = newDraft(llm, data);
    expect(clearRow(draft, llmRows[1]!)).toBe(draft);
  });
});
