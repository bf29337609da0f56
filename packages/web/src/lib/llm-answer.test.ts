import { describe, expect, it } from 'vitest';
import { pairwiseFieldSchema, rankingFieldSchema, stepsFieldSchema } from '@concord/core/config';
import {
  enterLlmAnswer,
  interpretLlmKey,
  justificationLength,
  llmAnswerProblems,
  llmAnswerValue,
  llmRowKeys,
  llmTextFieldId,
  newLlmAnswer,
  rowKeyOfIssue,
} from './llm-answer';
import { keyPress as key } from '../test/key-press';

const pairwise = pairwiseFieldSchema.parse({
  name: 'pref',
  type: 'pairwise',
  dimensions: ['tone'],
});
const ranking = rankingFieldSchema.parse({ name: 'rank', type: 'ranking' });
const steps = stepsFieldSchema.parse({ name: 'steps', type: 'steps' });
const RESPONSES = { prompt: 'Hi', responses: ['a', 'b', 'c'] };
const SOLUTION = { question: '1 + 1?', steps: ['1 + 1', '= 2'], answer: '2' };

describe('newLlmAnswer', () => {
  it('sizes a ranking by the item’s responses and a steps answer by its steps', () => {
    expect(newLlmAnswer(ranking, RESPONSES)).toMatchObject({
      kind: 'ranking',
      count: 3,
      overall: { tiers: [[0], [1], [2]], ranked: false },
    });
    expect(newLlmAnswer(steps, SOLUTION)).toMatchObject({ kind: 'steps', labels: [null, null] });
    expect(newLlmAnswer(pairwise, RESPONSES)).toMatchObject({ kind: 'pairwise', overall: null });
  });
});

describe('interpretLlmKey and llmAnswerValue', () => {
  it('hand each field’s keys to its own widget and build the contract’s values', () => {
    let p = newLlmAnswer(pairwise, RESPONSES);
    for (const k of ['b', 'a']) p = interpretLlmKey(pairwise, p, key(k)).state;
    expect(llmAnswerValue(pairwise, p)).toEqual({
      choice: 'A',
      dimensions: { tone: { choice: 'B' } },
    });

    let r = newLlmAnswer(ranking, RESPONSES);
    for (const k of ['2', 'ArrowUp']) r = interpretLlmKey(ranking, r, key(k)).state;
    expect(llmAnswerValue(ranking, r)).toEqual({ ranks: [2, 1, 3] });

    let s = newLlmAnswer(steps, SOLUTION);
    for (const k of ['1', '3', 'k', 'f', 'j', 'j', '2'])
      s = interpretLlmKey(steps, s, key(k)).state;
    expect(llmAnswerValue(steps, s)).toEqual({
      steps: ['correct-necessary', 'incorrect'],
      firstError: 1,
      final: 'incorrect',
    });
    expect(llmAnswerProblems(steps, s, SOLUTION)).toEqual({});
  });

  it('refuses an answer made for another field type, saying how to make the right one', () => {
    expect(() => llmAnswerValue(ranking, newLlmAnswer(pairwise, RESPONSES))).toThrow(
      /field "rank" is a pairwise answer, but the field is ranking: create it with newLlmAnswer/,
    );
  });
});

describe('rowKeyOfIssue', () => {
  const keys = llmRowKeys(pairwise, newLlmAnswer(pairwise, RESPONSES));

  it('puts a server issue on the row its path names', () => {
    expect(rowKeyOfIssue(keys, 'pref', 'value.pref.dimensions.tone.choice')).toBe(
      'pref.dimensions.tone',
    );
    expect(rowKeyOfIssue(keys, 'pref', 'body.value.pref.strength')).toBe('pref');
    expect(rowKeyOfIssue(keys, 'pref', 'value.pref.justification')).toBe('pref.justification');
  });

  it('tells step 1 from step 10, and falls back to the field for paths of no row', () => {
    const many = llmRowKeys(
      steps,
      newLlmAnswer(steps, { ...SOLUTION, steps: Array(11).fill('x') }),
    );
    expect(rowKeyOfIssue(many, 'steps', 'value.steps.steps[10]')).toBe('steps.steps[10]');
    expect(rowKeyOfIssue(many, 'steps', 'value.steps.steps[1]')).toBe('steps.steps[1]');
    expect(rowKeyOfIssue(many, 'steps', 'value.steps.steps')).toBe('steps');
    expect(rowKeyOfIssue(many, 'steps', 'value.steps.firstError')).toBe('steps.firstError');
  });
});

describe('llmTextFieldId and enterLlmAnswer', () => {
  it('name the justification’s text area only while its row is active', () => {
    const answer = newLlmAnswer(pairwise, RESPONSES);
    expect(llmTextFieldId(pairwise, answer)).toBeNull();
    const last = enterLlmAnswer(pairwise, answer, 'below');
    expect(last.active).toBe(2);
    expect(llmTextFieldId(pairwise, last)).toBe('answer-text-pref-justification');
    expect(llmTextFieldId(steps, newLlmAnswer(steps, SOLUTION))).toBeNull();
  });

  it('enter a steps field from below on the final answer’s row', () => {
    expect(enterLlmAnswer(steps, newLlmAnswer(steps, SOLUTION), 'below').active).toBe(2);
    expect(enterLlmAnswer(steps, newLlmAnswer(steps, SOLUTION), 'above').active).toBe(0);
  });
});

describe('justificationLength', () => {
  it('counts characters of the trimmed text as the server does (an emoji is one)', () => {
    expect(justificationLength('  B is right 👍 ')).toBe(12);
  });
});
