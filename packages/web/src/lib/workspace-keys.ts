// The keyboard of the annotation workspace, as a pure function of the answer so far and a key.
// Digits pick labels and scores on the active row (a single choice or a score moves on to the
// next row, a multiple choice toggles and stays), arrows and Tab move between rows, Enter
// submits, `s` skips, `r` opens the other reasons to give an item back, `g` or `?` the
// guidelines. In a text field keys type text; Esc leaves it, Tab moves on, Ctrl+Enter submits.
// On a pairwise, ranking or steps field the keys go to its widget first (llm-answer.ts); what it
// leaves — ↑ on its first row, ↓ on its last, Enter, s, g — goes on to the workspace.

import type { ReleaseReason } from '../api/types';
import {
  clearRow,
  llmAnswerOf,
  pickLabel,
  rowValue,
  scalePoints,
  setScore,
  stepScore,
} from './annotation-draft';
import type { AnswerRow, Draft } from './annotation-draft';
import { enterLlmAnswer, interpretLlmKey } from './llm-answer';

/** The reasons of the `r` menu, in the order of their digits; `s` alone gives "skip". */
export const OTHER_REASONS: readonly Exclude<ReleaseReason, 'skip'>[] = [
  'unclear',
  'offensive',
  'broken',
  'other',
];

export interface WorkspaceState {
  readonly draft: Draft;
  /** Index of the row the keys act on. */
  readonly active: number;
  /** The menu of reasons for giving the item back is open. */
  readonly reasonsOpen: boolean;
}

export interface WorkspacePress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  /** Typed into one of the answer's text fields. */
  readonly inField: boolean;
}

export type WorkspaceCommand =
  | { readonly kind: 'submit' }
  | { readonly kind: 'release'; readonly reason: ReleaseReason }
  | { readonly kind: 'toggle-guidelines' }
  | { readonly kind: 'close-guidelines' }
  /** Put focus where the active row wants it: in its text field, or out of any field. */
  | { readonly kind: 'focus-row' }
  /** Out of any text field, so that keys act on the active row again (Esc). */
  | { readonly kind: 'leave-field' };

export interface WorkspaceResult {
  readonly state: WorkspaceState;
  readonly command: WorkspaceCommand | null;
  /** The key was used: the browser must not act on it too. */
  readonly handled: boolean;
}

const ignored = (state: WorkspaceState): WorkspaceResult => ({
  state,
  command: null,
  handled: false,
});
const done = (state: WorkspaceState, command: WorkspaceCommand | null = null): WorkspaceResult => ({
  state,
  command,
  handled: true,
});

/** Tab past the first or last row leaves the answer, so the rest of the page stays reachable. */
function tab(state: WorkspaceState, rows: readonly AnswerRow[], back: boolean): WorkspaceResult {
  const to = state.active + (back ? -1 : 1);
  return to < 0 || to >= rows.length ? ignored(state) : moveTo(state, rows, to);
}

/**
 * Makes row `to` the active one. Entering a pairwise, ranking or steps field from above puts its
 * keys on its first row, from below on its last, so ↑ and ↓ walk through every row on the page.
 */
function moveTo(state: WorkspaceState, rows: readonly AnswerRow[], to: number): WorkspaceResult {
  const active = Math.min(rows.length - 1, Math.max(0, to));
  const row = rows[active];
  const answer = row?.kind === 'llm' ? llmAnswerOf(state.draft, row.field) : null;
  if (row?.kind !== 'llm' || answer === null || active === state.active)
    return done({ ...state, active }, { kind: 'focus-row' });
  const entered = enterLlmAnswer(row.field, answer, active > state.active ? 'above' : 'below');
  return done(
    { ...state, active, draft: { ...state.draft, [row.field.name]: entered } },
    { kind: 'focus-row' },
  );
}

/**
 * A key for the widget of the active pairwise, ranking or steps field; null when it is not one
 * or leaves the key to the workspace. The menu of reasons, when open, takes its digits first.
 */
function llmKey(
  state: WorkspaceState,
  rows: readonly AnswerRow[],
  press: WorkspacePress,
): WorkspaceResult | null {
  const row = rows[state.active];
  if (state.reasonsOpen || row?.kind !== 'llm') return null;
  const answer = llmAnswerOf(state.draft, row.field);
  if (answer === null) return null;
  const result = interpretLlmKey(row.field, answer, press);
  if (!result.handled) return null;
  const next =
    result.state === answer
      ? state
      : { ...state, draft: { ...state.draft, [row.field.name]: result.state } };
  const command: WorkspaceCommand | null =
    result.focus === 'text'
      ? { kind: 'focus-row' }
      : result.focus === 'row'
        ? { kind: 'leave-field' }
        : null;
  return done(next, command);
}

/**
 * After a label or score is picked, a row that takes one answer hands over to the next row
 * with labels or scores. It never lands in a text field by itself: Enter would then type a
 * line break instead of submitting. Text is reached on purpose, with ↓ or Tab.
 */
function picked(state: WorkspaceState, rows: readonly AnswerRow[], draft: Draft): WorkspaceResult {
  const row = rows[state.active];
  const stays = row === undefined || (row.kind === 'choice' && row.field.multiple);
  const next = rows.findIndex((r, i) => i > state.active && r.kind !== 'text');
  if (stays || next === -1) return done({ ...state, draft });
  return moveTo({ ...state, draft }, rows, next);
}

/**
 * A label or score chosen on a row, by key or by click: the row becomes the active one, and a
 * row that takes one answer hands over to the next.
 */
export function chooseOnRow(
  state: WorkspaceState,
  rows: readonly AnswerRow[],
  index: number,
  value: string | number,
): WorkspaceResult {
  const row = rows[index];
  const at = { ...state, active: index };
  if (row?.kind === 'choice' && typeof value === 'string') {
    return picked(at, rows, pickLabel(at.draft, row.field, value));
  }
  if (row?.kind === 'rating' && typeof value === 'number') {
    return picked(at, rows, setScore(at.draft, row, value));
  }
  return ignored(state);
}

function digit(state: WorkspaceState, rows: readonly AnswerRow[], key: string): WorkspaceResult {
  const row = rows[state.active];
  if (row?.kind === 'choice') {
    const label = row.field.labels[Number(key) - 1];
    if (key === '0' || label === undefined) return done(state);
    return chooseOnRow(state, rows, state.active, label.value);
  }
  if (row?.kind === 'rating') {
    const point = scalePoints(row.field).find((p) => p.key === key);
    if (point === undefined) return done(state);
    return chooseOnRow(state, rows, state.active, point.value);
  }
  return ignored(state);
}

/** Left and right: a score one step down or up; on a single choice, the label before or after. */
function sideways(
  state: WorkspaceState,
  row: AnswerRow | undefined,
  step: 1 | -1,
): WorkspaceResult {
  if (row?.kind === 'rating') return done({ ...state, draft: stepScore(state.draft, row, step) });
  if (row?.kind === 'choice' && !row.field.multiple) {
    const labels = row.field.labels;
    const current = labels.findIndex((l) => l.value === rowValue(state.draft, row));
    const index =
      current === -1
        ? step === 1
          ? 0
          : labels.length - 1
        : Math.min(labels.length - 1, Math.max(0, current + step));
    const label = labels[index];
    return label === undefined
      ? done(state)
      : done({ ...state, draft: pickLabel(state.draft, row.field, label.value) });
  }
  return ignored(state);
}

export function interpretWorkspaceKey(
  state: WorkspaceState,
  rows: readonly AnswerRow[],
  press: WorkspacePress,
): WorkspaceResult {
  const { key } = press;
  const modified = press.ctrlKey || press.metaKey;
  const widget = llmKey(state, rows, press);
  if (widget !== null) return widget;
  if (key === 'Enter' && modified) return done(state, { kind: 'submit' });
  if (key === 'Tab') return tab(state, rows, press.shiftKey);

  if (press.inField) {
    return key === 'Escape' ? done(state, { kind: 'leave-field' }) : ignored(state);
  }
  if (modified || press.altKey) return ignored(state);

  if (state.reasonsOpen) {
    const reason = OTHER_REASONS[Number(key) - 1];
    if (/^[1-9]$/.test(key) && reason !== undefined) {
      return done({ ...state, reasonsOpen: false }, { kind: 'release', reason });
    }
    if (key === 'Escape' || key.toLowerCase() === 'r')
      return done({ ...state, reasonsOpen: false });
    return ignored(state);
  }

  if (/^[0-9]$/.test(key)) return digit(state, rows, key);
  const row = rows[state.active];
  switch (key) {
    case 'ArrowDown':
      return moveTo(state, rows, state.active + 1);
    case 'ArrowUp':
      return moveTo(state, rows, state.active - 1);
    case 'ArrowRight':
      return sideways(state, row, 1);
    case 'ArrowLeft':
      return sideways(state, row, -1);
    case 'Backspace':
    case 'Delete':
      return row === undefined
        ? ignored(state)
        : done({ ...state, draft: clearRow(state.draft, row) });
    case 'Enter':
      return done(state, { kind: 'submit' });
    case 'Escape':
      return done(state, { kind: 'close-guidelines' });
    case '?':
      return done(state, { kind: 'toggle-guidelines' });
  }
  switch (key.toLowerCase()) {
    case 's':
      return done(state, { kind: 'release', reason: 'skip' });
    case 'r':
      return done({ ...state, reasonsOpen: true });
    case 'g':
      return done(state, { kind: 'toggle-guidelines' });
    default:
      return ignored(state);
  }
}
