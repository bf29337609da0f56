import { describe, expect, it } from 'vitest';
import {
  REASONING_ERROR_LABELS,
  stepsFieldSchema,
  validateLlmFieldValue,
} from '@concord/core/config';
import type { StepsField } from '@concord/core/config';
import { keyPress as press, pressKeys } from '../test/key-press';
import {
  interpretStepsKey,
  labelStep,
  newStepsAnswer,
  stepsProblems,
  stepsValue,
} from './llm-steps-answer';
import type { StepsAnswer } from './llm-steps-answer';

const pressAll = (
  field: StepsField,
  keys: readonly (string | ReturnType<typeof press>)[],
  start: StepsAnswer = newStepsAnswer(3),
) => pressKeys((state: typeof start, p) => interpretStepsKey(field, state, p), keys, start);

const DATA = {
  question: 'What is 12 × 13?',
  steps: ['12 × 13 = 12 × 10 + 12 × 3', '= 120 + 36', '= 146'],
  answer: '146',
};

// Default labels: 1 correct-necessary, 2 correct-redundant, 3 incorrect, 4 incomplete; final: 1 correct, 2 incorrect.
const loose = stepsFieldSchema.parse({ name: 'steps', type: 'steps' });
const checked = stepsFieldSchema.parse({
  name: 'steps',
  type: 'steps',
  errorLabels: [...REASONING_ERROR_LABELS],
});
const noFirstError = stepsFieldSchema.parse({ name: 'steps', type: 'steps', firstError: false });

describe('interpretStepsKey', () => {
  it('labels each step with a digit and moves on, then labels the final answer', () => {
    const result = pressAll(loose, ['1', '1', '3', '2']);
    expect(result.state).toMatchObject({
      labels: ['correct-necessary', 'correct-necessary', 'incorrect'],
      final: 'incorrect',
      active: 3,
    });
    expect(stepsValue(loose, result.state)).toEqual({
      steps: ['correct-necessary', 'correct-necessary', 'incorrect'],
      firstError: null,
      final: 'incorrect',
    });
  });

  it('marks the active step as the first error with f, and unmarks it with f again', () => {
    const marked = pressAll(loose, ['1', '1', '3', 'k', 'f']);
    expect(marked.state).toMatchObject({ active: 2, firstError: 2 });
    expect(stepsValue(loose, marked.state)).toMatchObject({ firstError: 2 });
    expect(pressAll(loose, ['f'], marked.state).state.firstError).toBeNull();
  });

  it('moves with j and k (and ↓ ↑), leaving the keys to the workspace past either end', () => {
    expect(pressAll(loose, ['j', 'j', 'ArrowUp']).state.active).toBe(1);
    expect(interpretStepsKey(loose, newStepsAnswer(3), press('k')).handled).toBe(false);
    const onFinal = { ...newStepsAnswer(3), active: 3 };
    expect(interpretStepsKey(loose, onFinal, press('j')).handled).toBe(false);
  });

  it('has no f on the final answer’s row, nor in a field that does not ask for the first error', () => {
    expect(interpretStepsKey(loose, { ...newStepsAnswer(3), active: 3 }, press('f')).handled).toBe(
      false,
    );
    expect(interpretStepsKey(noFirstError, newStepsAnswer(3), press('f')).handled).toBe(false);
    const done = pressAll(noFirstError, ['1', '1', '1', '1']).state;
    expect(stepsValue(noFirstError, done)).toEqual({
      steps: ['correct-necessary', 'correct-necessary', 'correct-necessary'],
      final: 'correct',
    });
    expect(validateLlmFieldValue(noFirstError, stepsValue(noFirstError, done), DATA)).toEqual([]);
  });

  it('steps through the labels of the active row with ← and → without moving on', () => {
    const result = pressAll(loose, ['ArrowRight', 'ArrowRight']);
    expect(result.state).toMatchObject({ active: 0, labels: ['correct-redundant', null, null] });
    expect(pressAll(loose, ['ArrowLeft']).state.labels[0]).toBe('incomplete');
  });

  it('ignores digits past the labels, and clears the active row with Backspace', () => {
    expect(pressAll(loose, ['9']).state.labels).toEqual([null, null, null]);
    expect(pressAll(loose, ['3', 'k', 'Backspace']).state.labels).toEqual([null, null, null]);
  });
});

describe('the first error with error labels', () => {
  it('follows the earliest step labelled an error', () => {
    let answer = pressAll(checked, ['1', 'j', '3']).state; // step 2 incorrect
    expect(answer.firstError).toBe(2);
    answer = labelStep(checked, answer, 1, 'incomplete').state; // step 1 is earlier
    expect(answer.firstError).toBe(1);
    answer = labelStep(checked, answer, 1, 'correct-necessary').state;
    expect(answer.firstError).toBe(2);
    answer = labelStep(checked, answer, 2, 'correct-redundant').state;
    expect(answer.firstError).toBeNull();
  });

  it('keeps a mark on an error when a later step is labelled an error too', () => {
    const answer = pressAll(checked, ['1', '3', '4']).state;
    expect(answer.firstError).toBe(1);
    const value = stepsValue(checked, pressAll(checked, ['1'], answer).state);
    expect(validateLlmFieldValue(checked, value, DATA)).toEqual([]);
  });

  it('reports a first error that contradicts the labels in the server’s words', () => {
    const answer = pressAll(checked, ['1', '1', '1', '1', 'k', 'k', 'f']).state;
    expect(answer.firstError).toBe(1);
    expect(stepsProblems(checked, answer, DATA)).toEqual({
      'steps.firstError':
        'step 1 is marked as the first error but labelled "correct-necessary": give it an error label (incorrect, incomplete)',
    });
  });
});

describe('stepsProblems', () => {
  it('says which steps need a label and asks for the final answer’s', () => {
    const answer = pressAll(loose, ['1']).state;
    expect(stepsProblems(loose, answer, DATA)).toEqual({
      'steps.steps[1]': 'needs a label',
      'steps.steps[2]': 'needs a label',
      'steps.final': 'required: the label of the final answer, one of correct, incorrect',
    });
  });

  it('is content with a fully labelled solution', () => {
    const answer = pressAll(loose, ['1', '1', '3', '2']).state;
    expect(stepsProblems(loose, answer, DATA)).toEqual({});
  });

  it('sends nothing for an optional field left alone', () => {
    const optional = stepsFieldSchema.parse({ name: 's', type: 'steps', required: false });
    expect(stepsValue(optional, newStepsAnswer(3))).toBeUndefined();
    expect(stepsProblems(optional, newStepsAnswer(3), DATA)).toEqual({});
  });
});
