import { z } from 'zod';
import { fieldName, labelsSchema, type LabelDefinition } from './field-base.js';

/*
 * Field types for LLM feedback data: pairwise preference, N-way ranking and step labels
 * (reasoning steps or agent-trajectory steps); members of the project config's `fieldSchema`.
 */

const name = fieldName;

/** Whether a written justification is asked for: `required` (with a minimum length) or `optional`. */
export const justificationSchema = z.enum(['required', 'optional']);
export type JustificationPolicy = z.infer<typeof justificationSchema>;

/** Choices of one pairwise judgment: response A better, response B better, or equally good. */
export const PAIRWISE_CHOICES = ['A', 'B', 'tie'] as const;
export type PairwiseChoice = (typeof PAIRWISE_CHOICES)[number];

/** Strength of a preference: 1 slightly, 2 clearly, 3 much better. */
export const PREFERENCE_STRENGTHS = [1, 2, 3] as const;

/** Most responses a ranking item may carry (one letter A–Z each on the keyboard). */
export const MAX_RESPONSES = 26;

function uniqueDimensions(
  dimensions: readonly string[],
  rubric: Readonly<Record<string, string>> | undefined,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  dimensions.forEach((dimension, i) => {
    if (seen.has(dimension))
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions', i],
        message: `duplicate dimension "${dimension}"`,
      });
    seen.add(dimension);
  });
  for (const key of Object.keys(rubric ?? {}))
    if (!seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['rubric', key],
        message: `"${key}" is not one of the dimensions (${dimensions.join(', ') || 'none'}); add it to dimensions or remove it from the rubric`,
      });
}

/** What pairwise and ranking fields share: rubric dimensions and the justification policy. */
const comparisonFields = {
  title: z.string().max(200).optional(),
  /** Named quality dimensions judged separately, e.g. ["helpfulness", "safety"]. */
  dimensions: z.array(name).max(20).default([]),
  /** What each dimension means, by dimension name (shown to annotators beside the choice). */
  rubric: z.record(z.string(), z.string().max(5000)).optional(),
  justification: justificationSchema.default('optional'),
  /** Minimum length (characters) of a required justification. */
  minJustificationLength: z.number().int().min(0).max(10_000).default(20),
  required: z.boolean().default(true),
};

/**
 * A pairwise preference between two responses to one prompt: an overall choice A / B / tie,
 * optionally with a strength (1 slightly, 2 clearly, 3 much better), the same per named
 * dimension, and a justification.
 */
export const pairwiseFieldSchema = z
  .object({
    name,
    type: z.literal('pairwise'),
    ...comparisonFields,
    /** Ask for the strength of a preference (1–3): required on the overall A/B choice, optional per dimension. */
    strength: z.boolean().default(false),
    /** Whether "tie" may be chosen. */
    allowTies: z.boolean().default(true),
  })
  .superRefine((field, ctx) => uniqueDimensions(field.dimensions, field.rubric, ctx));

/**
 * An ordering of the N responses of an item (1 = best), overall and per named dimension, with
 * ties when the config allows them, and a justification.
 */
export const rankingFieldSchema = z
  .object({
    name,
    type: z.literal('ranking'),
    ...comparisonFields,
    /** Whether two responses may share a rank. */
    allowTies: z.boolean().default(false),
  })
  .superRefine((field, ctx) => uniqueDimensions(field.dimensions, field.rubric, ctx));

/** Step labels of process supervision of reasoning (default of a steps field). */
export const REASONING_STEP_LABELS: readonly LabelDefinition[] = [
  {
    value: 'correct-necessary',
    definition: 'The step is correct and moves the solution forward.',
  },
  {
    value: 'correct-redundant',
    definition: 'The step is correct but adds nothing the solution needs (repeats, detours).',
  },
  {
    value: 'incorrect',
    definition: 'The step contains an error: wrong fact, calculation or inference.',
    rules: ['A step that builds on an earlier error without adding its own is still incorrect.'],
  },
  {
    value: 'incomplete',
    definition: 'The step is on the right track but leaves out something it needs.',
  },
] as const;

/** Step labels of agent-trajectory review: one per tool call and its observation. */
export const TRAJECTORY_STEP_LABELS: readonly LabelDefinition[] = [
  { value: 'right-tool', definition: 'The right tool, called with the right parameters.' },
  { value: 'wrong-tool', definition: 'A tool that cannot serve this step of the plan.' },
  {
    value: 'wrong-parameters',
    definition: 'The right tool, with missing, wrong or made-up parameters.',
  },
  {
    value: 'misread-output',
    definition: 'The agent misinterprets what the tool returned.',
  },
  {
    value: 'good-recovery',
    definition: 'After an error or a failed call, the agent notices and corrects course.',
  },
  {
    value: 'bad-recovery',
    definition: 'After an error or a failed call, the agent ignores it, loops or gives up.',
  },
];

/** The step labels that mark an error, for `errorLabels` of the two default taxonomies. */
export const REASONING_ERROR_LABELS: readonly string[] = ['incorrect', 'incomplete'];
export const TRAJECTORY_ERROR_LABELS: readonly string[] = [
  'wrong-tool',
  'wrong-parameters',
  'misread-output',
  'bad-recovery',
];

function copyLabels(labels: readonly LabelDefinition[]): LabelDefinition[] {
  return labels.map((l) => ({ ...l, ...(l.rules ? { rules: [...l.rules] } : {}) }));
}

/** Labels of the final answer (default of a steps field). */
export const FINAL_ANSWER_LABELS: readonly LabelDefinition[] = [
  { value: 'correct', definition: 'The final answer is right.' },
  { value: 'incorrect', definition: 'The final answer is wrong or missing.' },
];

/**
 * A label per step of a solution (reasoning steps of a chain of thought, or the tool calls of an
 * agent trajectory), the index of the first error, and a label of the final answer.
 */
export const stepsFieldSchema = z
  .object({
    name,
    type: z.literal('steps'),
    title: z.string().max(200).optional(),
    /** The taxonomy of step labels; default: the reasoning labels ({@link REASONING_STEP_LABELS}). */
    labels: labelsSchema.default(() => copyLabels(REASONING_STEP_LABELS)),
    /** Labels of the final answer; default {@link FINAL_ANSWER_LABELS}. */
    finalLabels: labelsSchema.default(() => copyLabels(FINAL_ANSWER_LABELS)),
    /**
     * Which step labels are errors. When given, the first error an annotator marks must carry one
     * of them and no earlier step may; without it, the first error is only checked to be a step.
     */
    errorLabels: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
    /** Ask for the index of the first erroneous step (`firstError`, null when none). */
    firstError: z.boolean().default(true),
    required: z.boolean().default(true),
  })
  .superRefine((field, ctx) => {
    const values = new Set(field.labels.map((l) => l.value));
    field.errorLabels?.forEach((label, i) => {
      if (!values.has(label))
        ctx.addIssue({
          code: 'custom',
          path: ['errorLabels', i],
          message: `"${label}" is not one of the step labels (${[...values].join(', ')})`,
        });
    });
  });

/** The LLM feedback field types, discriminated on `type`. */
export const llmFieldSchema = z.discriminatedUnion('type', [
  pairwiseFieldSchema,
  rankingFieldSchema,
  stepsFieldSchema,
]);
export type LlmField = z.infer<typeof llmFieldSchema>;
export type PairwiseField = z.infer<typeof pairwiseFieldSchema>;
export type RankingField = z.infer<typeof rankingFieldSchema>;
export type StepsField = z.infer<typeof stepsFieldSchema>;

/** The value of one dimension of a pairwise field. */
export interface PairwiseDimensionValue {
  readonly choice: PairwiseChoice;
  readonly strength?: 1 | 2 | 3;
}

/** The value of a pairwise field: `{ choice, strength?, dimensions?, justification? }`. */
export interface PairwiseValue extends PairwiseDimensionValue {
  readonly dimensions?: Readonly<Record<string, PairwiseDimensionValue>>;
  readonly justification?: string;
}

/** The value of a ranking field: the rank of each response (1 = best, equal ranks tie). */
export interface RankingValue {
  readonly ranks: readonly number[];
  readonly dimensions?: Readonly<Record<string, { readonly ranks: readonly number[] }>>;
  readonly justification?: string;
}

/** The value of a steps field: a label per step, the first erroneous step, the final answer's label. */
export interface StepsValue {
  readonly steps: readonly string[];
  readonly firstError?: number | null;
  readonly final: string;
}
