// The answer to a steps field, built from the keyboard: a row per step, then a row for the final
// answer. j / ↓ and k / ↑ move between them; a digit picks the label of the active row (the step
// labels on a step, the final-answer labels on the last row) and moves on; ← / → step through the
// labels; `f` marks the active step as the first error (again: unmarks it); ⌫ clears the row.
// When the field names its error labels, the first error follows the labels: labelling a step
// with an error label before the marked one moves the mark there, as the server requires.

import type { LabelDefinition, StepsField } from '@concord/core/config';
import {
  activateRow,
  fieldProblems,
  handled,
  ignored,
  moveRow,
  stepAlong,
} from './llm-answer-rows';
import type { LlmKeyResult, LlmPress, LlmRow } from './llm-answer-rows';

export type StepsRow =
  | { readonly kind: 'step'; readonly key: string; readonly step: number }
  | { readonly kind: 'final'; readonly key: string };

export interface StepsAnswer {
  readonly kind: 'steps';
  /** The active row: a step's index, or the number of steps for the final answer's row. */
  readonly active: number;
  /** The label of each step, null while not labelled. */
  readonly labels: readonly (string | null)[];
  readonly firstError: number | null;
  readonly final: string | null;
}

export function newStepsAnswer(count: number): StepsAnswer {
  return {
    kind: 'steps',
    active: 0,
    labels: Array.from({ length: count }, () => null),
    firstError: null,
    final: null,
  };
}

/** The rows: one per step, then the final answer's. */
export function stepsRows(field: StepsField, count: number): StepsRow[] {
  return [
    ...Array.from({ length: count }, (_, step): StepsRow => ({
      kind: 'step',
      key: `${field.name}.steps[${step}]`,
      step,
    })),
    { kind: 'final', key: `${field.name}.final` },
  ];
}

/** The key under which problems of the first error are shown. */
export function firstErrorKey(field: StepsField): string {
  return `${field.name}.firstError`;
}

/** The labels the row takes: the step labels, or the final answer's. */
export function rowLabels(
  field: StepsField,
  row: StepsRow | undefined,
): readonly LabelDefinition[] {
  return row?.kind === 'final' ? field.finalLabels : field.labels;
}

function isError(field: StepsField, label: string | null): boolean {
  return label !== null && field.errorLabels?.includes(label) === true;
}

/**
 * The first error after a step's label changed: with error labels configured, the earliest step
 * labelled an error takes the mark when it comes before the marked one (or none is marked), and a
 * marked step relabelled as no error hands the mark to the next step labelled an error.
 */
function followFirstError(field: StepsField, answer: StepsAnswer, step: number): number | null {
  const { firstError, labels } = answer;
  if (!field.firstError || field.errorLabels === undefined) return firstError;
  const label = labels[step] ?? null;
  if (isError(field, label) && (firstError === null || step < firstError)) return step;
  if (step === firstError && !isError(field, label)) {
    const next = labels.findIndex((l) => isError(field, l));
    return next === -1 ? null : next;
  }
  return firstError;
}

function rows(field: StepsField, answer: StepsAnswer): LlmRow[] {
  return stepsRows(field, answer.labels.length);
}

/** Picks a label on a row (a key or a click): the row becomes active, then the next row does. */
export function labelStep(
  field: StepsField,
  answer: StepsAnswer,
  index: number,
  label: string,
): LlmKeyResult<StepsAnswer> {
  const all = stepsRows(field, answer.labels.length);
  const row = all[index];
  if (row === undefined || !rowLabels(field, row).some((l) => l.value === label))
    return handled(answer);
  let next: StepsAnswer;
  if (row.kind === 'final') {
    next = { ...answer, final: label, active: index };
  } else {
    const labels = answer.labels.map((l, i) => (i === row.step ? label : l));
    const labelled = { ...answer, labels, active: index };
    next = { ...labelled, firstError: followFirstError(field, labelled, row.step) };
  }
  return row.kind === 'final' ? handled(next) : moveRow(next, all, 1);
}

/** Marks a step as the first error, or unmarks it when it is marked. */
export function toggleFirstError(
  field: StepsField,
  answer: StepsAnswer,
  step: number,
): StepsAnswer {
  if (!field.firstError || step < 0 || step >= answer.labels.length) return answer;
  return { ...answer, firstError: answer.firstError === step ? null : step };
}

export function clearStepsRow(field: StepsField, answer: StepsAnswer, index: number): StepsAnswer {
  const row = stepsRows(field, answer.labels.length)[index];
  if (row === undefined) return answer;
  if (row.kind === 'final') return { ...answer, final: null };
  const cleared = { ...answer, labels: answer.labels.map((l, i) => (i === row.step ? null : l)) };
  return { ...cleared, firstError: followFirstError(field, cleared, row.step) };
}

export function activateStepsRow(
  field: StepsField,
  answer: StepsAnswer,
  index: number,
): LlmKeyResult<StepsAnswer> {
  return activateRow(answer, rows(field, answer), index);
}

export function rowLabel(answer: StepsAnswer, row: StepsRow | undefined): string | null {
  if (row?.kind === 'final') return answer.final;
  if (row?.kind === 'step') return answer.labels[row.step] ?? null;
  return null;
}

function sideways(field: StepsField, answer: StepsAnswer, step: 1 | -1): LlmKeyResult<StepsAnswer> {
  const row = stepsRows(field, answer.labels.length)[answer.active];
  const labels = rowLabels(field, row).map((l) => l.value);
  const label = stepAlong(labels, rowLabel(answer, row), step);
  if (label === undefined || row === undefined) return handled(answer);
  // Stepping through the labels is browsing: it stays on the row.
  const result = labelStep(field, answer, answer.active, label);
  return handled({ ...result.state, active: answer.active });
}

/** What a key does on a steps field; see the top of this file. */
export function interpretStepsKey(
  field: StepsField,
  answer: StepsAnswer,
  press: LlmPress,
): LlmKeyResult<StepsAnswer> {
  const all = rows(field, answer);
  const { key } = press;
  if (key === 'Tab') return moveRow(answer, all, press.shiftKey ? -1 : 1);
  if (press.inField || press.ctrlKey || press.metaKey || press.altKey) return ignored(answer);
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return moveRow(answer, all, 1);
    case 'ArrowUp':
    case 'k':
      return moveRow(answer, all, -1);
    case 'ArrowRight':
      return sideways(field, answer, 1);
    case 'ArrowLeft':
      return sideways(field, answer, -1);
    case 'Backspace':
    case 'Delete':
      return handled(clearStepsRow(field, answer, answer.active));
    case 'f':
    case 'F': {
      const row = stepsRows(field, answer.labels.length)[answer.active];
      if (!field.firstError || row?.kind !== 'step') return ignored(answer);
      return handled(toggleFirstError(field, answer, row.step));
    }
  }
  if (/^[1-9]$/.test(key)) {
    const row = stepsRows(field, answer.labels.length)[answer.active];
    const label = rowLabels(field, row)[Number(key) - 1];
    return label === undefined
      ? handled(answer)
      : labelStep(field, answer, answer.active, label.value);
  }
  return ignored(answer);
}

/**
 * The value to submit, `{steps, firstError, final}` per the contract of issue 5 (`firstError`
 * only when the field asks for it). Undefined when nothing is answered (an optional field left
 * alone).
 */
export function stepsValue(
  field: StepsField,
  answer: StepsAnswer,
): Readonly<Record<string, unknown>> | undefined {
  const untouched =
    answer.labels.every((l) => l === null) && answer.final === null && answer.firstError === null;
  if (untouched && !field.required) return undefined;
  const value: Record<string, unknown> = { steps: answer.labels };
  if (field.firstError) value.firstError = answer.firstError;
  value.final = answer.final;
  return value;
}

/** What keeps the answer from being sent, by row key, and the first error's under {@link firstErrorKey}. */
export function stepsProblems(
  field: StepsField,
  answer: StepsAnswer,
  data: unknown,
): Readonly<Record<string, string>> {
  return fieldProblems(
    field,
    stepsValue(field, answer),
    data,
    stepsRows(field, answer.labels.length),
    (row) => (row.kind === 'step' && rowLabel(answer, row) === null ? 'needs a label' : null),
    [firstErrorKey(field)],
  );
}
