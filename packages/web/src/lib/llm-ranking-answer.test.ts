import { describe, expect, it } from 'vitest';
import { rankingFieldSchema, validateLlmFieldValue } from '@concord/core/config';
import type { RankingField } from '@concord/core/config';
import { keyPress as press, pressKeys } from '../test/key-press';
import {
  dropResponse,
  flatOrder,
  interpretRankingKey,
  moveInOrder,
  newRankingAnswer,
  placeInOrder,
  rankingProblems,
  rankingValue,
  ranksOf,
  tiedWithAbove,
  toggleTie,
} from './llm-ranking-answer';
import type { RankingAnswer, RankingOrder } from './llm-ranking-answer';

const pressAll = (
  field: RankingField,
  keys: readonly (string | ReturnType<typeof press>)[],
  start: RankingAnswer,
) => pressKeys((state: typeof start, p) => interpretRankingKey(field, state, p), keys, start);

const DATA = { prompt: 'Name a prime.', responses: ['2', '9', '7', '15'] };
const THREE = { prompt: 'Name a prime.', responses: ['2', '9', '7'] };

const order = (tiers: number[][]): RankingOrder => ({ tiers, ranked: true });

const strict = rankingFieldSchema.parse({ name: 'rank', type: 'ranking' });
const ties = rankingFieldSchema.parse({ name: 'rank', type: 'ranking', allowTies: true });
const rubric = rankingFieldSchema.parse({
  name: 'rank',
  type: 'ranking',
  dimensions: ['accuracy'],
  justification: 'required',
  minJustificationLength: 5,
});

describe('ranksOf', () => {
  it('gives each response its rank in item order, 1 = best', () => {
    expect(ranksOf(order([[2], [0], [3], [1]]))).toEqual([2, 4, 1, 3]);
  });

  it('gives tied responses the best rank of their tier and counts them for the next (1, 1, 3)', () => {
    expect(ranksOf(order([[2], [0, 3], [1]]))).toEqual([2, 4, 1, 2]);
    expect(ranksOf(order([[0, 1, 2]]))).toEqual([1, 1, 1]);
    // Every tied ranking it makes is one the server takes.
    expect(validateLlmFieldValue(ties, { ranks: [2, 4, 1, 2] }, DATA)).toEqual([]);
  });
});

describe('moveInOrder', () => {
  it('swaps a response with the one above or below it', () => {
    expect(flatOrder(moveInOrder(order([[0], [1], [2]]), 2, -1))).toEqual([0, 2, 1]);
    expect(flatOrder(moveInOrder(order([[0], [1], [2]]), 0, 1))).toEqual([1, 0, 2]);
  });

  it('does nothing past the top or the bottom', () => {
    const start = order([[0], [1]]);
    expect(moveInOrder(start, 0, -1)).toBe(start);
    expect(moveInOrder(start, 1, 1)).toBe(start);
  });

  it('passes a tie as a whole: the tie stays', () => {
    expect(moveInOrder(order([[0], [1, 2], [3]]), 3, -1).tiers).toEqual([[0], [3], [1, 2]]);
  });

  it('takes a tied response out of its tie, just above or below the group', () => {
    expect(moveInOrder(order([[0], [1, 2], [3]]), 2, -1).tiers).toEqual([[0], [2], [1], [3]]);
    expect(moveInOrder(order([[0], [1, 2], [3]]), 1, 1).tiers).toEqual([[0], [2], [1], [3]]);
  });

  it('turns the item’s order into an answer', () => {
    const moved = moveInOrder({ tiers: [[0], [1]], ranked: false }, 1, -1);
    expect(moved.ranked).toBe(true);
  });
});

describe('toggleTie', () => {
  it('ties a response with the one above, then unties it', () => {
    const tied = toggleTie(order([[0], [1], [2]]), 2);
    expect(tied.tiers).toEqual([[0], [1, 2]]);
    expect(tiedWithAbove(tied, 2)).toBe(true);
    expect(tiedWithAbove(tied, 1)).toBe(false);
    expect(toggleTie(tied, 2).tiers).toEqual([[0], [1], [2]]);
  });

  it('has nothing to tie the best response with', () => {
    const start = order([[1], [0]]);
    expect(toggleTie(start, 1)).toBe(start);
  });
});

describe('placeInOrder (drag and drop)', () => {
  it('puts the response at the position, alone, keeping the other ties', () => {
    expect(placeInOrder(order([[0], [1, 2], [3]]), 3, 0).tiers).toEqual([[3], [0], [1, 2]]);
    expect(placeInOrder(order([[0], [1, 2], [3]]), 0, 3).tiers).toEqual([[1, 2], [3], [0]]);
  });

  it('ties a response dropped between two tied ones with them', () => {
    expect(placeInOrder(order([[0], [1, 2], [3]]), 3, 2).tiers).toEqual([[0], [1, 3, 2]]);
  });

  it('takes a tied response out of its tie when it is dragged away', () => {
    expect(placeInOrder(order([[0, 1], [2]]), 0, 2).tiers).toEqual([[1], [2], [0]]);
  });

  it('makes the active row the dropped-on one', () => {
    const answer = dropResponse(rubric, newRankingAnswer(rubric, 3), 1, 2, 0);
    expect(answer.active).toBe(1);
    expect(rankingValue(rubric, answer)).toEqual({ ranks: [2, 3, 1], dimensions: {} });
  });
});

describe('interpretRankingKey', () => {
  it('selects a response by its number and moves it with ↑ and ↓', () => {
    const result = pressAll(
      strict,
      ['3', 'ArrowUp', 'ArrowUp', 'ArrowUp'],
      newRankingAnswer(strict, 3),
    );
    expect(result.state.selected).toBe(2);
    expect(flatOrder(result.state.overall)).toEqual([2, 0, 1]);
    expect(rankingValue(strict, result.state)).toEqual({ ranks: [2, 3, 1] });
    expect(validateLlmFieldValue(strict, rankingValue(strict, result.state), THREE)).toEqual([]);
  });

  it('moves the selected response with Alt+↑ and Alt+↓ too', () => {
    const result = pressAll(
      strict,
      ['1', press('ArrowDown', { altKey: true }), press('ArrowDown', { altKey: true })],
      newRankingAnswer(strict, 3),
    );
    expect(flatOrder(result.state.overall)).toEqual([1, 2, 0]);
  });

  it('moves between rows with ↑ and ↓ when nothing is selected; Esc or the same number lets go', () => {
    const start = newRankingAnswer(rubric, 3);
    expect(pressAll(rubric, ['ArrowDown'], start).state.active).toBe(1);
    expect(pressAll(rubric, ['2', 'Escape', 'ArrowDown'], start).state).toMatchObject({
      active: 1,
      selected: null,
    });
    expect(pressAll(rubric, ['2', '2'], start).state.selected).toBeNull();
    expect(interpretRankingKey(rubric, start, press('Escape')).handled).toBe(false);
    expect(interpretRankingKey(rubric, start, press('ArrowUp')).handled).toBe(false);
  });

  it('ties the selected response with the one above with =, when ties are allowed', () => {
    const result = pressAll(ties, ['3', 'ArrowUp', 'ArrowUp', '1', '='], newRankingAnswer(ties, 3));
    expect(result.state.overall.tiers).toEqual([[2, 0], [1]]);
    expect(rankingValue(ties, result.state)).toEqual({ ranks: [1, 3, 1] });
    expect(validateLlmFieldValue(ties, rankingValue(ties, result.state), THREE)).toEqual([]);
    expect(interpretRankingKey(strict, { ...result.state, selected: 0 }, press('=')).handled).toBe(
      false,
    );
  });

  it('steps the selection along the list with ← and →', () => {
    const start = { ...newRankingAnswer(strict, 3), overall: order([[2], [0], [1]]) };
    expect(pressAll(strict, ['ArrowRight'], start).state.selected).toBe(2);
    expect(pressAll(strict, ['ArrowRight', 'ArrowRight'], start).state.selected).toBe(0);
    expect(pressAll(strict, ['ArrowLeft'], start).state.selected).toBe(1);
  });

  it('selects only responses the item has', () => {
    expect(pressAll(strict, ['4'], newRankingAnswer(strict, 3)).state.selected).toBeNull();
  });

  it('keeps the item’s order as the answer with c, then moves on to the next row', () => {
    const result = pressAll(rubric, ['c'], newRankingAnswer(rubric, 3));
    expect(result.state.dimensions.accuracy?.ranked).toBe(true);
    expect(result.state.active).toBe(1);
    // The next row is the overall one; c there moves into the required justification.
    const next = pressAll(rubric, ['c'], result.state);
    expect(next).toMatchObject({ focus: 'text', state: { active: 2 } });
    expect(rankingValue(rubric, next.state)).toEqual({
      ranks: [1, 2, 3],
      dimensions: { accuracy: { ranks: [1, 2, 3] } },
    });
  });

  it('starts a row over with Backspace', () => {
    const moved = pressAll(strict, ['2', 'ArrowUp', 'Backspace'], newRankingAnswer(strict, 3));
    expect(moved.state.overall).toEqual({ tiers: [[0], [1], [2]], ranked: false });
  });
});

describe('rankingProblems', () => {
  it('says that the item’s order is not an answer until it is ordered or kept', () => {
    expect(rankingProblems(rubric, newRankingAnswer(rubric, 4), DATA)).toEqual({
      'rank.dimensions.accuracy':
        'needs an answer: order the responses, or press c to keep this order',
      rank: 'needs an answer: order the responses, or press c to keep this order',
      'rank.justification': 'required: say why, in at least 5 characters (has 0)',
    });
  });

  it('is content once every row is ranked and the justification is long enough', () => {
    let answer = pressAll(rubric, ['c', 'c'], newRankingAnswer(rubric, 4)).state;
    answer = { ...answer, justification: '9 and 15 are not prime.' };
    expect(rankingProblems(rubric, answer, DATA)).toEqual({});
    expect(rankingValue(rubric, answer)).toEqual({
      ranks: [1, 2, 3, 4],
      dimensions: { accuracy: { ranks: [1, 2, 3, 4] } },
      justification: '9 and 15 are not prime.',
    });
  });

  it('puts a problem of the field as a whole under its name', () => {
    const answer = pressAll(strict, ['c'], newRankingAnswer(strict, 3)).state;
    expect(rankingProblems(strict, answer, { prompt: 'x' })).toEqual({
      rank: 'cannot be checked: the item has no "responses" list; fix the item data first',
    });
  });
});
