import { z } from 'zod';

/*
 * How a project marked `phi` de-identifies what it imports (issue 6). The project config's
 * `phi` section; its presence makes the project a PHI project. Kept free of the detectors and
 * their dictionaries so the web app can validate a config without loading them.
 */

/** Every category the detectors report (HIPAA Safe Harbor, in presidio-research's names). */
export const PHI_CATEGORIES = [
  'PERSON',
  'LOCATION',
  'STREET_ADDRESS',
  'ZIP_CODE',
  'ORGANIZATION',
  'DATE_TIME',
  'AGE',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'URL',
  'DOMAIN_NAME',
  'IP_ADDRESS',
  'US_SSN',
  'CREDIT_CARD',
  'IBAN_CODE',
  'MEDICAL_RECORD_NUMBER',
  'ACCOUNT_NUMBER',
  'HEALTH_PLAN_NUMBER',
  'LICENSE_NUMBER',
  'US_DRIVER_LICENSE',
  'VEHICLE_ID',
  'DEVICE_ID',
  'ID_NUMBER',
] as const;
export type PhiCategory = (typeof PHI_CATEGORIES)[number];

const category = z.enum(PHI_CATEGORIES);

const UNBOUNDED_BRACES = /^\{\d*,\}/;
const ANY_BRACES = /^\{\d*(?:,\d*)?\}/;

/**
 * Whether a pattern repeats a group that itself repeats without bound — "(a+)+", "(\\d+\\s?)*",
 * "(x*){2,}" — the shape of catastrophic backtracking: one crafted line of text would then keep
 * the server's only thread busy for minutes. (Overlapping alternatives under a repeat, "(a|a)*",
 * are another such shape this does not catch.)
 */
export function repeatsUnboundedGroup(pattern: string): boolean {
  const open: boolean[] = []; // per open group: whether it holds an unbounded repeat
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push(false);
    else if (c === ')') {
      const inner = open.pop() ?? false;
      const rest = pattern.slice(i + 1);
      const repeated = rest[0] === '*' || rest[0] === '+' || ANY_BRACES.test(rest);
      if (inner && repeated) return true;
      const unbounded = rest[0] === '*' || rest[0] === '+' || UNBOUNDED_BRACES.test(rest);
      if (open.length > 0 && (inner || unbounded)) open[open.length - 1] = true;
    } else if (
      (c === '*' || c === '+' || (c === '{' && UNBOUNDED_BRACES.test(pattern.slice(i)))) &&
      open.length > 0
    )
      open[open.length - 1] = true;
  }
  return false;
}

export const customPatternSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    category,
    /** A JavaScript regular expression (without slashes); the whole match is the identifier. */
    pattern: z.string().min(1).max(1000),
    /** Regular-expression flags other than g/y (added), e.g. "i". */
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'flags may only be i, m, s and u')
      .default(''),
  })
  .superRefine((p, ctx) => {
    if (repeatsUnboundedGroup(p.pattern))
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message:
          'repeats a group that repeats without bound (like "(a+)+"), which can take the server minutes on one line of text; repeat the inner part once, e.g. "(a+)+" as "a+"',
      });
    try {
      new RegExp(p.pattern, p.flags);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });
export type CustomPattern = z.infer<typeof customPatternSchema>;

export const deidConfigSchema = z.object({
  /** `surrogate`: realistic, consistent replacements; `redact`: `[PERSON]`-style placeholders. */
  mode: z.enum(['surrogate', 'redact']).default('surrogate'),
  /** Categories to remove (default: all of them). */
  categories: z.array(category).min(1).optional(),
  /** Which item `data` keys hold free text to de-identify (default: every string value). */
  fields: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Keep the year of dates (HIPAA Safe Harbor allows it); dates still shift by the offset. */
  keepYear: z.boolean().default(false),
  /** Shift dates by a per-patient offset of up to this many days (never 0). */
  maxDateShiftDays: z.number().int().min(1).max(3650).default(365),
  /** Item `meta` key that identifies the patient (one date offset per patient). */
  patientKey: z.string().min(1).max(100).default('patient_id'),
  /**
   * Item `meta` keys whose values are known identifiers of that record (e.g. the patient's
   * name, MRN, date of birth), found wherever they occur in its text, then removed from meta.
   */
  knownIdentifiers: z
    .array(z.object({ key: z.string().min(1).max(100), category }))
    .max(50)
    .default([]),
  /** Extra patterns, e.g. a hospital's own record-number format. */
  patterns: z.array(customPatternSchema).max(100).default([]),
  /** Words never treated as identifiers (case-insensitive), e.g. a drug named like a person. */
  allow: z.array(z.string().trim().min(1).max(200)).max(10_000).default([]),
  /** Words always treated as identifiers of the given category, e.g. local place names. */
  deny: z
    .array(z.object({ text: z.string().trim().min(1).max(200), category }))
    .max(10_000)
    .default([]),
  /**
   * Days the vault keeps an original after its import; older ones are purged (audited) when the
   * server starts and then hourly. Absent: kept until a manager purges the vault.
   */
  retentionDays: z.number().int().min(1).max(36_500).optional(),
});
export type DeidConfig = z.infer<typeof deidConfigSchema>;
