// The keyboard of the adjudication queue, as a pure function of the decision so far and a key.
// Digits pick a label or score on the active row (a single pick moves on, and after the last row
// on to the rationale), arrows move between rows and step scores, Enter decides, `r` goes to the
// rationale, `s` skips to the next item. In the rationale Enter decides and Shift+Enter starts a
// new line; Esc leaves it for the labels again.

import { pickLabel, scalePoints, setScore, stepScore } from './annotation-draft';
import type { AnswerRow, Draft } from './annotation-draft';

export interface AdjudicationState {
  readonly draft: Draft;
  /** Index of the row digits act on. */
  readonly active: number;
}

export interface AdjudicationPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  /** Typed into the rationale. */
  readonly inRationale: boolean;
  /** Typed into another field (a text field of the answer). */
  readonly inField: boolean;
}

export type AdjudicationCommand =
  | { readonly kind: 'decide' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'focus-rationale' }
  /** Leave any field, so digits pick labels again. */
  | { readonly kind: 'focus-choices' };

export interface AdjudicationResult {
  readonly state: AdjudicationState;
  readonly command: AdjudicationCommand | null;
  /** The key was used: the browser (and the shell's shortcuts) must not act on it too. */
  readonly handled: boolean;
}

const ignored = (state: AdjudicationState): AdjudicationResult => ({
  state,
  command: null,
  handled: false,
});
const done = (
  state: AdjudicationState,
  command: AdjudicationCommand | null = null,
): AdjudicationResult => ({ state, command, handled: true });

/**
 * A label or score chosen on a row, by key or by click. A row that takes one answer hands over to
 * the next row, and the last one to the rationale; a multiple choice toggles and stays.
 */
export function chooseOn(
  state: AdjudicationState,
  rows: readonly AnswerRow[],
  index: number,
  value: string | number,
): AdjudicationResult {
  const row = rows[index];
  let draft: Draft;
  if (row?.kind === 'choice' && typeof value === 'string')
    draft = pickLabel(state.draft, row.field, value);
  else if (row?.kind === 'rating' && typeof value === 'number')
    draft = setScore(state.draft, row, value);
  else return ignored(state);
  const stays = row.kind === 'choice' && row.field.multiple;
  if (stays) return done({ draft, active: index });
  const next = rows.findIndex((r, i) => i > index && r.kind !== 'text');
  if (next === -1) return done({ draft, active: index }, { kind: 'focus-rationale' });
  return done({ draft, active: next });
}

function digit(
  state: AdjudicationState,
  rows: readonly AnswerRow[],
  key: string,
): AdjudicationResult {
  const row = rows[state.active];
  if (row?.kind === 'choice') {
    const label = key === '0' ? undefined : row.field.labels[Number(key) - 1];
    return label === undefined ? done(state) : chooseOn(state, rows, state.active, label.value);
  }
  if (row?.kind === 'rating') {
    const point = scalePoints(row.field).find((p) => p.key === key);
    return point === undefined ? done(state) : chooseOn(state, rows, state.active, point.value);
  }
  return ignored(state);
}

export function interpretAdjudicationKey(
  state: AdjudicationState,
  rows: readonly AnswerRow[],
  press: AdjudicationPress,
): AdjudicationResult {
  const { key } = press;
  const modified = press.ctrlKey || press.metaKey;
  if (key === 'Enter' && modified) return done(state, { kind: 'decide' });
  if (press.inRationale) {
    if (key === 'Enter' && !press.shiftKey && !press.altKey) return done(state, { kind: 'decide' });
    if (key === 'Escape') return done(state, { kind: 'focus-choices' });
    return ignored(state);
  }
  if (press.inField) {
    return key === 'Escape' ? done(state, { kind: 'focus-choices' }) : ignored(state);
  }
  if (modified || press.altKey) return ignored(state);
  if (/^[0-9]$/.test(key)) return digit(state, rows, key);
  const row = rows[state.active];
  switch (key) {
    // Past the first or last row, the arrows scroll the page as usual.
    case 'ArrowDown':
      return state.active >= rows.length - 1
        ? ignored(state)
        : done({ ...state, active: state.active + 1 });
    case 'ArrowUp':
      return state.active <= 0 ? ignored(state) : done({ ...state, active: state.active - 1 });
    case 'ArrowRight':
    case 'ArrowLeft':
      return row?.kind === 'rating'
        ? done({ ...state, draft: stepScore(state.draft, row, key === 'ArrowRight' ? 1 : -1) })
        : ignored(state);
    case 'Enter':
      return done(state, { kind: 'decide' });
    case 'r':
      return done(state, { kind: 'focus-rationale' });
    case 's':
      return done(state, { kind: 'skip' });
    default:
      return ignored(state);
  }
}
