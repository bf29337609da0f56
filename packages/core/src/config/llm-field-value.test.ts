import {
  REASONING_ERROR_LABELS,
  pairwiseFieldSchema,
  rankingFieldSchema,
  rankingProblem,
  stepsFieldSchema,
  validateLlmFieldValue,
} from '@concord/core/config';

const pref = pairwiseFieldSchema.parse({
  name: 'pref',
  type: 'pairwise',
  dimensions: ['helpfulness', 'safety'],
  justification: 'required',
  minJustificationLength: 10,
  strength: true,
});
const plain = pairwiseFieldSchema.parse({ name: 'plain', type: 'pairwise', allowTies: false });
const rank = rankingFieldSchema.parse({ name: 'rank', type: 'ranking', dimensions: ['accuracy'] });
const rankTies = rankingFieldSchema.parse({ name: 'rank', type: 'ranking', allowTies: true });
const steps = stepsFieldSchema.parse({
  name: 'steps',
  type: 'steps',
  errorLabels: REASONING_ERROR_LABELS,
});
const stepsNoFirstError = stepsFieldSchema.parse({
  name: 'steps',
  type: 'steps',
  firstError: false,
});

const pair = { prompt: 'Write a haiku', responses: ['one', 'two'] };
const three = { prompt: 'Explain DNS', responses: ['a', 'b', 'c'] };
const solution = {
  question: '2 + 3 × 4?',
  steps: ['3 × 4 = 12', '2 + 12 = 14', 'so 14'],
  answer: '14',
};

describe('pairwise values', () => {
  const valid = {
    choice: 'A',
    strength: 2,
    dimensions: { helpfulness: { choice: 'A', strength: 3 }, safety: { choice: 'tie' } },
    justification: 'B misses the last line',
  };

  it('accepts the contract shape, and an absent value only when the field is optional', () => {
    expect(validateLlmFieldValue(pref, valid, pair)).toEqual([]);
    expect(validateLlmFieldValue(plain, { choice: 'B' }, pair)).toEqual([]);
    expect(validateLlmFieldValue(pref, undefined, pair)).toEqual([
      { path: 'value.pref', message: 'required' },
    ]);
    const optional = pairwiseFieldSchema.parse({ name: 'p', type: 'pairwise', required: false });
    expect(validateLlmFieldValue(optional, null, pair)).toEqual([]);
  });

  it('says what to do about each wrong part', () => {
    expect(validateLlmFieldValue(pref, 'A', pair)).toEqual([
      { path: 'value.pref', message: 'required: {"choice": "A" | "B" | "tie"}' },
    ]);
    expect(
      validateLlmFieldValue(
        pref,
        {
          choice: 'C',
          dimensions: { helpfulness: { choice: 'tie', strength: 1 }, brevity: { choice: 'A' } },
          justification: 'short',
          confidence: 0.9,
        },
        pair,
      ),
    ).toEqual([
      { path: 'value.pref.choice', message: 'must be one of A, B, tie' },
      {
        path: 'value.pref.dimensions.helpfulness.strength',
        message: 'leave strength out when the choice is tie',
      },
      {
        path: 'value.pref.dimensions.safety',
        message: 'required: {"choice": "A" | "B" | "tie"}',
      },
      {
        path: 'value.pref.dimensions.brevity',
        message: 'is not a dimension of this field (dimensions: helpfulness, safety)',
      },
      {
        path: 'value.pref.justification',
        message: 'required: say why, in at least 10 characters (has 5)',
      },
      {
        path: 'value.pref.confidence',
        message: 'is not part of a pairwise value (choice, strength, dimensions, justification)',
      },
    ]);
    expect(validateLlmFieldValue(pref, { ...valid, strength: undefined }, pair)).toEqual([
      {
        path: 'value.pref.strength',
        message: 'required: how much better, 1 slightly, 2 clearly or 3 much better',
      },
    ]);
    expect(
      validateLlmFieldValue(
        pref,
        {
          ...valid,
          strength: 4,
          dimensions: { ...valid.dimensions, safety: { choice: 'B', x: 1 } },
        },
        pair,
      ),
    ).toEqual([
      {
        path: 'value.pref.strength',
        message: 'must be 1 (slightly), 2 (clearly) or 3 (much better)',
      },
      {
        path: 'value.pref.dimensions.safety.x',
        message: 'is not part of a dimension judgment (choice, strength)',
      },
    ]);
    expect(validateLlmFieldValue(pref, { ...valid, dimensions: undefined }, pair)).toEqual([
      {
        path: 'value.pref.dimensions',
        message: 'required: an object with a judgment for each of helpfulness, safety',
      },
    ]);
  });

  it('refuses ties, strength and dimensions a field does not ask for', () => {
    expect(
      validateLlmFieldValue(
        plain,
        { choice: 'tie', strength: 1, dimensions: { tone: { choice: 'A' } }, justification: 3 },
        pair,
      ),
    ).toEqual([
      { path: 'value.plain.choice', message: 'ties are not allowed in this field: choose A or B' },
      {
        path: 'value.plain.strength',
        message: 'this field does not ask for strength; leave it out',
      },
      { path: 'value.plain.dimensions', message: 'this field has no dimensions; leave them out' },
      { path: 'value.plain.justification', message: 'must be text' },
    ]);
  });
});

describe('ranking values', () => {
  it('accept a ranking of exactly the item’s responses, per dimension too', () => {
    expect(
      validateLlmFieldValue(
        rank,
        { ranks: [2, 1, 3], dimensions: { accuracy: { ranks: [1, 2, 3] } } },
        three,
      ),
    ).toEqual([]);
  });

  it('need the item data to know how many responses there are', () => {
    expect(validateLlmFieldValue(rank, { ranks: [1, 2] }, { prompt: 'x' })).toEqual([
      {
        path: 'value.rank',
        message: 'cannot be checked: the item has no "responses" list; fix the item data first',
      },
    ]);
  });

  it('say what is wrong with the ranks', () => {
    expect(
      validateLlmFieldValue(
        rank,
        {
          ranks: [1, 2],
          dimensions: { accuracy: { ranks: [1, 1, 3] }, tone: { ranks: [1, 2, 3] } },
        },
        three,
      ),
    ).toEqual([
      { path: 'value.rank.ranks', message: 'must give a rank to each of the 3 responses (has 2)' },
      {
        path: 'value.rank.dimensions.accuracy.ranks',
        message: 'must rank the 3 responses 1 to 3, each rank once (1 = best), e.g. [2, 1, 3]',
      },
      {
        path: 'value.rank.dimensions.tone',
        message: 'is not a dimension of this field (dimensions: accuracy)',
      },
    ]);
    expect(
      validateLlmFieldValue(
        rank,
        { ranks: [0, 1.5, '2'], dimensions: { accuracy: [1, 2, 3] } },
        three,
      ),
    ).toEqual([
      { path: 'value.rank.ranks[0]', message: 'must be a whole number from 1 to 3' },
      { path: 'value.rank.ranks[1]', message: 'must be a whole number from 1 to 3' },
      { path: 'value.rank.ranks[2]', message: 'must be a whole number from 1 to 3' },
      { path: 'value.rank.dimensions.accuracy', message: 'required: {"ranks": [...]}' },
    ]);
    expect(validateLlmFieldValue(rank, { order: [1, 2, 3] }, three)).toEqual([
      {
        path: 'value.rank.ranks',
        message: 'required: the rank of each of the 3 responses, 1 = best, e.g. [2, 1, 3]',
      },
      {
        path: 'value.rank.dimensions',
        message: 'required: an object with a judgment for each of accuracy',
      },
      {
        path: 'value.rank.order',
        message: 'is not part of a ranking value (ranks, dimensions, justification)',
      },
    ]);
  });

  it('allow ties, as competition (1, 1, 3) or dense (1, 1, 2) ranks, only when the field does', () => {
    expect(validateLlmFieldValue(rankTies, { ranks: [1, 1, 3] }, three)).toEqual([]);
    expect(validateLlmFieldValue(rankTies, { ranks: [2, 1, 1] }, three)).toEqual([]);
    expect(validateLlmFieldValue(rankTies, { ranks: [1, 3, 3] }, three)).toEqual([
      {
        path: 'value.rank.ranks',
        message:
          'must rank the 3 responses from 1 (best), equal ranks for ties, no rank skipped except after a tie: e.g. [1, 1, 3] or [1, 1, 2]',
      },
    ]);
    expect(rankingProblem([1, 2, 2, 4], 4, true)).toBeNull(); // competition: 2nd and 3rd tie
    expect(rankingProblem([2, 2, 3], 3, true)).not.toBeNull(); // nobody is first
    expect(rankingProblem([1, 2, 3, 4, 6, 5], 6, false)).toBeNull();
  });
});

describe('steps values', () => {
  const good = {
    steps: ['correct-necessary', 'incorrect', 'incorrect'],
    firstError: 1,
    final: 'incorrect',
  };

  it('accept one label per step, the first error and the final label', () => {
    expect(validateLlmFieldValue(steps, good, solution)).toEqual([]);
    expect(
      validateLlmFieldValue(
        steps,
        {
          steps: ['correct-necessary', 'correct-redundant', 'correct-necessary'],
          firstError: null,
          final: 'correct',
        },
        solution,
      ),
    ).toEqual([]);
  });

  it('say what is wrong with labels, length and the final label', () => {
    expect(
      validateLlmFieldValue(
        steps,
        { steps: ['correct-necessary', 'wrong'], firstError: null, note: 1 },
        solution,
      ),
    ).toEqual([
      {
        path: 'value.steps.steps',
        message: 'must give one label per step: the item has 3 steps (has 2)',
      },
      {
        path: 'value.steps.steps[1]',
        message: 'must be one of correct-necessary, correct-redundant, incorrect, incomplete',
      },
      {
        path: 'value.steps.final',
        message: 'required: the label of the final answer, one of correct, incorrect',
      },
      {
        path: 'value.steps.note',
        message: 'is not part of a steps value (steps, firstError, final)',
      },
    ]);
    expect(
      validateLlmFieldValue(
        steps,
        { steps: 'all good', firstError: null, final: 'correct' },
        solution,
      ),
    ).toEqual([{ path: 'value.steps.steps', message: 'required: one label per step (3 steps)' }]);
    expect(validateLlmFieldValue(steps, good, { question: 'q' })).toEqual([
      {
        path: 'value.steps',
        message: 'cannot be checked: the item has no "steps" list; fix the item data first',
      },
    ]);
  });

  it('keep the first error consistent with the error labels', () => {
    const check = (value: object) => validateLlmFieldValue(steps, { ...good, ...value }, solution);
    expect(check({ firstError: undefined })).toEqual([
      {
        path: 'value.steps.firstError',
        message:
          'required: the index of the first wrong step (0 = the first step), or null when no step is wrong',
      },
    ]);
    expect(check({ firstError: 3 })).toEqual([
      {
        path: 'value.steps.firstError',
        message: 'must be a step index from 0 to 2, or null when no step is wrong',
      },
    ]);
    expect(check({ firstError: null })).toEqual([
      {
        path: 'value.steps.firstError',
        message:
          'step 1 is labelled "incorrect", an error: mark it as the first error or relabel it',
      },
    ]);
    expect(check({ firstError: 2 })).toEqual([
      {
        path: 'value.steps.firstError',
        message:
          'step 1 is labelled "incorrect", an error, before the first error you marked (2): mark 1 or relabel it',
      },
    ]);
    expect(check({ firstError: 0 })).toEqual([
      {
        path: 'value.steps.firstError',
        message:
          'step 0 is marked as the first error but labelled "correct-necessary": give it an error label (incorrect, incomplete)',
      },
    ]);
    expect(validateLlmFieldValue(stepsNoFirstError, good, solution)).toEqual([
      {
        path: 'value.steps.firstError',
        message: 'this field does not ask for the first error; leave it out',
      },
    ]);
  });
});
