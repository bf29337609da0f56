import { z } from 'zod';

/* Schemas shared by every field type (kept apart so field modules import them without a cycle). */

/** A field (or dimension) name: a letter, then letters, digits and _ (at most 64). */
export const fieldName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
    'must start with a letter and use only letters, digits and _ (at most 64)',
  );

/** A label of a choice field, with what annotators need to apply it consistently. */
export const labelSchema = z.object({
  value: z.string().trim().min(1).max(100),
  title: z.string().trim().max(200).optional(),
  /** What the label means. */
  definition: z.string().max(5000).optional(),
  /** Decision rules: when to use it and when not, e.g. "sarcasm counts as negative". */
  rules: z.array(z.string().max(2000)).max(50).optional(),
});
export type LabelDefinition = z.infer<typeof labelSchema>;

/** Labels may be given as plain strings (`["positive", "negative"]`) or as objects. */
export const labelsSchema = z
  .array(
    z.union([
      z
        .string()
        .trim()
        .min(1)
        .max(100)
        .transform((value) => ({ value })),
      labelSchema,
    ]),
  )
  .min(2, 'needs at least two labels')
  .max(500)
  .superRefine((labels, ctx) => {
    const seen = new Set<string>();
    labels.forEach((label, i) => {
      if (seen.has(label.value))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'value'],
          message: `duplicate label "${label.value}"`,
        });
      seen.add(label.value);
    });
  });
