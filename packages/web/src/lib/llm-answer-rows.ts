// What the answer widgets of LLM feedback fields (pairwise, ranking, steps) share: a widget is a
// list of rows the keyboard moves through, with one active row; a key either changes the answer,
// moves the active row, or is left to the workspace (Enter submits, ↑ on the first row goes to the
// field above). Problems of a value — from core's validation, the same the server runs — are put
// on the row their path names.

import type { LlmField } from '@concord/core/config';
import { validateLlmFieldValue } from '@concord/core/config';
import type { WorkspacePress } from './workspace-keys';

/** A key press as the workspace reads it: the key, its modifiers, and whether it was typed in a text field. */
export type LlmPress = WorkspacePress;

/** Where focus should go after a key: into the active row's text field, or out of any field so keys act. */
export type LlmFocus = 'text' | 'row';

export interface LlmKeyResult<S> {
  readonly state: S;
  /** The key was used: the browser and the workspace must not act on it too. */
  readonly handled: boolean;
  /** Where focus goes; null: it stays where it is. */
  readonly focus: LlmFocus | null;
}

export const ignored = <S>(state: S): LlmKeyResult<S> => ({ state, handled: false, focus: null });
export const handled = <S>(state: S, focus: LlmFocus | null = null): LlmKeyResult<S> => ({
  state,
  handled: true,
  focus,
});

/** A row of a widget: its key names it in problems (`pref.dimensions.safety`, `steps.final`). */
export interface LlmRow {
  readonly key: string;
  /** A text row (the justification): focus goes into its field when it becomes active. */
  readonly text?: boolean;
}

/**
 * Moves the active row by `step`; past the first or last row the key is left to the workspace,
 * which moves to the field above or below.
 */
export function moveRow<S extends { readonly active: number }>(
  state: S,
  rows: readonly LlmRow[],
  step: number,
  extra: Partial<S> = {},
): LlmKeyResult<S> {
  const to = state.active + step;
  if (to < 0 || to >= rows.length) return ignored(state);
  return handled({ ...state, ...extra, active: to }, rows[to]?.text === true ? 'text' : 'row');
}

/** Makes row `to` the active one, as a click does; focus follows like a key move. */
export function activateRow<S extends { readonly active: number }>(
  state: S,
  rows: readonly LlmRow[],
  to: number,
  extra: Partial<S> = {},
): LlmKeyResult<S> {
  if (to < 0 || to >= rows.length || to === state.active) return handled(state);
  return handled({ ...state, ...extra, active: to }, rows[to]?.text === true ? 'text' : 'row');
}

/**
 * The entry one step before or after `current` in a list (← and →): from none, the first or the
 * last; never past either end.
 */
export function stepAlong<T>(list: readonly T[], current: T | null, step: 1 | -1): T | undefined {
  const at = current === null ? -1 : list.indexOf(current);
  if (at === -1) return list[step === 1 ? 0 : list.length - 1];
  return list[Math.min(list.length - 1, Math.max(0, at + step))];
}

/** "body.value.pref.dimensions.safety.choice" → "pref.dimensions.safety.choice". */
function fieldPath(path: string): string {
  return path.replace(/^(body\.)?value\./, '');
}

/**
 * The key of the row a problem belongs to: the longest key that the path starts with (at a `.`
 * or `[`), or the field's name when no row matches — a problem of the field as a whole.
 *
 * @example
 * rowKeyOfIssue(['pref.dimensions.safety', 'pref'], 'pref', 'value.pref.dimensions.safety.choice');
 * // 'pref.dimensions.safety'
 */
export function rowKeyOfIssue(keys: readonly string[], fieldName: string, path: string): string {
  const at = fieldPath(path);
  let best: string | null = null;
  for (const key of keys) {
    const matches = at === key || at.startsWith(`${key}.`) || at.startsWith(`${key}[`);
    if (matches && (best === null || key.length > best.length)) best = key;
  }
  return best ?? fieldName;
}

/**
 * What keeps a field's value from being sent, by row key: core's validation (the server's), each
 * issue on the row its path names, the first issue of a row only. A row not answered yet says
 * what is missing (`unanswered`) instead of what the value should look like.
 */
export function fieldProblems<R extends LlmRow>(
  field: LlmField,
  value: unknown,
  data: unknown,
  rows: readonly R[],
  unanswered: (row: R) => string | null,
  extraKeys: readonly string[] = [],
): Readonly<Record<string, string>> {
  const keys = [...rows.map((r) => r.key), ...extraKeys];
  const problems: Record<string, string> = {};
  for (const issue of validateLlmFieldValue(field, value, data)) {
    const key = rowKeyOfIssue(keys, field.name, issue.path);
    const row = rows.find((r) => r.key === key);
    problems[key] ??=
      (row === undefined ? null : unanswered(row)) ??
      (issue.message === 'required' ? 'needs an answer' : issue.message);
  }
  return problems;
}

/** The length of a justification as the server counts it: characters of the trimmed text. */
export function justificationLength(text: string): number {
  return [...text.trim()].length;
}

/** A row of a pairwise or ranking field: a dimension, the overall judgment, or the justification. */
export type ComparisonRow =
  | { readonly kind: 'dimension'; readonly key: string; readonly dimension: string }
  | { readonly kind: 'overall'; readonly key: string }
  | { readonly kind: 'justification'; readonly key: string; readonly text: true };

interface ComparisonField {
  readonly name: string;
  readonly dimensions: readonly string[];
  readonly justification: 'required' | 'optional';
  readonly required: boolean;
}

/** The rows of a pairwise or ranking field: its dimensions in order, the overall judgment, the justification. */
export function comparisonRows(field: ComparisonField): ComparisonRow[] {
  return [
    ...field.dimensions.map((dimension): ComparisonRow => ({
      kind: 'dimension',
      key: `${field.name}.dimensions.${dimension}`,
      dimension,
    })),
    { kind: 'overall', key: field.name },
    { kind: 'justification', key: `${field.name}.justification`, text: true },
  ];
}

/**
 * After a row is finished the next row becomes active — except a justification nobody has to
 * write: then the keys stay, and Enter submits.
 */
export function moveOnFrom<S extends { readonly active: number }>(
  field: ComparisonField,
  state: S,
  extra: Partial<S> = {},
): LlmKeyResult<S> {
  const rows = comparisonRows(field);
  const next = rows[state.active + 1];
  if (next === undefined || (next.kind === 'justification' && field.justification !== 'required'))
    return handled({ ...state, ...extra });
  return moveRow(state, rows, 1, extra);
}

/**
 * The value of a pairwise or ranking field: the overall part, `dimensions` with the judged ones
 * (always present when the field has dimensions, so that validation names each missing one), and
 * the justification when written. Undefined when nothing is answered and the field is optional.
 */
export function comparisonValue(
  field: ComparisonField,
  overall: Readonly<Record<string, unknown>> | null,
  dimension: (name: string) => unknown,
  justification: string,
): Readonly<Record<string, unknown>> | undefined {
  const dimensions: Record<string, unknown> = {};
  for (const name of field.dimensions) {
    const judged = dimension(name);
    if (judged !== undefined) dimensions[name] = judged;
  }
  const written = justification.trim() !== '';
  if (overall === null && Object.keys(dimensions).length === 0 && !written && !field.required)
    return undefined;
  return {
    ...overall,
    ...(field.dimensions.length > 0 ? { dimensions } : {}),
    ...(written ? { justification } : {}),
  };
}
