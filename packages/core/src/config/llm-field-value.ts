import type { ValueIssue } from './annotation-value.js';
import {
  PAIRWISE_CHOICES,
  type LlmField,
  type PairwiseField,
  type RankingField,
  type StepsField,
} from './llm-fields.js';
import { isRecord, itemListLength } from './llm-item-data.js';

type Issues = ValueIssue[];

function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
  what: string,
  issues: Issues,
): void {
  for (const key of Object.keys(value))
    if (!known.includes(key))
      issues.push({
        path: `${path}.${key}`,
        message: `is not part of ${what} (${known.join(', ')})`,
      });
}

/** An example ranking of n responses: [2, 1, 3, …]. */
function exampleRanks(n: number): string {
  const ranks =
    n < 2 ? [1] : [2, 1, ...Array.from({ length: Math.min(n, 5) - 2 }, (_, i) => i + 3)];
  return `[${ranks.join(', ')}${n > 5 ? ', …' : ''}]`;
}

/**
 * Why `ranks` is not a valid ranking of `n` responses, or null when it is. Without ties: each of
 * 1…n once. With ties: equal ranks tie, written either as competition ranks (1, 1, 3: a rank is
 * one more than the number of better responses) or dense ranks (1, 1, 2: no rank skipped).
 *
 * @example
 * rankingProblem([1, 1, 3], 3, true); // null
 * rankingProblem([1, 1, 3], 3, false); // 'must rank the 3 responses 1 to 3, each rank once (1 = best), e.g. [2, 1, 3]'
 */
export function rankingProblem(
  ranks: readonly number[],
  n: number,
  allowTies: boolean,
): string | null {
  if (ranks.length !== n)
    return `must give a rank to each of the ${n} responses (has ${ranks.length})`;
  const sorted = [...ranks].sort((a, b) => a - b);
  const permutation = sorted.every((rank, i) => rank === i + 1);
  if (!allowTies)
    return permutation
      ? null
      : `must rank the ${n} responses 1 to ${n}, each rank once (1 = best), e.g. ${exampleRanks(n)}`;
  const competition = sorted.every((rank) => rank === sorted.indexOf(rank) + 1);
  const dense = sorted[0] === 1 && sorted.every((rank, i) => i === 0 || rank - sorted[i - 1]! <= 1);
  if (competition || dense) return null;
  return `must rank the ${n} responses from 1 (best), equal ranks for ties, no rank skipped except after a tie: e.g. [1, 1, 3] or [1, 1, 2]`;
}

function checkJustification(
  field: PairwiseField | RankingField,
  value: unknown,
  path: string,
  issues: Issues,
): void {
  if (field.justification === 'required') {
    const length = typeof value === 'string' ? [...value.trim()].length : 0;
    if (typeof value !== 'string' || length < Math.max(1, field.minJustificationLength))
      issues.push({
        path,
        message:
          field.minJustificationLength > 0
            ? `required: say why, in at least ${field.minJustificationLength} characters (has ${length})`
            : 'required: say why',
      });
  } else if (value !== undefined && value !== null && typeof value !== 'string') {
    issues.push({ path, message: 'must be text' });
  }
}

/** The dimension values of a pairwise or ranking value: each configured dimension, no other. */
function checkDimensions(
  field: PairwiseField | RankingField,
  value: unknown,
  path: string,
  issues: Issues,
  check: (dimensionValue: unknown, at: string) => void,
): void {
  if (field.dimensions.length === 0) {
    if (isRecord(value) && Object.keys(value).length > 0)
      issues.push({ path, message: 'this field has no dimensions; leave them out' });
    else if (value !== undefined && value !== null && !isRecord(value))
      issues.push({ path, message: 'this field has no dimensions; leave them out' });
    return;
  }
  if (!isRecord(value))
    return void issues.push({
      path,
      message: `required: an object with a judgment for each of ${field.dimensions.join(', ')}`,
    });
  for (const dimension of field.dimensions) check(value[dimension], `${path}.${dimension}`);
  for (const key of Object.keys(value))
    if (!field.dimensions.includes(key))
      issues.push({
        path: `${path}.${key}`,
        message: `is not a dimension of this field (dimensions: ${field.dimensions.join(', ')})`,
      });
}

function checkPairwiseJudgment(
  field: PairwiseField,
  value: unknown,
  path: string,
  overall: boolean,
  issues: Issues,
): void {
  const choices = field.allowTies ? PAIRWISE_CHOICES : (['A', 'B'] as const);
  if (!isRecord(value))
    return void issues.push({
      path,
      message: `required: {"choice": ${choices.map((c) => `"${c}"`).join(' | ')}}`,
    });
  const { choice, strength } = value;
  if (choice === 'tie' && !field.allowTies)
    issues.push({
      path: `${path}.choice`,
      message: 'ties are not allowed in this field: choose A or B',
    });
  else if (!(choices as readonly unknown[]).includes(choice))
    issues.push({ path: `${path}.choice`, message: `must be one of ${choices.join(', ')}` });
  if (!field.strength) {
    if (strength !== undefined && strength !== null)
      issues.push({
        path: `${path}.strength`,
        message: 'this field does not ask for strength; leave it out',
      });
  } else if (choice === 'tie') {
    if (strength !== undefined && strength !== null)
      issues.push({
        path: `${path}.strength`,
        message: 'leave strength out when the choice is tie',
      });
  } else if (strength === undefined || strength === null) {
    if (overall && (choice === 'A' || choice === 'B'))
      issues.push({
        path: `${path}.strength`,
        message: 'required: how much better, 1 slightly, 2 clearly or 3 much better',
      });
  } else if (strength !== 1 && strength !== 2 && strength !== 3) {
    issues.push({
      path: `${path}.strength`,
      message: 'must be 1 (slightly), 2 (clearly) or 3 (much better)',
    });
  }
  if (!overall) unknownKeys(value, ['choice', 'strength'], path, 'a dimension judgment', issues);
}

function checkPairwise(field: PairwiseField, value: unknown, path: string, issues: Issues): void {
  checkPairwiseJudgment(field, value, path, true, issues);
  if (!isRecord(value)) return;
  checkDimensions(field, value.dimensions, `${path}.dimensions`, issues, (v, at) =>
    checkPairwiseJudgment(field, v, at, false, issues),
  );
  checkJustification(field, value.justification, `${path}.justification`, issues);
  unknownKeys(
    value,
    ['choice', 'strength', 'dimensions', 'justification'],
    path,
    'a pairwise value',
    issues,
  );
}

function checkRanks(
  field: RankingField,
  value: unknown,
  n: number,
  path: string,
  issues: Issues,
): void {
  if (!Array.isArray(value))
    return void issues.push({
      path,
      message: `required: the rank of each of the ${n} responses, 1 = best, e.g. ${exampleRanks(n)}`,
    });
  let whole = true;
  value.forEach((rank: unknown, i) => {
    if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > n) {
      whole = false;
      issues.push({ path: `${path}[${i}]`, message: `must be a whole number from 1 to ${n}` });
    }
  });
  if (!whole) return;
  const problem = rankingProblem(value as number[], n, field.allowTies);
  if (problem !== null) issues.push({ path, message: problem });
}

function checkRanking(
  field: RankingField,
  value: unknown,
  data: unknown,
  path: string,
  issues: Issues,
): void {
  const n = itemListLength(data, 'responses');
  if (n === null)
    return void issues.push({
      path,
      message: 'cannot be checked: the item has no "responses" list; fix the item data first',
    });
  if (!isRecord(value))
    return void issues.push({ path, message: 'must be an object {"ranks": [...]}' });
  checkRanks(field, value.ranks, n, `${path}.ranks`, issues);
  checkDimensions(field, value.dimensions, `${path}.dimensions`, issues, (v, at) => {
    if (!isRecord(v)) return void issues.push({ path: at, message: 'required: {"ranks": [...]}' });
    checkRanks(field, v.ranks, n, `${at}.ranks`, issues);
    unknownKeys(v, ['ranks'], at, 'a dimension ranking', issues);
  });
  checkJustification(field, value.justification, `${path}.justification`, issues);
  unknownKeys(value, ['ranks', 'dimensions', 'justification'], path, 'a ranking value', issues);
}

function checkSteps(
  field: StepsField,
  value: unknown,
  data: unknown,
  path: string,
  issues: Issues,
): void {
  const n = itemListLength(data, 'steps');
  if (n === null)
    return void issues.push({
      path,
      message: 'cannot be checked: the item has no "steps" list; fix the item data first',
    });
  if (!isRecord(value))
    return void issues.push({
      path,
      message: 'must be an object {"steps": [...], "firstError": i | null, "final": "..."}',
    });
  const labels = field.labels.map((l) => l.value);
  const steps = value.steps;
  if (!Array.isArray(steps)) {
    issues.push({ path: `${path}.steps`, message: `required: one label per step (${n} steps)` });
  } else {
    if (steps.length !== n)
      issues.push({
        path: `${path}.steps`,
        message: `must give one label per step: the item has ${n} steps (has ${steps.length})`,
      });
    steps.forEach((label: unknown, i) => {
      if (typeof label !== 'string' || !labels.includes(label))
        issues.push({
          path: `${path}.steps[${i}]`,
          message: `must be one of ${labels.join(', ')}`,
        });
    });
  }
  const firstError = value.firstError;
  const at = `${path}.firstError`;
  if (!field.firstError) {
    if (firstError !== undefined && firstError !== null)
      issues.push({
        path: at,
        message: 'this field does not ask for the first error; leave it out',
      });
  } else if (firstError === undefined) {
    issues.push({
      path: at,
      message:
        'required: the index of the first wrong step (0 = the first step), or null when no step is wrong',
    });
  } else if (
    firstError !== null &&
    (typeof firstError !== 'number' ||
      !Number.isInteger(firstError) ||
      firstError < 0 ||
      firstError >= n)
  ) {
    issues.push({
      path: at,
      message: `must be a step index from 0 to ${n - 1}, or null when no step is wrong`,
    });
  } else if (field.errorLabels && Array.isArray(steps)) {
    const errors = new Set(field.errorLabels);
    const firstLabelled = steps.findIndex((label) => errors.has(label as string));
    if (firstError === null && firstLabelled >= 0)
      issues.push({
        path: at,
        message: `step ${firstLabelled} is labelled "${steps[firstLabelled] as string}", an error: mark it as the first error or relabel it`,
      });
    else if (typeof firstError === 'number' && firstLabelled >= 0 && firstLabelled < firstError)
      issues.push({
        path: at,
        message: `step ${firstLabelled} is labelled "${steps[firstLabelled] as string}", an error, before the first error you marked (${firstError}): mark ${firstLabelled} or relabel it`,
      });
    else if (typeof firstError === 'number' && !errors.has(steps[firstError] as string))
      issues.push({
        path: at,
        message: `step ${firstError} is marked as the first error but labelled "${String(steps[firstError])}": give it an error label (${field.errorLabels.join(', ')})`,
      });
  }
  const finals = field.finalLabels.map((l) => l.value);
  if (typeof value.final !== 'string' || !finals.includes(value.final))
    issues.push({
      path: `${path}.final`,
      message: `required: the label of the final answer, one of ${finals.join(', ')}`,
    });
  unknownKeys(value, ['steps', 'firstError', 'final'], path, 'a steps value', issues);
}

/**
 * Checks the value of one LLM feedback field against its config and the item's data (a ranking
 * must rank exactly the item's responses; a steps value must label exactly its steps). An absent
 * value is an issue only when the field is required.
 *
 * @example
 * validateLlmFieldValue(pairwiseField, { choice: 'C' }, { prompt: 'Hi', responses: ['a', 'b'] });
 * // [{ path: 'value.pref.choice', message: 'must be one of A, B, tie' }, …]
 */
export function validateLlmFieldValue(
  field: LlmField,
  value: unknown,
  data: unknown,
  path = `value.${field.name}`,
): ValueIssue[] {
  const issues: Issues = [];
  if (isMissing(value)) {
    if (field.required) issues.push({ path, message: 'required' });
    return issues;
  }
  switch (field.type) {
    case 'pairwise':
      checkPairwise(field, value, path, issues);
      break;
    case 'ranking':
      checkRanking(field, value, data, path, issues);
      break;
    case 'steps':
      checkSteps(field, value, data, path, issues);
      break;
  }
  return issues;
}
