import { z } from 'zod';
import { fieldName as name, labelsSchema } from './field-base.js';
import { pairwiseFieldSchema, rankingFieldSchema, stepsFieldSchema } from './llm-fields.js';
import { deidConfigSchema } from '../deid/config.js';
import { spansFieldSchema } from './spans-field.js';

export { deidConfigSchema, PHI_CATEGORIES, type DeidConfig } from '../deid/config.js';

export { labelSchema, type LabelDefinition } from './field-base.js';

/*
 * What an annotator fills in per item (the config's fields), and the project's quality policy.
 * One schema serves the server (validation of requests), the CLI and the web app (forms).
 */

/** A user's credential, e.g. `clinical` or `legal`: lower case, digits, - and _. */
export const credentialSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be lower case letters, digits, - or _ (at most 40)');

export const choiceFieldSchema = z.object({
  name,
  type: z.literal('choice'),
  title: z.string().max(200).optional(),
  labels: labelsSchema,
  /** Several labels at once (multi-label) instead of exactly one. */
  multiple: z.boolean().default(false),
  required: z.boolean().default(true),
});

export const ratingFieldSchema = z
  .object({
    name,
    type: z.literal('rating'),
    title: z.string().max(200).optional(),
    /** An integer scale from `min` to `max`, e.g. a 1–5 Likert scale. */
    min: z.number().int().min(-100).max(100).default(1),
    max: z.number().int().min(-100).max(100).default(5),
    /** Names of the scale points, e.g. {"1": "very poor", "5": "excellent"}. */
    anchors: z.record(z.string(), z.string().max(200)).optional(),
    /** Named dimensions rated separately on the same scale, e.g. ["fluency", "accuracy"]. */
    dimensions: z.array(name).max(20).optional(),
    required: z.boolean().default(true),
  })
  .refine((f) => f.max > f.min, { message: 'max must be greater than min', path: ['max'] });

export const textFieldSchema = z
  .object({
    name,
    type: z.literal('text'),
    title: z.string().max(200).optional(),
    minLength: z.number().int().min(0).max(100_000).default(0),
    maxLength: z.number().int().min(1).max(100_000).default(10_000),
    required: z.boolean().default(false),
  })
  .refine((f) => f.maxLength >= f.minLength, {
    message: 'maxLength must be at least minLength',
    path: ['maxLength'],
  });

export const fieldSchema = z.discriminatedUnion('type', [
  choiceFieldSchema,
  ratingFieldSchema,
  textFieldSchema,
  pairwiseFieldSchema,
  rankingFieldSchema,
  stepsFieldSchema,
  spansFieldSchema,
]);
export type FieldConfig = z.infer<typeof fieldSchema>;
export type ChoiceField = z.infer<typeof choiceFieldSchema>;
export type RatingField = z.infer<typeof ratingFieldSchema>;
export type TextField = z.infer<typeof textFieldSchema>;

export const projectConfigSchema = z
  .object({
    fields: z.array(fieldSchema).min(1, 'needs at least one field').max(50),
    /** Which keys of an item's `data` to show, in order; default: all of them. */
    display: z.array(z.string().max(100)).max(50).optional(),
    /**
     * A project holding protected data: what it imports is de-identified first (originals go
     * to the encrypted vault) and annotators see surrogates only.
     */
    phi: deidConfigSchema.optional(),
    /** Credentials an annotator must hold (all of them) to be assigned items, e.g. ["clinical"]. */
    credentials: z.array(credentialSchema).max(20).optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.fields.forEach((field, i) => {
      if (seen.has(field.name))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'name'],
          message: `duplicate field name "${field.name}"`,
        });
      seen.add(field.name);
    });
  });
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** How quality is run: redundancy, hidden gold, qualification, thresholds, review, consensus. */
export const qualityPolicySchema = z.object({
  /** Distinct annotators per production item (k). */
  overlap: z.number().int().min(1).max(50).default(1),
  /** Share of served items that are hidden gold (0–0.5; 5–15 % is common). */
  goldRate: z.number().min(0).max(0.5).default(0),
  /** Share of gold an annotator must get right on the qualification set before production. */
  qualificationPassMark: z.number().min(0).max(1).default(0.8),
  /** Minimum Krippendorff α before results are called reliable (0.8 is the usual bar). */
  agreementThreshold: z.number().min(-1).max(1).default(0.8),
  /** Items whose consensus confidence is below this go to adjudication. */
  adjudicationThreshold: z.number().min(0).max(1).default(0.5),
  /** Share of submitted annotations sampled for QA review. */
  reviewRate: z.number().min(0).max(1).default(0),
  aggregation: z.enum(['majority', 'dawid-skene']).default('majority'),
  /** How long a leased item stays reserved for its annotator. */
  leaseMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * Minutes without any sign of activity (the workspace's heartbeat, or a request) after which
   * an annotator's production leases may be re-routed to someone who would otherwise have
   * nothing to do. Their late answer is still kept, flagged, and excluded from the overlap.
   */
  idleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** Cost of one hour of active annotation time, for cost per accepted label. */
  hourlyRate: z.number().min(0).max(10_000).default(0),
});
export type QualityPolicy = z.infer<typeof qualityPolicySchema>;

/** The default policy (every field at its default). */
export const DEFAULT_POLICY: QualityPolicy = qualityPolicySchema.parse({});
