// The answer to a pairwise field, built from the keyboard: a row per dimension, then the overall
// preference, then the justification. On a choice row `a`, `b` and `t` pick A, B or tie; with a
// strength asked for, 1 / 2 / 3 say how much better (slightly, clearly, much); without, 1 / 2 / 3
// pick A / B / tie. ← and → step through the choices, ⌫ clears the row.

import type { PairwiseChoice, PairwiseField } from '@concord/core/config';
import {
  activateRow,
  comparisonRows,
  comparisonValue,
  fieldProblems,
  handled,
  ignored,
  moveOnFrom,
  moveRow,
  stepAlong,
} from './llm-answer-rows';
import type { ComparisonRow, LlmKeyResult, LlmPress } from './llm-answer-rows';

export type Strength = 1 | 2 | 3;

export interface PairwiseJudgment {
  readonly choice: PairwiseChoice;
  readonly strength?: Strength;
}

export type PairwiseRow = ComparisonRow;

export interface PairwiseAnswer {
  readonly kind: 'pairwise';
  /** Index of the row the keys act on. */
  readonly active: number;
  readonly dimensions: Readonly<Record<string, PairwiseJudgment>>;
  readonly overall: PairwiseJudgment | null;
  readonly justification: string;
}

export const STRENGTH_NAMES: Readonly<Record<Strength, string>> = {
  1: 'slightly better',
  2: 'clearly better',
  3: 'much better',
};

export function newPairwiseAnswer(): PairwiseAnswer {
  return { kind: 'pairwise', active: 0, dimensions: {}, overall: null, justification: '' };
}

/** The rows of a pairwise field: its dimensions in order, the overall choice, the justification. */
export function pairwiseRows(field: PairwiseField): PairwiseRow[] {
  return comparisonRows(field);
}

/** The choices the field offers, in the order of their buttons: A, B, and tie when allowed. */
export function pairwiseChoices(field: PairwiseField): readonly PairwiseChoice[] {
  return field.allowTies ? ['A', 'B', 'tie'] : ['A', 'B'];
}

/** The judgment on a row: a dimension's or the overall one; null when not given yet. */
export function judgmentOf(
  answer: PairwiseAnswer,
  row: PairwiseRow | undefined,
): PairwiseJudgment | null {
  if (row?.kind === 'dimension') return answer.dimensions[row.dimension] ?? null;
  if (row?.kind === 'overall') return answer.overall;
  return null;
}

function withJudgment(
  answer: PairwiseAnswer,
  row: PairwiseRow,
  judgment: PairwiseJudgment | null,
): PairwiseAnswer {
  if (row.kind === 'overall') return { ...answer, overall: judgment };
  if (row.kind !== 'dimension') return answer;
  const dimensions = { ...answer.dimensions };
  if (judgment === null) delete dimensions[row.dimension];
  else dimensions[row.dimension] = judgment;
  return { ...answer, dimensions };
}

/** Whether a row needs nothing more: a choice, and the strength of a preference where it is required. */
function rowComplete(field: PairwiseField, judgment: PairwiseJudgment | null): boolean {
  if (judgment === null) return false;
  if (!field.strength || judgment.choice === 'tie') return true;
  return judgment.strength !== undefined;
}

/** After a row is complete the next row becomes active (see moveOnFrom). */
function advance(field: PairwiseField, answer: PairwiseAnswer): LlmKeyResult<PairwiseAnswer> {
  const row = pairwiseRows(field)[answer.active];
  if (row === undefined || !rowComplete(field, judgmentOf(answer, row))) return handled(answer);
  return moveOnFrom(field, answer);
}

/**
 * Picks A, B or tie on a row (a key or a click): the row becomes the active one; a strength
 * already given stays with A or B and goes with a tie.
 */
export function choosePairwise(
  field: PairwiseField,
  answer: PairwiseAnswer,
  index: number,
  choice: PairwiseChoice,
): LlmKeyResult<PairwiseAnswer> {
  const rows = pairwiseRows(field);
  const row = rows[index];
  if (row === undefined || row.kind === 'justification') return ignored(answer);
  if (!pairwiseChoices(field).includes(choice)) return handled(answer);
  const strength = choice === 'tie' ? undefined : judgmentOf(answer, row)?.strength;
  const judgment: PairwiseJudgment = strength === undefined ? { choice } : { choice, strength };
  return advance(field, { ...withJudgment(answer, row, judgment), active: index });
}

/** Says how much better the chosen response is; nothing to do before A or B is chosen. */
export function setPairwiseStrength(
  field: PairwiseField,
  answer: PairwiseAnswer,
  index: number,
  strength: Strength,
): LlmKeyResult<PairwiseAnswer> {
  const rows = pairwiseRows(field);
  const row = rows[index];
  const judgment = judgmentOf(answer, row);
  if (!field.strength || row === undefined || judgment === null || judgment.choice === 'tie')
    return handled({ ...answer, active: row === undefined ? answer.active : index });
  const next = withJudgment(answer, row, { choice: judgment.choice, strength });
  return advance(field, { ...next, active: index });
}

export function clearPairwiseRow(
  field: PairwiseField,
  answer: PairwiseAnswer,
  index: number,
): PairwiseAnswer {
  const row = pairwiseRows(field)[index];
  if (row === undefined) return answer;
  if (row.kind === 'justification') return { ...answer, justification: '' };
  return withJudgment(answer, row, null);
}

export function setPairwiseJustification(answer: PairwiseAnswer, text: string): PairwiseAnswer {
  return { ...answer, justification: text };
}

/** Makes a row active, as a click on it does. */
export function activatePairwiseRow(
  field: PairwiseField,
  answer: PairwiseAnswer,
  index: number,
): LlmKeyResult<PairwiseAnswer> {
  return activateRow(answer, pairwiseRows(field), index);
}

function sideways(
  field: PairwiseField,
  answer: PairwiseAnswer,
  step: 1 | -1,
): LlmKeyResult<PairwiseAnswer> {
  const row = pairwiseRows(field)[answer.active];
  const choices = pairwiseChoices(field);
  const current = judgmentOf(answer, row);
  const choice = stepAlong(choices, current?.choice ?? null, step);
  if (choice === undefined || row === undefined) return handled(answer);
  // Stepping through the choices is browsing: it never moves on to the next row.
  const strength = choice === 'tie' ? undefined : current?.strength;
  return handled(
    withJudgment(answer, row, strength === undefined ? { choice } : { choice, strength }),
  );
}

const LETTERS: Readonly<Record<string, PairwiseChoice>> = { a: 'A', b: 'B', t: 'tie' };
const DIGIT_CHOICES: readonly PairwiseChoice[] = ['A', 'B', 'tie'];

/** What a key does on a pairwise field; see the top of this file. */
export function interpretPairwiseKey(
  field: PairwiseField,
  answer: PairwiseAnswer,
  press: LlmPress,
): LlmKeyResult<PairwiseAnswer> {
  const rows = pairwiseRows(field);
  const { key } = press;
  if (key === 'Tab') return moveRow(answer, rows, press.shiftKey ? -1 : 1);
  if (press.inField) return key === 'Escape' ? handled(answer, 'row') : ignored(answer);
  if (press.ctrlKey || press.metaKey || press.altKey) return ignored(answer);
  const row = rows[answer.active];
  switch (key) {
    case 'ArrowDown':
      return moveRow(answer, rows, 1);
    case 'ArrowUp':
      return moveRow(answer, rows, -1);
  }
  if (row === undefined || row.kind === 'justification') return ignored(answer);
  switch (key) {
    case 'ArrowRight':
      return sideways(field, answer, 1);
    case 'ArrowLeft':
      return sideways(field, answer, -1);
    case 'Backspace':
    case 'Delete':
      return handled(clearPairwiseRow(field, answer, answer.active));
  }
  const letter = LETTERS[key.toLowerCase()];
  if (letter !== undefined) {
    return letter === 'tie' && !field.allowTies
      ? ignored(answer)
      : choosePairwise(field, answer, answer.active, letter);
  }
  if (key === '1' || key === '2' || key === '3') {
    if (field.strength)
      return setPairwiseStrength(field, answer, answer.active, Number(key) as Strength);
    const choice = DIGIT_CHOICES[Number(key) - 1];
    if (choice === undefined || !pairwiseChoices(field).includes(choice)) return handled(answer);
    return choosePairwise(field, answer, answer.active, choice);
  }
  return ignored(answer);
}

/**
 * The value to submit, `{choice, strength?, dimensions?, justification?}` per the contract of
 * issue 5. Undefined when nothing is answered (an optional field left alone); while parts are
 * missing the value is incomplete, and validation says what is missing where.
 */
export function pairwiseValue(
  field: PairwiseField,
  answer: PairwiseAnswer,
): Readonly<Record<string, unknown>> | undefined {
  return comparisonValue(
    field,
    answer.overall === null ? null : { ...answer.overall },
    (dimension) => answer.dimensions[dimension],
    answer.justification,
  );
}

/** What keeps the answer from being sent, by row key (the field's name for the overall row). */
export function pairwiseProblems(
  field: PairwiseField,
  answer: PairwiseAnswer,
  data: unknown,
): Readonly<Record<string, string>> {
  return fieldProblems(field, pairwiseValue(field, answer), data, pairwiseRows(field), (row) =>
    row.kind !== 'justification' && judgmentOf(answer, row) === null ? 'needs an answer' : null,
  );
}
