import { exactMatch, kendallTau, perStepAccuracy } from '../gold/index.js';
import type { LlmField } from './llm-fields.js';
import { isRecord } from './llm-item-data.js';

function record(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}

function numbers(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((x) => typeof x === 'number') ? value : null;
}

function mean(parts: readonly number[]): number | null {
  return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** The judgment of each part a gold value covers: overall, then each configured dimension. */
function parts(
  field: { readonly dimensions: readonly string[] },
  answer: unknown,
  gold: unknown,
): { answer: Readonly<Record<string, unknown>>; gold: Readonly<Record<string, unknown>> }[] {
  const a = record(answer);
  const g = record(gold);
  const out = [{ answer: a, gold: g }];
  for (const dimension of field.dimensions)
    out.push({
      answer: record(record(a.dimensions)[dimension]),
      gold: record(record(g.dimensions)[dimension]),
    });
  return out;
}

/**
 * A ranking's agreement with the gold ranking on [0, 1]: (τ-b + 1) / 2, so 1 is the gold order,
 * 0 its reverse and 0.5 no association. A missing or wrongly sized answer scores 0; an answer that
 * ties every response scores 0.5 (τ taken as 0); null when the gold ties every response (it
 * states no order to score against).
 *
 * @example
 * rankingGoldScore([1, 3, 2, 4], [1, 2, 3, 4]); // 0.8333333333333333 (τ-b = 2/3)
 */
export function rankingGoldScore(
  answer: readonly number[] | null,
  gold: readonly number[],
): number | null {
  if (gold.length < 2 || gold.every((rank) => rank === gold[0])) return null;
  if (answer === null || answer.length !== gold.length) return 0;
  const tau = kendallTau(answer, gold);
  return Number.isNaN(tau) ? 0.5 : (tau + 1) / 2;
}

/**
 * Scores an answer to an LLM feedback field against the gold answer, on [0, 1], or null when the
 * gold answer does not cover the field:
 *
 * - pairwise: exact match of the choice, averaged over the overall choice and each dimension the
 *   gold answer gives (strength and justification are not scored);
 * - ranking: Kendall's τ-b against the gold ranks mapped to [0, 1] ({@link rankingGoldScore}),
 *   averaged over the overall ranking and each dimension the gold answer gives;
 * - steps: per-step accuracy, the final answer's label counted as one more step (the first-error
 *   index follows from the labels and is not scored twice).
 *
 * @example
 * llmGoldScore(pairwiseField, { choice: 'A', dimensions: { safety: { choice: 'tie' } } },
 *   { choice: 'A', dimensions: { safety: { choice: 'B' } } }); // 0.5
 *
 * Reference: exact match and per-step accuracy as in `@concord/core/gold`; τ-b as
 * M. G. Kendall (1945), Biometrika 33(3); step labels as Lightman et al. (2023), arXiv:2305.20050.
 */
export function llmGoldScore(field: LlmField, answer: unknown, gold: unknown): number | null {
  if (gold === undefined || gold === null) return null;
  switch (field.type) {
    case 'pairwise':
      return mean(
        parts(field, answer, gold)
          .filter((p) => typeof p.gold.choice === 'string')
          .map((p) =>
            typeof p.answer.choice === 'string'
              ? exactMatch(p.answer.choice, p.gold.choice as string)
              : 0,
          ),
      );
    case 'ranking':
      return mean(
        parts(field, answer, gold)
          .map((p) => {
            const goldRanks = numbers(p.gold.ranks);
            return goldRanks === null ? null : rankingGoldScore(numbers(p.answer.ranks), goldRanks);
          })
          .filter((score): score is number => score !== null),
      );
    case 'steps': {
      const a = record(answer);
      const g = record(gold);
      if (!Array.isArray(g.steps)) return null;
      const answerLabels: unknown[] = Array.isArray(a.steps) ? [...(a.steps as unknown[])] : [];
      const goldLabels: unknown[] = [...(g.steps as unknown[])];
      if (typeof g.final === 'string') {
        // The final label sits after the last gold step, so a too-long answer cannot shift it.
        answerLabels.length = goldLabels.length;
        answerLabels.push(a.final);
        goldLabels.push(g.final);
      }
      const accuracy = perStepAccuracy(answerLabels, goldLabels);
      return Number.isNaN(accuracy) ? null : accuracy;
    }
  }
}
