import { describe, expect, it } from 'vitest';
import { CHORD_MS, INITIAL_KEYMAP_STATE, interpretKey } from './keymap';
import type { KeyPress, KeymapState } from './keymap';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  ...extra,
});

function typeKeys(keys: readonly [string, number][], start: KeymapState = INITIAL_KEYMAP_STATE) {
  let state = start;
  const actions = [];
  for (const [key, at] of keys) {
    const result = interpretKey(state, press(key), at);
    state = result.state;
    actions.push(result.action);
  }
  return actions;
}

describe('interpretKey', () => {
  it('jumps to a page with g then a letter', () => {
    expect(
      typeKeys([
        ['g', 0],
        ['u', 300],
      ]),
    ).toEqual([null, { kind: 'go', key: 'u' }]);
  });

  it('forgets a g that was pressed too long ago', () => {
    expect(
      typeKeys([
        ['g', 0],
        ['u', CHORD_MS + 1],
      ]),
    ).toEqual([null, null]);
  });

  it('never takes keys typed into a field, so people can type "g" and "/" in names', () => {
    const result = interpretKey({ gPressedAt: 0 }, press('u', { inField: true }), 10);
    expect(result.action).toBeNull();
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('/', { inField: true }), 0).action).toBeNull();
  });

  it('leaves browser shortcuts alone', () => {
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('n', { ctrlKey: true }), 0).action).toBeNull();
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('/', { metaKey: true }), 0).action).toBeNull();
  });

  it('maps the single keys', () => {
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('/'), 0).action).toEqual({
      kind: 'focus-search',
    });
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('n'), 0).action).toEqual({ kind: 'new' });
    expect(interpretKey(INITIAL_KEYMAP_STATE, press('?'), 0).action).toEqual({ kind: 'help' });
  });

  it('dismisses with Escape even from inside a field', () => {
    expect(
      interpretKey(INITIAL_KEYMAP_STATE, press('Escape', { inField: true }), 0).action,
    ).toEqual({ kind: 'dismiss' });
  });
});
