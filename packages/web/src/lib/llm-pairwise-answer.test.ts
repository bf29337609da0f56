import { describe, expect, it } from 'vitest';
import { pairwiseFieldSchema, validateLlmFieldValue } from '@concord/core/config';
import type { PairwiseField } from '@concord/core/config';
import { keyPress as press, pressKeys } from '../test/key-press';
import {
  choosePairwise,
  interpretPairwiseKey,
  newPairwiseAnswer,
  pairwiseProblems,
  pairwiseRows,
  pairwiseValue,
  setPairwiseJustification,
} from './llm-pairwise-answer';
import type { PairwiseAnswer } from './llm-pairwise-answer';

const pressAll = (
  field: PairwiseField,
  keys: readonly (string | ReturnType<typeof press>)[],
  start: PairwiseAnswer = newPairwiseAnswer(),
) => pressKeys((state: typeof start, p) => interpretPairwiseKey(field, state, p), keys, start);

const DATA = { prompt: 'Reverse a list in Python.', responses: ['a[::-1]', 'reversed(a)'] };

const plain = pairwiseFieldSchema.parse({
  name: 'pref',
  type: 'pairwise',
  dimensions: ['helpfulness', 'safety'],
});
const strong = pairwiseFieldSchema.parse({
  name: 'pref',
  type: 'pairwise',
  dimensions: ['accuracy'],
  strength: true,
  justification: 'required',
  minJustificationLength: 10,
});

describe('pairwiseRows', () => {
  it('lays out the dimensions, then the overall choice, then the justification', () => {
    expect(pairwiseRows(plain).map((r) => r.key)).toEqual([
      'pref.dimensions.helpfulness',
      'pref.dimensions.safety',
      'pref',
      'pref.justification',
    ]);
  });
});

describe('interpretPairwiseKey', () => {
  it('picks A, B or tie with a, b, t on the active row and moves on to the next', () => {
    const result = pressAll(plain, ['a', 't', 'b']);
    expect(result.state.dimensions).toEqual({
      helpfulness: { choice: 'A' },
      safety: { choice: 'tie' },
    });
    expect(result.state.overall).toEqual({ choice: 'B' });
    // The justification is optional here: the keys stay on the overall row, Enter can submit.
    expect(result.state.active).toBe(2);
    expect(pairwiseValue(plain, result.state)).toEqual({
      choice: 'B',
      dimensions: { helpfulness: { choice: 'A' }, safety: { choice: 'tie' } },
    });
    expect(validateLlmFieldValue(plain, pairwiseValue(plain, result.state), DATA)).toEqual([]);
  });

  it('picks A, B and tie with 1, 2, 3 when the field asks for no strength', () => {
    const result = pressAll(plain, ['2', '3', '1']);
    expect(result.state.dimensions).toEqual({
      helpfulness: { choice: 'B' },
      safety: { choice: 'tie' },
    });
    expect(result.state.overall).toEqual({ choice: 'A' });
  });

  it('takes 1, 2, 3 as the strength when the field asks for it, and only then moves on', () => {
    let result = pressAll(strong, ['a']);
    expect(result.state).toMatchObject({ active: 0, dimensions: { accuracy: { choice: 'A' } } });
    result = pressAll(strong, ['3'], result.state);
    expect(result.state).toMatchObject({
      active: 1,
      dimensions: { accuracy: { choice: 'A', strength: 3 } },
    });
    // Overall: B, clearly better; the justification is required, so focus goes into its field.
    result = pressAll(strong, ['b', '2'], result.state);
    expect(result.state.overall).toEqual({ choice: 'B', strength: 2 });
    expect(result.state.active).toBe(2);
    expect(result.focus).toBe('text');
  });

  it('keeps the strength when the choice flips between A and B and drops it for a tie', () => {
    let result = pressAll(strong, ['Tab', 'a', '2']);
    expect(result.state.overall).toEqual({ choice: 'A', strength: 2 });
    result = choosePairwise(strong, result.state, 1, 'B');
    expect(result.state.overall).toEqual({ choice: 'B', strength: 2 });
    result = choosePairwise(strong, result.state, 1, 'tie');
    expect(result.state.overall).toEqual({ choice: 'tie' });
  });

  it('ignores a strength before a preference is chosen, and on a tie', () => {
    expect(pressAll(strong, ['2']).state.dimensions).toEqual({});
    expect(pressAll(strong, ['t', 'ArrowUp', '2']).state.dimensions).toEqual({
      accuracy: { choice: 'tie' },
    });
  });

  it('refuses tie when the field does not allow it', () => {
    const noTies = pairwiseFieldSchema.parse({ name: 'p', type: 'pairwise', allowTies: false });
    expect(interpretPairwiseKey(noTies, newPairwiseAnswer(), press('t')).handled).toBe(false);
    expect(pressAll(noTies, ['3']).state.overall).toBeNull();
    expect(pressAll(noTies, ['ArrowLeft']).state.overall).toEqual({ choice: 'B' });
  });

  it('steps through the choices with ← and → without leaving the row', () => {
    const result = pressAll(plain, ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight']);
    expect(result.state.dimensions).toEqual({ helpfulness: { choice: 'tie' } });
    expect(result.state.active).toBe(0);
    expect(pressAll(plain, ['ArrowLeft']).state.dimensions).toEqual({
      helpfulness: { choice: 'tie' },
    });
  });

  it('moves between rows with ↑ and ↓ and leaves the keys to the workspace past either end', () => {
    expect(interpretPairwiseKey(plain, newPairwiseAnswer(), press('ArrowUp')).handled).toBe(false);
    const last = { ...newPairwiseAnswer(), active: 3 };
    expect(interpretPairwiseKey(plain, last, press('ArrowDown')).handled).toBe(false);
    const down = interpretPairwiseKey(plain, newPairwiseAnswer(), press('ArrowDown'));
    expect(down).toMatchObject({ handled: true, focus: 'row', state: { active: 1 } });
    const intoText = interpretPairwiseKey(plain, { ...last, active: 2 }, press('ArrowDown'));
    expect(intoText).toMatchObject({ handled: true, focus: 'text', state: { active: 3 } });
  });

  it('lets a text field keep its keys, except Tab, which moves on, and Esc, which leaves it', () => {
    const inText = { ...newPairwiseAnswer(), active: 3 };
    expect(interpretPairwiseKey(plain, inText, press('a', { inField: true })).handled).toBe(false);
    expect(interpretPairwiseKey(plain, inText, press('Enter', { inField: true })).handled).toBe(
      false,
    );
    expect(interpretPairwiseKey(plain, inText, press('Escape', { inField: true }))).toMatchObject({
      handled: true,
      focus: 'row',
    });
    expect(
      interpretPairwiseKey(plain, inText, press('Tab', { inField: true, shiftKey: true })),
    ).toMatchObject({ handled: true, state: { active: 2 } });
  });

  it('clears the active row with Backspace and leaves Enter and modified keys alone', () => {
    const answered = pressAll(plain, ['a', 'ArrowUp']).state;
    expect(interpretPairwiseKey(plain, answered, press('Backspace')).state.dimensions).toEqual({});
    expect(interpretPairwiseKey(plain, answered, press('Enter')).handled).toBe(false);
    expect(interpretPairwiseKey(plain, answered, press('a', { ctrlKey: true })).handled).toBe(
      false,
    );
  });
});

describe('pairwiseProblems', () => {
  it('says which rows still need an answer', () => {
    expect(pairwiseProblems(plain, newPairwiseAnswer(), DATA)).toEqual({
      'pref.dimensions.helpfulness': 'needs an answer',
      'pref.dimensions.safety': 'needs an answer',
      pref: 'needs an answer',
    });
  });

  it('asks for the strength and a long enough justification in the server’s words', () => {
    let answer = pressAll(strong, ['t', 'a']).state;
    answer = setPairwiseJustification(answer, '  short ');
    expect(pairwiseProblems(strong, answer, DATA)).toEqual({
      pref: 'required: how much better, 1 slightly, 2 clearly or 3 much better',
      'pref.justification': 'required: say why, in at least 10 characters (has 5)',
    });
    answer = setPairwiseJustification(
      pressAll(strong, ['1'], answer).state,
      'B misses the edge case.',
    );
    expect(pairwiseProblems(strong, answer, DATA)).toEqual({});
    expect(pairwiseValue(strong, answer)).toEqual({
      choice: 'A',
      strength: 1,
      dimensions: { accuracy: { choice: 'tie' } },
      justification: 'B misses the edge case.',
    });
  });

  it('sends nothing for an optional field left alone, and wants nothing of it', () => {
    const optional = pairwiseFieldSchema.parse({ name: 'p', type: 'pairwise', required: false });
    expect(pairwiseValue(optional, newPairwiseAnswer())).toBeUndefined();
    expect(pairwiseProblems(optional, newPairwiseAnswer(), DATA)).toEqual({});
  });
});
