import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { answerRows, buildValue, newDraft } from './annotation-draft';
import { chooseOnRow, interpretWorkspaceKey } from './workspace-keys';
import type { WorkspacePress, WorkspaceState } from './workspace-keys';

const config = projectConfigSchema.parse({
  fields: [
    { name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] },
    { name: 'topics', type: 'choice', multiple: true, required: false, labels: ['a', 'b', 'c'] },
    { name: 'quality', type: 'rating', min: 1, max: 5, dimensions: ['fluency', 'accuracy'] },
    { name: 'note', type: 'text', required: false },
  ],
});
const rows = answerRows(config);
const start: WorkspaceState = { draft: {}, active: 0, reasonsOpen: false };

const press = (key: string, extra: Partial<WorkspacePress> = {}): WorkspacePress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inField: false,
  ...extra,
});

function typeKeys(keys: readonly string[], state = start) {
  let current = state;
  const commands = [];
  for (const key of keys) {
    const result = interpretWorkspaceKey(current, rows, press(key));
    current = result.state;
    commands.push(result.command?.kind ?? null);
  }
  return { state: current, commands };
}

describe('interpretWorkspaceKey', () => {
  it('answers a whole item from the keyboard: a label, toggles, two scores, then Enter', () => {
    const { state, commands } = typeKeys(['3', '1', '3', 'ArrowDown', '4', '2', 'Enter']);
    expect(state.draft).toEqual({
      sentiment: 'negative',
      topics: ['a', 'c'],
      quality: { fluency: 4, accuracy: 2 },
    });
    // The last score stays on its row: the text row is reached on purpose, so Enter submits.
    expect(state.active).toBe(3);
    expect(commands.at(-1)).toBe('submit');
  });

  it('moves on after a single choice but stays on a multiple one', () => {
    expect(typeKeys(['2']).state.active).toBe(1);
    expect(typeKeys(['2', '1', '2']).state.active).toBe(1);
  });

  it('ignores digits with no label or point behind them, without typing them anywhere', () => {
    const result = interpretWorkspaceKey(start, rows, press('7'));
    expect(result).toEqual({ state: start, command: null, handled: true });
  });

  it('moves between rows with the arrows and Tab, and stops at the ends', () => {
    expect(typeKeys(['ArrowUp']).state.active).toBe(0);
    expect(typeKeys(['Tab', 'Tab']).state.active).toBe(2);
    const back = interpretWorkspaceKey(
      { ...start, active: 2 },
      rows,
      press('Tab', { shiftKey: true }),
    );
    expect(back.state.active).toBe(1);
    expect(back.command).toEqual({ kind: 'focus-row' });
    expect(
      typeKeys(['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']).state.active,
    ).toBe(4);
  });

  it('steps scores and single choices with left and right, and clears a row with Backspace', () => {
    const onScore = { ...start, active: 2 };
    expect(typeKeys(['ArrowRight', 'ArrowRight'], onScore).state.draft).toEqual({
      quality: { fluency: 4 },
    });
    expect(typeKeys(['ArrowRight', 'ArrowRight', 'ArrowLeft']).state.draft).toEqual({
      sentiment: 'positive',
    });
    expect(typeKeys(['2', 'ArrowUp', 'Backspace']).state.draft).toEqual({});
  });

  it('skips with s, and gives the other reasons through the r menu', () => {
    expect(interpretWorkspaceKey(start, rows, press('s')).command).toEqual({
      kind: 'release',
      reason: 'skip',
    });
    const menu = interpretWorkspaceKey(start, rows, press('r')).state;
    expect(menu.reasonsOpen).toBe(true);
    // In the menu, digits pick a reason, not a label.
    const result = interpretWorkspaceKey(menu, rows, press('3'));
    expect(result.command).toEqual({ kind: 'release', reason: 'broken' });
    expect(result.state).toEqual(start);
    expect(interpretWorkspaceKey(menu, rows, press('Escape')).state.reasonsOpen).toBe(false);
  });

  it('opens the guidelines with g or ?, and closes them with Esc', () => {
    expect(typeKeys(['g', '?', 'Escape']).commands).toEqual([
      'toggle-guidelines',
      'toggle-guidelines',
      'close-guidelines',
    ]);
  });

  it('lets keys type in a text field; Esc leaves it, Ctrl+Enter submits from it', () => {
    const inText = { ...start, active: 4 };
    for (const key of ['1', 's', 'g', 'Enter', 'ArrowUp']) {
      expect(interpretWorkspaceKey(inText, rows, press(key, { inField: true })).handled).toBe(
        false,
      );
    }
    // Out of the field: focus going back into it would leave the keys typing.
    expect(interpretWorkspaceKey(inText, rows, press('Escape', { inField: true })).command).toEqual(
      { kind: 'leave-field' },
    );
    expect(
      interpretWorkspaceKey(inText, rows, press('Enter', { inField: true, ctrlKey: true })).command,
    ).toEqual({ kind: 'submit' });
  });

  it('treats a click on a label like its key: the row becomes active, then hands over', () => {
    const result = chooseOnRow({ ...start, active: 3 }, rows, 2, 5);
    expect(result.state).toEqual({
      draft: { quality: { fluency: 5 } },
      active: 3,
      reasonsOpen: false,
    });
    expect(chooseOnRow(start, rows, 1, 'b').state.active).toBe(1);
    expect(chooseOnRow(start, rows, 0, 7).handled).toBe(false);
  });

  it('leaves browser shortcuts alone', () => {
    expect(interpretWorkspaceKey(start, rows, press('r', { ctrlKey: true })).handled).toBe(false);
    expect(interpretWorkspaceKey(start, rows, press('1', { altKey: true })).handled).toBe(false);
  });
});

describe('interpretWorkspaceKey on pairwise, ranking and steps fields', () => {
  const llmConfig = projectConfigSchema.parse({
    fields: [
      { name: 'topic', type: 'choice', labels: ['code', 'chat'] },
      {
        name: 'pref',
        type: 'pairwise',
        dimensions: ['accuracy', 'safety'],
        justification: 'required',
        minJustificationLength: 5,
      },
      { name: 'order', type: 'ranking', allowTies: true },
      { name: 'note', type: 'text', required: false },
    ],
  });
  const llmRows = answerRows(llmConfig);
  const data = { prompt: 'Reverse a string', responses: ['s[::-1]', 'reversed(s)', 'a loop'] };
  const fresh: WorkspaceState = { ...start, draft: newDraft(llmConfig, data) };

  function run(keys: readonly (string | [string, Partial<WorkspacePress>])[], from = fresh) {
    let current = from;
    const commands: (string | null)[] = [];
    for (const entry of keys) {
      const [key, extra] = typeof entry === 'string' ? [entry, {}] : entry;
      const result = interpretWorkspaceKey(current, llmRows, press(key, extra));
      current = result.state;
      commands.push(result.handled ? (result.command?.kind ?? 'handled') : null);
    }
    return { state: current, commands };
  }

  it('answers a pairwise and a ranking field from the keys alone, then submits', () => {
    const { state, commands } = run([
      '1', // topic: code, on to the pairwise field's first row
      'a', // accuracy: A
      't', // safety: tie
      'a', // overall: A, on to the justification with focus in it
      ['x', { inField: true }], // typing is left to the text area
      ['Tab', { inField: true }], // past the widget's last row: on to the ranking
      '3', // hold response 3
      'ArrowUp',
      'ArrowUp', // now best
      '2',
      '=', // response 2 ties with the one above (1)
      'c', // keep the order
      'Enter',
    ]);
    expect(commands).toEqual([
      'focus-row',
      'leave-field', // a finished row hands over to the next: focus stays out of text fields
      'leave-field',
      'focus-row', // into the justification
      null,
      'focus-row',
      'handled',
      'handled',
      'handled',
      'handled',
      'handled',
      'handled',
      'submit',
    ]);
    const value = buildValue(llmConfig, {
      ...state.draft,
      pref: { ...(state.draft.pref as object), justification: 'A is right.' },
    });
    expect(value).toEqual({
      topic: 'code',
      pref: {
        choice: 'A',
        dimensions: { accuracy: { choice: 'A' }, safety: { choice: 'tie' } },
        justification: 'A is right.',
      },
      order: { ranks: [2, 2, 1] },
    });
  });

  it('walks through every row with ↑ and ↓, entering a widget on its first or last row', () => {
    const down = run(['ArrowDown']).state;
    expect(down.active).toBe(1);
    expect((down.draft.pref as { active: number }).active).toBe(0);
    // Up from the pairwise field's first row leaves it for the row above.
    expect(run(['ArrowUp'], down).state.active).toBe(0);
    // Up from the ranking's first row lands on the pairwise field's last row (the justification).
    const fromBelow = run(['ArrowUp'], { ...fresh, active: 2 });
    expect(fromBelow.state.active).toBe(1);
    expect((fromBelow.state.draft.pref as { active: number }).active).toBe(3);
    expect(fromBelow.commands).toEqual(['focus-row']);
  });

  it('leaves the justification with Esc so the keys act again, and Ctrl+Enter submits from it', () => {
    const inText = run(['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']).state;
    expect((inText.draft.pref as { active: number }).active).toBe(3);
    expect(run([['Escape', { inField: true }]], inText).commands).toEqual(['leave-field']);
    expect(run([['Enter', { inField: true, ctrlKey: true }]], inText).commands).toEqual(['submit']);
  });

  it('gives the digits to the open menu of reasons, and ⌫ only to the widget', () => {
    const onRanking = { ...fresh, active: 2, reasonsOpen: true };
    expect(run(['2'], onRanking).commands).toEqual(['release']);
    const answered = run(['1', 'a']).state;
    const cleared = run(['Backspace'], answered).state;
    expect(cleared.draft.pref).toMatchObject({ kind: 'pairwise', dimensions: {} });
    expect(cleared.draft.order).toBe(answered.draft.order);
  });
});
