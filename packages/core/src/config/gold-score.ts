import { exactMatch, jaccardScore, withinTolerance } from '../gold/index.js';
import { llmGoldScore } from './llm-gold-score.js';
import type { FieldConfig, ProjectConfig } from './project-config.js';
import { spansGoldScore } from './spans-gold.js';

/** How far a rating may be from the gold rating and still count as right (0: exact). */
export const RATING_TOLERANCE = 0;

function fieldScore(field: FieldConfig, answer: unknown, gold: unknown): number | null {
  if (gold === undefined || gold === null) return null; // the gold answer does not cover this field
  switch (field.type) {
    case 'choice':
      if (field.multiple)
        return jaccardScore(
          Array.isArray(answer) ? (answer as string[]) : [],
          Array.isArray(gold) ? (gold as string[]) : [],
        );
      return typeof answer === 'string' && typeof gold === 'string' ? exactMatch(answer, gold) : 0;
    case 'rating': {
      if (field.dimensions && field.dimensions.length > 0) {
        const a = (answer ?? {}) as Record<string, unknown>;
        const g = gold as Record<string, unknown>;
        const scored = field.dimensions.filter((d) => typeof g[d] === 'number');
        if (scored.length === 0) return null;
        return (
          scored.reduce(
            (sum, d) =>
              sum +
              (typeof a[d] === 'number'
                ? withinTolerance(a[d], g[d] as number, RATING_TOLERANCE)
                : 0),
            0,
          ) / scored.length
        );
      }
      return typeof answer === 'number' && typeof gold === 'number'
        ? withinTolerance(answer, gold, RATING_TOLERANCE)
        : 0;
    }
    case 'text':
      return null; // free text is not scored automatically
    case 'pairwise':
    case 'ranking':
    case 'steps':
      return llmGoldScore(field, answer, gold);
    case 'spans':
      return spansGoldScore(answer, gold);
  }
}

/**
 * Scores an answer against a gold answer: the mean over the fields the gold answer covers of the
 * field's score (single choice: exact; multiple choice: Jaccard; rating: within tolerance, per
 * dimension; pairwise: exact per dimension; ranking: Kendall τ-b mapped to [0, 1]; steps: per-step
 * accuracy; spans: exact-match span F1, attributes not counted). Null when the gold answer covers no scorable field.
 *
 * @example
 * goldScore(config, { sentiment: 'pos' }, { sentiment: 'pos' }); // 1
 */
export function goldScore(
  config: ProjectConfig,
  answer: Readonly<Record<string, unknown>>,
  gold: Readonly<Record<string, unknown>>,
): number | null {
  let sum = 0;
  let n = 0;
  for (const field of config.fields) {
    const score = fieldScore(field, answer[field.name], gold[field.name]);
    if (score === null) continue;
    sum += score;
    n += 1;
  }
  return n === 0 ? null : sum / n;
}
