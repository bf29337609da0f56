// Key presses for tests of the keyboard logic: one press, and a sequence of them through a
// widget's interpret function.

import type { LlmKeyResult, LlmPress } from '../lib/llm-answer-rows';

/** A press of `key`, with no modifier and outside any text field unless `extra` says so. */
export function keyPress(key: string, extra: Partial<LlmPress> = {}): LlmPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    inField: false,
    ...extra,
  };
}

/** The result of the last of `keys` (names or whole presses), each applied to the state before it. */
export function pressKeys<S>(
  interpret: (state: S, press: LlmPress) => LlmKeyResult<S>,
  keys: readonly (string | LlmPress)[],
  start: S,
): LlmKeyResult<S> {
  let result: LlmKeyResult<S> = { state: start, handled: true, focus: null };
  for (const key of keys)
    result = interpret(result.state, typeof key === 'string' ? keyPress(key) : key);
  return result;
}
