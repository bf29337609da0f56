import { spansFieldSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import {
  applyLabel,
  attributeKeys,
  extendWord,
  interpretSpansKey,
  labelCounts,
  moveWord,
  newSpansAnswer,
  nudgeEdge,
  removeSpan,
  selectRange,
  selectSpan,
  spanToSelect,
  spansProblems,
  spansValue,
  toggleAttribute,
} from './spans-answer';
import type { SpansAnswer } from './spans-answer';
import { measure, sliceCodePoints } from './spans-text';
import { keyPress, pressKeys } from '../test/key-press';

const NOTE = 'PT DENIES CHEST PAIN. HX OF CHF. STARTED ON LASIX 40MG IV.';

const field = (overlap: 'none' | 'nested' | 'any' = 'none', required = false) =>
  spansFieldSchema.parse({
    name: 'entities',
    type: 'spans',
    labels: ['PROBLEM', 'TREATMENT', 'TEST'],
    attributes: ['negated', 'historical', 'hypothetical'],
    overlap,
    required,
  });

/** Presses keys in turn on the answer (a pair: the key with Shift). */
function keys(answer: SpansAnswer, f = field(), ...pressed: (string | [string, 'shift'])[]) {
  const presses = pressed.map((p) =>
    typeof p === 'string' ? p : keyPress(p[0], { shiftKey: true }),
  );
  return pressKeys((a: SpansAnswer, p) => interpretSpansKey(f, a, p), presses, answer).state;
}

const press = (key: string) => keyPress(key);

const selected = (a: SpansAnswer) =>
  a.selection === null
    ? null
    : sliceCodePoints(measure(a.text), a.selection.start, a.selection.end);

const fresh = () => newSpansAnswer(field(), { text: NOTE });

describe('the spans answer', () => {
  it('starts empty with the text of the field’s source', () => {
    expect(fresh()).toMatchObject({ kind: 'spans', text: NOTE, spans: [], selection: null });
    expect(newSpansAnswer(field(), { other: 'x' }).text).toBe('');
  });

  it('gives attributes their first free letter, past the workspace’s keys', () => {
    expect([...attributeKeys(field())]).toEqual([
      ['negated', 'n'],
      ['historical', 'h'],
      ['hypothetical', 'y'],
    ]);
  });

  it('selects words with → and ←, and grows or shrinks by words with Shift', () => {
    const f = field();
    let a = keys(fresh(), f, 'ArrowRight', 'ArrowRight', 'ArrowRight');
    expect(selected(a)).toBe('CHEST');
    a = keys(a, f, ['ArrowRight', 'shift']);
    expect(selected(a)).toBe('CHEST PAIN');
    a = keys(a, f, ['ArrowLeft', 'shift']);
    expect(selected(a)).toBe('CHEST');
    // Past the fixed edge the selection turns round and takes in the word before.
    a = keys(a, f, ['ArrowLeft', 'shift']);
    expect(selected(a)).toBe('DENIES CHEST');
    a = keys(a, f, ['ArrowRight', 'shift'], ['ArrowRight', 'shift']);
    expect(selected(a)).toBe('CHEST PAIN');
    a = keys(a, f, 'ArrowLeft');
    expect(selected(a)).toBe('DENIES');
  });

  it('moves the free edge a character at a time with ] and [', () => {
    const f = field();
    let a = keys(fresh(), f, 'ArrowRight', 'ArrowRight');
    a = keys(a, f, ']', ']');
    expect(selected(a)).toBe('DENIES C');
    a = keys(a, f, '[', '[', '[', '[', '[', '[', '[', '[', '[');
    expect(selected(a)).toBe('D'); // never empty
  });

  it('labels a selection with a digit, selects the new span, and flags it by key', () => {
    const f = field();
    let a = selectRange(fresh(), 9, 21); // " CHEST PAIN." → trimmed of the space
    expect(a.selection).toMatchObject({ start: 10, end: 21 });
    a = nudgeEdge(a, -1); // the full stop out
    a = keys(a, f, '1', 'n');
    expect(a.spans).toEqual([{ start: 10, end: 20, label: 'PROBLEM', attributes: ['negated'] }]);
    expect(a.selected).toBe(0);
    a = keys(a, f, 'h', 'n');
    expect(a.spans[0]?.attributes).toEqual(['historical']);
    // A re-label keeps the range and the flags.
    a = keys(a, f, '3');
    expect(a.spans).toEqual([{ start: 10, end: 20, label: 'TEST', attributes: ['historical'] }]);
  });

  it('refuses an overlap the field does not allow, with a message that says why', () => {
    let a = applyLabel(field(), selectRange(fresh(), 10, 20), 'PROBLEM');
    a = applyLabel(field(), selectRange(a, 16, 20), 'PROBLEM');
    expect(a.spans).toHaveLength(1);
    expect(a.message).toBe(
      'PROBLEM “PAIN” would overlap PROBLEM “CHEST PAIN”: spans in this field may not overlap.',
    );
    // Any key that changes the selection clears it.
    expect(keys(a, field(), 'Escape').message).toBeNull();
  });

  it('allows spans inside one another under nested, not crossing ones', () => {
    const f = field('nested');
    let a = applyLabel(f, selectRange(newSpansAnswer(f, { text: NOTE }), 10, 20), 'PROBLEM');
    a = applyLabel(f, selectRange(a, 10, 15), 'TEST');
    expect(a.spans.map((s) => [s.start, s.end, s.label])).toEqual([
      [10, 20, 'PROBLEM'],
      [10, 15, 'TEST'],
    ]);
    a = applyLabel(f, selectRange(a, 16, 27), 'TEST');
    expect(a.spans).toHaveLength(2);
    expect(a.message).toContain('may sit inside one another but not cross');
    // The same range twice with the same label is refused under every rule.
    a = applyLabel(f, selectRange(a, 10, 20), 'PROBLEM');
    expect(a.message).toBe('PROBLEM “CHEST PAIN” is already marked.');
  });

  it('allows crossing spans under any', () => {
    const f = field('any');
    let a = applyLabel(f, selectRange(newSpansAnswer(f, { text: NOTE }), 10, 20), 'PROBLEM');
    a = applyLabel(f, selectRange(a, 16, 27), 'TEST');
    expect(a.spans).toHaveLength(2);
    expect(a.message).toBeNull();
  });

  it('removes the selected span with ⌫ and selects the next one', () => {
    const f = field();
    let a = applyLabel(f, selectRange(fresh(), 10, 20), 'PROBLEM');
    a = applyLabel(f, selectRange(a, 44, 49), 'TREATMENT');
    a = applyLabel(f, selectRange(a, 28, 31), 'PROBLEM');
    expect(a.spans.map((s) => s.start)).toEqual([10, 28, 44]);
    a = keys(selectSpan(a, 1), f, 'Backspace');
    expect(a.spans.map((s) => s.start)).toEqual([10, 44]);
    expect(a.selected).toBe(1);
    expect(removeSpan(a, 7)).toBe(a);
  });

  it('says what is missing when ⌫ or a flag has no span to act on', () => {
    expect(keys(fresh(), field(), 'Delete').message).toContain('Select a span to remove');
    expect(keys(fresh(), field(), 'n').message).toContain('n marks it negated');
    expect(keys(fresh(), field(), '1').message).toContain('Select some text first');
  });

  it('walks the spans with ↓ and ↑, leaving the ends to the workspace', () => {
    const f = field();
    let a = applyLabel(f, selectRange(fresh(), 10, 20), 'PROBLEM');
    a = applyLabel(f, selectRange(a, 44, 49), 'TREATMENT');
    a = selectSpan(a, null);
    a = keys(a, f, 'ArrowDown');
    expect(a.selected).toBe(0);
    a = keys(a, f, 'ArrowDown');
    expect(a.selected).toBe(1);
    expect(interpretSpansKey(f, a, press('ArrowDown')).handled).toBe(false);
    expect(interpretSpansKey(f, a, press('Enter')).handled).toBe(false);
    expect(interpretSpansKey(f, a, press('s')).handled).toBe(false);
  });

  it('cycles a click outward through nested spans', () => {
    const f = field('nested');
    let a = applyLabel(f, selectRange(newSpansAnswer(f, { text: NOTE }), 10, 20), 'PROBLEM');
    a = applyLabel(f, selectRange(a, 10, 15), 'TEST');
    a = selectSpan(a, null);
    const inner = spanToSelect(a, 12);
    expect(a.spans[inner!]?.label).toBe('TEST');
    const outer = spanToSelect(selectSpan(a, inner), 12);
    expect(a.spans[outer!]?.label).toBe('PROBLEM');
    expect(spanToSelect(a, 2)).toBeNull();
  });

  it('submits the spans sorted, attributes sorted and only where set, and requires one when the field does', () => {
    const f = field('nested', true);
    let a = newSpansAnswer(f, { text: NOTE });
    expect(spansProblems(f, a, { text: NOTE })).toEqual({ entities: 'mark at least one span' });
    a = applyLabel(f, selectRange(a, 44, 54), 'TREATMENT');
    a = applyLabel(f, selectRange(a, 10, 20), 'PROBLEM');
    a = toggleAttribute(f, a, 1, 'hypothetical');
    a = toggleAttribute(f, a, 1, 'negated');
    expect(spansValue(a)).toEqual([
      { start: 10, end: 20, label: 'PROBLEM' },
      { start: 44, end: 54, label: 'TREATMENT', attributes: ['hypothetical', 'negated'] },
    ]);
    expect(spansProblems(f, a, { text: NOTE })).toEqual({});
    expect([...labelCounts(f, a.spans)]).toEqual([
      ['PROBLEM', 1],
      ['TREATMENT', 1],
      ['TEST', 0],
    ]);
  });

  it('measures spans in code points on a text with emoji', () => {
    const f = field();
    const text = '😀😀 fever 🌡️ 39C';
    let a = newSpansAnswer(f, { text });
    // Each emoji is a word of its own: → → → lands on "fever".
    a = keys(a, f, 'ArrowRight', 'ArrowRight', 'ArrowRight', '1');
    expect(spansValue(a)).toEqual([{ start: 3, end: 8, label: 'PROBLEM' }]);
    expect(spansProblems(f, a, { text })).toEqual({});
    a = extendWord(moveWord(a, 1), 1);
    expect(selected(a)).toBe('🌡️ 39C');
  });
});
