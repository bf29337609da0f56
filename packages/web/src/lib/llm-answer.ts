// One entry to the answers of LLM feedback fields — pairwise, ranking, steps — for the workspace:
// a fresh answer for an item, what a key does, the value to submit and what keeps it from being
// sent. Each field type keeps its own logic in llm-<type>-answer.ts; this file only dispatches.
// A spans field (spans-answer.ts) is answered with a widget of its own too, and goes through
// the same entry.
//
// Wiring into the workspace: keep an LlmAnswer per LLM field beside the draft; while such a field
// is the active one, hand its keys to interpretLlmKey first — a handled key is done (prevent the
// default), an unhandled one goes on to the workspace (Enter submits, ↑ on the first row or ↓ on
// the last goes to the field above or below). Put llmAnswerValue(...) into value[field.name].

import type { LlmField, SpansField } from '@concord/core/config';
import { itemListLength } from '@concord/core/config';
import type { LlmKeyResult, LlmPress } from './llm-answer-rows';
import {
  interpretPairwiseKey,
  newPairwiseAnswer,
  pairwiseProblems,
  pairwiseRows,
  pairwiseValue,
} from './llm-pairwise-answer';
import type { PairwiseAnswer } from './llm-pairwise-answer';
import {
  interpretRankingKey,
  newRankingAnswer,
  rankingProblems,
  rankingRows,
  rankingValue,
} from './llm-ranking-answer';
import type { RankingAnswer } from './llm-ranking-answer';
import {
  interpretStepsKey,
  newStepsAnswer,
  stepsProblems,
  stepsRows,
  stepsValue,
} from './llm-steps-answer';
import type { StepsAnswer } from './llm-steps-answer';
import { interpretSpansKey, newSpansAnswer, spansProblems, spansValue } from './spans-answer';
import type { SpansAnswer } from './spans-answer';

export type { LlmFocus, LlmKeyResult, LlmPress } from './llm-answer-rows';
export { justificationLength, rowKeyOfIssue } from './llm-answer-rows';

export type LlmAnswer = PairwiseAnswer | RankingAnswer | StepsAnswer | SpansAnswer;

/** A field answered with a widget of its own: pairwise, ranking, steps, spans. */
export type WidgetField = LlmField | SpansField;

/** A fresh answer to a field for an item: rankings over the item's responses, a label per step. */
export function newLlmAnswer(field: WidgetField, data: unknown): LlmAnswer {
  switch (field.type) {
    case 'pairwise':
      return newPairwiseAnswer();
    case 'ranking':
      return newRankingAnswer(field, itemListLength(data, 'responses') ?? 0);
    case 'steps':
      return newStepsAnswer(itemListLength(data, 'steps') ?? 0);
    case 'spans':
      return newSpansAnswer(field, data);
  }
}

function mismatch(field: WidgetField, answer: LlmAnswer): never {
  throw new Error(
    `the answer to field "${field.name}" is a ${answer.kind} answer, but the field is ${field.type}: create it with newLlmAnswer(field, data)`,
  );
}

/** What a key does on the field's answer (see each llm-<type>-answer.ts for its keys). */
export function interpretLlmKey(
  field: WidgetField,
  answer: LlmAnswer,
  press: LlmPress,
): LlmKeyResult<LlmAnswer> {
  if (field.type === 'pairwise' && answer.kind === 'pairwise')
    return interpretPairwiseKey(field, answer, press);
  if (field.type === 'ranking' && answer.kind === 'ranking')
    return interpretRankingKey(field, answer, press);
  if (field.type === 'steps' && answer.kind === 'steps')
    return interpretStepsKey(field, answer, press);
  if (field.type === 'spans' && answer.kind === 'spans')
    return interpretSpansKey(field, answer, press);
  return mismatch(field, answer);
}

/** The field's value to submit (the contract of issue 5); undefined for an optional field left alone. */
export function llmAnswerValue(
  field: WidgetField,
  answer: LlmAnswer,
): Readonly<Record<string, unknown>> | readonly unknown[] | undefined {
  if (field.type === 'pairwise' && answer.kind === 'pairwise') return pairwiseValue(field, answer);
  if (field.type === 'ranking' && answer.kind === 'ranking') return rankingValue(field, answer);
  if (field.type === 'steps' && answer.kind === 'steps') return stepsValue(field, answer);
  if (field.type === 'spans' && answer.kind === 'spans') return spansValue(answer);
  return mismatch(field, answer);
}

/**
 * What keeps the answer from being sent, by row key, in the words of core's validation (the
 * server's); {} when it can be sent. A problem of the field as a whole is under its name.
 */
export function llmAnswerProblems(
  field: WidgetField,
  answer: LlmAnswer,
  data: unknown,
): Readonly<Record<string, string>> {
  if (field.type === 'pairwise' && answer.kind === 'pairwise')
    return pairwiseProblems(field, answer, data);
  if (field.type === 'ranking' && answer.kind === 'ranking')
    return rankingProblems(field, answer, data);
  if (field.type === 'steps' && answer.kind === 'steps') return stepsProblems(field, answer, data);
  if (field.type === 'spans' && answer.kind === 'spans') return spansProblems(field, answer, data);
  return mismatch(field, answer);
}

/** The keys of the field's rows, in order: where the server's problems (rowKeyOfIssue) land. */
export function llmRowKeys(field: WidgetField, answer: LlmAnswer): string[] {
  switch (field.type) {
    case 'pairwise':
      return pairwiseRows(field).map((r) => r.key);
    case 'ranking':
      return rankingRows(field).map((r) => r.key);
    case 'steps':
      return [
        ...stepsRows(field, answer.kind === 'steps' ? answer.labels.length : 0).map((r) => r.key),
        `${field.name}.firstError`,
      ];
    case 'spans':
      return [field.name];
  }
}

/** The id of the active row's text field (a justification), or null when the row has none. */
export function llmTextFieldId(field: WidgetField, answer: LlmAnswer): string | null {
  if (field.type === 'steps' || field.type === 'spans') return null;
  const rows = field.type === 'pairwise' ? pairwiseRows(field) : rankingRows(field);
  return rows[answer.active]?.kind === 'justification' ? justificationId(field.name) : null;
}

/** The id of a field's justification text area. */
export function justificationId(fieldName: string): string {
  return `answer-text-${fieldName}-justification`;
}

/** Where the keys act when the field is entered from the field above (first row) or below (last). */
export function enterLlmAnswer(
  field: WidgetField,
  answer: LlmAnswer,
  from: 'above' | 'below',
): LlmAnswer {
  const count = llmRowKeys(field, answer).length - (field.type === 'steps' ? 1 : 0);
  const active = from === 'above' ? 0 : Math.max(0, count - 1);
  return answer.kind === 'ranking' ? { ...answer, active, selected: null } : { ...answer, active };
}

/**
 * Whether a key goes to a response being dragged from the keyboard (Space picked it up on its
 * handle; ↑ ↓ move it, Space drops it, Esc cancels): the workspace must leave such keys alone.
 */
export function isKeyboardDrag(target: EventTarget | null): boolean {
  return (
    typeof Element !== 'undefined' &&
    target instanceof Element &&
    target.closest('[data-dnd-handle][aria-pressed="true"]') !== null
  );
}
