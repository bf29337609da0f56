// Keyboard shortcuts of the shell. `g` then a letter jumps to a page (as in GitHub and
// Gmail), `/` focuses the page's search or first filter, `n` opens the page's "new" form,
// `?` shows the list. Keys typed into a field are never shortcuts.

export type ShortcutAction =
  | { readonly kind: 'go'; readonly key: string }
  | { readonly kind: 'focus-search' }
  | { readonly kind: 'new' }
  | { readonly kind: 'help' }
  | { readonly kind: 'dismiss' };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The key was typed into an input, textarea, select or contenteditable element. */
  readonly inField: boolean;
}

export interface KeymapState {
  /** When `g` was pressed, in ms; a follow-up key must come within CHORD_MS. */
  readonly gPressedAt: number | null;
}

export const CHORD_MS = 1500;
export const INITIAL_KEYMAP_STATE: KeymapState = { gPressedAt: null };

export interface KeymapResult {
  readonly state: KeymapState;
  readonly action: ShortcutAction | null;
}

/** What a key press means, given what came before it; `now` is in ms. */
export function interpretKey(state: KeymapState, press: KeyPress, now: number): KeymapResult {
  const idle: KeymapState = { gPressedAt: null };
  if (press.key === 'Escape') return { state: idle, action: { kind: 'dismiss' } };
  if (press.inField || press.ctrlKey || press.metaKey || press.altKey) {
    return { state: idle, action: null };
  }
  if (state.gPressedAt !== null && now - state.gPressedAt <= CHORD_MS) {
    if (press.key === 'g') return { state: { gPressedAt: now }, action: null };
    return { state: idle, action: { kind: 'go', key: press.key.toLowerCase() } };
  }
  switch (press.key) {
    case 'g':
      return { state: { gPressedAt: now }, action: null };
    case '/':
      return { state: idle, action: { kind: 'focus-search' } };
    case 'n':
      return { state: idle, action: { kind: 'new' } };
    case '?':
      return { state: idle, action: { kind: 'help' } };
    default:
      return { state: idle, action: null };
  }
}
