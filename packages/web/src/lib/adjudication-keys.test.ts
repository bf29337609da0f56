import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '@concord/core/config';
import { answerRows } from './annotation-draft';
import { chooseOn, interpretAdjudicationKey } from './adjudication-keys';
import type { AdjudicationPress, AdjudicationState } from './adjudication-keys';

const config = {
  fields: [
    {
      name: 'sentiment',
      type: 'choice',
      labels: [{ value: 'positive' }, { value: 'neutral' }, { value: 'negative' }],
      multiple: false,
      required: true,
    },
    { name: 'quality', type: 'rating', min: 1, max: 5, required: true },
  ],
} as ProjectConfig;
const rows = answerRows(config);

const press = (key: string, extra: Partial<AdjudicationPress> = {}): AdjudicationPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inRationale: false,
  inField: false,
  ...extra,
});
const start: AdjudicationState = { draft: {}, active: 0 };

describe('interpretAdjudicationKey', () => {
  it('picks a label by its digit and moves on to the next row', () => {
    const result = interpretAdjudicationKey(start, rows, press('3'));
    expect(result).toMatchObject({
      state: { draft: { sentiment: 'negative' }, active: 1 },
      command: null,
      handled: true,
    });
  });

  it('goes to the rationale once the last row is answered', () => {
    const result = interpretAdjudicationKey({ draft: {}, active: 1 }, rows, press('4'));
    expect(result.state.draft).toEqual({ quality: 4 });
    expect(result.command).toEqual({ kind: 'focus-rationale' });
  });

  it('swallows a digit with no label, so it does nothing else either', () => {
    expect(interpretAdjudicationKey(start, rows, press('7'))).toMatchObject({
      state: start,
      handled: true,
    });
  });

  it('decides on Enter, skips on s, and goes to the rationale on r', () => {
    expect(interpretAdjudicationKey(start, rows, press('Enter')).command).toEqual({
      kind: 'decide',
    });
    expect(interpretAdjudicationKey(start, rows, press('s')).command).toEqual({ kind: 'skip' });
    expect(interpretAdjudicationKey(start, rows, press('r')).command).toEqual({
      kind: 'focus-rationale',
    });
  });

  it('lets the rationale take text: Enter decides, Shift+Enter is a new line, Esc leaves', () => {
    const typing = { inRationale: true };
    expect(interpretAdjudicationKey(start, rows, press('2', typing)).handled).toBe(false);
    expect(interpretAdjudicationKey(start, rows, press('s', typing)).handled).toBe(false);
    expect(interpretAdjudicationKey(start, rows, press('Enter', typing)).command).toEqual({
      kind: 'decide',
    });
    expect(
      interpretAdjudicationKey(start, rows, press('Enter', { ...typing, shiftKey: true })).handled,
    ).toBe(false);
    expect(interpretAdjudicationKey(start, rows, press('Escape', typing)).command).toEqual({
      kind: 'focus-choices',
    });
  });

  it('moves between rows with the arrows and steps a score sideways', () => {
    const down = interpretAdjudicationKey(start, rows, press('ArrowDown'));
    expect(down.state.active).toBe(1);
    const stepped = interpretAdjudicationKey(down.state, rows, press('ArrowRight'));
    expect(stepped.state.draft).toEqual({ quality: 3 });
    // Past the last row the page scrolls as usual.
    expect(interpretAdjudicationKey(down.state, rows, press('ArrowDown')).handled).toBe(false);
  });

  it('leaves keys with Ctrl, Cmd or Alt to the browser', () => {
    expect(interpretAdjudicationKey(start, rows, press('1', { ctrlKey: true })).handled).toBe(
      false,
    );
    expect(
      interpretAdjudicationKey(start, rows, press('Enter', { metaKey: true })).command,
    ).toEqual({
      kind: 'decide',
    });
  });
});

describe('chooseOn', () => {
  it('toggles labels of a multiple choice and stays on the row', () => {
    const multi = answerRows({
      fields: [
        {
          name: 'topics',
          type: 'choice',
          labels: [{ value: 'billing' }, { value: 'refund' }],
          multiple: true,
          required: false,
        },
      ],
    });
    const once = chooseOn({ draft: {}, active: 0 }, multi, 0, 'refund');
    const twice = chooseOn(once.state, multi, 0, 'billing');
    expect(twice.state).toEqual({ draft: { topics: ['billing', 'refund'] }, active: 0 });
    expect(twice.command).toBeNull();
  });
});
