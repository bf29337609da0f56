// The answer to a ranking field, built from the keyboard (or by dragging): a row per dimension,
// then the overall ranking, then the justification. On a ranking row a response's number selects
// it; ↑ / ↓ (or Alt+↑ / Alt+↓) move the selected response up or down, ← / → select the one before
// or after, `=` ties it with the one above (or unties it), `c` keeps the order as it stands,
// Esc lets go of the selection and ⌫ starts the row over. A row starts in the item's order but is
// no answer until the annotator has ordered it or kept it: the item's order must not become the
// ranking of everyone who did not look.

import type { RankingField } from '@concord/core/config';
import {
  activateRow,
  comparisonRows,
  comparisonValue,
  fieldProblems,
  handled,
  ignored,
  moveOnFrom,
  moveRow,
  stepAlong,
} from './llm-answer-rows';
import type { ComparisonRow, LlmKeyResult, LlmPress } from './llm-answer-rows';

/** Responses best first, by their index in the item; the responses of one tier tie. */
export interface RankingOrder {
  readonly tiers: readonly (readonly number[])[];
  /** Ordered or kept by the annotator; before that, the item's order stands in and is no answer. */
  readonly ranked: boolean;
}

export type RankingRow = ComparisonRow;

export interface RankingAnswer {
  readonly kind: 'ranking';
  readonly active: number;
  /** How many responses the item has. */
  readonly count: number;
  readonly dimensions: Readonly<Record<string, RankingOrder>>;
  readonly overall: RankingOrder;
  /** The response (index in the item) the keys move on the active row; null when none. */
  readonly selected: number | null;
  readonly justification: string;
}

/** The item's order, one response per tier, not yet an answer. */
export function unrankedOrder(count: number): RankingOrder {
  return { tiers: Array.from({ length: count }, (_, i) => [i]), ranked: false };
}

export function newRankingAnswer(field: RankingField, count: number): RankingAnswer {
  const dimensions: Record<string, RankingOrder> = {};
  for (const dimension of field.dimensions) dimensions[dimension] = unrankedOrder(count);
  return {
    kind: 'ranking',
    active: 0,
    count,
    dimensions,
    overall: unrankedOrder(count),
    selected: null,
    justification: '',
  };
}

/** The rows of a ranking field: its dimensions in order, the overall ranking, the justification. */
export function rankingRows(field: RankingField): RankingRow[] {
  return comparisonRows(field);
}

export function orderOf(answer: RankingAnswer, row: RankingRow | undefined): RankingOrder | null {
  if (row?.kind === 'dimension')
    return answer.dimensions[row.dimension] ?? unrankedOrder(answer.count);
  if (row?.kind === 'overall') return answer.overall;
  return null;
}

function withOrder(answer: RankingAnswer, row: RankingRow, order: RankingOrder): RankingAnswer {
  if (row.kind === 'overall') return { ...answer, overall: order };
  if (row.kind !== 'dimension') return answer;
  return { ...answer, dimensions: { ...answer.dimensions, [row.dimension]: order } };
}

/** The responses best first. */
export function flatOrder(order: RankingOrder): number[] {
  return order.tiers.flat();
}

/**
 * The rank of each response in item order, 1 = best, tied responses sharing the best rank of
 * their tier and the next tier counting every response above it (competition ranking: 1, 1, 3).
 *
 * @example
 * ranksOf({ tiers: [[2], [0, 3], [1]], ranked: true }); // [2, 4, 1, 2]
 */
export function ranksOf(order: RankingOrder): number[] {
  const ranks: number[] = [];
  let above = 0;
  for (const tier of order.tiers) {
    for (const response of tier) ranks[response] = above + 1;
    above += tier.length;
  }
  return ranks;
}

function tierIndex(order: RankingOrder, response: number): number {
  return order.tiers.findIndex((tier) => tier.includes(response));
}

/**
 * Moves a response one place up (-1, better) or down (+1, worse). A response tied with others
 * leaves its tie, just above or below the group; a response alone changes places with the tier
 * next to it, so a tie it passes stays a tie.
 */
export function moveInOrder(order: RankingOrder, response: number, step: -1 | 1): RankingOrder {
  const t = tierIndex(order, response);
  const tier = order.tiers[t];
  if (tier === undefined) return order;
  if (tier.length > 1) return leaveTie(order, t, response, step === -1 ? t : t + 1);
  const neighbour = order.tiers[t + step];
  if (neighbour === undefined) return order;
  const tiers = [...order.tiers];
  tiers[t + step] = [response];
  tiers[t] = neighbour;
  return { tiers, ranked: true };
}

/** Takes a response out of its tie (tier `t`) and makes it a tier of its own at `at`. */
function leaveTie(order: RankingOrder, t: number, response: number, at: number): RankingOrder {
  const tiers = [...order.tiers];
  tiers[t] = (tiers[t] ?? []).filter((r) => r !== response);
  tiers.splice(at, 0, [response]);
  return { tiers, ranked: true };
}

/**
 * Ties a response with the one above it (it joins the tier above), or, when it is tied already,
 * unties it: it leaves its group to stand just below it.
 */
export function toggleTie(order: RankingOrder, response: number): RankingOrder {
  const t = tierIndex(order, response);
  const tier = order.tiers[t];
  const above = order.tiers[t - 1];
  if (tier === undefined) return order;
  if (tier.length > 1) return leaveTie(order, t, response, t + 1);
  if (above === undefined) return order;
  const tiers = [...order.tiers];
  tiers.splice(t - 1, 2, [...above, response]);
  return { tiers, ranked: true };
}

/**
 * Puts a response at a position of the best-first list (a drop after dragging). It stands alone,
 * unless it lands between two responses that tie: then it ties with them. Other ties stay.
 */
export function placeInOrder(
  order: RankingOrder,
  response: number,
  position: number,
): RankingOrder {
  const tierOf = new Map<number, number>();
  order.tiers.forEach((tier, t) => tier.forEach((r) => tierOf.set(r, t)));
  if (!tierOf.has(response)) return order;
  const others = flatOrder(order).filter((r) => r !== response);
  const at = Math.min(others.length, Math.max(0, position));
  const before = others[at - 1];
  const after = others[at];
  const joins =
    before !== undefined && after !== undefined && tierOf.get(before) === tierOf.get(after);
  const flat = [...others.slice(0, at), response, ...others.slice(at)];
  const tiers: number[][] = [];
  let previous: number | undefined;
  for (const r of flat) {
    const last = tiers[tiers.length - 1];
    if (r === response) {
      if (joins && last !== undefined) last.push(r);
      else tiers.push([r]);
      continue;
    }
    if (previous !== undefined && last !== undefined && tierOf.get(previous) === tierOf.get(r))
      last.push(r);
    else tiers.push([r]);
    previous = r;
  }
  return { tiers, ranked: true };
}

/** Whether a response is tied with the one just above it in the list (it shows an `=`). */
export function tiedWithAbove(order: RankingOrder, response: number): boolean {
  const tier = order.tiers[tierIndex(order, response)];
  return tier !== undefined && tier.indexOf(response) > 0;
}

function changeOrder(
  field: RankingField,
  answer: RankingAnswer,
  change: (order: RankingOrder) => RankingOrder,
): RankingAnswer {
  const row = rankingRows(field)[answer.active];
  const order = orderOf(answer, row);
  if (row === undefined || order === null) return answer;
  return withOrder(answer, row, change(order));
}

/** Selects a response on the active row (its number), or lets go of it when it was selected. */
export function selectResponse(answer: RankingAnswer, response: number): RankingAnswer {
  if (response < 0 || response >= answer.count) return answer;
  return { ...answer, selected: answer.selected === response ? null : response };
}

/** Makes a row active, as a click on it does; the selection stays on the row it was made on. */
export function activateRankingRow(
  field: RankingField,
  answer: RankingAnswer,
  index: number,
): LlmKeyResult<RankingAnswer> {
  return activateRow(answer, rankingRows(field), index, { selected: null });
}

/** A drag and drop on a row: the row becomes active, the response lands at the position. */
export function dropResponse(
  field: RankingField,
  answer: RankingAnswer,
  index: number,
  response: number,
  position: number,
): RankingAnswer {
  const row = rankingRows(field)[index];
  const order = orderOf(answer, row);
  if (row === undefined || order === null) return answer;
  const selected = index === answer.active ? answer.selected : null;
  return {
    ...withOrder(answer, row, placeInOrder(order, response, position)),
    active: index,
    selected,
  };
}

/** Keeps the row's order as it stands (it becomes the answer), and moves on as a finished row does. */
export function keepOrder(field: RankingField, answer: RankingAnswer): LlmKeyResult<RankingAnswer> {
  const kept = changeOrder(field, answer, (order) => ({ ...order, ranked: true }));
  return moveOnFrom(field, kept, { selected: null });
}

export function resetRankingRow(
  field: RankingField,
  answer: RankingAnswer,
  index: number,
): RankingAnswer {
  const row = rankingRows(field)[index];
  if (row === undefined) return answer;
  if (row.kind === 'justification') return { ...answer, justification: '' };
  return { ...withOrder(answer, row, unrankedOrder(answer.count)), selected: null };
}

export function setRankingJustification(answer: RankingAnswer, text: string): RankingAnswer {
  return { ...answer, justification: text };
}

function moveSelected(
  field: RankingField,
  answer: RankingAnswer,
  step: -1 | 1,
): LlmKeyResult<RankingAnswer> {
  const selected = answer.selected;
  if (selected === null) return handled(answer);
  return handled(changeOrder(field, answer, (order) => moveInOrder(order, selected, step)));
}

/** ← and →: the selection goes to the response before or after it in the list. */
function stepSelection(
  field: RankingField,
  answer: RankingAnswer,
  step: -1 | 1,
): LlmKeyResult<RankingAnswer> {
  const order = orderOf(answer, rankingRows(field)[answer.active]);
  if (order === null) return handled(answer);
  return handled({
    ...answer,
    selected: stepAlong(flatOrder(order), answer.selected, step) ?? null,
  });
}

/** What a key does on a ranking field; see the top of this file. */
export function interpretRankingKey(
  field: RankingField,
  answer: RankingAnswer,
  press: LlmPress,
): LlmKeyResult<RankingAnswer> {
  const rows = rankingRows(field);
  const { key } = press;
  if (key === 'Tab') return moveRow(answer, rows, press.shiftKey ? -1 : 1, { selected: null });
  if (press.inField) return key === 'Escape' ? handled(answer, 'row') : ignored(answer);
  if (press.ctrlKey || press.metaKey) return ignored(answer);
  const row = rows[answer.active];
  const vertical = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
  if (press.altKey) {
    return vertical !== 0 && row?.kind !== 'justification' && answer.selected !== null
      ? moveSelected(field, answer, vertical)
      : ignored(answer);
  }
  if (vertical !== 0) {
    return answer.selected !== null && row?.kind !== 'justification'
      ? moveSelected(field, answer, vertical)
      : moveRow(answer, rows, vertical, { selected: null });
  }
  if (row === undefined || row.kind === 'justification') return ignored(answer);
  if (/^[1-9]$/.test(key)) return handled(selectResponse(answer, Number(key) - 1));
  switch (key) {
    case 'ArrowRight':
      return stepSelection(field, answer, 1);
    case 'ArrowLeft':
      return stepSelection(field, answer, -1);
    case 'Escape':
      return answer.selected === null ? ignored(answer) : handled({ ...answer, selected: null });
    case '=': {
      const selected = answer.selected;
      if (!field.allowTies) return ignored(answer);
      if (selected === null) return handled(answer);
      return handled(changeOrder(field, answer, (order) => toggleTie(order, selected)));
    }
    case 'Backspace':
    case 'Delete':
      return handled(resetRankingRow(field, answer, answer.active));
  }
  if (key.toLowerCase() === 'c') return keepOrder(field, answer);
  return ignored(answer);
}

/**
 * The value to submit, `{ranks, dimensions?, justification?}` per the contract of issue 5: the
 * rank of each response in item order. Rows not ranked yet are left out (validation says so);
 * undefined when nothing is answered (an optional field left alone).
 */
export function rankingValue(
  field: RankingField,
  answer: RankingAnswer,
): Readonly<Record<string, unknown>> | undefined {
  const ranked = (order: RankingOrder | undefined) =>
    order?.ranked === true ? { ranks: ranksOf(order) } : undefined;
  return comparisonValue(
    field,
    ranked(answer.overall) ?? null,
    (dimension) => ranked(answer.dimensions[dimension]),
    answer.justification,
  );
}

/** What keeps the answer from being sent, by row key (the field's name for the overall row). */
export function rankingProblems(
  field: RankingField,
  answer: RankingAnswer,
  data: unknown,
): Readonly<Record<string, string>> {
  return fieldProblems(field, rankingValue(field, answer), data, rankingRows(field), (row) =>
    orderOf(answer, row)?.ranked === false
      ? 'needs an answer: order the responses, or press c to keep this order'
      : null,
  );
}
